// Urgent blockers scoped to their clause (RuleSettings::clause_blocker_weight, clause_breaks):
// a past, a "what if" or an old lean cancels the urgent cues of its own clause, however many
// lines they add up to, and leaves an emergency told in another clause. First with rules
// written for the test, so the weights are exact; then real sentences on the shipped rules.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/rules_under_test.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

using ::testing::HasSubstr;

const char kUrgentLines[] =
    "[urgent]\n"
    "3 banjir ~ masuk rumah\n"
    "3 tiang ~ miring | tiang listrik ~ miring | miring ~ rumah\n"
    "-3 kemarin | agak miring\n"
    "re -3 \\b(minggu|tahun) lalu\\b\n"
    "-1 tiap hari\n";

std::unique_ptr<Classifier> LoadScoped(std::string* error) {
  return LoadRulesUnderTest("clause.rules",
                            std::string("[settings]\n"
                                        "urgent_threshold 2.5\n"
                                        "clause_blocker_weight 3\n"
                                        "clause_breaks tapi sekarang masih\n") +
                                kUrgentLines,
                            error);
}

// The evidence line of `result` for `target` whose rule contains `rule`, or "" when none.
std::string EvidenceFor(const Classification& result, const std::string& target,
                        const std::string& rule) {
  for (const auto& match : result.matched) {
    if (match.target == target && match.rule.find(rule) != std::string::npos) return match.rule;
  }
  return "";
}

TEST(ClauseTest, ABlockerInALaterSentenceLeavesTheEmergency) {
  std::string error;
  auto classifier = LoadScoped(&error);
  ASSERT_NE(classifier, nullptr) << error;
  const Classification result = classifier->Classify(
      "Banjir sudah masuk rumah warga. Minggu lalu saya sudah lapor ke kelurahan");
  EXPECT_TRUE(result.urgent);
  // The blocker weighs nothing outside its clause; the flood keeps its full weight.
  EXPECT_DOUBLE_EQ(WeightFor(result, "URGENT"), 3.0);
}

TEST(ClauseTest, APastPrefaceCarriesOverSentencesUntilANowWord) {
  std::string error;
  auto classifier = LoadScoped(&error);
  ASSERT_NE(classifier, nullptr) << error;
  // A story told in the past stays in the past from one sentence to the next...
  EXPECT_FALSE(
      classifier->Classify("Minggu lalu saya sudah lapor ke kelurahan. Banjir masuk rumah warga.")
          .urgent);
  // ...until the resident says what is happening now.
  EXPECT_TRUE(classifier
                  ->Classify("Minggu lalu saya sudah lapor ke kelurahan. Sekarang banjir masuk "
                             "rumah warga.")
                  .urgent);
}

TEST(ClauseTest, ABlockerInTheSameClauseCancelsItsCues) {
  std::string error;
  auto classifier = LoadScoped(&error);
  ASSERT_NE(classifier, nullptr) << error;
  const Classification result = classifier->Classify("kemarin banjir masuk rumah warga");
  EXPECT_FALSE(result.urgent);
  // The explanation names the blocker and the clause it cancelled.
  const std::string cue = EvidenceFor(result, "URGENT", "banjir ~ masuk rumah");
  EXPECT_THAT(cue, HasSubstr("cancelled by a blocker in its clause: kemarin"));
  EXPECT_THAT(cue, HasSubstr("clause: 'kemarin banjir masuk rumah warga'"));
  EXPECT_THAT(EvidenceFor(result, "URGENT", "kemarin"), HasSubstr("a blocker"));
}

TEST(ClauseTest, AJoinerOrANowWordOpensANewClause) {
  std::string error;
  auto classifier = LoadScoped(&error);
  ASSERT_NE(classifier, nullptr) << error;
  EXPECT_TRUE(classifier->Classify("kemarin sudah surut tapi banjir masuk rumah lagi").urgent);
  EXPECT_TRUE(classifier->Classify("hujan dari kemarin masih banjir masuk rumah").urgent);
  // A past told after the cue in the same clause still cancels it.
  EXPECT_FALSE(classifier->Classify("banjir masuk rumah tahun lalu, mohon normalisasi").urgent);
}

TEST(ClauseTest, OverlappingLinesDoNotOutweighTheirBlocker) {
  const std::string text = "tiang listrik depan rumah agak miring sejak dipasang";
  std::string error;
  // Without the setting the three leaning-pole lines (9) outweigh the blocker (-3).
  auto additive = LoadRulesUnderTest("additive.rules", kUrgentLines, &error);
  ASSERT_NE(additive, nullptr) << error;
  EXPECT_TRUE(additive->Classify(text).urgent);
  auto scoped = LoadScoped(&error);
  ASSERT_NE(scoped, nullptr) << error;
  const Classification result = scoped->Classify(text);
  EXPECT_FALSE(result.urgent);
  EXPECT_DOUBLE_EQ(WeightFor(result, "URGENT"), 0.0);
}

TEST(ClauseTest, WeakerNegativesStillWeighTheWholeMessage) {
  std::string error;
  auto classifier = LoadScoped(&error);
  ASSERT_NE(classifier, nullptr) << error;
  // 3 - 1 = 2 is under the threshold of 2.5 although "tiap hari" sits in another sentence.
  const Classification result =
      classifier->Classify("Tiap hari begini. Sekarang banjir sudah masuk rumah");
  EXPECT_FALSE(result.urgent);
}

// The present tense (RuleSettings::present_words, habitual_words): a cue whose side holds
// "masih" beside what is going on outweighs a past blocker of its clause and a habitual negative.
const char kPresentLines[] =
    "[urgent]\n"
    "2.5 retak ~ masih lewat | kebakaran ~ masih\n"
    "-3 semalam\n"
    "-2 tiap hari | sudah padam\n";

std::unique_ptr<Classifier> LoadPresent(bool present, std::string* error) {
  return LoadRulesUnderTest(
      "present.rules",
      std::string("[settings]\n"
                  "urgent_threshold 2.5\n"
                  "clause_blocker_weight 3\n"
                  "clause_breaks tapi sekarang\n") +
          (present ? "present_words masih sekarang\nhabitual_words tiap setiap\n" : "") +
          kPresentLines,
      error);
}

TEST(ClauseTest, APresentCueOutweighsAPastBlockerOfItsClause) {
  std::string error;
  auto off = LoadPresent(false, &error);
  ASSERT_NE(off, nullptr) << error;
  auto on = LoadPresent(true, &error);
  ASSERT_NE(on, nullptr) << error;
  const std::string text = "jembatan retak semalam, motor masih lewat";
  EXPECT_FALSE(off->Classify(text).urgent);
  const Classification result = on->Classify(text);
  EXPECT_TRUE(result.urgent);
  EXPECT_DOUBLE_EQ(WeightFor(result, "URGENT"), 2.5);
}

TEST(ClauseTest, AHabitGivesWayToAPresentCueButAnEndDoesNot) {
  std::string error;
  auto off = LoadPresent(false, &error);
  ASSERT_NE(off, nullptr) << error;
  auto on = LoadPresent(true, &error);
  ASSERT_NE(on, nullptr) << error;
  const std::string habit = "tangga retak tiap hari, orang masih lewat";
  EXPECT_FALSE(off->Classify(habit).urgent);
  const Classification result = on->Classify(habit);
  EXPECT_TRUE(result.urgent);
  EXPECT_THAT(EvidenceFor(result, "URGENT", "tiap hari"),
              HasSubstr("set aside: a cue says the danger is going on now"));
  // "sudah padam" says the danger is over: it keeps subtracting beside the same cue.
  EXPECT_FALSE(on->Classify("tangga retak, orang masih lewat, api sudah padam").urgent);
}

TEST(ClauseTest, ABarePresentWordIsNoPresentCue) {
  std::string error;
  auto on = LoadPresent(true, &error);
  ASSERT_NE(on, nullptr) << error;
  // "masih" alone as a side says only that the message goes on, not that the fire does.
  EXPECT_FALSE(on->Classify("semalam kebakaran di gudang, puingnya masih ada").urgent);
}

TEST(ClauseTest, ABadBlockerWeightNamesTheLine) {
  std::string error;
  auto classifier = LoadRulesUnderTest(
      "bad_clause.rules", "[settings]\nclause_blocker_weight -1\n[urgent]\n3 banjir\n", &error);
  EXPECT_EQ(classifier, nullptr);
  EXPECT_THAT(error, HasSubstr("bad_clause.rules:2: clause_blocker_weight must be in [0, 100]"));
}

struct Case {
  const char* text;
  bool urgent;
};

// Real sentences in residents' wording; each names what the shipped rules must decide.
const Case kShipped[] = {
    // A story's preface (a past report, "saya cerita dulu") before the flood happening now.
    {"saya cerita dulu ya pak. minggu lalu saya sudah lapor ke kelurahan soal got mampet, tidak "
     "ada tanggapan. sekarang air sudah masuk rumah setinggi lutut, ada nenek terjebak di dalam",
     true},
    {"tahun lalu rumah kami kebanjiran. tapi sekarang air sudah sepinggang dan terus naik, tolong "
     "evakuasi",
     true},
    // "Dulu" meaning "first" after a refused patient: the joiner "malah" keeps it apart.
    {"bapak sy sesak napas dibawa ke igd rsud malah disuruh ke puskesmas dulu", true},
    // Several leaning-pole lines against one old lean.
    {"tiang listrik di depan rumah saya agak miring sejak dipasang, mohon dicek", false},
    {"dulu pernah ada anak hilang di taman ini, tolong pasang cctv", false},
    {"kemarin ada kebakaran di gudang pasar, mohon puing2nya dibersihkan", false},
    // "Kel." abbreviates and ends no sentence; the fire and its date share one.
    {"Dengan hormat, kami korban kebakaran di RT 02 Kel. Tamansari yang terjadi 3 bulan lalu. "
     "Bantuan yang dijanjikan belum kami terima.",
     false},
    // A formal letter's past carries over its sentences.
    {"Pada hari Sabtu lalu terjadi kebakaran kios di Pasar Pagi. Warga sudah menghubungi nomor "
     "darurat pemadam kebakaran, unit baru tiba 45 menit kemudian.",
     false},
    // A hypothetical whose fire-exit words sit across a sentence end from "tolong".
    {"kalau seandainya ada kebakaran di rusun kami, tangga daruratnya dikunci terus. tolong "
     "ditegur pengelolanya",
     false},
};

TEST(ClauseTest, ShippedRulesScopeBlockersToTheirClause) {
  const Classifier& classifier = ShippedClassifier();
  for (const Case& c : kShipped) {
    EXPECT_EQ(classifier.Classify(c.text).urgent, c.urgent) << c.text;
  }
}

}  // namespace
}  // namespace aduan::classifier
