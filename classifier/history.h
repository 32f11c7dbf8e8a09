// A city's past complaints, labelled with the agency that handled them, and the scores of a
// classifier on them. Used by `aduan rules suggest` and `aduan rules eval`.
//
// A history file is JSON Lines: one object per line, {"text": "...", "agency": "PUPR"} and
// optionally "topic": "jalan_berlubang", and the complaint's conduct labels:
// "maladministration": ["PENUNDAAN_BERLARUT", ...] and "urgent": true|false. Blank lines are
// skipped.
#ifndef ADUAN_CLASSIFIER_HISTORY_H_
#define ADUAN_CLASSIFIER_HISTORY_H_

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "classifier/classifier.h"

namespace aduan::classifier {

struct HistoryRow {
  std::string text;
  std::string agency;
  std::string topic;  // may be empty
  int line = 0;
  // Conduct labels, read only when the row carries them (has_conduct): a city's export often
  // knows only the agency, and such a row says nothing about maladministration or urgency.
  bool has_conduct = false;
  std::vector<std::string> maladministration;
  bool urgent = false;
};

// Reads `path`. A line that is not a JSON object, has no or an empty "text", names an agency
// outside `agencies`, a topic outside `topics` (when `topics` is not empty) or an unknown
// maladministration code is skipped and
// described in *problems as "file:line: problem". Returns false (and sets *error) only when
// the file cannot be read.
bool ReadHistory(const std::string& path, const std::set<std::string>& agencies,
                 const std::set<std::string>& topics, std::vector<HistoryRow>* rows,
                 std::vector<std::string>* problems, std::string* error);

// How a classifier did against labels. A TRIAGE answer is wrong for accuracy (unless the label
// is TRIAGE) and counts toward the triage rate; auto-routed precision is over the answers that
// were not TRIAGE.
struct EvalReport {
  int rows = 0;
  double accuracy = 0;
  double macro_f1 = 0;  // over the labels present in the history
  double auto_routed_precision = 0;
  double triage_rate = 0;
  std::vector<std::pair<std::pair<std::string, std::string>, int>> confusions;  // most first
};

class EvalCounter {
 public:
  void Add(const std::string& label, const Classification& c);
  EvalReport Report(size_t top_confusions = 10) const;

 private:
  int rows_ = 0, correct_ = 0, routed_ = 0, routed_correct_ = 0, triaged_ = 0;
  std::map<std::string, int> tp_, fp_, fn_;
  std::map<std::pair<std::string, std::string>, int> confusions_;
};

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_HISTORY_H_
