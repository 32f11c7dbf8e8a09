// LoadKeywordClassifier (classifier.h): the configured rules compiled into the written tier, and
// the mined tiers beside it when the options name them.
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "classifier/data_files.h"
#include "classifier/keyword_classifier.h"
#include "classifier/rules.h"
#include "classifier/tiered_classifier.h"
#include "classifier/topics.h"

namespace aduan::classifier {

namespace {

// The rules of `rule_paths`, read in turn, compiled with the options' lexicon, roots, topics
// and profile.
// With `only_from` set, only the rules written in those paths' files are kept, and the other
// files' terms against a maladministration type or urgency; the other files also lend their
// settings, groups and declarations (read first, overridden by later [settings]).
std::unique_ptr<KeywordClassifier> LoadRules(const ClassifierOptions& options,
                                             const std::vector<std::string>& rule_paths,
                                             std::string* err,
                                             const std::vector<std::string>& only_from = {}) {
  Lexicon lexicon;
  if (!options.lexicon_path.empty() && !lexicon.Load(options.lexicon_path, err)) return nullptr;
  Stemmer stemmer;
  if (!options.roots_path.empty() && !stemmer.Load(options.roots_path, err)) return nullptr;
  std::vector<DataFile> files;
  for (const auto& path : rule_paths) {
    if (!ReadDataFiles(path, ".rules", &files, err)) return nullptr;
  }
  TopicCatalogue catalogue;
  CityProfile profile;
  std::set<std::string> topic_codes;
  if (!options.topics_path.empty()) {
    if (!LoadTopicCatalogue(options.topics_path, &catalogue, err)) return nullptr;
    for (const auto& t : catalogue.topics) topic_codes.insert(t.code);
    if (options.profile_path.empty()) {
      *err = "classifier options: a topic catalogue needs a city profile";
      return nullptr;
    }
    if (!LoadCityProfile(options.profile_path, catalogue, &profile, err)) return nullptr;
  }
  RuleSet rules;
  if (!ParseRules(files, &rules, err, options.topics_path.empty() ? nullptr : &topic_codes)) {
    return nullptr;
  }
  if (!only_from.empty()) {
    std::vector<DataFile> kept_files;
    for (const auto& path : only_from) {
      if (!ReadDataFiles(path, ".rules", &kept_files, err)) return nullptr;
    }
    std::set<std::string> kept;
    for (const auto& f : kept_files) kept.insert(f.path);
    // The other files' evidence against a label stays: a blocker ("kemarin", "sudah padam") or
    // a negative term cancels or outweighs kept cues the way it does the written ones. So do
    // their sections' requirements ("need @unequal": discrimination is a comparison).
    auto against_label = [](TargetKind kind, double weight) {
      return weight < 0 && (kind == TargetKind::kMaladministration || kind == TargetKind::kUrgent);
    };
    std::erase_if(rules.terms, [&](const TermRule& t) {
      return !kept.contains(t.place.file) && !against_label(t.kind, t.weight);
    });
    std::erase_if(rules.patterns, [&](const PatternRule& p) {
      return !kept.contains(p.place.file) && !against_label(p.kind, p.weight);
    });
  }
  return KeywordClassifier::Build(std::move(rules), std::move(lexicon), std::move(stemmer), options,
                                  err, profile);
}

}  // namespace

std::unique_ptr<Classifier> LoadKeywordClassifier(const ClassifierOptions& options,
                                                  std::string* error) {
  std::string local_error;
  std::string* err = error != nullptr ? error : &local_error;
  if (!(options.triage_threshold >= 0 && options.triage_threshold <= 1) ||
      !(options.min_margin >= 0 && options.min_margin <= 1) ||
      !(options.fallback_threshold >= 0 && options.fallback_threshold <= 1)) {
    *err =
        "classifier options: triage_threshold, min_margin and fallback_threshold must be within "
        "[0, 1]";
    return nullptr;
  }
  if (options.rules_path.empty()) {
    *err = "classifier options: rules_path is empty";
    return nullptr;
  }
  auto written = LoadRules(options, {options.rules_path}, err);
  if (!written) return nullptr;
  if (options.fallback_rules_path.empty() && options.conduct_rules_path.empty()) return written;
  std::unique_ptr<KeywordClassifier> with_fallback, conduct;
  if (!options.fallback_rules_path.empty()) {
    with_fallback = LoadRules(options, {options.rules_path, options.fallback_rules_path}, err);
    if (!with_fallback) return nullptr;
  }
  if (!options.conduct_rules_path.empty()) {
    conduct = LoadRules(options, {options.rules_path, options.conduct_rules_path}, err,
                        {options.conduct_rules_path});
    if (!conduct) return nullptr;
  }
  return std::make_unique<TieredClassifier>(std::move(written), std::move(with_fallback),
                                            options.fallback_threshold, std::move(conduct));
}

}  // namespace aduan::classifier
