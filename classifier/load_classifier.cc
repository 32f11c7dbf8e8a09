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

// What every tier of one configuration is built from: read once, each tier compiled with a copy
// (the tiers share an analysis of the complaint, so they must share lexicon and roots anyway).
struct TierInputs {
  Lexicon lexicon;
  Stemmer stemmer;
  std::set<std::string> topic_codes;
  CityProfile profile;
  std::vector<DataFile> written;  // the rules of options.rules_path
};

bool LoadInputs(const ClassifierOptions& options, TierInputs* in, std::string* err) {
  if (!options.lexicon_path.empty() && !in->lexicon.Load(options.lexicon_path, err)) return false;
  if (!options.roots_path.empty() && !in->stemmer.Load(options.roots_path, err)) return false;
  if (!ReadDataFiles(options.rules_path, ".rules", &in->written, err)) return false;
  if (options.topics_path.empty()) return true;
  TopicCatalogue catalogue;
  if (!LoadTopicCatalogue(options.topics_path, &catalogue, err)) return false;
  for (const auto& t : catalogue.topics) in->topic_codes.insert(t.code);
  if (options.profile_path.empty()) {
    *err = "classifier options: a topic catalogue needs a city profile";
    return false;
  }
  return LoadCityProfile(options.profile_path, catalogue, &in->profile, err);
}

// The written rules followed by the rule files of `tier_path` (none when empty), compiled. With
// `tier_only`, only the rules written in the tier's files are kept, and the written files' terms
// against a maladministration type or urgency; the written files also lend their settings, groups
// and declarations (read first, overridden by the tier's [settings]).
std::unique_ptr<KeywordClassifier> CompileTier(const ClassifierOptions& options,
                                               const TierInputs& in, const std::string& tier_path,
                                               bool tier_only, std::string* err) {
  std::vector<DataFile> files = in.written;
  if (!tier_path.empty() && !ReadDataFiles(tier_path, ".rules", &files, err)) return nullptr;
  RuleSet rules;
  if (!ParseRules(files, &rules, err, options.topics_path.empty() ? nullptr : &in.topic_codes)) {
    return nullptr;
  }
  if (tier_only) {
    std::set<std::string> kept;
    for (size_t i = in.written.size(); i < files.size(); ++i) kept.insert(files[i].path);
    // The written evidence against a label stays: a blocker ("kemarin", "sudah padam") or a
    // negative term cancels or outweighs kept cues the way it does the written ones. So do the
    // sections' requirements ("need @unequal": discrimination is a comparison).
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
  return KeywordClassifier::Build(std::move(rules), in.lexicon, in.stemmer, options, err,
                                  in.profile);
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
  TierInputs inputs;
  if (!LoadInputs(options, &inputs, err)) return nullptr;
  auto written = CompileTier(options, inputs, "", false, err);
  if (!written) return nullptr;
  if (options.fallback_rules_path.empty() && options.conduct_rules_path.empty()) return written;
  std::unique_ptr<KeywordClassifier> with_fallback, conduct;
  if (!options.fallback_rules_path.empty()) {
    with_fallback = CompileTier(options, inputs, options.fallback_rules_path, false, err);
    if (!with_fallback) return nullptr;
  }
  if (!options.conduct_rules_path.empty()) {
    conduct = CompileTier(options, inputs, options.conduct_rules_path, true, err);
    if (!conduct) return nullptr;
  }
  return std::make_unique<TieredClassifier>(std::move(written), std::move(with_fallback),
                                            options.fallback_threshold, std::move(conduct));
}

}  // namespace aduan::classifier
