// The complaint classifier's contract: one text in, one explained decision out.
//
// Codes are those of ../shared/TAXONOMY.md (and any a city adds in config): an agency code such
// as "PUPR" or "TRIAGE", and zero or more maladministration codes such as "PERMINTAAN_IMBALAN".
//
// Thread safety: a Classifier is immutable once built; Classify() may be called from any number
// of threads at once. Reloading rules builds a new Classifier and swaps the pointer.
#ifndef ADUAN_CLASSIFIER_CLASSIFIER_H_
#define ADUAN_CLASSIFIER_CLASSIFIER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace aduan::classifier {

inline constexpr std::string_view kTriage = "TRIAGE";

// One piece of evidence behind a decision, so an operator can see why.
struct Match {
  std::string target;  // what it voted for: an agency code, a maladministration code, "URGENT"
  std::string rule;    // the term, phrase or pattern (as written in the rule file)
  double weight = 0;   // its contribution; negative for blocking/negative rules
  std::string topic;   // the service topic it voted for (then `target` is that topic's agency)
  std::string source;  // where the rule is written: "20-maladministration.rules:87"
  // For a pattern rule: the words of the complaint it matched (as normalised), so a reader
  // sees what fired rather than a regular expression. Empty for phrase rules.
  std::string matched_text;
};

// A leading agency, so the triage desk sees what the classifier hesitated between.
struct Candidate {
  std::string agency;
  std::string topic;  // the strongest topic of that agency, may be empty
  double score = 0;   // in [0,1], as agency_score
};

struct Classification {
  std::string agency{kTriage};  // best agency, or TRIAGE
  double agency_score = 0;      // in [0,1]
  std::vector<std::string> maladministration;
  bool urgent = false;
  bool triage = true;  // the classifier was not confident; `agency` is TRIAGE
  std::vector<Match> matched;
  // The service topic (catalogue code) behind the agency; empty when none voted. Set on TRIAGE
  // too: the leading candidate's topic.
  std::string topic;
  // Up to three leading agencies, best first.
  std::vector<Candidate> candidates;
  // An urgent complaint is never left in triage: it went to the most likely responder even
  // though the margin was below the thresholds. The operator should be told.
  bool urgent_override = false;
};

class Classifier {
 public:
  virtual ~Classifier() = default;
  // Never throws; any input (empty, huge, invalid UTF-8) yields a result, usually TRIAGE.
  virtual Classification Classify(std::string_view text) const = 0;
};

struct ClassifierOptions {
  std::string rules_path;    // rule file(s) under config/
  std::string lexicon_path;  // slang/abbreviation lexicon, may be empty
  std::string roots_path;    // stemmer root words, may be empty
  std::string topics_path;   // topic catalogue (topics.h); empty = no [topic] sections
  std::string profile_path;  // city profile mapping topics to agencies; needs topics_path
  // Rule file(s) consulted only for a complaint the rules above leave in triage: they are then
  // read together with those rules, and their decision is taken when it is confident. Meant for
  // phrases mined from labelled complaints (`aduan rules suggest`), which add breadth but must
  // not overrule what the written rules and the city profile decide. Empty: none.
  std::string fallback_rules_path;
  // A decision of the fallback tier is taken only at this score or above, stricter than the
  // written rules' threshold: mined phrases are right less often (bench/README.md, "Fallback
  // tier"). Below it the complaint stays in triage.
  double fallback_threshold = 0.5;
  // Rule file(s) of conduct alone: [maladministration] and [urgent] sections, meant for phrases
  // mined from labelled complaints (`aduan rules suggest --conduct`), with a [settings] section
  // that may set their own maladministration_threshold and urgent_threshold. They are read with
  // the written rules' settings (negators, windows) on every complaint, and what they find is
  // added to the written reading: a type it lacked, or the urgent flag. They never route.
  // Empty: none.
  std::string conduct_rules_path;
  double triage_threshold = 0.35;  // best score below this -> TRIAGE
  double min_margin = 0.10;        // best minus runner-up below this -> TRIAGE
};

// Loads the keyword/RE2 classifier. On failure returns nullptr and sets *error to a message
// naming the file, the line and the problem; nothing is half-loaded.
std::unique_ptr<Classifier> LoadKeywordClassifier(const ClassifierOptions& options,
                                                  std::string* error);

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_CLASSIFIER_H_
