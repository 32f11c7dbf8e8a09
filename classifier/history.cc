#include "classifier/history.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>

#include "classifier/rules.h"

namespace aduan::classifier {
namespace {

// The optional conduct labels. False (after describing the problem) for a row to skip.
template <class Problem>
bool ReadConduct(const nlohmann::json& j, HistoryRow* row, const Problem& problem) {
  const bool has_types = j.contains("maladministration") && !j["maladministration"].is_null();
  const bool has_urgent = j.contains("urgent") && !j["urgent"].is_null();
  if (!has_types && !has_urgent) return true;
  row->has_conduct = true;
  if (has_urgent) {
    if (!j["urgent"].is_boolean()) {
      problem("\"urgent\" must be true or false");
      return false;
    }
    row->urgent = j["urgent"].get<bool>();
  }
  if (!has_types) return true;
  if (!j["maladministration"].is_array()) {
    problem("\"maladministration\" must be an array of codes");
    return false;
  }
  const auto& known = KnownMaladministrationCodes();
  for (const auto& code : j["maladministration"]) {
    if (!code.is_string() ||
        std::find(known.begin(), known.end(), code.get<std::string>()) == known.end()) {
      problem("unknown maladministration code " + code.dump());
      return false;
    }
    row->maladministration.push_back(code.get<std::string>());
  }
  return true;
}

}  // namespace

bool ReadHistory(const std::string& path, const std::set<std::string>& agencies,
                 const std::set<std::string>& topics, std::vector<HistoryRow>* rows,
                 std::vector<std::string>* problems, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    *error = path + ": cannot read";
    return false;
  }
  std::string line;
  int number = 0;
  auto problem = [&](const std::string& what) {
    problems->push_back(path + ":" + std::to_string(number) + ": " + what);
  };
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error&) {
      problem("not a JSON object (malformed JSON)");
      continue;
    }
    if (!j.is_object()) {
      problem("not a JSON object");
      continue;
    }
    if (!j.contains("text") || !j["text"].is_string()) {
      problem("missing \"text\" (a string)");
      continue;
    }
    HistoryRow row;
    row.text = j["text"];
    row.line = number;
    if (row.text.find_first_not_of(" \t\r\n") == std::string::npos) {
      problem("empty text");
      continue;
    }
    if (!j.contains("agency") || !j["agency"].is_string()) {
      problem("missing \"agency\" (a string)");
      continue;
    }
    row.agency = j["agency"];
    if (!agencies.contains(row.agency)) {
      problem("unknown agency code '" + row.agency + "'");
      continue;
    }
    if (j.contains("topic") && !j["topic"].is_null()) {
      if (!j["topic"].is_string()) {
        problem("\"topic\" must be a string");
        continue;
      }
      row.topic = j["topic"];
      if (!topics.empty() && !row.topic.empty() && !topics.contains(row.topic)) {
        problem("unknown topic '" + row.topic + "'");
        continue;
      }
    }
    if (!ReadConduct(j, &row, problem)) continue;
    rows->push_back(std::move(row));
  }
  return true;
}

void EvalCounter::Add(const std::string& label, const Classification& c) {
  ++rows_;
  const std::string& predicted = c.agency;
  if (predicted == label) {
    ++correct_;
    ++tp_[label];
  } else {
    ++fn_[label];
    ++fp_[predicted];
    ++confusions_[{label, predicted}];
  }
  if (c.triage) {
    if (label != kTriage) ++triaged_;
  } else {
    ++routed_;
    if (predicted == label) ++routed_correct_;
  }
}

EvalReport EvalCounter::Report(size_t top_confusions) const {
  EvalReport r;
  r.rows = rows_;
  if (rows_ == 0) return r;
  r.accuracy = double(correct_) / rows_;
  r.auto_routed_precision = routed_ == 0 ? 0 : double(routed_correct_) / routed_;
  r.triage_rate = double(triaged_) / rows_;
  std::set<std::string> labels;
  for (const auto& [label, n] : tp_) labels.insert(label);
  for (const auto& [label, n] : fn_) labels.insert(label);
  double f1_sum = 0;
  auto get = [](const std::map<std::string, int>& m, const std::string& k) {
    auto it = m.find(k);
    return it == m.end() ? 0 : it->second;
  };
  for (const auto& label : labels) {
    const double tp = get(tp_, label), fp = get(fp_, label), fn = get(fn_, label);
    const double p = tp + fp == 0 ? 0 : tp / (tp + fp);
    const double rec = tp + fn == 0 ? 0 : tp / (tp + fn);
    f1_sum += p + rec == 0 ? 0 : 2 * p * rec / (p + rec);
  }
  r.macro_f1 = labels.empty() ? 0 : f1_sum / labels.size();
  r.confusions.assign(confusions_.begin(), confusions_.end());
  std::stable_sort(r.confusions.begin(), r.confusions.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  if (r.confusions.size() > top_confusions) r.confusions.resize(top_confusions);
  return r;
}

}  // namespace aduan::classifier
