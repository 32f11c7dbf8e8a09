// Composed cues ("2 @server ~ @refusal"): any phrase of one group near any phrase of the other.
// Such a cue adds its weight once however many pairs match, and a side that follows a negator
// or a hypothetical does not count. Rules written for the test, so the weights are exact.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/rules_under_test.h"

namespace aduan::classifier {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;

std::unique_ptr<Classifier> Load(const std::string& rules, std::string* error) {
  return LoadRulesUnderTest("composed.rules", rules, error);
}

const char kRules[] =
    "[settings]\n"
    "negators tidak bukan jangan kalau\n"
    "near_window 4\n"
    "maladministration_threshold 2\n"
    "[group server]\n"
    "petugas | loket\n"
    "[group refusal]\n"
    "tidak melayani | dikunci\n"
    "[group money]\n"
    "uang | ribu\n"
    "[agency KEWILAYAHAN]\n"
    "4 kelurahan\n"
    "[maladministration TIDAK_MEMBERIKAN_PELAYANAN]\n"
    "2 @server ~ @refusal\n"
    "[maladministration PERMINTAAN_IMBALAN]\n"
    "1.5 minta ~ @money\n"
    "1 @server ~ @money\n";

constexpr char kNotServed[] = "TIDAK_MEMBERIKAN_PELAYANAN";
constexpr char kMoney[] = "PERMINTAAN_IMBALAN";

TEST(RulesComposedTest, AnyPairFiresTheCueOnce) {
  std::string error;
  auto classifier = Load(kRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  const Classification one = classifier->Classify("di kelurahan pintu loket dikunci");
  EXPECT_THAT(one.maladministration, Contains(kNotServed));
  EXPECT_DOUBLE_EQ(WeightFor(one, kNotServed), 2.0);
  // Four pairs match (petugas/loket x tidak melayani/dikunci): still one cue's weight.
  const Classification four =
      classifier->Classify("petugas di loket tidak melayani, loket dikunci, petugas pergi");
  EXPECT_THAT(four.maladministration, Contains(kNotServed));
  EXPECT_DOUBLE_EQ(WeightFor(four, kNotServed), 2.0);
}

TEST(RulesComposedTest, BothSidesMustBeNear) {
  std::string error;
  auto classifier = Load(kRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  const Classification far =
      classifier->Classify("petugas kelurahan datang pagi sekali ke balai lalu gudang dikunci");
  EXPECT_THAT(far.maladministration, Not(Contains(kNotServed)));
  EXPECT_DOUBLE_EQ(WeightFor(far, kNotServed), 0.0);
}

TEST(RulesComposedTest, ANegatedOrHypotheticalSideDoesNotCount) {
  std::string error;
  auto classifier = Load(kRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  // The server after "kalau": a hypothetical, not a report.
  const Classification hypothetical =
      classifier->Classify("kalau petugas tidak melayani lapor ke kelurahan");
  EXPECT_THAT(hypothetical.maladministration, Not(Contains(kNotServed)));
  // The refusal after "jangan": advice, not a report.
  const Classification advice = classifier->Classify("kata petugas jangan dikunci dulu");
  EXPECT_THAT(advice.maladministration, Not(Contains(kNotServed)));
  // A negated partner is skipped, and a later one in the window still pairs.
  const Classification later =
      classifier->Classify("petugas bilang jangan dikunci tapi loket dikunci");
  EXPECT_THAT(later.maladministration, Contains(kNotServed));
}

TEST(RulesComposedTest, EachComposedLineCountsOnItsOwn) {
  std::string error;
  auto classifier = Load(kRules, &error);
  ASSERT_NE(classifier, nullptr) << error;
  // "minta ~ @money" (1.5) and "@server ~ @money" (1) are two cues: 2.5 together.
  const Classification both = classifier->Classify("petugas minta uang 50 ribu");
  EXPECT_THAT(both.maladministration, Contains(kMoney));
  EXPECT_DOUBLE_EQ(WeightFor(both, kMoney), 2.5);
  const Classification one = classifier->Classify("tetangga minta uang 50 ribu");
  EXPECT_THAT(one.maladministration, Not(Contains(kMoney)));
  EXPECT_DOUBLE_EQ(WeightFor(one, kMoney), 0.0);  // below the threshold: no evidence kept
}

TEST(RulesComposedTest, BadComposedCuesNameTheLine) {
  std::string error;
  EXPECT_EQ(Load("[maladministration TIDAK_PATUT]\n2 @nope ~ kasar\n", &error), nullptr);
  EXPECT_THAT(error, HasSubstr(":2:"));
  EXPECT_THAT(error, HasSubstr("unknown group '@nope'"));
  EXPECT_EQ(Load("[group a]\nx\n[maladministration TIDAK_PATUT]\n2 @a ~ b ~ c\n", &error), nullptr);
  EXPECT_THAT(error, HasSubstr(":4:"));
  EXPECT_THAT(error, HasSubstr("joins exactly two phrases"));
}

TEST(RulesComposedTest, ShippedRulesComposeServerAndRefusal) {
  const Classifier& shipped = ShippedClassifier();
  // Chat spellings reach the refusal family through the lexicon.
  const Classification refused =
      shipped.Classify("pegawai kecamatan gk nerima berkas sy, bilangnya besok aja");
  EXPECT_THAT(refused.maladministration, Contains(kNotServed));
  const Classification hypothetical =
      shipped.Classify("kalau pegawai kecamatan gk nerima berkas, warga lapor kemana ya");
  EXPECT_THAT(hypothetical.maladministration, Not(Contains(kNotServed)));
}

}  // namespace
}  // namespace aduan::classifier
