// `aduan rules suggest` and `aduan rules eval`: grow rules from a city's own labelled history
// and measure the rules on it. The mining and the scores live in classifier/ (history.h,
// rule_mining.h); this file reads the configuration, the flags and the files.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "classifier/data_files.h"
#include "classifier/history.h"
#include "classifier/profile_fitting.h"
#include "classifier/rule_mining.h"
#include "classifier/rules.h"
#include "classifier/topics.h"
#include "gateway/app/cli.h"
#include "gateway/common/config.h"

namespace aduan::gateway {
namespace {

namespace fs = std::filesystem;
using classifier::HistoryRow;

struct Inputs {
  GatewayConfig cfg;
  std::vector<HistoryRow> rows;
  size_t skipped = 0;
  classifier::Lexicon lexicon;
  classifier::Stemmer stemmer;
  // The configured city profile and its file's text, when the config has topics: what a fit
  // to the history changes (profile_fitting.h).
  std::optional<classifier::CityProfile> profile;
  std::string profile_text;
  std::set<std::string> topics;  // the catalogue's codes; empty without topics
};

// Loads the config, the classifier's lexicon and stemmer, and the history; prints every skipped
// line to stderr. Returns the exit status on failure.
std::optional<int> Load(const CliArgs& args, Inputs* in) {
  std::string error;
  auto cfg = LoadConfig(args.Get("--config").value_or(DefaultConfigPath()), &error);
  if (!cfg) {
    std::cerr << "aduan: bad config: " << error << "\n";
    return 2;
  }
  in->cfg = std::move(*cfg);
  const auto history = args.Get("--history");
  if (!history || history->empty()) {
    std::cerr << "aduan: rules: --history FILE.jsonl is required\n";
    return 2;
  }
  std::set<std::string> agencies = {std::string(classifier::kTriage)};
  for (const auto& a : in->cfg.agencies) agencies.insert(a.code);
  std::set<std::string>& topics = in->topics;
  const auto& options = in->cfg.classifier;
  if (!options.topics_path.empty()) {
    classifier::TopicCatalogue catalogue;
    if (!classifier::LoadTopicCatalogue(options.topics_path, &catalogue, &error)) {
      std::cerr << "aduan: bad topic catalogue: " << error << "\n";
      return 2;
    }
    for (const auto& t : catalogue.topics) topics.insert(t.code);
    classifier::CityProfile profile;
    if (!classifier::LoadCityProfile(options.profile_path, catalogue, &profile, &error,
                                     &in->profile_text)) {
      std::cerr << "aduan: bad city profile: " << error << "\n";
      return 2;
    }
    in->profile = std::move(profile);
  }
  if ((!options.lexicon_path.empty() && !in->lexicon.Load(options.lexicon_path, &error)) ||
      (!options.roots_path.empty() && !in->stemmer.Load(options.roots_path, &error))) {
    std::cerr << "aduan: bad classifier data: " << error << "\n";
    return 2;
  }
  std::vector<std::string> problems;
  if (!classifier::ReadHistory(*history, agencies, topics, &in->rows, &problems, &error)) {
    std::cerr << "aduan: " << error << "\n";
    return 2;
  }
  for (const auto& p : problems) std::cerr << p << "\n";
  in->skipped = problems.size();
  if (in->rows.empty()) {
    std::cerr << "aduan: " << *history << ": no usable labelled complaint\n";
    return 2;
  }
  return std::nullopt;
}

bool IntFlag(const CliArgs& args, const std::string& flag, int low, int high, int* out) {
  const auto value = args.Get(flag);
  if (!value) return true;
  try {
    size_t used = 0;
    const int n = std::stoi(*value, &used);
    if (used != value->size() || n < low || n > high) throw std::out_of_range(flag);
    *out = n;
    return true;
  } catch (const std::exception&) {
    std::cerr << "aduan: rules: " << flag << " must be a whole number from " << low << " to "
              << high << "\n";
    return false;
  }
}

bool MiningFlags(const CliArgs& args, classifier::MiningOptions* mining) {
  using classifier::MiningLabel;
  if (args.Has("--by-topic")) mining->label = MiningLabel::kTopic;
  if (auto conduct = args.Get("--conduct")) {
    if (*conduct == "maladministration") {
      mining->label = MiningLabel::kMaladministration;
    } else if (*conduct == "urgent") {
      mining->label = MiningLabel::kUrgent;
    } else {
      std::cerr << "aduan: rules: --conduct is maladministration or urgent, not '" << *conduct
                << "'\n";
      return false;
    }
    if (args.Has("--by-topic")) {
      std::cerr << "aduan: rules: --conduct and --by-topic exclude each other\n";
      return false;
    }
  }
  if (auto share = args.Get("--min-share")) {
    char* end = nullptr;
    const double value = std::strtod(share->c_str(), &end);
    if (share->empty() || end != share->c_str() + share->size() || !(value > 0 && value <= 1)) {
      std::cerr << "aduan: rules: --min-share must be a number in (0, 1]\n";
      return false;
    }
    mining->min_share = value;
  }
  return IntFlag(args, "--min-support", 1, 1000000, &mining->min_support) &&
         IntFlag(args, "--max-per-label", 1, 1000000, &mining->max_per_label);
}

// The configured rules plus `extra` (a suggested rule file), loaded from a scratch directory;
// with `profile_text`, that city profile instead of the configured one.
std::unique_ptr<classifier::Classifier> WithExtraRules(const classifier::ClassifierOptions& base,
                                                       const std::string& extra,
                                                       const fs::path& dir, std::string* error,
                                                       const std::string& profile_text = "") {
  std::vector<classifier::DataFile> files;
  if (!classifier::ReadDataFiles(base.rules_path, ".rules", &files, error)) return nullptr;
  fs::remove_all(dir);
  fs::create_directories(dir);
  for (const auto& f : files) {
    std::ofstream(dir / fs::path(f.path).filename(), std::ios::binary) << f.content;
  }
  std::ofstream(dir / "zz-suggested.rules", std::ios::binary) << extra;
  classifier::ClassifierOptions options = base;
  options.rules_path = dir.string();
  if (!profile_text.empty()) {
    options.profile_path = (dir / "fitted-profile.json").string();
    std::ofstream(options.profile_path, std::ios::binary) << profile_text;
  }
  auto loaded = classifier::LoadKeywordClassifier(options, error);
  fs::remove_all(dir);
  return loaded;
}

fs::path ScratchDir() {
  return fs::temp_directory_path() / ("aduan-rules-" + std::to_string(::getpid()));
}

// The configured rules plus `extra`, under the configured profile fitted to `rows` (when the
// config has topics). `topics` are the rows' topics as the rules as configured read them
// (classifier::TopicsOf): mined phrases vote for agencies, not topics, and a topic is what the
// profile maps. *changes gets the fit's changes, *profile_text the fitted profile file (""
// when nothing changed).
std::unique_ptr<classifier::Classifier> FitToHistory(
    const Inputs& in, const std::vector<HistoryRow>& rows, const std::vector<std::string>& topics,
    const std::string& extra, std::vector<classifier::ProfileChange>* changes,
    std::string* profile_text, std::string* error) {
  if (in.profile) *changes = classifier::FitProfile(rows, topics, *in.profile);
  if (!changes->empty()) {
    std::vector<std::string> skipped;
    *profile_text = classifier::ApplyProfileChanges(in.profile_text, *changes, &skipped);
    std::erase_if(*changes, [&](const classifier::ProfileChange& c) {
      return std::find(skipped.begin(), skipped.end(), c.topic) != skipped.end();
    });
  }
  return WithExtraRules(in.cfg.classifier, extra, ScratchDir(), error,
                        changes->empty() ? "" : *profile_text);
}

// Conduct cues are mined as the configured rules will read them: with their negators and window
// (MiningOptions::negators). Returns the exit status when the rules do not parse.
std::optional<int> ReadNegators(const Inputs& in, classifier::MiningOptions* mining) {
  std::string error;
  std::vector<classifier::DataFile> files;
  classifier::RuleSet rules;
  if (!classifier::ReadDataFiles(in.cfg.classifier.rules_path, ".rules", &files, &error) ||
      !classifier::ParseRules(files, &rules, &error, in.topics.empty() ? nullptr : &in.topics)) {
    std::cerr << "aduan: bad classifier rules: " << error << "\n";
    return 2;
  }
  mining->negators = rules.settings.negators;
  mining->negation_window = rules.settings.negation_window;
  return std::nullopt;
}

int Suggest(const CliArgs& args) {
  Inputs in;
  if (auto status = Load(args, &in)) return *status;
  classifier::MiningOptions mining;
  if (!MiningFlags(args, &mining)) return 2;
  if (mining.label == classifier::MiningLabel::kMaladministration ||
      mining.label == classifier::MiningLabel::kUrgent) {
    if (auto status = ReadNegators(in, &mining)) return *status;
  }
  const auto phrases = classifier::MinePhrases(in.rows, in.lexicon, in.stemmer, mining);
  const std::string text = classifier::FormatRuleFile(
      phrases, mining.label, fs::path(*args.Get("--history")).filename(), in.rows.size());
  const auto out = args.Get("--out");
  if (!out) {
    std::cout << text;
  } else {
    std::ofstream file(*out, std::ios::binary | std::ios::trunc);
    file << text;
    if (!file.flush()) {
      std::cerr << "aduan: cannot write " << *out << "\n";
      return 1;
    }
    std::cerr << "wrote " << phrases.size() << " phrases to " << *out << "\n";
  }
  const auto profile_out = args.Get("--profile-out");
  if (!profile_out) return 0;
  if (!in.profile) {
    std::cerr << "aduan: rules: --profile-out needs topics and a city profile in the config\n";
    return 2;
  }
  std::vector<classifier::ProfileChange> changes;
  std::string profile_text, error;
  auto configured = classifier::LoadKeywordClassifier(in.cfg.classifier, &error);
  if (!configured) {
    std::cerr << "aduan: bad classifier rules: " << error << "\n";
    return 2;
  }
  if (!FitToHistory(in, in.rows, classifier::TopicsOf(in.rows, *configured), text, &changes,
                    &profile_text, &error)) {
    std::cerr << "aduan: suggested rules did not load: " << error << "\n";
    return 1;
  }
  for (const auto& c : changes) {
    std::cerr << "profile: " << c.topic << ": " << c.from << " -> " << c.to << " (" << c.to_rows
              << " of " << c.topic_rows << " complaints)\n";
  }
  std::ofstream file(*profile_out, std::ios::binary | std::ios::trunc);
  file << (changes.empty() ? in.profile_text : profile_text);
  if (!file.flush()) {
    std::cerr << "aduan: cannot write " << *profile_out << "\n";
    return 1;
  }
  std::cerr << "wrote the city profile with " << changes.size() << " topic(s) changed to "
            << *profile_out << "\n";
  return 0;
}

int Eval(const CliArgs& args) {
  Inputs in;
  if (auto status = Load(args, &in)) return *status;
  int folds = 5;
  if (!IntFlag(args, "--folds", 2, 100, &folds)) return 2;
  classifier::MiningOptions mining;
  if (!MiningFlags(args, &mining)) return 2;
  if (mining.label == classifier::MiningLabel::kMaladministration ||
      mining.label == classifier::MiningLabel::kUrgent) {
    std::cerr << "aduan: rules: eval scores agencies; --conduct is for suggest\n";
    return 2;
  }
  classifier::EvalCounter counter;
  std::string error;
  size_t profile_changes = 0;  // over all folds
  auto shipped = classifier::LoadKeywordClassifier(in.cfg.classifier, &error);
  if (!shipped) {
    std::cerr << "aduan: bad classifier rules: " << error << "\n";
    return 2;
  }
  if (!args.Has("--suggest")) {
    for (const auto& row : in.rows) counter.Add(row.agency, shipped->Classify(row.text));
  } else {
    // Fit on k-1 folds, score the held fold: the rows a suggestion is scored on never shaped it.
    // The configured rules read each row's topic once, whichever folds it trains.
    const std::vector<std::string> topics =
        in.profile ? classifier::TopicsOf(in.rows, *shipped) : std::vector<std::string>{};
    for (int k = 0; k < folds; ++k) {
      std::vector<HistoryRow> train, held;
      std::vector<std::string> train_topics;
      for (size_t i = 0; i < in.rows.size(); ++i) {
        const bool held_out = static_cast<int>(i % folds) == k;
        (held_out ? held : train).push_back(in.rows[i]);
        if (!held_out && i < topics.size()) train_topics.push_back(topics[i]);
      }
      const auto phrases = classifier::MinePhrases(train, in.lexicon, in.stemmer, mining);
      const std::string extra =
          classifier::FormatRuleFile(phrases, mining.label, "fold", train.size());
      std::vector<classifier::ProfileChange> changes;
      std::string profile_text;
      auto fitted = FitToHistory(in, train, train_topics, extra, &changes, &profile_text, &error);
      profile_changes += changes.size();
      if (!fitted) {
        std::cerr << "aduan: suggested rules did not load: " << error << "\n";
        return 1;
      }
      for (const auto& row : held) counter.Add(row.agency, fitted->Classify(row.text));
    }
  }
  const auto report = counter.Report();
  if (args.Has("--json")) {
    nlohmann::json confusions = nlohmann::json::array();
    for (const auto& [pair, count] : report.confusions) {
      confusions.push_back({{"label", pair.first}, {"predicted", pair.second}, {"count", count}});
    }
    nlohmann::json j = {{"rows", report.rows},
                        {"skipped", in.skipped},
                        {"accuracy", report.accuracy},
                        {"macro_f1", report.macro_f1},
                        {"auto_routed_precision", report.auto_routed_precision},
                        {"triage_rate", report.triage_rate},
                        {"confusions", confusions}};
    if (args.Has("--suggest")) j["profile_changes"] = profile_changes;
    std::cout << j.dump() << "\n";
    return 0;
  }
  std::printf("rows: %d (skipped %zu)%s\n", report.rows, in.skipped,
              args.Has("--suggest")
                  ? (", suggested rules and profile fitted on " + std::to_string(folds - 1) +
                     " of " + std::to_string(folds) + " folds (" + std::to_string(profile_changes) +
                     " profile lines changed, all folds)")
                        .c_str()
                  : "");
  std::printf("accuracy: %.3f\nmacro_f1: %.3f\nauto_routed_precision: %.3f\ntriage_rate: %.3f\n",
              report.accuracy, report.macro_f1, report.auto_routed_precision, report.triage_rate);
  std::printf("top confusions (label -> predicted):\n");
  for (const auto& [pair, count] : report.confusions) {
    std::printf("  %4d  %s -> %s\n", count, pair.first.c_str(), pair.second.c_str());
  }
  return 0;
}

}  // namespace

int RulesCommand(const CliArgs& args) {
  const std::string verb = args.positional.empty() ? "" : args.positional[0];
  if (args.positional.size() == 1 && verb == "suggest") return Suggest(args);
  if (args.positional.size() == 1 && verb == "eval") return Eval(args);
  std::cerr << "aduan: rules: expected 'suggest' or 'eval' (see aduan --help)\n";
  return 2;
}

}  // namespace aduan::gateway
