// The scorer's routing mechanisms of round 10, on rules written for the test so the figures are
// exact: each text position counts once per agency (RuleSettings::overlap_factor), a landmark
// after a locative weighs less and says so (RuleSettings::locatives), and a denied charge is no
// money asked (RuleSettings::negation_guarded, denials).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/rules_under_test.h"

namespace aduan::classifier {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

std::unique_ptr<Classifier> Load(const std::string& rules) {
  std::string error;
  auto classifier = LoadRulesUnderTest("routing.rules", rules, &error);
  EXPECT_NE(classifier, nullptr) << error;
  return classifier;
}

// The evidence kept for `target` whose rule text contains `note`.
bool Noted(const Classification& result, const std::string& target, const std::string& note) {
  for (const auto& m : result.matched) {
    if (m.target == target && m.rule.find(note) != std::string::npos) return true;
  }
  return false;
}

const char kOverlap[] =
    "[agency DISHUB]\n"
    "4 juru parkir liar\n"
    "3 parkir ~ liar\n"
    "2 parkir\n"
    "[agency SATPOLPP]\n"
    "8 liar ~ trotoar\n";

TEST(RoutingTest, OverlappingPhrasesCountOncePerAgency) {
  auto off = Load(kOverlap);
  ASSERT_NE(off, nullptr);
  // Without the setting the three phrases over "parkir liar" add up.
  EXPECT_DOUBLE_EQ(WeightFor(off->Classify("juru parkir liar"), "DISHUB"), 9.0);

  auto on = Load(std::string("[settings]\noverlap_factor 0.5\n") + kOverlap);
  ASSERT_NE(on, nullptr);
  const Classification result = on->Classify("juru parkir liar");
  // The strongest keeps 4; the two weaker ones over the same words weigh half.
  EXPECT_DOUBLE_EQ(WeightFor(result, "DISHUB"), 4.0 + 1.5 + 1.0);
  EXPECT_TRUE(Noted(result, "DISHUB", "stronger phrase"));
  // Another agency's vote over the same word is not this agency's overlap.
  const Classification trotoar = on->Classify("juru parkir liar di trotoar");
  EXPECT_EQ(trotoar.agency, "SATPOLPP");
  EXPECT_DOUBLE_EQ(WeightFor(trotoar, "SATPOLPP"), 8.0);
  EXPECT_FALSE(Noted(trotoar, "SATPOLPP", "stronger phrase"));

  auto dropped = Load(std::string("[settings]\noverlap_factor 0\n") + kOverlap);
  ASSERT_NE(dropped, nullptr);
  EXPECT_DOUBLE_EQ(WeightFor(dropped->Classify("juru parkir liar"), "DISHUB"), 4.0);
}

TEST(RoutingTest, SeparateWordsOfOneAgencyStillAddUp) {
  auto on = Load(std::string("[settings]\noverlap_factor 0\n") + kOverlap +
                 "[agency DISHUB]\n2 terminal\n");
  ASSERT_NE(on, nullptr);
  // "terminal" shares no word with "parkir ~ liar": both count; "parkir" lies under the pair.
  const Classification result = on->Classify("di terminal ada parkir liar");
  EXPECT_DOUBLE_EQ(WeightFor(result, "DISHUB"), 3.0 + 2.0);
}

const char kLandmark[] =
    "[settings]\n"
    "locatives depan dekat menuju\n"
    "locative_window 3\n"
    "locative_factor 0.2\n"
    "[agency DISDIK]\n"
    "3 dinas pendidikan\n"
    "2 sekolah\n"
    "[agency PUPR]\n"
    "2 jalan ~ rusak\n";

TEST(RoutingTest, AFacilityNamedAsWhereWeighsLessAndSaysSo) {
  auto classifier = Load(kLandmark);
  ASSERT_NE(classifier, nullptr);
  const Classification where = classifier->Classify("jalan menuju sekolah rusak parah");
  EXPECT_EQ(where.agency, "PUPR");
  EXPECT_DOUBLE_EQ(WeightFor(where, "PUPR"), 2.0);
  ASSERT_GE(where.candidates.size(), 2u);
  EXPECT_EQ(where.candidates[1].agency, "DISDIK");
  // The third word after the locative is still the landmark's ("dekat kantor dinas
  // pendidikan").
  const Classification far = classifier->Classify("jalan rusak dekat kantor dinas pendidikan");
  EXPECT_EQ(far.agency, "PUPR");
  // The same word as the object of the complaint counts in full.
  const Classification what = classifier->Classify("sekolah anak saya minta uang gedung");
  EXPECT_EQ(what.agency, "DISDIK");
  EXPECT_DOUBLE_EQ(WeightFor(what, "DISDIK"), 2.0);
  EXPECT_FALSE(Noted(what, "DISDIK", "landmark"));
}

TEST(RoutingTest, RegionalLocativesReadThroughTheLexicon) {
  auto classifier = Load(kLandmark);
  ASSERT_NE(classifier, nullptr);
  // The shipped lexicon maps Javanese "cedhak" and Sundanese "caket" onto "dekat".
  for (const char* text : {"jalan rusak cedhak sekolah", "jalan rusak caket sekolah"}) {
    const Classification result = classifier->Classify(text);
    EXPECT_EQ(result.agency, "PUPR") << text;
  }
}

const char kHeads[] =
    "[settings]\n"
    "locatives sebelah depan\n"
    "locative_window 3\n"
    "locative_factor 0.2\n"
    "locative_heads tetangga\n"
    "[agency POLRI]\n"
    "3 memukuli\n";

TEST(RoutingTest, ALocativeAfterItsHeadNamesWhoNotWhere) {
  auto classifier = Load(kHeads);
  ASSERT_NE(classifier, nullptr);
  // "tetangga sebelah" is the next-door neighbour: what the neighbour does counts in full.
  const Classification neighbour = classifier->Classify("tetangga sebelah memukuli anaknya");
  EXPECT_DOUBLE_EQ(WeightFor(neighbour, "POLRI"), 3.0);
  EXPECT_FALSE(Noted(neighbour, "POLRI", "landmark"));
  // After any other word the locative still marks a landmark.
  const Classification other = classifier->Classify("ribut sebelah memukuli anaknya");
  EXPECT_DOUBLE_EQ(WeightFor(other, "POLRI"), 3.0 * 0.2);
  // Without the setting the neighbour's deed is a landmark too.
  auto off = Load(std::string(kHeads).replace(std::string(kHeads).find("locative_heads"),
                                              std::string("locative_heads tetangga\n").size(), ""));
  ASSERT_NE(off, nullptr);
  EXPECT_DOUBLE_EQ(WeightFor(off->Classify("tetangga sebelah memukuli anaknya"), "POLRI"),
                   3.0 * 0.2);
}

const char kIdioms[] =
    "[settings]\n"
    "negators tidak\n"
    "negation_window 2\n"
    "urgent_threshold 2\n"
    "[urgent]\n"
    "3 menculik\n";

TEST(RoutingTest, ANegatorThatMakesAnAdjectiveNegatesNothingAfterIt) {
  auto plain = Load(kIdioms);
  ASSERT_NE(plain, nullptr);
  // Read word by word, "tidak" two words before the deed negates it.
  EXPECT_FALSE(plain->Classify("orang tidak dikenal menculik anak").urgent);
  auto idioms = Load(std::string(kIdioms) + "[settings]\nnegator_idioms dikenal\n");
  ASSERT_NE(idioms, nullptr);
  // "tidak dikenal" is "unknown": a stranger is kidnapping a child.
  EXPECT_TRUE(idioms->Classify("orang tidak dikenal menculik anak").urgent);
  // Any other negator still negates.
  EXPECT_FALSE(idioms->Classify("dia tidak menculik anak").urgent);
}

const char kMoney[] =
    "[settings]\n"
    "negation_guarded PERMINTAAN_IMBALAN\n"
    "denials tidak tanpa\n"
    "maladministration_threshold 2\n"
    "[agency DPMPTSP]\n"
    "3 izin usaha\n"
    "[maladministration PERMINTAAN_IMBALAN]\n"
    "2 tidak dipungut biaya\n"
    "2 =dipungut\n"
    "2 minta ~ ribu\n"
    "1 biaya\n"
    "3 tanpa kwitansi\n";

TEST(RoutingTest, ADeniedChargeIsNoMoneyAsked) {
  auto classifier = Load(kMoney);
  ASSERT_NE(classifier, nullptr);
  for (const char* thanks : {"makasih, izin usaha saya jadi sehari dan tidak dipungut biaya",
                             "izin usaha beres tanpa biaya"}) {
    const Classification result = classifier->Classify(thanks);
    EXPECT_EQ(result.agency, "DPMPTSP") << thanks;
    EXPECT_THAT(result.maladministration, IsEmpty()) << thanks;
  }
}

TEST(RoutingTest, ADeniedChargeStillCorroboratesMoneyAsked) {
  auto classifier = Load(kMoney);
  ASSERT_NE(classifier, nullptr);
  const Classification result =
      classifier->Classify("katanya tidak dipungut biaya, tapi petugas minta 50 ribu");
  EXPECT_THAT(result.maladministration, Contains("PERMINTAAN_IMBALAN"));
  EXPECT_TRUE(Noted(result, "PERMINTAAN_IMBALAN", "negated"));
  // A phrase that starts with a denial but denies no term of the label is a complaint.
  const Classification receipt = classifier->Classify("uang diambil tanpa kwitansi");
  EXPECT_THAT(receipt.maladministration, Contains("PERMINTAAN_IMBALAN"));
}

TEST(RoutingTest, WithoutTheGuardADeniedChargeStillFires) {
  auto classifier = Load(
      "[maladministration PERMINTAAN_IMBALAN]\n"
      "2 tidak dipungut biaya\n");
  ASSERT_NE(classifier, nullptr);
  EXPECT_THAT(classifier->Classify("pelayanan tidak dipungut biaya").maladministration,
              Contains("PERMINTAAN_IMBALAN"));
}

TEST(RoutingTest, BadSettingsNameTheLine) {
  struct Case {
    const char* text;
    const char* expected;
  };
  for (const Case& c : {
           Case{"[settings]\noverlap_factor 1.5\n", "routing.rules:2: overlap_factor must be in"},
           Case{"[settings]\noverlap_factor x\n", "routing.rules:2: setting 'overlap_factor'"},
           Case{"[settings]\nnegation_guarded PUNGLI\n",
                "routing.rules:2: negation_guarded names 'PUNGLI'"},
       }) {
    std::string error;
    EXPECT_EQ(LoadRulesUnderTest("routing.rules", c.text, &error), nullptr) << c.text;
    EXPECT_THAT(error, HasSubstr(c.expected)) << c.text;
  }
}

TEST(RoutingTest, TheShippedRulesReadThanksAsNoAlarm) {
  const Classification result = ShippedClassifier().Classify(
      "makasih petugas mpp udah bantu pengajuan izin usaha, cepat dan tidak dipungut biaya");
  EXPECT_EQ(result.agency, "DPMPTSP");
  EXPECT_THAT(result.maladministration, Not(Contains("PERMINTAAN_IMBALAN")));
}

}  // namespace
}  // namespace aduan::classifier
