// The fallback tier: rules read only for what the written rules leave in triage.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

// A folder of its own per test process (ctest runs each test as a process, in parallel).
fs::path FallbackDir(const std::string& name) {
  const fs::path dir = fs::path(ADUAN_BINARY_DIR) /
                       ("classifier_fallback_test." + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// A classifier on the shipped lexicon, roots and topics with `written` as its only rule file
// and `fallback` as its fallback tier.
std::unique_ptr<Classifier> Tiered(const std::string& name, const std::string& written,
                                   const std::string& fallback, std::string* error,
                                   double fallback_threshold = 0.5) {
  const fs::path dir = FallbackDir(name);
  fs::create_directories(dir / "rules");
  fs::create_directories(dir / "fallback");
  std::ofstream(dir / "rules" / "10-written.rules") << written;
  std::ofstream(dir / "fallback" / "mined.rules") << fallback;
  ClassifierOptions options = ShippedOptions();
  options.rules_path = (dir / "rules").string();
  options.fallback_rules_path = (dir / "fallback").string();
  options.conduct_rules_path.clear();  // conduct cues have tests of their own (conduct_test)
  options.fallback_threshold = fallback_threshold;
  return LoadKeywordClassifier(options, error);
}

constexpr const char* kWritten =
    "[agency PUPR]\n"
    "4 jalan rusak | jalan berlubang\n"
    "[maladministration PERMINTAAN_IMBALAN]\n"
    "4 pungli\n"
    "[urgent]\n"
    "4 kebakaran\n";
// Mined phrases that would vote against the written rules if they were read beside them.
constexpr const char* kFallback =
    "[agency DLH]\n"
    "4 sampah | tumpukan sampah | jalan rusak\n"
    "[agency DAMKAR]\n"
    "4 kebakaran\n"
    "[maladministration TIDAK_KOMPETEN]\n"
    "4 sampah\n";

TEST(FallbackTest, WhatTheWrittenRulesRouteStaysTheirs) {
  std::string error;
  auto c = Tiered("written", kWritten, kFallback, &error);
  ASSERT_NE(c, nullptr) << error;
  const Classification r = c->Classify("jalan rusak parah di depan pasar");
  EXPECT_EQ(r.agency, "PUPR");
  for (const auto& m : r.matched) EXPECT_THAT(m.source, ::testing::Not(HasSubstr("mined")));
}

TEST(FallbackTest, WhatTheyLeaveInTriageTheFallbackSettlesAndExplains) {
  std::string error;
  auto c = Tiered("settles", kWritten, kFallback, &error);
  ASSERT_NE(c, nullptr) << error;
  const Classification r = c->Classify("tumpukan sampah di ujung gang sudah seminggu");
  EXPECT_FALSE(r.triage);
  EXPECT_EQ(r.agency, "DLH");
  bool from_fallback = false;
  for (const auto& m : r.matched) from_fallback |= m.source.starts_with("mined.rules:");
  EXPECT_TRUE(from_fallback) << EvidenceOf(r);
}

TEST(FallbackTest, AFallbackDecisionBelowItsThresholdStaysInTriage) {
  const std::string text = "tumpukan sampah di ujung gang sudah seminggu";
  std::string error;
  auto strict = Tiered("strict", kWritten, kFallback, &error, 1.0);
  ASSERT_NE(strict, nullptr) << error;
  const Classification kept = strict->Classify(text);
  EXPECT_TRUE(kept.triage);
  for (const auto& m : kept.matched) EXPECT_THAT(m.source, ::testing::Not(HasSubstr("mined")));
  auto lenient = Tiered("lenient", kWritten, kFallback, &error, 0.0);
  ASSERT_NE(lenient, nullptr) << error;
  EXPECT_EQ(lenient->Classify(text).agency, "DLH");
  EXPECT_EQ(Tiered("out_of_range", kWritten, kFallback, &error, 1.5), nullptr);
  EXPECT_THAT(error, HasSubstr("fallback_threshold"));
}

TEST(FallbackTest, NothingEitherTierKnowsStaysInTriage) {
  std::string error;
  auto c = Tiered("neither", kWritten, kFallback, &error);
  ASSERT_NE(c, nullptr) << error;
  const Classification r = c->Classify("selamat pagi, terima kasih");
  EXPECT_TRUE(r.triage);
  EXPECT_EQ(r.agency, kTriage);
}

TEST(FallbackTest, MaladministrationAndUrgencyStayTheWrittenReading) {
  std::string error;
  auto c = Tiered("reading", kWritten, kFallback, &error);
  ASSERT_NE(c, nullptr) << error;
  // Routed by the fallback (sampah), yet the fallback's TIDAK_KOMPETEN is not taken and the
  // written rules' PERMINTAAN_IMBALAN is kept.
  const Classification r = c->Classify("petugas sampah minta pungli tiap bulan");
  EXPECT_EQ(r.agency, "DLH");
  EXPECT_THAT(r.maladministration, ::testing::ElementsAre("PERMINTAAN_IMBALAN"));
  EXPECT_FALSE(r.urgent);
}

TEST(FallbackTest, ABadFallbackFileNamesFileAndLine) {
  std::string error;
  auto c = Tiered("bad", kWritten, "[agency DLH]\n4 sampah\nterm ((( 0.5\n", &error);
  EXPECT_EQ(c, nullptr);
  EXPECT_THAT(error, HasSubstr("mined.rules:3"));
}

// The shipped fallback (phrases mined from the project's labelled examples) votes for the
// default profile's agencies; a city that moves a topic keeps what the written rules decide.
TEST(FallbackTest, ACityProfileStillMovesWhatTheWrittenRulesDecide) {
  const std::string text = "pohon di depan rumah sudah rimbun, mohon dipangkas sebelum musim hujan";
  EXPECT_EQ(ShippedClassifier().Classify(text).agency, "DLH");
  nlohmann::json profile;
  std::ifstream(ShippedOptions().profile_path) >> profile;
  profile["topics"]["pemangkasan_pohon"] = "PERKIM";
  const fs::path dir = FallbackDir("profile");
  std::ofstream(dir / "kota.json") << profile.dump(2);
  ClassifierOptions options = ShippedOptions();
  options.profile_path = (dir / "kota.json").string();
  std::string error;
  auto city = LoadKeywordClassifier(options, &error);
  ASSERT_NE(city, nullptr) << error;
  EXPECT_EQ(city->Classify(text).agency, "PERKIM");
}

// Complaints written for this test, which the written rules cannot place and the shipped
// fallback can: the breadth it exists for.
TEST(FallbackTest, TheShippedFallbackPlacesWhatTheWrittenRulesCannot) {
  const std::map<std::string, std::string> cases = {
      // Sundanese: no rice aid since last month, the data does not match Dukcapil's.
      {"punten bu, abdi teu kenging bantuan beras deui ti bulan kamari, ceunah data teu padan "
       "sareng dukcapil. kedah kumaha?",
       "DINSOS"},
      {"pak mohon petugasnya datang, di rumah kosong sebelah ada sarang tawon gede", "DAMKAR"},
  };
  for (const auto& [text, agency] : cases) {
    EXPECT_TRUE(ShippedWrittenClassifier().Classify(text).triage) << text;
    const Classification r = ShippedClassifier().Classify(text);
    EXPECT_EQ(r.agency, agency) << text << EvidenceOf(r);
  }
}

// A message that names no service stays with the operator however it says "I": the shipped file
// once held "aku" (mined from "AK1"), which the loader reads as "saya".
TEST(FallbackTest, TheShippedFallbackLeavesAMessageWithoutASubjectInTriage) {
  for (const char* text : {"saya mau lapor", "sy mau nanya min", "aku mau tanya dong"}) {
    const Classification r = ShippedClassifier().Classify(text);
    EXPECT_TRUE(r.triage) << text << EvidenceOf(r);
  }
}

}  // namespace
}  // namespace aduan::classifier
