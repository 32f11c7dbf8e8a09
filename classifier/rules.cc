#include "classifier/rules.h"

#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <memory>
#include <set>
#include <string_view>
#include <utility>

namespace aduan::classifier {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Drops a trailing " #..." comment. Pattern lines keep '#', since RE2 may need it.
std::string_view StripComment(std::string_view line) {
  std::string_view trimmed = Trim(line);
  if (trimmed.starts_with('#')) return {};
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '#' && (line[i - 1] == ' ' || line[i - 1] == '\t')) return line.substr(0, i);
  }
  return line;
}

std::vector<std::string> SplitAlternatives(std::string_view s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t bar = s.find('|', start);
    if (bar == std::string_view::npos) bar = s.size();
    out.emplace_back(Trim(s.substr(start, bar - start)));
    start = bar + 1;
  }
  return out;
}

bool ParseNumber(std::string_view token, double* value) {
  if (token.empty()) return false;
  if (token.front() == '+') token.remove_prefix(1);
  auto [ptr, ec] = std::from_chars(token.data(), token.data() + token.size(), *value);
  return ec == std::errc() && ptr == token.data() + token.size() && std::isfinite(*value);
}

// Splits off the first whitespace-delimited word.
std::string_view NextWord(std::string_view* rest) {
  *rest = Trim(*rest);
  size_t end = 0;
  while (end < rest->size() && (*rest)[end] != ' ' && (*rest)[end] != '\t') ++end;
  std::string_view word = rest->substr(0, end);
  *rest = Trim(rest->substr(end));
  return word;
}

class Parser {
 public:
  Parser(RuleSet* rules, std::string* error, const std::set<std::string>* topics)
      : rules_(rules), error_(error), topics_(topics) {}

  bool CollectGroups(const std::vector<DataFile>& files) {
    for (const auto& file : files) {
      const auto lines = SplitLines(file.content);
      std::string group;
      for (size_t n = 0; n < lines.size(); ++n) {
        place_ = {file.path, static_cast<int>(n + 1)};
        std::string_view line = Trim(StripComment(lines[n]));
        if (line.empty()) continue;
        if (line.front() == '[') {
          group.clear();
          std::string_view header = line.substr(1);
          if (NextWord(&header) == "group") {
            std::string name(Trim(header.substr(0, header.find(']'))));
            if (name.empty()) return Fail("group needs a name: [group NAME]");
            // A second [group NAME] would silently add its phrases to the first one's rules
            // (a family written for one label widening another's), so a name is defined once.
            if (auto [it, fresh] = group_places_.try_emplace(name, place_); !fresh) {
              std::string message = "group '";
              message += name;
              message += "' is already defined at ";
              message += it->second.Describe();
              return Fail(message);
            }
            group = name;
            groups_[group];  // an empty group is allowed
          }
          continue;
        }
        if (group.empty()) continue;
        for (auto& alt : SplitAlternatives(line)) {
          if (alt.empty()) return Fail("empty phrase in group '" + group + "'");
          if (alt.starts_with('@')) return Fail("groups cannot refer to groups: " + alt);
          groups_[group].push_back(std::move(alt));
        }
      }
    }
    return true;
  }

  bool ParseFile(const DataFile& file) {
    const auto lines = SplitLines(file.content);
    section_ = Section::kNone;
    for (size_t n = 0; n < lines.size(); ++n) {
      place_ = {file.path, static_cast<int>(n + 1)};
      if (!ParseLine(lines[n])) return false;
    }
    return true;
  }

 private:
  enum class Section { kNone, kSettings, kGroup, kTarget };

  bool Fail(const std::string& problem) {
    *error_ = place_.Describe() + ": " + problem;
    return false;
  }

  bool ParseLine(std::string_view raw) {
    std::string_view line = Trim(raw);
    if (line.empty() || line.starts_with('#')) return true;
    if (line.starts_with('[')) return ParseHeader(line);
    switch (section_) {
      case Section::kNone:
        return Fail(
            "rule outside a section; start with [agency CODE], [topic CODE], "
            "[maladministration CODE], [urgent], [group NAME] or [settings]");
      case Section::kGroup:
        return true;  // collected in the first pass
      case Section::kSettings:
        return ParseSetting(Trim(StripComment(line)));
      case Section::kTarget:
        break;
    }
    std::string_view rest = line;
    std::string_view first = NextWord(&rest);
    if (first == "re") return ParsePattern(rest);
    rest = Trim(StripComment(rest));
    if (first == "need") return ParseNeed(rest);
    double weight = 0;
    if (!ParseNumber(first, &weight)) {
      return Fail("expected a weight, 're' or 'need' at the start of the line, got '" +
                  std::string(first) + "'");
    }
    if (weight == 0 || std::fabs(weight) > 100)
      return Fail("weight must be non-zero and within ±100");
    return ParseTerms(weight, rest);
  }

  bool ParseHeader(std::string_view line) {
    if (!line.ends_with(']')) return Fail("section header must end with ']'");
    std::string_view inside = line.substr(1, line.size() - 2);
    std::string_view kind = NextWord(&inside);
    std::string code(NextWord(&inside));
    if (!inside.empty())
      return Fail("unexpected text in section header: '" + std::string(inside) + "'");
    if (kind == "settings") {
      section_ = Section::kSettings;
      return true;
    }
    if (kind == "group") {
      section_ = Section::kGroup;
      return true;
    }
    TargetKind target_kind;
    if (kind == "agency") {
      target_kind = TargetKind::kAgency;
      if (!IsKnown(KnownAgencyCodes(), code) && !extra_agencies_.contains(code)) {
        return Fail("unknown agency code '" + code +
                    "' (TAXONOMY.md codes, or declare it with 'agency CODE' under [settings])");
      }
    } else if (kind == "maladministration") {
      target_kind = TargetKind::kMaladministration;
      if (!IsKnown(KnownMaladministrationCodes(), code)) {
        return Fail("unknown maladministration code '" + code + "'");
      }
    } else if (kind == "topic") {
      target_kind = TargetKind::kTopic;
      if (topics_ == nullptr || !topics_->contains(code)) {
        return Fail("unknown topic '" + code + "' (not in the topic catalogue)");
      }
    } else if (kind == "urgent") {
      target_kind = TargetKind::kUrgent;
      if (!code.empty()) return Fail("[urgent] takes no code");
      code = kUrgentTarget;
    } else {
      return Fail("unknown section kind '" + std::string(kind) +
                  "' (settings, group, agency, topic, maladministration, urgent)");
    }
    section_ = Section::kTarget;
    target_ = code;
    kind_ = target_kind;
    auto& target = rules_->targets[code];
    target.code = code;
    target.kind = target_kind;
    return true;
  }

  static bool IsKnown(const std::vector<std::string>& codes, const std::string& code) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  }

  bool ParseSetting(std::string_view line) {
    if (line.empty()) return true;
    std::string_view rest = line;
    std::string key(NextWord(&rest));
    auto& s = rules_->settings;
    if (key == "negators" || key == "locatives" || key == "focus_words" ||
        key == "negation_guarded" || key == "denials" || key == "clause_breaks" ||
        key == "present_words" || key == "habitual_words" || key == "locative_heads" ||
        key == "negator_idioms") {
      auto& words = key == "negators"           ? s.negators
                    : key == "locatives"        ? s.locatives
                    : key == "locative_heads"   ? s.locative_heads
                    : key == "negator_idioms"   ? s.negator_idioms
                    : key == "negation_guarded" ? s.negation_guarded
                    : key == "denials"          ? s.denials
                    : key == "clause_breaks"    ? s.clause_breaks
                    : key == "present_words"    ? s.present_words
                    : key == "habitual_words"   ? s.habitual_words
                                                : s.focus_words;
      words.clear();
      while (!rest.empty()) words.emplace_back(NextWord(&rest));
      if (key == "negation_guarded") {
        for (const auto& code : words) {
          if (!IsKnown(KnownMaladministrationCodes(), code) && code != kUrgentTarget) {
            return Fail("negation_guarded names '" + code +
                        "', not a maladministration code or URGENT");
          }
        }
      }
      return true;
    }
    if (key == "agency") {
      std::string code(NextWord(&rest));
      if (code.empty()) return Fail("'agency' needs a code");
      for (char c : code) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
          return Fail("agency code must be upper-case letters, digits or '_': '" + code + "'");
        }
      }
      extra_agencies_.insert(code);
      rules_->extra_agencies.insert(code);
      return true;
    }
    double value = 0;
    if (!ParseNumber(rest, &value)) return Fail("setting '" + key + "' needs a number");
    if (key == "negation_window" || key == "near_window" || key == "locative_window" ||
        key == "focus_window") {
      if (value < 0 || value > 50 || value != std::floor(value)) {
        return Fail(key + " must be a whole number from 0 to 50");
      }
      int& window = key == "negation_window"   ? s.negation_window
                    : key == "near_window"     ? s.near_window
                    : key == "locative_window" ? s.locative_window
                                               : s.focus_window;
      window = static_cast<int>(value);
    } else if (key == "locative_factor") {
      if (value < 0 || value > 1) return Fail("locative_factor must be in [0, 1]");
      s.locative_factor = value;
    } else if (key == "overlap_factor") {
      if (value < 0 || value > 1) return Fail("overlap_factor must be in [0, 1]");
      s.overlap_factor = value;
    } else if (key == "label_overlap") {
      if (value != 0 && value != 1) return Fail("label_overlap must be 0 or 1");
      s.label_overlap = value == 1;
    } else if (key == "clause_blocker_weight") {
      if (value < 0 || value > 100) return Fail("clause_blocker_weight must be in [0, 100]");
      s.clause_blocker_weight = value;
    } else if (key == "focus_factor") {
      if (value < 1 || value > 5) return Fail("focus_factor must be in [1, 5]");
      s.focus_factor = value;
    } else if (key == "maladministration_threshold" || key == "urgent_threshold" ||
               key == "score_scale") {
      if (value <= 0 || value > 100) return Fail(key + " must be in (0, 100]");
      if (key == "maladministration_threshold") s.maladministration_threshold = value;
      if (key == "urgent_threshold") s.urgent_threshold = value;
      if (key == "score_scale") s.score_scale = value;
    } else {
      return Fail("unknown setting '" + key + "'");
    }
    return true;
  }

  // Expands "@group" references; plain phrases pass through.
  bool Expand(const std::vector<std::string>& alternatives, std::vector<std::string>* out) {
    for (const auto& alt : alternatives) {
      if (alt.empty()) return Fail("empty phrase (check for '||' or a trailing '|')");
      if (alt.starts_with('@')) {
        auto it = groups_.find(alt.substr(1));
        if (it == groups_.end()) return Fail("unknown group '" + alt + "'");
        out->insert(out->end(), it->second.begin(), it->second.end());
      } else {
        out->push_back(alt);
      }
    }
    return true;
  }

  bool ParseTerms(double weight, std::string_view rest) {
    std::string_view positive = rest;
    std::vector<std::string> unless;
    if (const size_t bang = rest.find('!'); bang != std::string_view::npos) {
      positive = Trim(rest.substr(0, bang));
      const std::string_view blockers = Trim(rest.substr(bang + 1));
      if (blockers.find('!') != std::string_view::npos) return Fail("only one '!' per line");
      if (blockers.find('~') != std::string_view::npos) {
        return Fail("'~' cannot be used after '!'; blockers are plain phrases");
      }
      if (!Expand(SplitAlternatives(blockers), &unless)) return false;
    }
    const auto shared_unless = std::make_shared<const std::vector<std::string>>(std::move(unless));
    if (positive.empty()) return Fail("a weight needs at least one phrase");
    std::vector<std::string> alternatives;
    std::vector<int> composed;  // parallel to alternatives
    for (auto& alt : SplitAlternatives(positive)) {
      if (alt.find('~') != std::string::npos && alt.find('@') != std::string::npos) {
        if (!ExpandComposed(alt, &alternatives)) return false;
        composed.resize(alternatives.size(), next_composed_++);
        continue;
      }
      if (!Expand({alt}, &alternatives)) return false;
      composed.resize(alternatives.size(), -1);
    }
    for (size_t a = 0; a < alternatives.size(); ++a) {
      auto& alt = alternatives[a];
      TermRule term;
      term.composed = composed[a];
      term.target = target_;
      term.kind = kind_;
      term.weight = weight;
      term.text = alt;
      term.unless = shared_unless;
      term.place = place_;
      const size_t tilde = alt.find('~');
      if (tilde == std::string::npos) {
        term.parts.push_back(alt);
      } else {
        std::string left(Trim(std::string_view(alt).substr(0, tilde)));
        std::string right(Trim(std::string_view(alt).substr(tilde + 1)));
        if (left.empty() || right.empty() || right.find('~') != std::string::npos) {
          return Fail("'~' joins exactly two phrases: '" + alt + "'");
        }
        term.parts = {left, right};
      }
      rules_->terms.push_back(std::move(term));
    }
    return true;
  }

  // "@a ~ b", "a ~ @b" or "@a ~ @b": every pair of the two sides' phrases, as "x ~ y".
  bool ExpandComposed(const std::string& alt, std::vector<std::string>* out) {
    const size_t tilde = alt.find('~');
    const std::string left(Trim(std::string_view(alt).substr(0, tilde)));
    const std::string right(Trim(std::string_view(alt).substr(tilde + 1)));
    if (left.empty() || right.empty() || right.find('~') != std::string::npos) {
      return Fail("'~' joins exactly two phrases: '" + alt + "'");
    }
    std::vector<std::string> lefts, rights;
    if (!Expand({left}, &lefts) || !Expand({right}, &rights)) return false;
    for (const auto& l : lefts) {
      for (const auto& r : rights) {
        std::string pair = l;
        pair += " ~ ";
        pair += r;
        out->push_back(std::move(pair));
      }
    }
    return true;
  }

  bool ParsePattern(std::string_view rest) {
    std::string_view weight_text = NextWord(&rest);
    double weight = 0;
    if (!ParseNumber(weight_text, &weight) || weight == 0 || std::fabs(weight) > 100) {
      return Fail("'re' needs a non-zero weight within ±100, then the pattern");
    }
    if (rest.empty()) return Fail("'re' needs a pattern");
    RE2::Options options;
    options.set_log_errors(false);
    RE2 re(rest, options);
    if (!re.ok()) return Fail("bad RE2 pattern '" + std::string(rest) + "': " + re.error());
    rules_->patterns.push_back({target_, kind_, weight, std::string(rest), place_});
    return true;
  }

  bool ParseNeed(std::string_view rest) {
    if (kind_ == TargetKind::kAgency || kind_ == TargetKind::kTopic) {
      return Fail("'need' applies to maladministration and urgent");
    }
    auto& target = rules_->targets[target_];
    if (!Expand(SplitAlternatives(rest), &target.need)) return false;
    target.need_place = place_;
    return true;
  }

  RuleSet* rules_;
  std::string* error_;
  const std::set<std::string>* topics_;
  SourcePlace place_;
  Section section_ = Section::kNone;
  std::string target_;
  TargetKind kind_ = TargetKind::kAgency;
  std::map<std::string, std::vector<std::string>> groups_;
  std::map<std::string, SourcePlace> group_places_;  // where each group is defined
  int next_composed_ = 0;
  std::set<std::string> extra_agencies_;
};

}  // namespace

const std::vector<std::string>& KnownAgencyCodes() {
  static const auto* codes = new std::vector<std::string>{
      "DISDUKCAPIL", "DINKES",   "RSUD",    "DISDIK",  "PUPR",       "DLH",
      "DISHUB",      "DINSOS",   "DPMPTSP", "PDAM",    "SATPOLPP",   "DAMKAR",
      "BPBD",        "DISNAKER", "PERKIM",  "BAPENDA", "DISKOMINFO", "DISPERINDAG",
      "KEWILAYAHAN", "PLN",      "POLRI",   "BPJSKES", "TRIAGE"};
  return *codes;
}

const std::vector<std::string>& KnownMaladministrationCodes() {
  static const auto* codes = new std::vector<std::string>{"PENUNDAAN_BERLARUT",
                                                          "TIDAK_MEMBERIKAN_PELAYANAN",
                                                          "PENYIMPANGAN_PROSEDUR",
                                                          "PERMINTAAN_IMBALAN",
                                                          "PENYALAHGUNAAN_WEWENANG",
                                                          "TIDAK_KOMPETEN",
                                                          "TIDAK_PATUT",
                                                          "DISKRIMINASI",
                                                          "BERPIHAK",
                                                          "KONFLIK_KEPENTINGAN"};
  return *codes;
}

bool ParseRules(const std::vector<DataFile>& files, RuleSet* rules, std::string* error,
                const std::set<std::string>* topics) {
  Parser parser(rules, error, topics);
  // Groups are collected first so a section may use a group defined in a later file. Extra
  // agencies must be declared before use (the shipped settings live in 00-settings.rules).
  if (!parser.CollectGroups(files)) return false;
  for (const auto& file : files) {
    if (!parser.ParseFile(file)) return false;
  }
  return true;
}

}  // namespace aduan::classifier
