// classifier_eval: measures the shipped rules on a labelled JSONL file.
//
//   classifier_eval [--rules PATH] [--fallback PATH] [--lexicon PATH] [--roots PATH]
//                   [--topics PATH] [--profile PATH] [--threshold X] [--margin X] [--half even|odd]
//                   [--errors] FILE.jsonl...
//
// Each line: {"text", "agency", "maladministration": [...], "urgent": bool}. Prints agency
// accuracy and macro-F1, per-agency precision/recall, the most frequent confusions,
// maladministration micro/macro-F1, urgent precision/recall, auto-routed precision (the share
// right among rows not sent to TRIAGE) and the triage rate on rows whose label is not TRIAGE.
// --half keeps every other row (0-based even or odd line numbers), for a tune-on-one-half,
// check-on-the-other self-test. --errors lists the misclassified rows.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "classifier/classifier.h"

namespace {

using aduan::classifier::Classification;

struct Row {
  std::string text;
  std::string agency;
  std::set<std::string> maladministration;
  bool urgent = false;
};

struct Counts {
  int tp = 0, fp = 0, fn = 0;
  double Precision() const { return tp + fp == 0 ? 0 : double(tp) / (tp + fp); }
  double Recall() const { return tp + fn == 0 ? 0 : double(tp) / (tp + fn); }
  double F1() const {
    const double p = Precision(), r = Recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }
};

int Usage() {
  std::cerr
      << "usage: classifier_eval [--rules PATH] [--fallback PATH ('' for none)]\n"
         "                       [--conduct PATH ('' for none)]\n"
         "                       [--lexicon PATH] [--roots PATH] [--topics PATH] [--profile PATH]\n"
         "                       [--threshold X] [--margin X] [--half even|odd] [--errors]\n"
         "                       FILE.jsonl...\n";
  return 2;
}

std::string Join(const std::set<std::string>& codes) {
  std::string out;
  for (const auto& code : codes) out += (out.empty() ? "" : ",") + code;
  return out.empty() ? "-" : out;
}

}  // namespace

int main(int argc, char** argv) {
  aduan::classifier::ClassifierOptions options;
  options.rules_path = ADUAN_SOURCE_DIR "/config/classifier/rules";
  options.fallback_rules_path = ADUAN_SOURCE_DIR "/config/classifier/fallback";
  options.conduct_rules_path = ADUAN_SOURCE_DIR "/config/classifier/conduct";
  options.topics_path = ADUAN_SOURCE_DIR "/config/classifier/topics.json";
  options.profile_path = ADUAN_SOURCE_DIR "/config/city/default.json";
  options.lexicon_path = ADUAN_SOURCE_DIR "/config/classifier/lexicon";
  options.roots_path = ADUAN_SOURCE_DIR "/config/classifier/roots.txt";
  std::string half;
  bool show_errors = false;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string number;
    if (arg == "--rules") {
      if (!value(&options.rules_path)) return Usage();
    } else if (arg == "--fallback") {  // '' for the written rules alone
      if (!value(&options.fallback_rules_path)) return Usage();
    } else if (arg == "--conduct") {  // '' for the written rules' conduct reading alone
      if (!value(&options.conduct_rules_path)) return Usage();
    } else if (arg == "--lexicon") {
      if (!value(&options.lexicon_path)) return Usage();
    } else if (arg == "--roots") {
      if (!value(&options.roots_path)) return Usage();
    } else if (arg == "--topics") {
      if (!value(&options.topics_path)) return Usage();
    } else if (arg == "--profile") {
      if (!value(&options.profile_path)) return Usage();
    } else if (arg == "--threshold") {
      if (!value(&number)) return Usage();
      options.triage_threshold = std::stod(number);
    } else if (arg == "--margin") {
      if (!value(&number)) return Usage();
      options.min_margin = std::stod(number);
    } else if (arg == "--half") {
      if (!value(&half) || (half != "even" && half != "odd")) return Usage();
    } else if (arg == "--errors") {
      show_errors = true;
    } else if (arg == "--help" || arg == "-h" || arg.starts_with("--")) {
      return Usage();
    } else {
      inputs.push_back(arg);
    }
  }
  if (inputs.empty()) return Usage();

  std::string error;
  auto classifier = aduan::classifier::LoadKeywordClassifier(options, &error);
  if (!classifier) {
    std::cerr << "classifier_eval: " << error << "\n";
    return 2;
  }

  std::vector<Row> rows;
  for (const auto& input : inputs) {
    std::ifstream in(input);
    if (!in) {
      std::cerr << "classifier_eval: cannot open " << input << "\n";
      return 2;
    }
    std::string line;
    int line_number = 0;
    while (std::getline(in, line)) {
      ++line_number;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      try {
        const auto j = nlohmann::json::parse(line);
        Row row;
        row.text = j.at("text").get<std::string>();
        row.agency = j.at("agency").get<std::string>();
        for (const auto& code : j.value("maladministration", nlohmann::json::array())) {
          row.maladministration.insert(code.get<std::string>());
        }
        row.urgent = j.value("urgent", false);
        const bool keep = half.empty() || ((line_number - 1) % 2 == 0) == (half == "even");
        if (keep) rows.push_back(std::move(row));
      } catch (const std::exception& e) {
        std::cerr << input << ":" << line_number << ": " << e.what() << "\n";
        return 2;
      }
    }
  }
  if (rows.empty()) {
    std::cerr << "classifier_eval: no rows\n";
    return 2;
  }

  std::map<std::string, Counts> agency_counts, malad_counts;
  std::map<std::pair<std::string, std::string>, int> confusions;
  Counts malad_micro, urgent;
  int correct = 0, non_triage_rows = 0, triaged = 0, auto_routed = 0, auto_routed_ok = 0;
  for (const auto& row : rows) {
    const Classification c = classifier->Classify(row.text);
    const std::set<std::string> predicted(c.maladministration.begin(), c.maladministration.end());
    const bool agency_ok = c.agency == row.agency;
    if (agency_ok) {
      ++correct;
      ++agency_counts[row.agency].tp;
    } else {
      ++agency_counts[row.agency].fn;
      ++agency_counts[c.agency].fp;
      ++confusions[{row.agency, c.agency}];
    }
    // Auto-routed: the ticket skips the operator, so a wrong agency here costs a re-route.
    if (c.agency != "TRIAGE") {
      ++auto_routed;
      if (agency_ok) ++auto_routed_ok;
    }
    if (row.agency != "TRIAGE") {
      ++non_triage_rows;
      if (c.triage) ++triaged;
    }
    for (const auto& code : predicted) {
      const bool hit = row.maladministration.contains(code);
      ++(hit ? malad_counts[code].tp : malad_counts[code].fp);
      ++(hit ? malad_micro.tp : malad_micro.fp);
    }
    for (const auto& code : row.maladministration) {
      if (!predicted.contains(code)) {
        ++malad_counts[code].fn;
        ++malad_micro.fn;
      }
    }
    if (c.urgent && row.urgent) ++urgent.tp;
    if (c.urgent && !row.urgent) ++urgent.fp;
    if (!c.urgent && row.urgent) ++urgent.fn;
    if (show_errors &&
        (!agency_ok || predicted != row.maladministration || c.urgent != row.urgent)) {
      std::printf("%s%s -> %s (%.2f) | malad %s -> %s | urgent %d -> %d\n  %s\n  evidence:",
                  agency_ok ? "" : "AGENCY ", row.agency.c_str(), c.agency.c_str(), c.agency_score,
                  Join(row.maladministration).c_str(), Join(predicted).c_str(), row.urgent,
                  c.urgent, row.text.substr(0, 400).c_str());
      for (const auto& m : c.matched) {
        std::printf(" %s:%s(%g)", m.target.c_str(), m.rule.c_str(), m.weight);
      }
      std::printf("\n");
    }
  }

  double macro_f1 = 0;
  int agencies = 0;
  std::printf("rows: %zu\n", rows.size());
  std::printf("agency accuracy: %.3f\n", double(correct) / rows.size());
  std::printf("%-14s %9s %9s %9s %5s\n", "agency", "precision", "recall", "f1", "n");
  for (const auto& [code, counts] : agency_counts) {
    const int support = counts.tp + counts.fn;
    if (support == 0) {
      std::printf("%-14s %9.3f %9s %9s %5d  (predicted only)\n", code.c_str(), counts.Precision(),
                  "-", "-", 0);
      continue;
    }
    macro_f1 += counts.F1();
    ++agencies;
    std::printf("%-14s %9.3f %9.3f %9.3f %5d\n", code.c_str(), counts.Precision(), counts.Recall(),
                counts.F1(), support);
  }
  std::printf("agency macro-F1: %.3f\n", agencies ? macro_f1 / agencies : 0.0);
  std::vector<std::pair<int, std::pair<std::string, std::string>>> top;
  for (const auto& [pair, count] : confusions) top.push_back({count, pair});
  std::sort(top.begin(), top.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::printf("top confusions (label -> predicted):\n");
  for (size_t i = 0; i < top.size() && i < 10; ++i) {
    std::printf("  %3d  %s -> %s\n", top[i].first, top[i].second.first.c_str(),
                top[i].second.second.c_str());
  }
  double malad_macro = 0;
  int malad_codes = 0;
  std::printf("%-28s %9s %9s %9s %5s\n", "maladministration", "precision", "recall", "f1", "n");
  for (const auto& [code, counts] : malad_counts) {
    std::printf("%-28s %9.3f %9.3f %9.3f %5d\n", code.c_str(), counts.Precision(), counts.Recall(),
                counts.F1(), counts.tp + counts.fn);
    if (counts.tp + counts.fn > 0) {
      malad_macro += counts.F1();
      ++malad_codes;
    }
  }
  std::printf("maladministration micro-F1: %.3f (P %.3f R %.3f)\n", malad_micro.F1(),
              malad_micro.Precision(), malad_micro.Recall());
  std::printf("maladministration macro-F1: %.3f\n", malad_codes ? malad_macro / malad_codes : 0.0);
  std::printf("urgent precision: %.3f recall: %.3f (tp %d fp %d fn %d)\n", urgent.Precision(),
              urgent.Recall(), urgent.tp, urgent.fp, urgent.fn);
  std::printf("auto-routed precision: %.3f (%d of %d)\n",
              auto_routed ? double(auto_routed_ok) / auto_routed : 0.0, auto_routed_ok,
              auto_routed);
  std::printf("triage rate on non-TRIAGE rows: %.3f (%d of %d)\n",
              non_triage_rows ? double(triaged) / non_triage_rows : 0.0, triaged, non_triage_rows);
  return 0;
}
