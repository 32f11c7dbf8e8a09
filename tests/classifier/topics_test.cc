// Service topics and city profiles: the shipped rules on resident-written examples, a profile
// that moves a topic without touching rules, urgent complaints that never wait in triage, and
// errors that name the file and line of an unknown topic.
#include "classifier/topics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

fs::path TestDir(const std::string& name) {
  const fs::path dir = fs::path(ADUAN_BINARY_DIR) / "classifier_topics_test" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// The default profile with some topics moved to other agencies.
std::string ProfileWith(const std::map<std::string, std::string>& moves, const fs::path& dir) {
  std::string text = ReadText(ShippedOptions().profile_path);
  for (const auto& [topic, agency] : moves) {
    const std::string key = "\"" + topic + "\": \"";
    const size_t at = text.find(key);
    EXPECT_NE(at, std::string::npos) << topic;
    const size_t end = text.find('"', at + key.size());
    text.replace(at + key.size(), end - at - key.size(), agency);
  }
  const fs::path path = dir / "kota.json";
  std::ofstream(path) << text;
  return path.string();
}

// Several hundred complaints written for these tests the way residents write them (informal
// spelling, typos, regional words, English, greetings, several issues at once). The floors are
// below what the shipped rules reach, so a change that loses breadth fails here.
TEST(TopicsTest, ResidentWrittenExamplesMeetTheFloors) {
  std::ifstream in(ADUAN_SOURCE_DIR "/tests/classifier/testdata/residents.jsonl");
  ASSERT_TRUE(in) << "missing testdata";
  int rows = 0, correct = 0, auto_routed = 0, auto_correct = 0, triaged = 0;
  int urgent = 0, urgent_found = 0, urgent_waiting = 0;
  std::string line;
  while (std::getline(in, line)) {
    const auto row = nlohmann::json::parse(line);
    const std::string label = row["agency"];
    const Classification c = ShippedClassifier().Classify(row["text"].get<std::string>());
    ++rows;
    if (c.agency == label) ++correct;
    if (!c.triage) {
      ++auto_routed;
      if (c.agency == label) ++auto_correct;
    } else if (label != "TRIAGE") {
      ++triaged;
    }
    if (row["urgent"].get<bool>()) {
      ++urgent;
      if (c.urgent) ++urgent_found;
    }
    if (c.urgent && c.triage) ++urgent_waiting;
  }
  ASSERT_GE(rows, 200);
  const double accuracy = double(correct) / rows;
  const double precision = double(auto_correct) / auto_routed;
  const double triage_rate = double(triaged) / rows;
  const double urgent_recall = double(urgent_found) / urgent;
  RecordProperty("accuracy", std::to_string(accuracy));
  EXPECT_GE(accuracy, 0.88);
  EXPECT_GE(precision, 0.90);
  EXPECT_LE(triage_rate, 0.10);
  EXPECT_GE(urgent_recall, 0.90);
  EXPECT_EQ(urgent_waiting, 0) << "an urgent complaint was left in triage";
}

TEST(TopicsTest, TheDecisionNamesATopicAndItsEvidence) {
  const Classification c = ShippedClassifier().Classify(
      "selamat pagi pak, pohon mahoni depan rumah rantingnya udah nyentuh kabel, mohon dipangkas. "
      "terima kasih");
  EXPECT_EQ(c.agency, "DLH");
  EXPECT_EQ(c.topic, "pemangkasan_pohon");
  bool explained = false;
  for (const auto& m : c.matched) explained |= m.topic == "pemangkasan_pohon" && m.weight > 0;
  EXPECT_TRUE(explained);

  const Classification mbr =
      ShippedClassifier().Classify("min cara cek status dtks gimana, kami keluarga miskin");
  EXPECT_EQ(mbr.agency, "DINSOS");
  EXPECT_EQ(mbr.topic, "status_mbr");
}

// Complaints labelled with the narrow topic a clerk would file them under (written before the
// catch-all rule, so the figure is not fitted): the topic is what an agency's queue and Open311
// service codes group by, so "jalan berlubang" filed as "other PU matters" is a miss even when
// the agency is right.
TEST(TopicsTest, LabelledComplaintsGetTheirNarrowTopic) {
  std::ifstream in(ADUAN_SOURCE_DIR "/tests/classifier/testdata/topics.jsonl");
  ASSERT_TRUE(in) << "missing testdata";
  int rows = 0, topic_right = 0, agency_right = 0;
  std::string line, misses;
  while (std::getline(in, line)) {
    const auto row = nlohmann::json::parse(line);
    const Classification c = ShippedClassifier().Classify(row["text"].get<std::string>());
    ++rows;
    if (c.agency == row["agency"]) ++agency_right;
    if (c.topic == row["topic"]) {
      ++topic_right;
    } else {
      misses += "\n  " + row["topic"].get<std::string>() + " <- " + c.topic + " " +
                row["text"].get<std::string>();
    }
  }
  ASSERT_GE(rows, 80);
  // 0.80 before the catch-all rule; 0.99 (98 of 99) after round 13 named alleys, river banks and
  // job training.
  EXPECT_GE(double(topic_right) / rows, 0.96) << misses;
  EXPECT_GE(double(agency_right) / rows, 0.95);
}

// An agency's catch-all topic collects its general words ("jalan", "rusak", "PLN"), so it used
// to outscore the narrow topic the resident named. It now takes only what no narrower topic of
// the same agency has evidence for, and the agency decision does not change.
TEST(TopicsTest, ACatchAllTopicGivesWayToANarrowerOneOfTheSameAgency) {
  const Classification hole = ShippedClassifier().Classify(
      "jalan berlubang di depan SDN 3 sudah 2 bulan, motor sering jatuh");
  EXPECT_EQ(hole.agency, "PUPR");
  EXPECT_EQ(hole.topic, "jalan_berlubang");
  const Classification token =
      ShippedClassifier().Classify("sudah beli token 100rb tapi kodenya ditolak terus di meteran");
  EXPECT_EQ(token.agency, "PLN");
  EXPECT_EQ(token.topic, "token_tagihan_listrik");
  // Nothing narrower fits: the catch-all still takes it.
  const Classification general = ShippedClassifier().Classify(
      "pak, kantor dinas PU itu kalau mau audiensi soal anggaran kelurahan harus lewat siapa ya");
  EXPECT_EQ(general.agency, "PUPR");
  EXPECT_EQ(general.topic, "pekerjaan_umum_lainnya");
  TopicCatalogue catalogue;
  std::string error;
  ASSERT_TRUE(LoadTopicCatalogue(ShippedOptions().topics_path, &catalogue, &error)) << error;
  ASSERT_NE(catalogue.Find("pekerjaan_umum_lainnya"), nullptr);
  EXPECT_TRUE(catalogue.Find("pekerjaan_umum_lainnya")->catch_all);
  EXPECT_FALSE(catalogue.Find("jalan_berlubang")->catch_all);
}

TEST(TopicsTest, ACityProfileMovesATopicWithoutTouchingRules) {
  const std::string text = "ada pohon tumbang nutup jalan di jl. kartini, ga ada korban";
  EXPECT_EQ(ShippedClassifier().Classify(text).agency, "DLH");
  ClassifierOptions options = ShippedOptions();
  options.profile_path = ProfileWith({{"pohon_tumbang", "PERKIM"}}, TestDir("move"));
  std::string error;
  auto city = LoadKeywordClassifier(options, &error);
  ASSERT_NE(city, nullptr) << error;
  const Classification c = city->Classify(text);
  EXPECT_EQ(c.agency, "PERKIM");
  EXPECT_EQ(c.topic, "pohon_tumbang");
}

TEST(TopicsTest, UrgentNeverWaitsInTriage) {
  // Flood and a trapped elder: the disaster and the rescue services both fit; it goes to one of
  // them at once, with the other as a candidate.
  const Classification c =
      ShippedClassifier().Classify("banjir setinggi 1 meter, ada lansia terjebak");
  EXPECT_TRUE(c.urgent);
  EXPECT_FALSE(c.triage);
  EXPECT_THAT(c.agency, ::testing::AnyOf("BPBD", "DAMKAR"));

  // Danger with nothing that names a service goes to the profile's urgent_default.
  const Classification bare = ShippedClassifier().Classify("tolong darurat!! cepetan!!");
  EXPECT_TRUE(bare.urgent);
  EXPECT_FALSE(bare.triage);
  EXPECT_TRUE(bare.urgent_override);
  EXPECT_EQ(bare.agency, "DAMKAR");
}

TEST(TopicsTest, TriageCarriesTheLeadingCandidates) {
  // The market and the school weigh the same: a person decides, and sees both.
  const Classification c = ShippedClassifier().Classify("pasar dan sekolah");
  EXPECT_TRUE(c.triage);
  EXPECT_EQ(c.agency, "TRIAGE");
  ASSERT_GE(c.candidates.size(), 2u);
  std::set<std::string> agencies;
  for (const auto& k : c.candidates) agencies.insert(k.agency);
  EXPECT_TRUE(agencies.contains("DISPERINDAG"));
  EXPECT_TRUE(agencies.contains("DISDIK"));
  for (size_t i = 1; i < c.candidates.size(); ++i) {
    EXPECT_GE(c.candidates[i - 1].score, c.candidates[i].score);
  }
}

TEST(TopicsTest, UnknownTopicInAProfileNamesFileAndLine) {
  const fs::path dir = TestDir("bad_profile");
  std::string text = ReadText(ShippedOptions().profile_path);
  const size_t at = text.find("\"pohon_tumbang\"");
  ASSERT_NE(at, std::string::npos);
  text.replace(at, 15, "\"pohon_tumbangg\"");
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + at, '\n'));
  std::ofstream(dir / "kota.json") << text;
  ClassifierOptions options = ShippedOptions();
  options.profile_path = (dir / "kota.json").string();
  std::string error;
  EXPECT_EQ(LoadKeywordClassifier(options, &error), nullptr);
  EXPECT_THAT(error, HasSubstr("kota.json:" + std::to_string(line) + ": unknown topic"));
  EXPECT_THAT(error, HasSubstr("pohon_tumbangg"));
}

TEST(TopicsTest, AProfileMustMapEveryTopicToAKnownAgency) {
  const fs::path dir = TestDir("bad_agency");
  ClassifierOptions options = ShippedOptions();
  options.profile_path = ProfileWith({{"banjir", "DINAS_HUJAN"}}, dir);
  std::string error;
  EXPECT_EQ(LoadKeywordClassifier(options, &error), nullptr);
  EXPECT_THAT(error, HasSubstr("kota.json:"));
  EXPECT_THAT(error, HasSubstr("unknown agency 'DINAS_HUJAN'"));

  std::ofstream(dir / "few.json") << R"({"topics": {"banjir": "BPBD"}})";
  options.profile_path = (dir / "few.json").string();
  EXPECT_EQ(LoadKeywordClassifier(options, &error), nullptr);
  EXPECT_THAT(error, HasSubstr("has no agency"));
}

TEST(TopicsTest, UnknownTopicInARuleFileNamesFileAndLine) {
  const fs::path dir = TestDir("bad_rules");
  fs::copy(ShippedOptions().rules_path, dir, fs::copy_options::recursive);
  std::ofstream(dir / "90-kota.rules") << "# kota\n\n[topic jalan_bolong_sekali]\n3 jalan\n";
  ClassifierOptions options = ShippedOptions();
  options.rules_path = dir.string();
  std::string error;
  EXPECT_EQ(LoadKeywordClassifier(options, &error), nullptr);
  EXPECT_THAT(error, HasSubstr("90-kota.rules:3: unknown topic 'jalan_bolong_sekali'"));
}

TEST(TopicsTest, TheCatalogueIsOpen311Shaped) {
  TopicCatalogue catalogue;
  std::string error;
  ASSERT_TRUE(LoadTopicCatalogue(ShippedOptions().topics_path, &catalogue, &error)) << error;
  EXPECT_GE(catalogue.topics.size(), 80u);
  EXPECT_LE(catalogue.topics.size(), 150u);
  for (const auto& t : catalogue.topics) {
    EXPECT_FALSE(t.name.empty()) << t.code;
    EXPECT_FALSE(t.group.empty()) << t.code;
    EXPECT_FALSE(t.description.empty()) << t.code;
  }
  ASSERT_NE(catalogue.Find("pkl_trotoar"), nullptr);
  EXPECT_FALSE(catalogue.Find("pkl_trotoar")->keywords.empty());

  const fs::path dir = TestDir("bad_catalogue");
  std::ofstream(dir / "topics.json") << "[\n  {\"code\": \"a\", \"name\": \"A\", \"group\": \"g\", "
                                        "\"description\": \"d\"},\n  {\"code\": \"Bad Code\"}\n]\n";
  TopicCatalogue bad;
  EXPECT_FALSE(LoadTopicCatalogue((dir / "topics.json").string(), &bad, &error));
  EXPECT_THAT(error, HasSubstr("topics.json:3: topic 2"));

  std::ofstream(dir / "flag.json") << "[\n  {\"code\": \"a\", \"name\": \"A\", \"group\": \"g\", "
                                      "\"description\": \"d\", \"catch_all\": \"yes\"}\n]\n";
  EXPECT_FALSE(LoadTopicCatalogue((dir / "flag.json").string(), &bad, &error));
  EXPECT_THAT(error, HasSubstr("flag.json:2: topic 1: 'catch_all' must be true or false"));
}

}  // namespace
}  // namespace aduan::classifier
