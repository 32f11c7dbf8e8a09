// `aduan rules suggest|eval` and the topic checks of `aduan check-config`, run as an operator
// runs them: the real binary on real files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "../storage/temp_dir.h"
#include "process.h"

namespace aduan::testing {
namespace {

namespace fs = std::filesystem;

// The resident-written examples plus three bad lines (numbered rows + 1 .. rows + 3).
std::string WriteHistory(const TempDir& dir, int* rows) {
  std::ifstream in(ADUAN_SOURCE_DIR "/tests/classifier/testdata/residents.jsonl");
  std::stringstream text;
  text << in.rdbuf();
  const std::string good = text.str();
  *rows = static_cast<int>(std::count(good.begin(), good.end(), '\n'));
  const std::string path = dir.File("history.jsonl");
  std::ofstream(path) << good << "this is not json\n"
                      << R"({"text": "  ", "agency": "PUPR"})"
                      << "\n"
                      << R"({"text": "jalan rusak", "agency": "DINAS_HUJAN"})"
                      << "\n";
  return path;
}

nlohmann::json JsonLine(const std::string& output) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.starts_with("{")) return nlohmann::json::parse(line);
  }
  ADD_FAILURE() << "no JSON line in: " << output;
  return {};
}

TEST(RulesCliTest, EvalScoresTheRulesAndReportsBadLinesOneByOne) {
  TempDir dir;
  int rows = 0;
  const std::string history = WriteHistory(dir, &rows);
  std::string out;
  ASSERT_EQ(RunCommand({AduanBinary(), "rules", "eval", "--config", kConfig, "--history", history,
                        "--json"},
                       &out),
            0)
      << out;
  EXPECT_NE(out.find("history.jsonl:" + std::to_string(rows + 1) + ": not a JSON object"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("history.jsonl:" + std::to_string(rows + 2) + ": empty text"),
            std::string::npos)
      << out;
  EXPECT_NE(
      out.find("history.jsonl:" + std::to_string(rows + 3) + ": unknown agency code 'DINAS_HUJAN'"),
      std::string::npos)
      << out;
  const auto report = JsonLine(out);
  EXPECT_EQ(report["rows"], rows);
  EXPECT_EQ(report["skipped"], 3);
  EXPECT_GE(report["accuracy"].get<double>(), 0.85);
  EXPECT_LE(report["accuracy"].get<double>(), 1.0);
  EXPECT_GE(report["macro_f1"].get<double>(), 0.8);
  EXPECT_GE(report["auto_routed_precision"].get<double>(), report["accuracy"].get<double>());
  EXPECT_LE(report["triage_rate"].get<double>(), 0.1);
  ASSERT_TRUE(report["confusions"].is_array());
  if (!report["confusions"].empty()) {
    EXPECT_TRUE(report["confusions"][0].contains("label"));
    EXPECT_GE(report["confusions"][0]["count"].get<int>(), 1);
  }
}

TEST(RulesCliTest, SuggestWritesARuleFileTheGatewayAccepts) {
  TempDir dir;
  int rows = 0;
  const std::string history = WriteHistory(dir, &rows);
  fs::copy(fs::path(ADUAN_SOURCE_DIR) / "config", dir.path() / "config",
           fs::copy_options::recursive);
  const std::string rules = (dir.path() / "config/classifier/rules/90-kota.rules").string();
  std::string out;
  ASSERT_EQ(RunCommand({AduanBinary(), "rules", "suggest", "--config", kConfig, "--history",
                        history, "--out", rules, "--min-support", "2"},
                       &out),
            0)
      << out;
  std::ifstream in(rules);
  std::stringstream text;
  text << in.rdbuf();
  // A pure label: every complaint with "pdam" in the examples is the water company's.
  EXPECT_NE(text.str().find("[agency PDAM]"), std::string::npos) << text.str();
  EXPECT_NE(text.str().find(" pdam  # "), std::string::npos) << text.str();
  EXPECT_EQ(text.str().find("DINAS_HUJAN"), std::string::npos);
  ASSERT_EQ(RunCommand({AduanBinary(), "check-config", "--config",
                        (dir.path() / "config/aduan.json").string()},
                       &out),
            0)
      << out;

  ASSERT_EQ(RunCommand({AduanBinary(), "rules", "eval", "--config", kConfig, "--history", history,
                        "--folds", "3", "--suggest", "--json"},
                       &out),
            0)
      << out;
  const auto report = JsonLine(out);
  EXPECT_EQ(report["rows"], rows);
  EXPECT_GE(report["accuracy"].get<double>(), 0.8);
}

// Conduct cues mined from a history that labels urgency (the resident-written examples) go in
// the conduct folder, and the gateway's configuration takes them.
TEST(RulesCliTest, SuggestConductWritesUrgentCuesTheGatewayAccepts) {
  TempDir dir;
  int rows = 0;
  const std::string history = WriteHistory(dir, &rows);
  fs::copy(fs::path(ADUAN_SOURCE_DIR) / "config", dir.path() / "config",
           fs::copy_options::recursive);
  const std::string cues = (dir.path() / "config/classifier/conduct/mined-urgent.rules").string();
  std::string out;
  ASSERT_EQ(
      RunCommand({AduanBinary(), "rules", "suggest", "--config", kConfig, "--history", history,
                  "--conduct", "urgent", "--min-support", "2", "--min-share", "0.6", "--out", cues},
                 &out),
      0)
      << out;
  std::ifstream in(cues);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\n[urgent]\n"), std::string::npos) << text.str();
  EXPECT_EQ(text.str().find("[agency "), std::string::npos) << text.str();
  EXPECT_NE(text.str().find("conduct folder"), std::string::npos) << text.str();
  ASSERT_EQ(RunCommand({AduanBinary(), "check-config", "--config",
                        (dir.path() / "config/aduan.json").string()},
                       &out),
            0)
      << out;
}

TEST(RulesCliTest, ConductFlagsRefuseWhatTheyCannotMean) {
  TempDir dir;
  int rows = 0;
  const std::string history = WriteHistory(dir, &rows);
  std::string out;
  EXPECT_EQ(RunCommand({AduanBinary(), "rules", "suggest", "--config", kConfig, "--history",
                        history, "--conduct", "banjir"},
                       &out),
            2);
  EXPECT_NE(out.find("--conduct is maladministration or urgent, not 'banjir'"), std::string::npos)
      << out;
  EXPECT_EQ(RunCommand({AduanBinary(), "rules", "suggest", "--config", kConfig, "--history",
                        history, "--min-share", "1.5"},
                       &out),
            2);
  EXPECT_NE(out.find("--min-share must be a number in (0, 1]"), std::string::npos) << out;
  EXPECT_EQ(RunCommand({AduanBinary(), "rules", "eval", "--config", kConfig, "--history", history,
                        "--conduct", "urgent"},
                       &out),
            2);
  EXPECT_NE(out.find("eval scores agencies"), std::string::npos) << out;
}

// Rules mined from a history on their own (the rules folder holds only the settings) are a
// learner a city can lean on where the shipped rules are weak: scored on held-out folds of the
// project's own labelled sets, they route most complaints right. A cap of 40 phrases a label
// (the old default) starved them: fewer right, more left to triage.
TEST(RulesCliTest, MinedRulesAloneRouteMostHeldOutComplaints) {
  TempDir dir;
  fs::copy(fs::path(ADUAN_SOURCE_DIR) / "config", dir.path() / "config",
           fs::copy_options::recursive);
  for (const auto& entry : fs::directory_iterator(dir.path() / "config/classifier/rules")) {
    if (entry.path().filename() != "00-settings.rules") fs::remove(entry.path());
  }
  // Without the shipped fallback tier too: it was mined from these very sets.
  {
    const std::string path = (dir.path() / "config/aduan.json").string();
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::string config = text.str();
    const size_t at = config.find("\"fallback_rules\"");
    ASSERT_NE(at, std::string::npos);
    config.erase(at, config.find('\n', at) - at);
    std::ofstream(path, std::ios::trunc) << config;
  }
  const std::string history = dir.File("history.jsonl");
  {
    std::ofstream out(history);
    for (const char* set :
         {"heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7",
          "heldout8", "heldout9", "heldout10", "heldout11", "heldout12", "residents"}) {
      std::ifstream in(std::string(ADUAN_SOURCE_DIR) + "/tests/classifier/testdata/" + set +
                       ".jsonl");
      ASSERT_TRUE(in) << set;
      out << in.rdbuf();
    }
  }
  const std::string config = (dir.path() / "config/aduan.json").string();
  auto eval = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {AduanBinary(), "rules",     "eval",  "--config",
                                     config,        "--history", history, "--folds",
                                     "5",           "--suggest", "--json"};
    args.insert(args.end(), extra.begin(), extra.end());
    std::string out;
    EXPECT_EQ(RunCommand(args, &out), 0) << out;
    return JsonLine(out);
  };
  const auto mined = eval({});
  EXPECT_GT(mined["rows"].get<int>(), 1500);
  EXPECT_GE(mined["accuracy"].get<double>(), 0.74);
  EXPECT_GE(mined["auto_routed_precision"].get<double>(), 0.85);
  EXPECT_LE(mined["triage_rate"].get<double>(), 0.15);
  const auto capped = eval({"--max-per-label", "40"});
  EXPECT_LT(capped["accuracy"].get<double>() + 0.02, mined["accuracy"].get<double>());
  EXPECT_GT(capped["triage_rate"].get<double>(), mined["triage_rate"].get<double>());
}

// A city that splits duties otherwise: here one housing, settlements and cleanliness office
// (PERKIM) has the street lamps, traffic, parking, rubbish and parks. The shipped rules still
// find those topics; fitting the profile to the history moves them, and a suggested profile
// says so line by line.
TEST(RulesCliTest, SuggestFitsTheCityProfileToWhereItsComplaintsWent) {
  TempDir dir;
  fs::copy(fs::path(ADUAN_SOURCE_DIR) / "config", dir.path() / "config",
           fs::copy_options::recursive);
  const std::string history = dir.File("history.jsonl");
  {
    std::ofstream out(history);
    // Five sets (825 complaints) and three folds: each fold loads the whole rule set again, which
    // the sanitizer build makes slow.
    for (const char* set : {"heldout", "heldout2", "heldout3", "heldout4", "residents"}) {
      std::ifstream in(std::string(ADUAN_SOURCE_DIR) + "/tests/classifier/testdata/" + set +
                       ".jsonl");
      std::string line;
      while (std::getline(in, line)) {
        auto row = nlohmann::json::parse(line);
        if (row["agency"] == "DISHUB" || row["agency"] == "DLH") row["agency"] = "PERKIM";
        out << row.dump() << "\n";
      }
    }
  }
  const std::string config = (dir.path() / "config/aduan.json").string();
  auto eval = [&](const std::string& cfg, bool suggest) {
    std::vector<std::string> args = {AduanBinary(), "rules",     "eval",  "--config",
                                     cfg,           "--history", history, "--json"};
    if (suggest) args.insert(args.end(), {"--folds", "3", "--suggest"});
    std::string out;
    EXPECT_EQ(RunCommand(args, &out), 0) << out;
    return JsonLine(out);
  };
  const auto shipped = eval(config, false);
  const auto fitted = eval(config, true);
  EXPECT_GT(fitted["profile_changes"].get<int>(), 0);
  EXPECT_GT(fitted["accuracy"].get<double>(), shipped["accuracy"].get<double>() + 0.03);

  const std::string profile = dir.File("fitted.json");
  std::string out;
  ASSERT_EQ(RunCommand({AduanBinary(), "rules", "suggest", "--config", config, "--history", history,
                        "--out", dir.File("kota.rules"), "--profile-out", profile},
                       &out),
            0)
      << out;
  EXPECT_NE(out.find("profile: pju_mati: DISHUB -> PERKIM"), std::string::npos) << out;
  std::ifstream in(profile);
  std::stringstream text;
  text << in.rdbuf();
  EXPECT_NE(text.str().find("\"pju_mati\": \"PERKIM\",  // fitted from history:"),
            std::string::npos)
      << text.str();
  EXPECT_NE(text.str().find("\"jalan_berlubang\": \"PUPR\""), std::string::npos);
  // The fitted profile is a profile the gateway accepts, and it routes the city's way.
  fs::copy_file(profile, dir.path() / "config/city/default.json",
                fs::copy_options::overwrite_existing);
  ASSERT_EQ(RunCommand({AduanBinary(), "check-config", "--config", config}, &out), 0) << out;
  EXPECT_GT(eval(config, false)["accuracy"].get<double>(),
            shipped["accuracy"].get<double>() + 0.03);
}

TEST(RulesCliTest, RulesCommandRefusesBadUsage) {
  std::string out;
  EXPECT_EQ(RunCommand({AduanBinary(), "rules", "eval", "--config", kConfig}, &out), 2);
  EXPECT_NE(out.find("--history"), std::string::npos) << out;
  EXPECT_EQ(RunCommand({AduanBinary(), "rules", "grow", "--config", kConfig}, &out), 2);
  EXPECT_EQ(RunCommand({AduanBinary(), "rules", "eval", "--config", kConfig, "--history",
                        "/nonexistent/h.jsonl"},
                       &out),
            2);
  EXPECT_NE(out.find("cannot read"), std::string::npos) << out;
}

TEST(RulesCliTest, CheckConfigNamesAnUnknownTopicInTheCityProfile) {
  TempDir dir;
  fs::copy(fs::path(ADUAN_SOURCE_DIR) / "config", dir.path() / "config",
           fs::copy_options::recursive);
  const std::string profile = (dir.path() / "config/city/default.json").string();
  std::ifstream in(profile);
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  const size_t at = text.find("\"pkl_trotoar\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 13, "\"pkl_jalan\"");
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  std::ofstream(profile) << text;
  std::string out;
  EXPECT_EQ(RunCommand({AduanBinary(), "check-config", "--config",
                        (dir.path() / "config/aduan.json").string()},
                       &out),
            2);
  EXPECT_NE(out.find("default.json:" + std::to_string(line) + ": unknown topic 'pkl_jalan'"),
            std::string::npos)
      << out;
}

}  // namespace
}  // namespace aduan::testing
