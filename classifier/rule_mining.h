// Mining candidate rule phrases from a labelled history: for each label (an agency, a topic, a
// maladministration type, or urgency), the words and two-word phrases that occur far more often
// in its complaints than in the rest.
//
// Each candidate's score is the smoothed log-odds ratio of its document frequency inside the
// label against outside it (add-alpha smoothing), kept when it occurs in at least min_support of
// the label's complaints and when at least min_share of the complaints that contain it carry
// that label. The output is a plain rule file a person reviews: nothing learned is hidden.
#ifndef ADUAN_CLASSIFIER_RULE_MINING_H_
#define ADUAN_CLASSIFIER_RULE_MINING_H_

#include <string>
#include <vector>

#include "classifier/history.h"
#include "classifier/normalize.h"
#include "classifier/stemmer.h"

namespace aduan::classifier {

// What a row is labelled by. Agency and topic give each row one label (rows without a topic are
// skipped when mining topics). Maladministration gives a row any number of types and urgency at
// most one label; only rows that carry conduct labels (HistoryRow::has_conduct) take part, and
// those without a type (or not urgent) are the "rest" every phrase is compared against.
enum class MiningLabel { kAgency, kTopic, kMaladministration, kUrgent };

struct MiningOptions {
  MiningLabel label = MiningLabel::kAgency;
  int min_support = 3;  // complaints of the label that contain the phrase
  // Of all complaints containing the phrase, the label's share. With twenty-odd agencies 0.4 is
  // still eight times the base rate; a stricter share left a third of held-out complaints with
  // no mined phrase at all (bench/README.md, "Rules mined from history").
  double min_share = 0.4;
  double alpha = 0.5;  // smoothing
  double min_log_odds = 1.5;
  // Keeps a file a person can still review. A cap of 40 bound long before the other filters did
  // and cost a quarter of the accuracy mined rules reach on their own.
  int max_per_label = 1000;
  // Conduct labels only: a word this many words or fewer after one of these is not counted
  // alone, because the classifier ignores a label's term after a negator ("tidak sadar" is a
  // cue of urgency, "sadar" is not). The phrase that starts with the negator still counts.
  // Normalised words, as the rules' settings give them (RuleSettings::negators).
  std::vector<std::string> negators;
  int negation_window = 0;
};

struct MinedPhrase {
  std::string label;
  std::string phrase;  // normalised, stemmed words, as rules match them
  int in_label = 0;    // complaints of the label containing it
  int total = 0;       // complaints containing it
  int label_rows = 0;  // complaints of the label
  double log_odds = 0;
  int weight = 1;  // suggested rule weight, 1..4
};

// `lexicon` and `stemmer` are the classifier's, so mined phrases match like written rules.
std::vector<MinedPhrase> MinePhrases(const std::vector<HistoryRow>& rows, const Lexicon& lexicon,
                                     const Stemmer& stemmer, const MiningOptions& options);

// A rule file with one section per label ([agency CODE], [topic CODE],
// [maladministration CODE] or [urgent]), each phrase with a comment giving its counts. `source`
// names the history in the header.
std::string FormatRuleFile(const std::vector<MinedPhrase>& phrases, MiningLabel label,
                           const std::string& source, size_t rows);

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_RULE_MINING_H_
