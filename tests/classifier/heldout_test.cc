// The shipped rules on labelled sets written for this project (tests/classifier/testdata): floors
// a little below what the rules reach, so a rule change that loses maladministration, urgency or
// routing breadth fails here rather than in a city. The figures themselves are in bench/README.md.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "tests/classifier/shipped.h"

namespace aduan::classifier {
namespace {

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp ? double(tp) / (tp + fp) : 0.0; }
  double Recall() const { return tp + fn ? double(tp) / (tp + fn) : 0.0; }
  double F1() const { return tp ? 2.0 * tp / (2.0 * tp + fp + fn) : 0.0; }
};

struct Score {
  int rows = 0, correct = 0, auto_routed = 0, auto_correct = 0, urgent_waiting = 0;
  Counts urgent, malad_micro;
  std::map<std::string, Counts> malad;
  std::map<std::string, Counts> agency;  // TRIAGE counts as a miss, not as an agency
};

Score ScoreFile(const std::string& path) {
  Score s;
  std::ifstream in(path);
  EXPECT_TRUE(in) << "missing " << path;
  std::string line;
  while (std::getline(in, line)) {
    const auto row = nlohmann::json::parse(line);
    const Classification c = ShippedClassifier().Classify(row["text"].get<std::string>());
    ++s.rows;
    const bool right = c.agency == row["agency"].get<std::string>();
    if (right) ++s.correct;
    const std::string label = row["agency"].get<std::string>();
    if (right) {
      ++s.agency[label].tp;
    } else {
      ++s.agency[label].fn;
      if (!c.triage) ++s.agency[c.agency].fp;
    }
    if (!c.triage) {
      ++s.auto_routed;
      if (right) ++s.auto_correct;
    }
    if (c.urgent && c.triage) ++s.urgent_waiting;
    const bool urgent = row["urgent"].get<bool>();
    if (urgent && c.urgent) ++s.urgent.tp;
    if (!urgent && c.urgent) ++s.urgent.fp;
    if (urgent && !c.urgent) ++s.urgent.fn;
    const std::set<std::string> want = row["maladministration"].get<std::set<std::string>>();
    const std::set<std::string> got(c.maladministration.begin(), c.maladministration.end());
    for (const auto& code : got) {
      ++(want.contains(code) ? s.malad[code].tp : s.malad[code].fp);
      ++(want.contains(code) ? s.malad_micro.tp : s.malad_micro.fp);
    }
    for (const auto& code : want) {
      if (got.contains(code)) continue;
      ++s.malad[code].fn;
      ++s.malad_micro.fn;
    }
  }
  return s;
}

// heldout3.jsonl was written before the discrimination and procedure-deviation rules (its first
// score, 0.49 maladministration micro-F1, is the unseen figure); it weighs those two types and
// informal emergencies more than the other sets.
TEST(HeldOutTest, Heldout3MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout3.jsonl");
  ASSERT_GE(s.rows, 200);
  EXPECT_GE(double(s.correct) / s.rows, 0.86);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.90);
  EXPECT_GE(s.malad_micro.F1(), 0.70);
  EXPECT_GE(s.malad.at("DISKRIMINASI").Recall(), 0.80);
  EXPECT_GE(s.malad.at("PENYIMPANGAN_PROSEDUR").Recall(), 0.70);
  EXPECT_GE(s.urgent.Recall(), 0.85);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout5.jsonl and heldout6.jsonl were written together before round 4 (informal, regional,
// English and greeting-wrapped complaints across the real stream's weak families). Round 4 was
// tuned on heldout5's errors, so its floors guard the fit; heldout6 was scored once at the end
// and its floors sit a little below that unseen figure.
TEST(HeldOutTest, Heldout5MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout5.jsonl");
  ASSERT_GE(s.rows, 150);
  EXPECT_GE(double(s.correct) / s.rows, 0.95);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.95);
  EXPECT_GE(s.malad_micro.F1(), 0.80);
  EXPECT_GE(s.urgent.Recall(), 0.92);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

TEST(HeldOutTest, Heldout6MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout6.jsonl");
  ASSERT_GE(s.rows, 150);
  EXPECT_GE(double(s.correct) / s.rows, 0.89);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.92);
  EXPECT_GE(s.malad_micro.F1(), 0.70);
  EXPECT_GE(s.urgent.Recall(), 0.87);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout7.jsonl was written before round 5 and weighted like a real city stream: most "banjir"
// is a flooded street or a blocked drain (PUPR), few are disasters (BPBD) or fires (DAMKAR).
// Round 5 was tuned on its errors, so the floors guard the fit: the emergency agencies' precision
// and the drainage recall that the real stream lacked.
TEST(HeldOutTest, Heldout7MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout7.jsonl");
  ASSERT_GE(s.rows, 120);
  EXPECT_GE(double(s.correct) / s.rows, 0.95);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.95);
  EXPECT_GE(s.agency.at("BPBD").Precision(), 0.90);
  EXPECT_GE(s.agency.at("BPBD").Recall(), 0.90);
  EXPECT_GE(s.agency.at("DAMKAR").Precision(), 0.90);
  EXPECT_GE(s.agency.at("PUPR").Recall(), 0.90);
  EXPECT_GE(s.urgent.Recall(), 0.88);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout8.jsonl was written after round 5's rules and scored once, untuned: the same stream
// mix, so its floors sit a little below that unseen figure.
TEST(HeldOutTest, Heldout8MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout8.jsonl");
  ASSERT_GE(s.rows, 40);
  EXPECT_GE(double(s.correct) / s.rows, 0.85);
  EXPECT_GE(s.agency.at("BPBD").Precision(), 0.80);
  EXPECT_GE(s.agency.at("PUPR").Recall(), 0.75);
  EXPECT_GE(s.urgent.Recall(), 0.85);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout9.jsonl and heldout10.jsonl were written together before round 6, the way residents
// write in chat (abbreviations, regional words, long stories, several topics, cadres, letters).
// Round 6 was tuned on heldout9's errors and on probes; heldout10 was scored once, unseen, and
// then tuned on (round 6b), so both sets' floors guard the fit: maladministration breadth
// (undue delay, service not given, procedure, money asked), the agencies and urgency.
TEST(HeldOutTest, Heldout9MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout9.jsonl");
  ASSERT_GE(s.rows, 120);
  EXPECT_GE(double(s.correct) / s.rows, 0.97);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.97);
  EXPECT_GE(s.malad_micro.F1(), 0.85);
  EXPECT_GE(s.malad.at("PENUNDAAN_BERLARUT").Recall(), 0.85);
  EXPECT_GE(s.malad.at("TIDAK_MEMBERIKAN_PELAYANAN").Recall(), 0.85);
  EXPECT_GE(s.malad.at("PERMINTAAN_IMBALAN").Recall(), 0.90);
  EXPECT_GE(s.agency.at("PUPR").Recall(), 0.85);
  EXPECT_GE(s.urgent.Recall(), 0.90);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

TEST(HeldOutTest, Heldout10MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout10.jsonl");
  ASSERT_GE(s.rows, 120);
  EXPECT_GE(double(s.correct) / s.rows, 0.95);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.95);
  EXPECT_GE(s.malad_micro.F1(), 0.75);
  EXPECT_GE(s.malad.at("PENUNDAAN_BERLARUT").Recall(), 0.90);
  EXPECT_GE(s.malad.at("PERMINTAAN_IMBALAN").Recall(), 0.90);
  EXPECT_GE(s.malad.at("DISKRIMINASI").Recall(), 0.60);
  EXPECT_GE(s.agency.at("PUPR").Recall(), 0.90);
  EXPECT_GE(s.agency.at("DAMKAR").Precision(), 0.80);
  EXPECT_GE(s.urgent.Recall(), 0.80);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout11.jsonl was written after round 6's last rule change and scored once, untuned: its
// floors sit a little below that unseen figure (maladministration recall there is about half).
TEST(HeldOutTest, Heldout11MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout11.jsonl");
  ASSERT_GE(s.rows, 40);
  EXPECT_GE(double(s.correct) / s.rows, 0.92);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.95);
  EXPECT_GE(s.malad_micro.F1(), 0.55);
  EXPECT_GE(s.urgent.Recall(), 0.99);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout12.jsonl was written before round 7, weighted towards maladministration (every type
// several times, a quarter with none: plain faults, questions, thanks, negated cues). Its first
// score (micro-F1 0.734) is the unseen figure; round 7 was tuned on its errors, so the floors
// guard the fit: service not given and undue delay recall, and no label on plain faults.
TEST(HeldOutTest, Heldout12MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout12.jsonl");
  ASSERT_GE(s.rows, 200);
  EXPECT_GE(double(s.correct) / s.rows, 0.90);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.92);
  EXPECT_GE(s.malad_micro.F1(), 0.87);
  EXPECT_GE(s.malad_micro.Precision(), 0.82);
  EXPECT_GE(s.malad.at("TIDAK_MEMBERIKAN_PELAYANAN").Recall(), 0.90);
  EXPECT_GE(s.malad.at("TIDAK_MEMBERIKAN_PELAYANAN").F1(), 0.88);
  EXPECT_GE(s.malad.at("PENUNDAAN_BERLARUT").Recall(), 0.90);
  EXPECT_GE(s.malad.at("PERMINTAAN_IMBALAN").Recall(), 0.90);
  EXPECT_GE(s.urgent.Recall(), 0.99);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout16.jsonl was written and scored before round 9, on the families a real city's stream
// sent to the wrong agency (trees, the welfare registry, neighbourhood matters, order, labour,
// permits, markets, the city's apps, non-fire rescue); round 9 was tuned on its errors, so the
// floors guard the fit: routing breadth, the neighbourhood and order agencies, urgency.
TEST(HeldOutTest, Heldout16MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout16.jsonl");
  ASSERT_GE(s.rows, 200);
  EXPECT_GE(double(s.correct) / s.rows, 0.96);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.97);
  EXPECT_LE(double(s.rows - s.auto_routed) / s.rows, 0.03) << "triage rate";
  EXPECT_GE(s.agency.at("DLH").Recall(), 0.95);
  EXPECT_GE(s.agency.at("DINSOS").Recall(), 0.95);
  EXPECT_GE(s.agency.at("KEWILAYAHAN").Recall(), 0.88);
  EXPECT_GE(s.agency.at("SATPOLPP").Recall(), 0.85);
  EXPECT_GE(s.agency.at("DAMKAR").Precision(), 0.95);
  EXPECT_GE(s.agency.at("BPBD").Precision(), 0.95);
  EXPECT_GE(s.urgent.Recall(), 0.90);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout17.jsonl was written after round 9's first passes and scored once (agency 0.85, the
// same as the rules before the round); a later pass was tuned on its errors.
TEST(HeldOutTest, Heldout17MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout17.jsonl");
  ASSERT_GE(s.rows, 60);
  EXPECT_GE(double(s.correct) / s.rows, 0.92);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.97);
  EXPECT_GE(s.agency.at("DLH").Recall(), 0.99);
  EXPECT_GE(s.urgent.Recall(), 0.99);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// heldout18.jsonl was written after round 9's final rules and scored once (agency 0.80, the same
// as the rules before the round); a last pass was tuned on its errors.
TEST(HeldOutTest, Heldout18MeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/heldout18.jsonl");
  ASSERT_GE(s.rows, 40);
  EXPECT_GE(double(s.correct) / s.rows, 0.85);
  EXPECT_GE(double(s.auto_correct) / s.auto_routed, 0.93);
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// The probe sentences written while broadening the agency families and the urgent vocabulary
// (round 4 added three probes: real-stream-style routing, greetings and dialects, and
// maladministration wording; round 6 two maladministration probes and an urgent one).
TEST(HeldOutTest, FamiliesProbeMeetsTheFloors) {
  const Score s = ScoreFile(ADUAN_SOURCE_DIR "/tests/classifier/testdata/families.jsonl");
  ASSERT_GE(s.rows, 300);
  EXPECT_GE(double(s.correct) / s.rows, 0.95);
  EXPECT_GE(s.urgent.Recall(), 0.94);
  EXPECT_EQ(s.urgent_waiting, 0);
}

}  // namespace
}  // namespace aduan::classifier
