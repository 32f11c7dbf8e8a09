// Context words that decide which agency a term speaks for: a term right after a locative
// ("di depan", "dekat") names a landmark, not the service complained about
// (RuleSettings::locatives); a term right after a focus word ("yang paling ...", "intinya") is
// what the message singles out (RuleSettings::focus_words). Rules written for the test, so the
// figures are exact.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/rules_under_test.h"

namespace aduan::classifier {
namespace {

using ::testing::HasSubstr;

std::unique_ptr<Classifier> Load(const std::string& rules, std::string* error) {
  return LoadRulesUnderTest("context.rules", rules, error);
}

const char kRules[] =
    "[settings]\n"
    "locatives depan dekat\n"
    "locative_window 2\n"
    "locative_factor 0.25\n"
    "[agency KEWILAYAHAN]\n"
    "4 camat\n"
    "[agency PUPR]\n"
    "3 got\n"
    "[maladministration TIDAK_MEMBERIKAN_PELAYANAN]\n"
    "3 camat ~ tidak ada\n"
    "[urgent]\n"
    "3 camat ~ pingsan\n";

TEST(ContextTest, ATermAfterALocativeWeighsItsFactor) {
  std::string error;
  auto classifier = Load(kRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  const Classification result = classifier->Classify("got mampet di depan kantor camat");
  EXPECT_EQ(result.candidates.at(0).agency, "PUPR");
  EXPECT_DOUBLE_EQ(WeightFor(result, "PUPR"), 3.0);
  ASSERT_GE(result.candidates.size(), 2u);
  EXPECT_EQ(result.candidates.at(1).agency, "KEWILAYAHAN");
  EXPECT_EQ(result.agency, "PUPR");
}

TEST(ContextTest, TheSameTermElsewhereCountsInFull) {
  std::string error;
  auto classifier = Load(kRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  // Without a locative the office is the subject.
  const Classification alone = classifier->Classify("camat tidak pernah di kantor");
  EXPECT_EQ(alone.agency, "KEWILAYAHAN");
  EXPECT_DOUBLE_EQ(WeightFor(alone, "KEWILAYAHAN"), 4.0);
  // Named once as a landmark and once as the subject: the subject's occurrence counts in full.
  const Classification both =
      classifier->Classify("di depan kantor camat ada got, tapi camat menolak tanda tangan");
  EXPECT_EQ(both.agency, "KEWILAYAHAN");
  EXPECT_DOUBLE_EQ(WeightFor(both, "KEWILAYAHAN"), 4.0);
  // Beyond the window the locative no longer reaches the term.
  const Classification far = classifier->Classify("di depan pasar lama itu camat jarang datang");
  EXPECT_DOUBLE_EQ(WeightFor(far, "KEWILAYAHAN"), 4.0);
}

TEST(ContextTest, LabelsAreNotWeighedByPlace) {
  std::string error;
  auto classifier = Load(kRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  const Classification result =
      classifier->Classify("warga pingsan di depan camat, dan di depan camat tidak ada petugas");
  EXPECT_TRUE(result.urgent);
  EXPECT_THAT(result.maladministration, ::testing::Contains("TIDAK_MEMBERIKAN_PELAYANAN"));
}

TEST(ContextTest, WithoutLocativesNothingChanges) {
  std::string error;
  auto classifier = Load("[agency KEWILAYAHAN]\n4 camat\n[agency PUPR]\n3 got\n", &error);
  ASSERT_NE(classifier, nullptr) << error;
  const Classification result = classifier->Classify("got mampet di depan kantor camat");
  EXPECT_EQ(result.agency, "KEWILAYAHAN");
  EXPECT_DOUBLE_EQ(WeightFor(result, "KEWILAYAHAN"), 4.0);
}

TEST(ContextTest, BadLocativeSettingsNameTheLine) {
  struct Case {
    const char* text;
    const char* expected;
  };
  const Case cases[] = {
      {"[settings]\nlocative_factor 1.5\n", "context.rules:2: locative_factor must be in [0, 1]"},
      {"[settings]\nlocative_factor -0.1\n", "context.rules:2: locative_factor must be in [0, 1]"},
      {"[settings]\nlocative_window 2.5\n", "context.rules:2: locative_window must be a whole"},
      {"[settings]\nlocative_window x\n", "context.rules:2: setting 'locative_window' needs a"},
  };
  for (const auto& c : cases) {
    std::string error;
    EXPECT_EQ(Load(c.text, &error), nullptr) << c.text;
    EXPECT_THAT(error, HasSubstr(c.expected)) << c.text;
  }
}

const char kFocusRules[] =
    "[settings]\n"
    "focus_words paling intinya\n"
    "focus_window 3\n"
    "focus_factor 2\n"
    "[agency DISHUB]\n"
    "3 lampu\n"
    "[agency PUPR]\n"
    "2 lubang\n";

TEST(ContextTest, WhatTheMessageSinglesOutWeighsMore) {
  std::string error;
  auto classifier = Load(kFocusRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  // Listed side by side, the lamp's heavier term wins.
  const Classification listed = classifier->Classify("lampu mati, ada lubang juga");
  EXPECT_EQ(listed.candidates.at(0).agency, "DISHUB");
  // Singled out, the pothole doubles and leads.
  const Classification singled =
      classifier->Classify("lampu mati, tapi yang paling bahaya lubang di tikungan");
  EXPECT_EQ(singled.candidates.at(0).agency, "PUPR");
  EXPECT_DOUBLE_EQ(WeightFor(singled, "PUPR"), 4.0);
  // Beyond the window the focus word no longer reaches it.
  const Classification far =
      classifier->Classify("lampu mati, intinya kemarin sore waktu hujan ada lubang");
  EXPECT_EQ(far.candidates.at(0).agency, "DISHUB");
}

TEST(ContextTest, BadFocusSettingsNameTheLine) {
  std::string error;
  EXPECT_EQ(Load("[settings]\nfocus_factor 0.5\n", &error), nullptr);
  EXPECT_THAT(error, HasSubstr("context.rules:2: focus_factor must be in [1, 5]"));
  EXPECT_EQ(Load("[settings]\nfocus_window 99\n", &error), nullptr);
  EXPECT_THAT(error, HasSubstr("context.rules:2: focus_window must be a whole number"));
}

// The shipped settings: a drain in front of a health centre is the drain's.
TEST(ContextTest, ShippedRulesReadLandmarks) {
  const Classification result =
      ShippedClassifier().Classify("got di depan puskesmas mampet, air luber ke jalan");
  EXPECT_EQ(result.agency, "PUPR");
}

}  // namespace
}  // namespace aduan::classifier
