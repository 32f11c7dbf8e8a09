// The keyword/RE2 classifier: compiled rules plus the normaliser and stemmer they were
// compiled with. Built once by LoadKeywordClassifier(); immutable and thread-safe afterwards.
#ifndef ADUAN_CLASSIFIER_KEYWORD_CLASSIFIER_H_
#define ADUAN_CLASSIFIER_KEYWORD_CLASSIFIER_H_

#include <re2/re2.h>
#include <re2/set.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "classifier/classifier.h"
#include "classifier/normalize.h"
#include "classifier/rules.h"
#include "classifier/stemmer.h"
#include "classifier/topics.h"

namespace aduan::classifier {

// Complaint text beyond this many bytes is not read: a complaint is a few hundred bytes, and
// the bound keeps one pathological message from holding a worker for long.
inline constexpr size_t kMaxClassifiedBytes = 256 * 1024;

// A complaint as the rules read it: its normalised words and their stems. Classifiers built
// from one configuration share the lexicon and the stemmer, so the tiers of a TieredClassifier
// analyse a complaint once and all read that. Move-only: `stems` may view into `words`; `text`
// views the caller's complaint, which must outlive it.
struct AnalyzedText {
  AnalyzedText() = default;
  AnalyzedText(AnalyzedText&&) = default;
  AnalyzedText& operator=(AnalyzedText&&) = default;
  AnalyzedText(const AnalyzedText&) = delete;
  AnalyzedText& operator=(const AnalyzedText&) = delete;

  std::string_view text;  // the complaint as read (its first kMaxClassifiedBytes), not owned
  std::vector<std::string> words;
  std::vector<std::string_view> stems;  // valid while the analysing classifier and `words` live
};

class KeywordClassifier final : public Classifier {
 public:
  // Compiles `rules`; phrases are normalised with `lexicon` and `stemmer`. On failure returns
  // nullptr and sets *error to "file:line: problem".
  // `profile` maps each [topic] target to its agency; it may be empty when no rule names a topic.
  static std::unique_ptr<KeywordClassifier> Build(RuleSet rules, Lexicon lexicon, Stemmer stemmer,
                                                  const ClassifierOptions& options,
                                                  std::string* error,
                                                  const CityProfile& profile = {});
  ~KeywordClassifier() override;

  Classification Classify(std::string_view text) const override;

  // Classify() in two steps: Analyze() normalises and stems, ClassifyAnalyzed() reads the result
  // with this classifier's rules. `text` must come from Analyze() of a classifier loaded with
  // the same lexicon and root words (LoadKeywordClassifier's tiers are).
  AnalyzedText Analyze(std::string_view text) const;
  Classification ClassifyAnalyzed(const AnalyzedText& text) const;

  // The words and their stems as the rules see them (for `aduan classify` and tests).
  std::vector<std::string> AnalyzedWords(std::string_view text) const;

  size_t term_count() const { return terms_.size(); }
  size_t pattern_count() const { return patterns_.size(); }

 private:
  KeywordClassifier() = default;

  static constexpr uint32_t kNoId = UINT32_MAX;
  // Roles a word can play for the agency terms after it (RuleSettings): bits of word_role_.
  static constexpr uint8_t kLocative = 1;
  static constexpr uint8_t kFocus = 2;
  static constexpr uint8_t kDenial = 4;
  static constexpr uint8_t kClauseBreak = 8;     // RuleSettings::clause_breaks
  static constexpr uint8_t kPresent = 16;        // RuleSettings::present_words
  static constexpr uint8_t kHabitual = 32;       // RuleSettings::habitual_words
  static constexpr uint8_t kLocativeHead = 64;   // RuleSettings::locative_heads
  static constexpr uint8_t kNegatorIdiom = 128;  // RuleSettings::negator_idioms

  struct Phrase {
    std::vector<uint32_t> ids;
    bool exact = false;
  };
  struct Target {
    std::string code;
    TargetKind kind = TargetKind::kAgency;
    std::vector<uint32_t> need;  // phrase ids
    uint32_t agency = kNoId;     // a topic's agency target, from the city profile
    bool catch_all = false;      // a topic that takes only what no narrower one has
  };
  struct Term {
    uint32_t target = 0;
    double weight = 0;
    std::string text;
    std::string source;
    uint32_t primary = 0;
    uint32_t secondary = kNoId;
    std::vector<uint32_t> unless;
    // Shared by the pairs of one "@a ~ @b" cue (TermRule::composed): they count once together,
    // and a side preceded by a negator does not count. kNoId for other terms.
    uint32_t composed = kNoId;
  };
  struct Pattern {
    uint32_t target = 0;
    double weight = 0;
    std::string text;
    std::string source;
    std::shared_ptr<const RE2> re;  // the pattern alone, to find what it matched
  };
  struct Hit {
    uint32_t phrase;
    uint32_t position;
    bool operator<(const Hit& other) const {
      return phrase != other.phrase ? phrase < other.phrase : position < other.position;
    }
  };

  bool InternPhrase(std::string_view text, const SourcePlace& place, uint32_t* id,
                    std::string* error);
  uint32_t InternWord(const std::string& word);
  uint32_t WordId(std::string_view word) const;
  // The stem id of `word` read without a possessive or definite ending the stemmer leaves on
  // ("pdamnya", Javanese "ijazahe", Sundanese "sakolana"), or kNoId. Sets *remainder when found.
  uint32_t SuffixedNounId(std::string_view word, std::string_view* remainder) const;
  static uint64_t Extend(uint64_t key, uint32_t id);

  ClassifierOptions options_;
  Lexicon lexicon_;
  Stemmer stemmer_;

  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> vocabulary_;
  std::vector<Phrase> phrases_;
  // Key of every phrase prefix (so scanning stops at the first word no phrase continues with)
  // -> phrases with exactly that key.
  std::unordered_map<uint64_t, std::vector<uint32_t>> phrase_keys_;
  // The same keys frozen after Build into an open-addressed table (keys are already mixed by
  // Extend, so their low bits index it): the lookup per word and phrase length is the hot loop.
  struct KeySlot {
    uint64_t key = 0;
    uint32_t begin = kNoId;  // into key_phrases_; kNoId marks an empty slot
    uint32_t count = 0;      // 0 for a prefix that is no phrase itself
  };
  void FreezePhraseKeys();
  const KeySlot* FindKey(uint64_t key) const;
  std::vector<KeySlot> key_slots_;
  std::vector<uint32_t> key_phrases_;
  size_t key_mask_ = 0;
  size_t max_phrase_words_ = 1;
  std::vector<std::vector<uint32_t>> terms_by_primary_;
  std::vector<uint8_t> is_negator_;  // by word id
  std::vector<uint8_t> word_role_;   // by word id: kLocative and kFocus bits
  std::vector<uint8_t> guarded_;     // by target: in RuleSettings::negation_guarded
  std::vector<uint8_t> denial_;      // by term: a guarded term that denies its label's evidence

  std::vector<Target> targets_;
  std::vector<Term> terms_;
  std::vector<Pattern> patterns_;
  std::unique_ptr<RE2::Set> pattern_set_;  // null when there are no patterns
  bool positive_patterns_ = false;         // some pattern votes for its target
  // Target indices by kind, ascending: agencies, topics, labels (urgent and maladministration),
  // guarded targets; and by agency target, the topics the profile gives it.
  std::vector<uint32_t> agencies_, topics_, labels_, guarded_targets_;
  std::vector<std::vector<uint32_t>> topics_of_;
  std::vector<uint32_t> urgent_rank_;  // by target: position in urgent_responders
  uint32_t urgent_default_ = kNoId;    // agency target for urgent text naming no domain
  // Last: its size changes whenever a setting is added, and placed first it moved every member
  // after it (the lexicon, stemmer and phrase tables read per word); one added list measured
  // about 8% slower per message from that shift alone.
  RuleSettings settings_;
};

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_KEYWORD_CLASSIFIER_H_
