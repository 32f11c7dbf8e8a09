// The shipped rules on labelled sets written for this project (tests/classifier/testdata): floors
// a little below what the rules reach, so a rule change that loses maladministration, urgency or
// routing breadth fails here rather than in a city. The figures themselves are in bench/README.md.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <set>
#include <string>
#include <vector>

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

// The counts of `label` in `by_label`; a label the set never saw fails the test.
const Counts& Of(const std::map<std::string, Counts>& by_label, const std::string& label) {
  static const Counts none;
  auto it = by_label.find(label);
  if (it != by_label.end()) return it->second;
  ADD_FAILURE() << "no row labelled or classified " << label;
  return none;
}

// One figure of a Score that a set holds a floor on. The per-label figures read their label.
struct Figure {
  const char* name;
  double (*of)(const Score& s, const std::string& label);
};
// Rows routed to the labelled agency, of all rows.
const Figure kAgencyAccuracy{"agency accuracy", [](const Score& s, const std::string&) {
                               return double(s.correct) / s.rows;
                             }};
// Of the rows routed without triage, those routed right.
const Figure kRoutedPrecision{"routed precision", [](const Score& s, const std::string&) {
                                return double(s.auto_correct) / s.auto_routed;
                              }};
const Figure kMaladMicroF1{"maladministration micro-F1",
                           [](const Score& s, const std::string&) { return s.malad_micro.F1(); }};
const Figure kMaladMicroPrecision{
    "maladministration micro-precision",
    [](const Score& s, const std::string&) { return s.malad_micro.Precision(); }};
const Figure kMaladF1{"maladministration F1",
                      [](const Score& s, const std::string& l) { return Of(s.malad, l).F1(); }};
// Rows routed without triage, of all rows: one minus the triage rate.
const Figure kRoutedShare{"share routed without triage", [](const Score& s, const std::string&) {
                            return double(s.auto_routed) / s.rows;
                          }};
const Figure kUrgentRecall{"urgent recall",
                           [](const Score& s, const std::string&) { return s.urgent.Recall(); }};
// An urgent flag tells the resident to call 112 and skips triage: false alarms cost too.
const Figure kUrgentPrecision{
    "urgent precision", [](const Score& s, const std::string&) { return s.urgent.Precision(); }};
const Figure kMaladRecall{"maladministration recall", [](const Score& s, const std::string& l) {
                            return Of(s.malad, l).Recall();
                          }};
const Figure kAgencyPrecision{"agency precision", [](const Score& s, const std::string& l) {
                                return Of(s.agency, l).Precision();
                              }};
const Figure kAgencyRecall{
    "agency recall", [](const Score& s, const std::string& l) { return Of(s.agency, l).Recall(); }};

struct Floor {
  const Figure* figure;
  double min;
  std::string label = {};  // the type or agency of the per-label figures
};

// A labelled set and the floors its score must meet. Every set also holds no urgent complaint
// in triage.
struct HeldOutSet {
  std::string file;  // under tests/classifier/testdata
  int min_rows;
  std::vector<Floor> floors;
};

const std::vector<HeldOutSet>& Sets() {
  static const std::vector<HeldOutSet> sets = {
      // heldout3.jsonl was written before the discrimination and procedure-deviation rules (its
      // first score, 0.49 maladministration micro-F1, is the unseen figure); it weighs those two
      // types and informal emergencies more than the other sets.
      {"heldout3.jsonl",
       200,
       {{&kAgencyAccuracy, 0.86},
        {&kRoutedPrecision, 0.90},
        {&kMaladMicroF1, 0.70},
        {&kMaladRecall, 0.80, "DISKRIMINASI"},
        {&kMaladRecall, 0.70, "PENYIMPANGAN_PROSEDUR"},
        {&kUrgentRecall, 0.85}}},
      // heldout5.jsonl and heldout6.jsonl were written together before round 4 (informal,
      // regional, English and greeting-wrapped complaints across the real stream's weak
      // families). Round 4 was tuned on heldout5's errors, so its floors guard the fit; heldout6
      // was scored once at the end and its floors sit a little below that unseen figure.
      {"heldout5.jsonl",
       150,
       {{&kAgencyAccuracy, 0.95},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.80},
        {&kUrgentRecall, 0.92}}},
      {"heldout6.jsonl",
       150,
       {{&kAgencyAccuracy, 0.89},
        {&kRoutedPrecision, 0.92},
        {&kMaladMicroF1, 0.70},
        {&kUrgentRecall, 0.87}}},
      // heldout7.jsonl was written before round 5 and weighted like a real city stream: most
      // "banjir" is a flooded street or a blocked drain (PUPR), few are disasters (BPBD) or fires
      // (DAMKAR). Round 5 was tuned on its errors, so the floors guard the fit: the emergency
      // agencies' precision and the drainage recall that the real stream lacked.
      {"heldout7.jsonl",
       120,
       {{&kAgencyAccuracy, 0.95},
        {&kRoutedPrecision, 0.95},
        {&kAgencyPrecision, 0.90, "BPBD"},
        {&kAgencyRecall, 0.90, "BPBD"},
        {&kAgencyPrecision, 0.90, "DAMKAR"},
        {&kAgencyRecall, 0.90, "PUPR"},
        {&kUrgentRecall, 0.88}}},
      // heldout8.jsonl was written after round 5's rules and scored once, untuned: the same
      // stream mix, so its floors sit a little below that unseen figure.
      {"heldout8.jsonl",
       40,
       {{&kAgencyAccuracy, 0.85},
        {&kAgencyPrecision, 0.80, "BPBD"},
        {&kAgencyRecall, 0.75, "PUPR"},
        {&kUrgentRecall, 0.85}}},
      // heldout9.jsonl and heldout10.jsonl were written together before round 6, the way
      // residents write in chat (abbreviations, regional words, long stories, several topics,
      // cadres, letters). Round 6 was tuned on heldout9's errors and on probes; heldout10 was
      // scored once, unseen, and then tuned on (round 6b), so both sets' floors guard the fit:
      // maladministration breadth (undue delay, service not given, procedure, money asked), the
      // agencies and urgency.
      {"heldout9.jsonl",
       120,
       {{&kAgencyAccuracy, 0.97},
        {&kRoutedPrecision, 0.97},
        {&kMaladMicroF1, 0.85},
        {&kMaladRecall, 0.85, "PENUNDAAN_BERLARUT"},
        {&kMaladRecall, 0.85, "TIDAK_MEMBERIKAN_PELAYANAN"},
        {&kMaladRecall, 0.90, "PERMINTAAN_IMBALAN"},
        {&kAgencyRecall, 0.85, "PUPR"},
        {&kUrgentRecall, 0.90}}},
      {"heldout10.jsonl",
       120,
       {{&kAgencyAccuracy, 0.95},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.75},
        {&kMaladRecall, 0.90, "PENUNDAAN_BERLARUT"},
        {&kMaladRecall, 0.90, "PERMINTAAN_IMBALAN"},
        {&kMaladRecall, 0.60, "DISKRIMINASI"},
        {&kAgencyRecall, 0.90, "PUPR"},
        {&kAgencyPrecision, 0.80, "DAMKAR"},
        {&kUrgentRecall, 0.80}}},
      // heldout11.jsonl was written after round 6's last rule change and scored once, untuned:
      // its floors sit a little below that unseen figure (maladministration recall there is
      // about half).
      {"heldout11.jsonl",
       40,
       {{&kAgencyAccuracy, 0.92},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.55},
        {&kUrgentRecall, 0.99}}},
      // heldout12.jsonl was written before round 7, weighted towards maladministration (every
      // type several times, a quarter with none: plain faults, questions, thanks, negated cues).
      // Its first score (micro-F1 0.734) is the unseen figure; round 7 was tuned on its errors,
      // so the floors guard the fit: service not given and undue delay recall, and no label on
      // plain faults.
      {"heldout12.jsonl",
       200,
       {{&kAgencyAccuracy, 0.90},
        {&kRoutedPrecision, 0.92},
        {&kMaladMicroF1, 0.87},
        {&kMaladMicroPrecision, 0.82},
        {&kMaladRecall, 0.90, "TIDAK_MEMBERIKAN_PELAYANAN"},
        {&kMaladF1, 0.88, "TIDAK_MEMBERIKAN_PELAYANAN"},
        {&kMaladRecall, 0.90, "PENUNDAAN_BERLARUT"},
        {&kMaladRecall, 0.90, "PERMINTAAN_IMBALAN"},
        {&kUrgentRecall, 0.99}}},
      // heldout14.jsonl and heldout15.jsonl were written together before round 8 (every
      // maladministration type several times, a quarter with none) and scored before any
      // change. Round 8 was tuned on heldout14's errors, so its floors guard the fit; heldout15
      // was scored once at the end, untuned, and its floors sit a little below that figure.
      {"heldout14.jsonl",
       100,
       {{&kAgencyAccuracy, 0.93},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.79},
        {&kMaladRecall, 0.88, "TIDAK_MEMBERIKAN_PELAYANAN"},
        {&kMaladRecall, 0.90, "PENUNDAAN_BERLARUT"},
        {&kMaladRecall, 0.85, "PERMINTAAN_IMBALAN"},
        {&kUrgentRecall, 0.99}}},
      {"heldout15.jsonl",
       100,
       {{&kAgencyAccuracy, 0.86},
        {&kRoutedPrecision, 0.92},
        {&kMaladMicroF1, 0.79},
        {&kMaladRecall, 0.83, "TIDAK_MEMBERIKAN_PELAYANAN"},
        {&kUrgentRecall, 0.6}}},
      // heldout16.jsonl was written and scored before round 9, on the families a real city's
      // stream sent to the wrong agency (trees, the welfare registry, neighbourhood matters,
      // order, labour, permits, markets, the city's apps, non-fire rescue); round 9 was tuned on
      // its errors, so the floors guard the fit: routing breadth, the neighbourhood and order
      // agencies, urgency, and a triage rate of at most 3%.
      {"heldout16.jsonl",
       200,
       {{&kAgencyAccuracy, 0.96},
        {&kRoutedPrecision, 0.97},
        {&kRoutedShare, 0.97},
        {&kAgencyRecall, 0.95, "DLH"},
        {&kAgencyRecall, 0.95, "DINSOS"},
        {&kAgencyRecall, 0.88, "KEWILAYAHAN"},
        {&kAgencyRecall, 0.85, "SATPOLPP"},
        {&kAgencyPrecision, 0.95, "DAMKAR"},
        {&kAgencyPrecision, 0.95, "BPBD"},
        {&kUrgentRecall, 0.90}}},
      // heldout17.jsonl was written after round 9's first passes and scored once (agency 0.85,
      // the same as the rules before the round); a later pass was tuned on its errors.
      {"heldout17.jsonl",
       60,
       {{&kAgencyAccuracy, 0.92},
        {&kRoutedPrecision, 0.97},
        {&kAgencyRecall, 0.99, "DLH"},
        {&kUrgentRecall, 0.99}}},
      // heldout18.jsonl was written after round 9's final rules and scored once (agency 0.80,
      // the same as the rules before the round); a last pass was tuned on its errors.
      {"heldout18.jsonl", 40, {{&kAgencyAccuracy, 0.85}, {&kRoutedPrecision, 0.93}}},
      // heldout19.jsonl and heldout20.jsonl were written together before round 10 changed the
      // scorer (landmarks after locatives, each word counted once per agency, denied charges),
      // weighted to the real stream's weak agencies. Round 10 measured its mechanisms on
      // heldout19 and added no phrase for its rows, so its floors guard the mechanisms: DLH,
      // DINSOS and the emergency agencies, which the facilities named as places used to pull.
      // heldout20 was scored once at the end, untuned; its floors sit a little below that figure.
      {"heldout19.jsonl",
       150,
       {{&kAgencyAccuracy, 0.91},
        {&kRoutedPrecision, 0.94},
        {&kRoutedShare, 0.96},
        {&kAgencyRecall, 0.95, "DLH"},
        {&kAgencyRecall, 0.95, "DINSOS"},
        {&kAgencyRecall, 0.85, "KEWILAYAHAN"},
        {&kAgencyPrecision, 0.95, "DAMKAR"},
        {&kAgencyPrecision, 0.95, "BPBD"},
        {&kUrgentRecall, 0.99}}},
      {"heldout20.jsonl",
       80,
       {{&kAgencyAccuracy, 0.90}, {&kRoutedPrecision, 0.92}, {&kUrgentRecall, 0.99}}},
      // heldout21.jsonl and heldout22.jsonl were written together before round 10 (emergencies
      // written informally, in regional words and English, buried in stories, next to past,
      // planned and paperwork look-alikes; every maladministration type) and scored before any
      // change. Round 10 was tuned on heldout21's errors, so its floors guard the fit; heldout22
      // was scored once at the end, untuned, and its floors sit a little below that figure.
      // Round 15's sting family took one more of its urgent rows (0.968).
      {"heldout21.jsonl",
       150,
       {{&kAgencyAccuracy, 0.84},
        {&kRoutedPrecision, 0.85},
        {&kMaladMicroF1, 0.77},
        {&kUrgentRecall, 0.95},
        {&kUrgentPrecision, 0.98}}},
      // Round 11's clause-scoped blockers gave heldout22 a story whose past preface had hidden
      // its flood (recall 0.818, no false alarm). Round 12's urgent families were tuned on its
      // remaining misses (0.970), so from then on its recall floor guards a fit.
      // Round 14 fixed the agency families its errors show (0.830 to 0.920).
      {"heldout22.jsonl",
       80,
       {{&kAgencyAccuracy, 0.90},
        {&kMaladMicroF1, 0.83},
        {&kUrgentRecall, 0.95},
        {&kUrgentPrecision, 0.95}}},
      // heldout23.jsonl was written after round 10's rules by their author, before a last pass
      // tuned on heldout22's errors: a guard on the same families, not an independent figure.
      {"heldout23.jsonl",
       60,
       {{&kAgencyAccuracy, 0.89},
        {&kMaladMicroF1, 0.90},
        {&kUrgentRecall, 0.95},
        {&kUrgentPrecision, 0.95}}},
      // heldout24.jsonl was written before round 12's urgent rules and scored once before them
      // (urgent recall 0.605) and once after (0.674, precision 1.000), untuned. Round 13 then
      // fixed the families its urgent misses show (0.930) and narrowed service-not-given
      // (micro-F1 0.745): it is tuned on now, and its floors sit a little below those figures.
      {"heldout24.jsonl",
       100,
       {{&kAgencyAccuracy, 0.87},
        {&kRoutedPrecision, 0.89},
        {&kMaladMicroF1, 0.72},
        {&kUrgentRecall, 0.90},
        {&kUrgentPrecision, 0.95}}},
      // heldout25.jsonl was written before round 13's rules and scored once before them (urgent
      // recall 0.615, precision 0.960) and once after (0.667, 0.963), untuned. Round 14 read its
      // urgent misses and fixed their families (recall 0.949, precision 1.000): it is tuned on
      // now, and its floors sit a little below those figures. Round 15 read its maladministration
      // errors (micro-F1 0.674 to 0.774) and its two urgent misses (recall 1.000).
      {"heldout25.jsonl",
       100,
       {{&kAgencyAccuracy, 0.91},
        {&kRoutedPrecision, 0.91},
        {&kMaladMicroF1, 0.74},
        {&kUrgentRecall, 0.97},
        {&kUrgentPrecision, 0.97}}},
      // heldout26.jsonl was written before round 14's rules and scored once before them (urgent
      // recall 0.878, precision 0.947; agency 0.844). Round 14 then read its urgent and
      // maladministration errors, so its floors guard that fit, a little below the round's end
      // figures. Round 15 read them again (micro-F1 0.656 to 0.781, its last urgent miss taken).
      {"heldout26.jsonl",
       100,
       {{&kAgencyAccuracy, 0.86},
        {&kRoutedPrecision, 0.86},
        {&kMaladMicroF1, 0.75},
        {&kUrgentRecall, 0.97},
        {&kUrgentPrecision, 0.97}}},
      // heldout27.jsonl was written before round 15's rules, weighted to maladministration (every
      // Ombudsman type five times or more, with look-alikes), and scored once before them
      // (micro-F1 0.769, agency 0.895, urgent recall 0.640 at precision 1.000). Round 15 then read
      // its maladministration errors, so that floor guards a fit (0.926). Round 16 read its nine
      // urgent misses and fixed their families (recall 0.920, agency 0.912): every floor now
      // guards a fit, a little below the round's end figures.
      {"heldout27.jsonl",
       100,
       {{&kAgencyAccuracy, 0.89},
        {&kRoutedPrecision, 0.92},
        {&kMaladMicroF1, 0.89},
        {&kUrgentRecall, 0.88},
        {&kUrgentPrecision, 0.97}}},
      // heldout28.jsonl was written before round 16's rules (45 urgent rows of wide variety, 26
      // look-alikes, the real stream's weak agency families) and scored once before them: agency
      // 0.862, micro-F1 0.822, urgent recall 0.756 at precision 0.872. Round 16 was then tuned on
      // its errors (agency 0.957, urgent 1.000 / 1.000), so its floors guard that fit.
      {"heldout28.jsonl",
       110,
       {{&kAgencyAccuracy, 0.93},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.80},
        {&kUrgentRecall, 0.97},
        {&kUrgentPrecision, 0.97}}},
      // heldout29.jsonl was written before round 17's rules (158 rows in portal and chat wording,
      // weighted to the agency families the real city stream routed worst, 25 urgent) and scored
      // once before them: agency 0.873, routed precision 0.926, triage 5.7%, micro-F1 0.619,
      // urgent recall 0.920 at precision 0.885. Round 17 was then tuned on its errors, so its
      // floors guard that fit, not an unseen figure. Round 18 read its maladministration errors
      // (micro-F1 0.619 to 0.675, urgent precision 1.000) and raised those two floors.
      {"heldout29.jsonl",
       150,
       {{&kAgencyAccuracy, 0.94},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.63},
        {&kUrgentRecall, 0.95},
        {&kUrgentPrecision, 0.97}}},
      // heldout30.jsonl was written before round 18's rules (153 rows: 68 with a maladministration
      // label, every Ombudsman type five times or more, 26 unlabelled look-alikes, 29 urgent and 20
      // look-alikes of the same hazards) and scored once before them: micro-F1 0.733, agency
      // 0.922, urgent recall 0.862 at precision 0.962. Round 18 was then tuned on its errors, so
      // its floors guard that fit, a little below the round's end figures.
      {"heldout30.jsonl",
       150,
       {{&kAgencyAccuracy, 0.92},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.86},
        {&kUrgentRecall, 0.96},
        {&kUrgentPrecision, 0.97}}},
      // heldout31.jsonl was written before round 19's rules (180 short chat messages as SMS and
      // WhatsApp bring them: abbreviations, regional words, captions, fragments; 20 urgent, 15
      // look-alikes, 8 that name no service and belong to triage) and scored once before them:
      // agency 0.939, triage 0.023, micro-F1 0.696, urgent recall 0.950 at precision 0.792.
      // Round 19 was then tuned on its errors, so its floors guard that fit, a little below the
      // round's end figures.
      {"heldout31.jsonl",
       150,
       {{&kAgencyAccuracy, 0.94},
        {&kRoutedPrecision, 0.95},
        {&kMaladMicroF1, 0.73},
        {&kUrgentRecall, 0.95},
        {&kUrgentPrecision, 0.89}}},
      // heldout32.jsonl was written before round 20's rules (170 long messages, 25 to 100 words,
      // as a city app and WhatsApp bring them: greetings and thanks around the request, history,
      // several issues, hazard words used in passing; 20 urgent) and scored once before them:
      // agency 0.900, triage 0.065, micro-F1 0.574, urgent recall 1.000 at precision 0.714.
      // Round 20 was then tuned on its errors, so its floors guard that fit, a little below the
      // round's end figures.
      {"heldout32.jsonl",
       150,
       {{&kAgencyAccuracy, 0.97},
        {&kRoutedPrecision, 0.97},
        {&kMaladMicroF1, 0.57},
        {&kUrgentRecall, 0.95},
        {&kUrgentPrecision, 0.9}}},
      // heldout33.jsonl was written before round 21's rules (153 rows: conduct and danger told as
      // stories; 85 with a maladministration label, every Ombudsman type seven times or more, 32
      // unlabelled look-alikes, 26 urgent scenes and 15 look-alikes) and scored once before them:
      // agency 0.908, micro-F1 0.588, urgent recall 0.769 at precision 0.870. Round 21 was then
      // tuned on its errors, so its floors guard that fit, a little below the round's end figures.
      {"heldout33.jsonl",
       150,
       {{&kAgencyAccuracy, 0.96},
        {&kRoutedPrecision, 0.97},
        {&kMaladMicroF1, 0.85},
        {&kUrgentRecall, 0.96},
        {&kUrgentPrecision, 0.96}}},
      // heldout34.jsonl was written before round 22's rules (151 rows on the agencies a real
      // stream routed worst: markets and LPG, permits, city apps, kelurahan and RT, order, labour,
      // housing and parks, the city hospital, waste and trees, with neighbour look-alikes; 11
      // urgent) and scored once before them: agency 0.921, routed precision 0.939, triage 0.020,
      // micro-F1 0.647, urgent recall 0.909 at precision 1.000. Round 22 was then tuned on its
      // errors, so its floors guard that fit, a little below the round's end figures.
      {"heldout34.jsonl",
       150,
       {{&kAgencyAccuracy, 0.97},
        {&kRoutedPrecision, 0.97},
        {&kRoutedShare, 0.97},
        {&kMaladMicroF1, 0.70},
        {&kUrgentRecall, 0.90},
        {&kUrgentPrecision, 0.95}}},
      // heldout35.jsonl was written before round 23's rules (150 long courteous messages: 90
      // plain faults and requests told with their history, addressing words and a resident's own
      // attempts, and no maladministration; 60 where an office or officer is shown failing, 22 of
      // them undue delay; 1 urgent) and scored once before them: agency 0.827, routed precision
      // 0.925, triage 0.107, micro-F1 0.648 at precision 0.588, undue-delay precision 0.500.
      // Round 23 was then tuned on its maladministration errors (not its agency errors), so its
      // floors guard that fit, a little below the round's end figures.
      {"heldout35.jsonl",
       150,
       {{&kAgencyAccuracy, 0.80},
        {&kRoutedPrecision, 0.90},
        {&kMaladMicroF1, 0.70},
        {&kMaladMicroPrecision, 0.70},
        {&kUrgentRecall, 0.99}}},
      // heldout36.jsonl was written before round 24's rules (158 rows on the urgent flag: 62
      // hazards happening now, many told as a scene or in Javanese, Sundanese, Betawi, Minang or
      // English, and 96 look-alikes past, put out, far away, asked about or "darurat" as
      // emphasis) and scored once before them: agency 0.519, routed precision 0.620, triage
      // 0.176, micro-F1 0.480, urgent recall 0.484 at precision 0.682. Round 24 was then tuned on
      // its errors, so its floors guard that fit, a little below the round's end figures; agency
      // stays low because the set's wording was kept far from every earlier set.
      {"heldout36.jsonl",
       150,
       {{&kAgencyAccuracy, 0.71},
        {&kRoutedPrecision, 0.77},
        {&kRoutedShare, 0.90},
        {&kMaladMicroF1, 0.70},
        {&kUrgentRecall, 0.96},
        {&kUrgentPrecision, 0.96}}},
      // heldout37.jsonl was written before round 25's rules (176 ordinary complaints across every
      // agency, weighted like a city inbox, each sharing at most 40% of its words with any
      // earlier row: services named by use or symptom, regional and chat words, local company
      // names; 5 urgent, 46 with a maladministration label) and scored once before them: agency
      // 0.625, routed precision 0.780, triage 0.199, macro-F1 0.668, micro-F1 0.512, urgent
      // recall 0.200 at precision 0.083. Round 25 was then tuned on its agency errors, so these
      // floors guard that fit, a little below the round's end figures; they say nothing of text
      // in new words.
      {"heldout37.jsonl",
       170,
       {{&kAgencyAccuracy, 0.97},
        {&kRoutedPrecision, 0.97},
        {&kRoutedShare, 0.97},
        {&kMaladMicroF1, 0.52},
        {&kUrgentRecall, 0.96},
        {&kUrgentPrecision, 0.58}}},
      // heldout41.jsonl was written before round 29's rules (156 rows on who failed, an office or
      // a thing: 87 ordinary complaints whose words bait a label, "belum", "diabaikan" of a
      // road, a crowded clinic, a legal fee asked about, the resident's own family, a business
      // or a neighbour at fault; 70 labels over all ten types, 7 partiality and 8 abuse of
      // office; each row sharing at most 40% of its words with any earlier row; 5 urgent) and
      // scored once before them: agency 0.846, routed precision 0.936, triage 0.096, macro-F1
      // 0.893, micro-F1 0.661 (precision 0.759, recall 0.586), urgent recall 0.800 at precision
      // 0.667. Round 29 was then tuned on its maladministration errors, so these floors guard
      // that fit, a little below the round's end figures.
      {"heldout41.jsonl",
       150,
       {{&kAgencyAccuracy, 0.83},
        {&kRoutedPrecision, 0.92},
        {&kRoutedShare, 0.89},
        {&kMaladMicroF1, 0.95},
        {&kMaladMicroPrecision, 0.94},
        {&kMaladF1, 0.90, "TIDAK_MEMBERIKAN_PELAYANAN"},
        {&kMaladF1, 0.95, "BERPIHAK"},
        {&kMaladF1, 0.90, "PENYALAHGUNAAN_WEWENANG"},
        {&kMaladF1, 0.95, "KONFLIK_KEPENTINGAN"},
        {&kUrgentRecall, 0.78},
        // Round 30's urgent rules, tuned in parallel, flag three of its non-urgent rows (a
        // flickering supply, a bridge's loose planks, a cracked bridge): 4 right of 7.
        {&kUrgentPrecision, 0.55}}},
      // heldout42.jsonl was written before round 30's rules (163 rows on the urgent flag in
      // informal text: 101 dangers typed with no hazard word, a misspelt one, a regional word,
      // in English or after greetings, 62 look-alikes told as past, feared, prevented, paperwork
      // or figurative "darurat"; each row sharing at most 40% of its words with any earlier row)
      // and scored once before them: agency 0.607, routed precision 0.702, triage 0.135,
      // macro-F1 0.612, micro-F1 0.444, urgent recall 0.584 at precision 0.881 (42 missed, 8
      // false alarms). Round 30 was then tuned on its errors, so these floors guard that fit, a
      // little below the round's end figures, and the responders urgent rows must reach.
      {"heldout42.jsonl",
       160,
       {{&kAgencyAccuracy, 0.83},
        {&kRoutedPrecision, 0.87},
        {&kRoutedShare, 0.94},
        {&kMaladMicroF1, 0.42},
        {&kUrgentRecall, 0.97},
        {&kUrgentPrecision, 0.97},
        {&kAgencyRecall, 0.95, "BPBD"},
        {&kAgencyRecall, 0.82, "DAMKAR"},
        {&kAgencyRecall, 0.90, "POLRI"},
        {&kAgencyRecall, 0.88, "PLN"},
        {&kAgencyRecall, 0.90, "DINKES"}}},
      // heldout40.jsonl was written before round 28's rules (167 rows on maladministration types:
      // 70 ordinary complaints whose words bait a label, "belum", "tak digubris" of a neighbour,
      // "keliru" of the resident, a legal fee asked about, the resident's own family; 97 labels
      // over all ten types told as residents tell them; each row sharing at most 40% of its
      // words with any earlier row; 4 urgent) and scored once before them: agency 0.862, routed
      // precision 0.929, triage 0.072, macro-F1 0.880, micro-F1 0.722 (precision 0.733, recall
      // 0.712), urgent recall 1.000 at precision 0.667. Round 28 was then tuned on its
      // maladministration errors, so these floors guard that fit, a little below the round's end
      // figures; they say nothing of text in new words.
      {"heldout40.jsonl",
       160,
       {{&kAgencyAccuracy, 0.84},
        {&kRoutedPrecision, 0.91},
        {&kRoutedShare, 0.91},
        {&kMaladMicroF1, 0.90},
        {&kMaladMicroPrecision, 0.85},
        {&kMaladF1, 0.90, "TIDAK_MEMBERIKAN_PELAYANAN"},
        {&kMaladF1, 0.90, "BERPIHAK"},
        {&kMaladF1, 0.90, "PENYALAHGUNAAN_WEWENANG"},
        {&kMaladF1, 0.90, "KONFLIK_KEPENTINGAN"},
        {&kUrgentRecall, 0.96},
        {&kUrgentPrecision, 0.75}}},
      // heldout39.jsonl was written before round 27's rules (162 rows on the urgent flag's
      // precision: 96 not urgent that use hazard words for a past event, a fear, prevention,
      // paperwork or aid for victims, old damage, a hazard handled or plain emphasis, and 66
      // truly urgent in the same registers; each row under 40% word overlap with any earlier
      // row) and scored once before them: agency 0.679, routed precision 0.738, triage 0.081,
      // micro-F1 0.500, urgent recall 0.909 at precision 0.706 (25 false alarms). Round 27 was
      // then tuned on its urgent errors, so these floors guard that fit, a little below the
      // round's end figures.
      {"heldout39.jsonl",
       155,
       {{&kAgencyAccuracy, 0.66},
        {&kRoutedPrecision, 0.73},
        {&kRoutedShare, 0.89},
        {&kMaladMicroF1, 0.48},
        {&kUrgentRecall, 0.96},
        {&kUrgentPrecision, 0.96}}},
      // heldout38.jsonl was written before round 26's rules (152 infrastructure defects told by
      // their consequences: falls into holes, towed cars, children in open drains, robberies
      // under dead lamps; 66 PUPR, the rest DISHUB, DLH, PDAM, PERKIM and counter-cases where
      // the crash, the flood or the rescue is the matter; each row sharing at most 40% of its
      // words with any earlier row; 10 urgent, 10 with a maladministration label) and scored
      // once before them: agency 0.750, routed precision 0.838, triage 0.105, macro-F1 0.812,
      // micro-F1 0.400, urgent recall 0.900 at precision 0.346. Round 26 was then tuned on its
      // errors, so these floors guard that fit, a little below the round's end figures.
      {"heldout38.jsonl",
       150,
       {{&kAgencyAccuracy, 0.96},
        {&kRoutedPrecision, 0.96},
        {&kRoutedShare, 0.96},
        {&kMaladMicroF1, 0.75},
        {&kUrgentRecall, 0.85},
        {&kUrgentPrecision, 0.50}}},
      // probe25.jsonl was written after round 25's rules, in fresh words again (62 rows, none
      // sharing more than 40% of its words with an earlier row, heldout37 included), to see how
      // much of the round carries to text it was not written on: agency 0.710 with the rules
      // before the round and 0.710 with the round's (one row gained, one lost); 0.726 after the
      // one regression was fixed. Floors only for routing, which is what it measured.
      {"probe25.jsonl", 60, {{&kAgencyAccuracy, 0.70}, {&kRoutedPrecision, 0.75}}},
      // probe26.jsonl was written apart from the topic vocabulary work (works and services),
      // without running the classifier or reading its rules, in fresh words (215 rows weighted
      // like a city inbox, none sharing 40% of its words with an earlier row), as its yardstick:
      // agency 0.726 with the rules before the vocabulary, 0.749 with it. Kept unfixed; its
      // urgent precision (0.46: 14 false alarms) is recorded, not tuned on.
      {"probe26.jsonl",
       210,
       {{&kAgencyAccuracy, 0.73},
        {&kRoutedPrecision, 0.81},
        {&kMaladMicroF1, 0.55},
        {&kUrgentRecall, 0.68}}},
      // The probe sentences written while broadening the agency families and the urgent
      // vocabulary (round 4 added three probes: real-stream-style routing, greetings and
      // dialects, and maladministration wording; round 6 two maladministration probes and an
      // urgent one).
      {"families.jsonl", 300, {{&kAgencyAccuracy, 0.95}, {&kUrgentRecall, 0.94}}},
  };
  return sets;
}

// Names the set in gtest's messages instead of dumping its bytes.
void PrintTo(const HeldOutSet& set, std::ostream* os) { *os << set.file; }

class HeldOutTest : public testing::TestWithParam<HeldOutSet> {};

TEST_P(HeldOutTest, MeetsTheFloors) {
  const HeldOutSet& set = GetParam();
  std::string path = ADUAN_SOURCE_DIR "/tests/classifier/testdata/";
  path += set.file;
  const Score s = ScoreFile(path);
  ASSERT_GE(s.rows, set.min_rows);
  for (const Floor& f : set.floors) {
    EXPECT_GE(f.figure->of(s, f.label), f.min) << f.figure->name << " " << f.label;
  }
  EXPECT_EQ(s.urgent_waiting, 0) << "an urgent complaint was left in triage";
}

// Test names: the file's stem ("heldout3", "families").
INSTANTIATE_TEST_SUITE_P(Sets, HeldOutTest, testing::ValuesIn(Sets()),
                         [](const testing::TestParamInfo<HeldOutSet>& info) {
                           return info.param.file.substr(0, info.param.file.find('.'));
                         });

}  // namespace
}  // namespace aduan::classifier
