// The rule file format and its parser. Rules are data: a city edits them without a rebuild.
//
//   # comment (a line starting with '#', or " #" after a term line)
//   [settings]                      key value   (see RuleSettings)
//   [group actor]                   phrase | phrase ...      reusable phrase lists: @actor (a
//                                   name is defined once, in any file)
//   [agency PUPR]                   one section per target; the code must be known
//   [topic pohon_tumbang]           a service topic of the catalogue (topics.h); the city
//                                   profile says which agency handles it
//   [maladministration PERMINTAAN_IMBALAN]
//   [urgent]
//   3 jalan rusak | jalan berlubang        weight, then alternatives
//   2 air ! banjir | @flood                 '!' lists phrases that block the term (context)
//   2 jalan ~ rusak                         both phrases within RuleSettings::near_window words
//   2 @staff ~ @refusal                     any phrase of one group near any of the other: a
//                                           composed cue. It counts its weight once however
//                                           many pairs match, and an occurrence of either side
//                                           after a negator ("kalau petugas menolak") is skipped
//   2 =pajak                                '=' matches the word exactly, without stemming
//   -2 lampu merah                          negative weight: evidence against the target
//   re 2 (minta|bayar) .{0,20}(uang|ribu)   an RE2 pattern over the normalised text
//   need @actor | loket                     the target fires only if one of these also matched
//
// Phrases are normalised like complaint text (lexicon, then stems), so "jln rusak" in a rule
// means the same as "jalan rusak". Evidence counts once per agency: a term repeated within a
// target, or one the lexicon folds onto another term of the same agency ("4 kebanjiran" reads
// "banjir"), is dropped, and the term written as the word itself keeps its weight.
// Maladministration and urgent targets fire when their summed weight reaches a threshold; urgent
// terms preceded by a negator ("tidak ada korban") are ignored.
#ifndef ADUAN_CLASSIFIER_RULES_H_
#define ADUAN_CLASSIFIER_RULES_H_

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "classifier/data_files.h"

namespace aduan::classifier {

enum class TargetKind { kAgency, kMaladministration, kUrgent, kTopic };

inline constexpr char kUrgentTarget[] = "URGENT";

struct SourcePlace {
  std::string file;
  int line = 0;
  std::string Describe() const { return file + ":" + std::to_string(line); }
};

struct TermRule {
  std::string target;
  TargetKind kind = TargetKind::kAgency;
  double weight = 0;
  std::string text;                // the alternative as written, for explanations
  std::vector<std::string> parts;  // one phrase, or two joined by '~'; may start with '='
  // Phrases that block this term; null when none do. Shared by every term of one line: an "@a ~ @b"
  // line expands into a term per pair, and a copy each made loading the rules cost tens of MiB.
  std::shared_ptr<const std::vector<std::string>> unless;
  // Terms expanded from one "@a ~ @b" alternative share a non-negative id: together they add
  // their weight once, and negated occurrences do not count. -1 for every other term.
  int composed = -1;
  SourcePlace place;
};

struct PatternRule {
  std::string target;
  TargetKind kind = TargetKind::kAgency;
  double weight = 0;
  std::string pattern;
  SourcePlace place;
};

struct TargetRule {
  std::string code;
  TargetKind kind = TargetKind::kAgency;
  std::vector<std::string> need;  // phrases; empty = no requirement
  SourcePlace need_place;
};

struct RuleSettings {
  std::vector<std::string> negators = {"tidak", "bukan", "tanpa", "belum", "jangan"};
  int negation_window = 2;  // words before an urgent term that can negate it
  // A negator directly before one of these words forms an adjective with it ("orang tak dikenal":
  // a stranger) and negates nothing after it. Matched as normalised words. Empty (the default):
  // every negator negates.
  std::vector<std::string> negator_idioms;
  int near_window = 6;  // max distance in words for "a ~ b"
  // A landmark is where, not what: an agency or topic term that starts within locative_window
  // words after one of these words ("got di depan puskesmas", "jalan dekat kantor camat") weighs
  // locative_factor of its weight, unless it also occurs elsewhere in the text without one.
  // Maladministration and urgent terms are not affected. An empty list (the default) turns it off.
  std::vector<std::string> locatives;
  // A locative right after one of these nouns says which one is meant ("tetangga sebelah": the
  // next-door neighbour) and marks no landmark: what follows is what the neighbour does. Matched
  // as normalised words. Empty (the default): every locative marks one.
  std::vector<std::string> locative_heads;
  int locative_window = 2;
  double locative_factor = 1.0;
  // What a message says it is about: an agency or topic term that starts within focus_window
  // words after one of these words ("tapi yang paling bahaya lubang di tikungan", "intinya")
  // weighs focus_factor of its weight, so the complaint outweighs the topics mentioned around it.
  // The best-placed occurrence of a term decides its factor. Empty (the default) turns it off.
  std::vector<std::string> focus_words;
  int focus_window = 6;
  double focus_factor = 1.0;
  // Each text position counts once per agency: when two agency or topic terms that vote for
  // the same agency cover a common word ("juru parkir liar" and "parkir ~ liar"), the weaker one
  // weighs overlap_factor of its weight. 1 (the default) turns it off, 0 drops the weaker vote.
  double overlap_factor = 1.0;
  // 1: the same holds for maladministration and urgent terms of one label. Off (0) for written
  // rules, whose label terms are weighed to add up; on for mined cues, where "motor masih" and
  // "masih lewat" are one observation read twice.
  bool label_overlap = false;
  // Labels a negated occurrence cannot raise alone: a term of one of these labels preceded by a
  // negator, or written starting with one ("tidak dipungut biaya"), counts only when the label
  // also has evidence that is not negated. Thanks that say no money was asked ("tanpa biaya",
  // "tidak ada pungutan") then raise no alarm, while "katanya tidak dipungut biaya tapi diminta
  // 50 ribu" still does. Empty (the default) turns it off.
  std::vector<std::string> negation_guarded;
  // The words that deny a guarded label's evidence (negation_guarded): "tidak", "tanpa", not
  // "belum" ("belum lunas" is money still asked) nor a conditional ("kalau tidak bayar").
  // Searched within negation_window words before an occurrence, and as the first word of a
  // phrase whose next word is itself a term of that label ("tidak dipungut biaya" denies
  // "dipungut"; "tanpa karcis" is no denial of a charge).
  std::vector<std::string> denials;
  // Urgent blockers scoped to their clause. When clause_blocker_weight is above 0, an urgent
  // term weighing -clause_blocker_weight or less ("kemarin", "seandainya", "agak miring") is a
  // blocker: it no longer subtracts from the message's urgency but cancels every urgent cue of
  // its own clause, whatever their summed weight, and nothing elsewhere. The clause starts at
  // the sentence start (after . ! ? followed by a space, or a line break) or at one of
  // clause_breaks, whichever is nearer before the blocker, and runs on to the next of
  // clause_breaks: joiners ("tapi", "namun") and "now" words ("sekarang", "masih"). A past told
  // at a story's start so carries over its sentences until the resident says what happens now:
  // "minggu lalu saya lapor. sekarang air masuk rumah" keeps its flood, "banjir masuk rumah.
  // kemarin saya lapor" too. Weaker negative terms still subtract from the whole message.
  // 0 (the default) keeps every negative term additive.
  std::vector<std::string> clause_breaks;
  double clause_blocker_weight = 0;
  // The present tense of a danger: an urgent cue with a side of two or more words that holds
  // one of these ("retak ~ masih lewat", "ambrol ~ masih dilewati"; not a bare "sekarang", which
  // says only that the message goes on) says the danger is going on now. Such a cue is not
  // cancelled by a scoped blocker of its clause, and while one counts the weaker habitual
  // negatives (habitual_words: "tiap hujan", "tiap hari") do not subtract: "tiap hujan retak, warga
  // masih tidur di dalam" is happening now, whatever it did before. Matched as normalised words.
  // Empty (the default) turns it off.
  std::vector<std::string> present_words;
  // Which weaker negatives give way to a present cue: those whose first word is one of these
  // (the habitual "tiap hujan", "setiap hari", "musim hujan"). A negative that says the danger
  // is over ("sudah padam", "tidak ada korban") keeps subtracting. Empty: none gives way.
  std::vector<std::string> habitual_words;
  double maladministration_threshold = 2.0;
  double urgent_threshold = 2.0;
  double score_scale = 3.0;  // raw agency weight that maps to a score of ~0.63
};

struct RuleSet {
  RuleSettings settings;
  std::vector<TermRule> terms;
  std::vector<PatternRule> patterns;
  std::map<std::string, TargetRule> targets;  // every section seen, by code
  std::set<std::string> extra_agencies;       // declared with 'agency CODE' under [settings]
};

// The codes of TAXONOMY.md; a rule file may add agencies with "agency CODE" under [settings].
const std::vector<std::string>& KnownAgencyCodes();
const std::vector<std::string>& KnownMaladministrationCodes();

// Parses rule files in order into *rules. Checks syntax, weights, known target codes, group
// references and that every RE2 pattern compiles. On failure returns false and sets *error to
// "file:line: problem"; *rules is then unspecified.
// `topics` lists the catalogue's topic codes; a [topic CODE] section outside it fails. Without a
// catalogue (null) any [topic] section fails.
bool ParseRules(const std::vector<DataFile>& files, RuleSet* rules, std::string* error,
                const std::set<std::string>* topics = nullptr);

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_RULES_H_
