// Conduct cues mined from labelled complaints: the history's conduct labels, mining by type and
// by urgency, and the tier that adds what the cues find to the written rules' reading.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "classifier/history.h"
#include "classifier/rule_mining.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

namespace fs = std::filesystem;
using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

fs::path ConductDir(const std::string& name) {
  const fs::path dir =
      fs::path(ADUAN_BINARY_DIR) / ("classifier_conduct_test." + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

bool HasType(const Classification& c, const std::string& type) {
  return std::find(c.maladministration.begin(), c.maladministration.end(), type) !=
         c.maladministration.end();
}

TEST(ConductHistoryTest, ReadsTypesAndUrgencyAndNamesBadLines) {
  const fs::path file = ConductDir("history") / "history.jsonl";
  std::ofstream(file)
      << R"({"text": "diminta uang rokok di loket", "agency": "DISDUKCAPIL", "maladministration": ["PERMINTAAN_IMBALAN"], "urgent": false})"
      << "\n"
      << R"({"text": "kebakaran rumah warga", "agency": "DAMKAR", "urgent": true})"
      << "\n"
      << R"({"text": "jalan rusak", "agency": "PUPR"})"
      << "\n"
      << R"({"text": "dicuekin petugas", "agency": "RSUD", "maladministration": ["CUEK"]})"
      << "\n"
      << R"({"text": "banjir", "agency": "BPBD", "urgent": "ya"})"
      << "\n";
  std::vector<HistoryRow> rows;
  std::vector<std::string> problems;
  std::string error;
  ASSERT_TRUE(ReadHistory(file.string(), {"DISDUKCAPIL", "DAMKAR", "PUPR", "RSUD", "BPBD"}, {},
                          &rows, &problems, &error))
      << error;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_TRUE(rows[0].has_conduct);
  EXPECT_THAT(rows[0].maladministration, ElementsAre("PERMINTAAN_IMBALAN"));
  EXPECT_TRUE(rows[1].has_conduct);
  EXPECT_TRUE(rows[1].urgent);
  EXPECT_FALSE(rows[2].has_conduct);  // an agency-only export says nothing about conduct
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_THAT(problems[0], HasSubstr(":4: unknown maladministration code \"CUEK\""));
  EXPECT_THAT(problems[1], HasSubstr(":5: \"urgent\" must be true or false"));
}

// Rows with conduct labels, and agency-only rows (has_conduct false) that must not count as
// "no maladministration, not urgent".
std::vector<HistoryRow> ConductRows() {
  std::vector<HistoryRow> rows;
  auto add = [&](std::string text, std::vector<std::string> types, bool urgent, bool labelled) {
    HistoryRow r;
    r.text = std::move(text);
    r.agency = "BPBD";
    r.has_conduct = labelled;
    r.maladministration = std::move(types);
    r.urgent = urgent;
    rows.push_back(std::move(r));
  };
  for (int i = 0; i < 5; ++i) {
    const std::string n = " " + std::to_string(i);
    add("petugas posko minta rokok buat bantuan" + n, {"PERMINTAAN_IMBALAN"}, false, true);
    add("warga belum dievakuasi, terjebak di dalam" + n, {}, true, true);
    add("warga sudah dievakuasi kemarin, posko di dalam masjid" + n, {}, false, true);
    // Were these counted as "not urgent", the urgent cue would look common everywhere.
    add("warga belum dievakuasi" + n, {}, false, false);
    add("warga belum dievakuasi lagi" + n, {}, false, false);
  }
  return rows;
}

// The phrases mined from ConductRows() for `label`, with the rules' negators when given.
std::vector<MinedPhrase> Mine(MiningLabel label, std::vector<std::string> negators = {}) {
  Lexicon lexicon;
  Stemmer stemmer;
  MiningOptions options;
  options.min_share = 0.8;
  options.label = label;
  options.negation_window = negators.empty() ? 0 : 2;
  options.negators = std::move(negators);
  return MinePhrases(ConductRows(), lexicon, stemmer, options);
}

std::vector<std::string> PhrasesOf(const std::vector<MinedPhrase>& mined) {
  std::vector<std::string> out;
  for (const auto& m : mined) out.push_back(m.phrase);
  return out;
}

TEST(ConductMiningTest, MinesTypesFromLabelledRowsWithoutCountingAWordTwice) {
  const auto types = Mine(MiningLabel::kMaladministration);
  for (const auto& m : types) EXPECT_EQ(m.label, "PERMINTAAN_IMBALAN");
  const std::vector<std::string> money = PhrasesOf(types);
  EXPECT_THAT(money, Contains("rokok"));
  // "minta rokok" would count "rokok" a second time beside the word itself.
  for (const auto& phrase : money) {
    if (phrase != "rokok") {
      EXPECT_THAT(phrase, Not(HasSubstr("rokok"))) << phrase;
    }
  }
  EXPECT_THAT(FormatRuleFile(types, MiningLabel::kMaladministration, "h.jsonl", 25),
              HasSubstr("[maladministration PERMINTAAN_IMBALAN]\n"));
}

// The lexicon is not idempotent ("ak" -> "aku", "aku" -> "saya"): a phrase counted as "aku" (an
// "AK1" job card) would read "saya" once written as a rule and vote for every message with "saya".
TEST(AgencyMiningTest, SuggestsOnlyPhrasesThatReadBackAsCounted) {
  Lexicon lexicon;
  lexicon.Add("ak", {"aku"});
  lexicon.Add("aku", {"saya"});
  Stemmer stemmer;
  std::vector<HistoryRow> rows;
  for (int i = 0; i < 6; ++i) {
    HistoryRow job;
    job.text = "kartu ak belum jadi pesangon " + std::to_string(i);
    job.agency = "DISNAKER";
    rows.push_back(job);
    HistoryRow road;
    road.text = "jalan rusak berlubang " + std::to_string(i);
    road.agency = "PUPR";
    rows.push_back(road);
  }
  MiningOptions options;
  options.min_share = 0.8;
  const std::vector<std::string> phrases = PhrasesOf(MinePhrases(rows, lexicon, stemmer, options));
  EXPECT_THAT(phrases, Contains("pesangon"));
  EXPECT_THAT(phrases, Contains("jalan"));
  for (const auto& phrase : phrases) EXPECT_THAT(phrase, Not(HasSubstr("aku"))) << phrase;
}

TEST(ConductMiningTest, MinesUrgencyWithSmallWordsButNotWithLinkers) {
  const auto urgent = Mine(MiningLabel::kUrgent);
  const std::vector<std::string> cues = PhrasesOf(urgent);
  // "belum" is a word agency mining skips; with "dievakuasi" (said of urgent and calm rows alike)
  // it is the cue. The agency-only rows saying the same are not counted against it.
  bool not_yet_evacuated = false;
  for (const auto& phrase : cues) not_yet_evacuated |= phrase.starts_with("belum ");
  EXPECT_TRUE(not_yet_evacuated) << ::testing::PrintToString(cues);
  EXPECT_THAT(cues, Not(Contains("di dalam")));  // two linkers: the scene, not the danger
  EXPECT_THAT(FormatRuleFile(urgent, MiningLabel::kUrgent, "h.jsonl", 25),
              HasSubstr("\n[urgent]\n"));
}

TEST(ConductMiningTest, AWordTheRulesReadAsNegatedIsNoCueAlone) {
  // Without negators "terjebak" (only in urgent rows) is a cue; after "belum" the classifier
  // would ignore it, so mining with the rules' negators does not count it there. The urgent
  // rows say "belum dievakuasi, terjebak": two words on from "belum", within the window.
  const std::vector<std::string> plain = PhrasesOf(Mine(MiningLabel::kUrgent));
  EXPECT_THAT(plain, Contains(HasSubstr("jebak")));
  const std::vector<std::string> negated = PhrasesOf(Mine(MiningLabel::kUrgent, {"belum"}));
  EXPECT_THAT(negated, Not(Contains(HasSubstr("jebak"))));
  for (const auto& phrase : negated) {
    EXPECT_FALSE(phrase.starts_with("evakuasi") || phrase.starts_with("dievakuasi")) << phrase;
  }
  bool not_yet_evacuated = false;
  for (const auto& phrase : negated) not_yet_evacuated |= phrase.starts_with("belum ");
  EXPECT_TRUE(not_yet_evacuated) << ::testing::PrintToString(negated);
}

// The shipped lexicon, roots and topics with `written` as the only rule file and `conduct` (with
// its own thresholds) as the conduct tier; no fallback.
std::unique_ptr<Classifier> WithConduct(const std::string& name, const std::string& written,
                                        const std::string& conduct, std::string* error) {
  const fs::path dir = ConductDir(name);
  fs::create_directories(dir / "rules");
  fs::create_directories(dir / "conduct");
  std::ofstream(dir / "rules" / "10-written.rules") << written;
  std::ofstream(dir / "conduct" / "00-settings.rules")
      << "[settings]\nmaladministration_threshold 6\nurgent_threshold 6\n";
  std::ofstream(dir / "conduct" / "mined-conduct.rules") << conduct;
  ClassifierOptions options = ShippedOptions();
  options.rules_path = (dir / "rules").string();
  options.fallback_rules_path.clear();
  options.conduct_rules_path = (dir / "conduct").string();
  return LoadKeywordClassifier(options, error);
}

constexpr const char* kWritten =
    "[settings]\n"
    "maladministration_threshold 2\n"
    "urgent_threshold 2\n"
    "[agency PUPR]\n"
    "4 jalan rusak\n"
    "[agency DAMKAR]\n"
    "1 api\n"
    "[agency PLN]\n"
    "1 kabel\n"
    "[maladministration PERMINTAAN_IMBALAN]\n"
    "need loket\n"
    "4 pungli\n"
    "[urgent]\n"
    "4 kebakaran\n";
constexpr const char* kConduct =
    "[maladministration PERMINTAAN_IMBALAN]\n"
    "4 uang rokok\n"
    "3 amplop\n"
    "[maladministration PENUNDAAN_BERLARUT]\n"
    "4 bulan belum\n"
    "[urgent]\n"
    "4 api besar\n"
    "3 tolong cepat\n";

TEST(ConductTierTest, AddsTypesTheWrittenRulesMissedAndSaysWhy) {
  std::string error;
  auto c = WithConduct("adds", kWritten, kConduct, &error);
  ASSERT_NE(c, nullptr) << error;
  // Two cues reach the tier's threshold of 6 (one alone would not); the written section's
  // requirement ("need loket") holds for mined cues as well, and "loket" is there.
  const Classification r = c->Classify("jalan rusak, di loket mandor minta uang rokok dan amplop");
  EXPECT_EQ(r.agency, "PUPR");
  EXPECT_TRUE(HasType(r, "PERMINTAAN_IMBALAN"));
  bool explained = false;
  for (const auto& m : r.matched) {
    explained |= m.target == "PERMINTAAN_IMBALAN" && m.source.starts_with("mined-conduct.rules:");
  }
  EXPECT_TRUE(explained);
}

TEST(ConductTierTest, AWrittenRequirementHoldsForMinedCuesToo) {
  std::string error;
  auto c = WithConduct("need", kWritten, kConduct, &error);
  ASSERT_NE(c, nullptr) << error;
  // The same cues without the counter the written section needs.
  const Classification r = c->Classify("jalan rusak, mandor minta uang rokok dan amplop");
  EXPECT_FALSE(HasType(r, "PERMINTAAN_IMBALAN"));
}

TEST(ConductTierTest, OneCueAloneStaysBelowTheTiersOwnThreshold) {
  std::string error;
  auto c = WithConduct("below", kWritten, kConduct, &error);
  ASSERT_NE(c, nullptr) << error;
  // Weight 4 would pass the written threshold of 2, but the conduct tier's own is 6.
  const Classification r = c->Classify("jalan rusak sudah 3 bulan belum diperbaiki");
  EXPECT_FALSE(HasType(r, "PENUNDAAN_BERLARUT"));
  for (const auto& m : r.matched) EXPECT_THAT(m.source, Not(HasSubstr("mined-conduct")));
}

TEST(ConductTierTest, AnUrgentCueRoutesATriagedComplaintToItsLeadingCandidate) {
  std::string error;
  auto c = WithConduct("urgent", kWritten, kConduct, &error);
  ASSERT_NE(c, nullptr) << error;
  // "api" and "kabel" tie at weight 1: the written rules alone leave it in triage.
  const std::string text = "api besar dari kabel, tolong cepat";
  ClassifierOptions written_only = ShippedOptions();
  written_only.rules_path = (ConductDir("urgent-written") / "r.rules").string();
  std::ofstream(written_only.rules_path) << kWritten;
  written_only.fallback_rules_path.clear();
  written_only.conduct_rules_path.clear();
  auto alone = LoadKeywordClassifier(written_only, &error);
  ASSERT_NE(alone, nullptr) << error;
  const Classification before = alone->Classify(text);
  ASSERT_TRUE(before.triage);
  ASSERT_FALSE(before.urgent);
  ASSERT_FALSE(before.candidates.empty());

  const Classification r = c->Classify(text);
  EXPECT_TRUE(r.urgent);
  EXPECT_FALSE(r.triage);
  EXPECT_TRUE(r.urgent_override);
  EXPECT_EQ(r.agency, before.candidates.front().agency);
}

TEST(ConductTierTest, ANegatedCueDoesNotMakeItUrgent) {
  std::string error;
  auto c = WithConduct("negated", kWritten, kConduct, &error);
  ASSERT_NE(c, nullptr) << error;
  // The written rules' negators apply to the mined cues as well.
  const Classification r = c->Classify("jalan rusak, tidak api besar kok, tidak tolong cepat");
  EXPECT_FALSE(r.urgent);
}

TEST(ConductTierTest, ABrokenConductFileFailsTheLoadWithItsPlace) {
  std::string error;
  auto c = WithConduct("broken", kWritten, "[maladministration NOT_A_TYPE]\n4 uang\n", &error);
  EXPECT_EQ(c, nullptr);
  EXPECT_THAT(error, HasSubstr("mined-conduct.rules:1"));
}

}  // namespace
}  // namespace aduan::classifier
