#include "classifier/keyword_classifier.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "classifier/data_files.h"

namespace aduan::classifier {
namespace {

// "20-maladministration.rules:87": the file name without its folder, which a reader knows.
std::string SourceName(const SourcePlace& place) {
  size_t slash = place.file.find_last_of('/');
  std::string file = slash == std::string::npos ? place.file : place.file.substr(slash + 1);
  return file + ":" + std::to_string(place.line);
}

// True when the lexicon leaves every word of the phrase parts as written (stemming aside):
// the rule names the word it matches, rather than a slang or foreign alias of it.
bool IsLiteral(const std::vector<std::string>& parts, const Lexicon& lexicon) {
  for (std::string_view part : parts) {
    if (part.starts_with('=')) part.remove_prefix(1);
    if (Tokenize(part) != NormalizeWords(part, &lexicon)) return false;
  }
  return true;
}

// Why a vote weighs other than its rule says, for the decision's evidence.
enum class Note : uint8_t {
  kNone,
  kLandmark,
  kOverlap,
  kNegated,
  kBlocker,
  kBlocked,
  kPresentWins
};

std::string_view NoteText(Note note) {
  switch (note) {
    case Note::kLandmark:
      return " (a landmark: after a locative)";
    case Note::kOverlap:
      return " (words a stronger phrase already counted)";
    case Note::kNegated:
      return " (negated: counts only beside plain evidence)";
    case Note::kBlocker:
      return " (a blocker: cancels the urgent cues of its clause";
    case Note::kBlocked:
      return " (cancelled by a blocker in its clause";
    case Note::kPresentWins:
      return " (set aside: a cue says the danger is going on now)";
    case Note::kNone:
      break;
  }
  return "";
}

constexpr uint64_t kExactSeed = 0x51ed27a3b1c0f00dULL;
constexpr uint64_t kStemSeed = 0x2545f4914f6cdd1dULL;

// Whether `piece` ends in a capitalised word of at most three letters ("Jl", "Kel", "Kec",
// "No"): the '.' after it abbreviates and ends no sentence.
bool Abbreviation(std::string_view piece) {
  size_t letters = 0;
  while (letters < piece.size()) {
    const char c = piece[piece.size() - 1 - letters];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) break;
    ++letters;
  }
  if (letters == 0 || letters > 3) return false;
  const size_t start = piece.size() - letters;
  return piece[start] >= 'A' && piece[start] <= 'Z' && (start == 0 || piece[start - 1] == ' ');
}

// The word index at which each sentence after the first starts: text is cut after '.', '!' or
// '?' followed by a space or the end, and at line breaks, and each piece normalised on its own.
// Those cuts are word separators for the tokenizer too, so the counts add up to the message's
// words ("1.5", "jl.merdeka", "Kel. Tamansari" and URLs are not cut).
std::vector<uint32_t> SentenceStarts(std::string_view text, const Lexicon* lexicon) {
  std::vector<uint32_t> starts;
  uint32_t words = 0;
  size_t begin = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    const bool end = i == text.size();
    const bool cut = end || text[i] == '\n' ||
                     ((text[i] == '.' || text[i] == '!' || text[i] == '?') &&
                      (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n' ||
                       text[i + 1] == '\r' || text[i + 1] == '\t'));
    if (!cut) continue;
    if (!end && text[i] == '.' && Abbreviation(text.substr(begin, i - begin))) continue;
    words += static_cast<uint32_t>(NormalizeWords(text.substr(begin, i - begin), lexicon).size());
    if (!end && (starts.empty() || starts.back() != words)) starts.push_back(words);
    begin = i + 1;
  }
  return starts;
}

}  // namespace

KeywordClassifier::~KeywordClassifier() = default;

uint64_t KeywordClassifier::Extend(uint64_t key, uint32_t id) {
  uint64_t x = (key ^ (id + 0x9e3779b97f4a7c15ULL)) * 0xbf58476d1ce4e5b9ULL;
  return x ^ (x >> 31);
}

void KeywordClassifier::FreezePhraseKeys() {
  size_t capacity = 16;
  while (capacity < phrase_keys_.size() * 2) capacity *= 2;
  key_slots_.assign(capacity, KeySlot{});
  key_mask_ = capacity - 1;
  key_phrases_.clear();
  for (const auto& [key, ids] : phrase_keys_) {
    size_t i = key & key_mask_;
    while (key_slots_[i].begin != kNoId) i = (i + 1) & key_mask_;
    key_slots_[i] = {key, static_cast<uint32_t>(key_phrases_.size()),
                     static_cast<uint32_t>(ids.size())};
    key_phrases_.insert(key_phrases_.end(), ids.begin(), ids.end());
  }
}

const KeywordClassifier::KeySlot* KeywordClassifier::FindKey(uint64_t key) const {
  // At most half full, so a probe ends at an empty slot soon.
  for (size_t i = key & key_mask_;; i = (i + 1) & key_mask_) {
    const KeySlot& slot = key_slots_[i];
    if (slot.begin == kNoId) return nullptr;
    if (slot.key == key) return &slot;
  }
}

uint32_t KeywordClassifier::InternWord(const std::string& word) {
  auto [it, inserted] = vocabulary_.try_emplace(word, static_cast<uint32_t>(vocabulary_.size()));
  return it->second;
}

uint32_t KeywordClassifier::WordId(std::string_view word) const {
  auto it = vocabulary_.find(word);
  return it == vocabulary_.end() ? kNoId : it->second;
}

// The stemmer strips "-nya" only on the way to a root it knows, so acronyms and most nouns
// kept their ending ("bpjsnya", "ktpnya", "tpsnya") and so did the regional forms: Javanese
// "-e"/"-ne", Sundanese "-na", Minang and Palembang "-nyo", Betawi "-nye" and chat "-ny"; such
// complaints matched no phrase and went to triage. An ending is dropped only when the word itself
// is unknown (no phrase word, root or lexicon entry) and what remains is a word some phrase uses
// (through the lexicon when it maps it to one word): that pair of conditions keeps "warna",
// "guna" or "kena" (roots, or a remainder shorter than three letters) as written. The words
// themselves are not rewritten, so clauses and pattern matches still quote what the resident wrote.
uint32_t KeywordClassifier::SuffixedNounId(std::string_view word,
                                           std::string_view* remainder) const {
  static constexpr size_t kMinRemainder = 3;
  static constexpr std::array<std::string_view, 7> kEndings = {"nya", "nyo", "nye", "ny",
                                                               "na",  "ne",  "e"};
  if (word.size() <= kMinRemainder || word.size() > 32) return kNoId;
  const char last = word.back();
  if (last != 'a' && last != 'e' && last != 'o' && last != 'y') return kNoId;
  for (std::string_view ending : kEndings) {
    // A bare "-e" takes four letters before it: "dane", "sane", "pure" or "bine" would otherwise
    // read as "dan", "san"... ("pdame", "ijazahe" keep it; three-letter acronyms take "-ne").
    const size_t min_rest = ending.size() == 1 ? kMinRemainder + 1 : kMinRemainder;
    if (word.size() < ending.size() + min_rest || !word.ends_with(ending)) continue;
    std::string_view rest = word.substr(0, word.size() - ending.size());
    if (const auto* to = lexicon_.Find(rest); to != nullptr) {
      if (to->size() != 1) continue;  // "rs" -> "rumah sakit" is no single word id
      rest = to->front();
    }
    const uint32_t id = WordId(stemmer_.Stem(rest));
    if (id == kNoId) continue;
    if (stemmer_.IsRoot(word) || lexicon_.Find(word) != nullptr) return kNoId;
    *remainder = rest;
    return id;
  }
  return kNoId;
}

bool KeywordClassifier::InternPhrase(std::string_view text, const SourcePlace& place, uint32_t* id,
                                     std::string* error) {
  Phrase phrase;
  if (text.starts_with('=')) {
    phrase.exact = true;
    text.remove_prefix(1);
  }
  const std::vector<std::string> words = NormalizeWords(text, &lexicon_);
  if (words.empty()) {
    *error = place.Describe() + ": phrase '" + std::string(text) + "' has no words";
    return false;
  }
  if (words.size() > 8) {
    *error = place.Describe() + ": phrase '" + std::string(text) + "' is longer than 8 words";
    return false;
  }
  uint64_t key = phrase.exact ? kExactSeed : kStemSeed;
  for (const auto& word : words) {
    const uint32_t word_id = InternWord(phrase.exact ? word : std::string(stemmer_.Stem(word)));
    phrase.ids.push_back(word_id);
    key = Extend(key, word_id);
    phrase_keys_[key];  // mark the prefix
  }
  auto& same_key = phrase_keys_[key];
  for (uint32_t existing : same_key) {
    if (phrases_[existing].ids == phrase.ids && phrases_[existing].exact == phrase.exact) {
      *id = existing;
      return true;
    }
  }
  *id = static_cast<uint32_t>(phrases_.size());
  same_key.push_back(*id);
  max_phrase_words_ = std::max(max_phrase_words_, phrase.ids.size());
  phrases_.push_back(std::move(phrase));
  return true;
}

std::unique_ptr<KeywordClassifier> KeywordClassifier::Build(RuleSet rules, Lexicon lexicon,
                                                            Stemmer stemmer,
                                                            const ClassifierOptions& options,
                                                            std::string* error,
                                                            const CityProfile& profile) {
  std::unique_ptr<KeywordClassifier> c(new KeywordClassifier());
  c->settings_ = rules.settings;
  c->options_ = options;
  c->lexicon_ = std::move(lexicon);
  c->stemmer_ = std::move(stemmer);

  std::unordered_map<std::string, uint32_t> target_index;
  for (const auto& [code, rule] : rules.targets) {
    target_index[code] = static_cast<uint32_t>(c->targets_.size());
    Target target{code, rule.kind, {}};
    for (const auto& phrase : rule.need) {
      uint32_t id;
      if (!c->InternPhrase(phrase, rule.need_place, &id, error)) return nullptr;
      target.need.push_back(id);
    }
    c->targets_.push_back(std::move(target));
  }
  // Every agency a topic maps to is a target, even one with no [agency] section of its own.
  auto known_agency = [&](const std::string& code) {
    const auto& known = KnownAgencyCodes();
    return std::find(known.begin(), known.end(), code) != known.end() ||
           rules.extra_agencies.contains(code);
  };
  auto agency_target = [&](const std::string& code) {
    auto [it, inserted] = target_index.try_emplace(code, c->targets_.size());
    if (inserted) c->targets_.push_back(Target{code, TargetKind::kAgency, {}});
    return it->second;
  };
  for (const auto& [topic, agency] : profile.agency_of) {
    if (!known_agency(agency) || agency == kTriage) {
      *error = profile.path + ":" + std::to_string(profile.line_of.at(topic)) + ": topic '" +
               topic + "' maps to unknown agency '" + agency + "'";
      return nullptr;
    }
  }
  for (const auto& [code, rule] : rules.targets) {
    if (rule.kind != TargetKind::kTopic) continue;
    auto it = profile.agency_of.find(code);
    if (it == profile.agency_of.end()) {
      *error = (profile.path.empty() ? std::string("classifier") : profile.path) +
               ": no agency for topic '" + code + "' (the city profile must map it)";
      return nullptr;
    }
    const uint32_t agency = agency_target(it->second);
    c->targets_[target_index.at(code)].agency = agency;
    c->targets_[target_index.at(code)].catch_all = profile.catch_all.contains(code);
  }
  std::vector<std::string> responders = profile.urgent_responders;
  for (const auto& code : responders) {
    if (!known_agency(code)) {
      *error = profile.path + ": urgent_responders names unknown agency '" + code + "'";
      return nullptr;
    }
    agency_target(code);
  }
  if (!profile.urgent_default.empty()) {
    if (!known_agency(profile.urgent_default)) {
      *error =
          profile.path + ": urgent_default names unknown agency '" + profile.urgent_default + "'";
      return nullptr;
    }
    c->urgent_default_ = agency_target(profile.urgent_default);
  }
  c->urgent_rank_.assign(c->targets_.size(), static_cast<uint32_t>(responders.size()));
  for (uint32_t r = 0; r < responders.size(); ++r) {
    uint32_t& rank = c->urgent_rank_[target_index.at(responders[r])];
    rank = std::min(rank, r);
  }
  // Topics vote for their agency; other targets (urgent, maladministration) for themselves.
  auto owner_of = [&c](uint32_t target) {
    const Target& t = c->targets_[target];
    return t.kind == TargetKind::kTopic ? t.agency : target;
  };
  std::vector<bool> literal_terms;  // parallel to terms_
  // Terms by (primary, secondary) phrase, in the order written: the duplicate check below looks
  // only at terms of the same phrases. A composed cue expands into thousands of pairs, and a scan
  // of every earlier term for each made loading quadratic.
  std::unordered_map<uint64_t, std::vector<uint32_t>> terms_by_phrases;
  // The same phrase text and the same blocker list recur across a composed cue's thousands of
  // pairs; normalising each again made loading (and so an operator's reload, which answers only
  // once it is done) take seconds.
  std::unordered_map<std::string_view, uint32_t> phrase_ids;
  auto intern = [&c, &phrase_ids, error](std::string_view text, const SourcePlace& place,
                                         uint32_t* id) {
    if (auto it = phrase_ids.find(text); it != phrase_ids.end()) {
      *id = it->second;
      return true;
    }
    if (!c->InternPhrase(text, place, id, error)) return false;
    phrase_ids.emplace(text, *id);
    return true;
  };
  std::unordered_map<const std::vector<std::string>*, std::vector<uint32_t>> blocker_ids;
  for (const auto& rule : rules.terms) {
    Term term;
    term.target = target_index.at(rule.target);
    term.weight = rule.weight;
    term.text = rule.text;
    term.source = SourceName(rule.place);
    if (rule.composed >= 0) term.composed = static_cast<uint32_t>(rule.composed);
    if (!intern(rule.parts[0], rule.place, &term.primary)) return nullptr;
    if (rule.parts.size() > 1 && !intern(rule.parts[1], rule.place, &term.secondary)) {
      return nullptr;
    }
    if (rule.unless) {
      auto [ids, fresh] = blocker_ids.try_emplace(rule.unless.get());
      if (fresh) {
        for (const auto& phrase : *rule.unless) {
          uint32_t id;
          if (!intern(phrase, rule.place, &id)) return nullptr;
          ids->second.push_back(id);
        }
      }
      term.unless = ids->second;
    }
    // The same evidence written twice must not count twice. Within one target that is any
    // repeat ("akta lahir" and "akta kelahiran" share stems). Across the topics of one agency it
    // is an alias the lexicon folded onto a word: "4 kebanjiran" and "4 flood" both read
    // "banjir", so a bare "banjir" once scored their weights on top of the "1 banjir" the rules
    // give it. The term written as the word itself keeps its weight; without one, the first
    // written wins. Topics of one agency that each name the same word on purpose still add up.
    const bool literal = IsLiteral(rule.parts, c->lexicon_);
    const uint32_t owner = owner_of(term.target);
    std::vector<uint32_t>& candidates =
        terms_by_phrases[(uint64_t{term.primary} << 32) | term.secondary];
    auto same = std::find_if(candidates.begin(), candidates.end(), [&](uint32_t index) {
      const Term& t = c->terms_[index];
      const bool comparable = t.target == term.target || !literal || !literal_terms[index];
      return comparable && owner_of(t.target) == owner && t.unless == term.unless &&
             t.composed == term.composed;
    });
    if (same == candidates.end()) {
      candidates.push_back(static_cast<uint32_t>(c->terms_.size()));
      c->terms_.push_back(std::move(term));
      literal_terms.push_back(literal);
    } else if (literal && !literal_terms[*same]) {
      literal_terms[*same] = true;
      c->terms_[*same] = std::move(term);
    }
  }
  c->terms_by_primary_.resize(c->phrases_.size());
  for (uint32_t t = 0; t < c->terms_.size(); ++t) {
    c->terms_by_primary_[c->terms_[t].primary].push_back(t);
  }

  std::vector<uint32_t> negator_ids;
  for (const auto& negator : c->settings_.negators) {
    negator_ids.push_back(c->InternWord(negator));
    negator_ids.push_back(c->InternWord(std::string(c->stemmer_.Stem(negator))));
  }
  std::vector<std::pair<uint32_t, uint8_t>> roles;
  for (const auto& word : c->settings_.locatives)
    roles.emplace_back(c->InternWord(word), kLocative);
  for (const auto& word : c->settings_.focus_words) roles.emplace_back(c->InternWord(word), kFocus);
  for (const auto& word : c->settings_.clause_breaks) {
    roles.emplace_back(c->InternWord(word), kClauseBreak);
  }
  for (const auto& word : c->settings_.present_words) {
    roles.emplace_back(c->InternWord(word), kPresent);
  }
  for (const auto& word : c->settings_.habitual_words) {
    roles.emplace_back(c->InternWord(word), kHabitual);
  }
  for (const auto& word : c->settings_.locative_heads) {
    roles.emplace_back(c->InternWord(word), kLocativeHead);
  }
  for (const auto& word : c->settings_.negator_idioms) {
    roles.emplace_back(c->InternWord(word), kNegatorIdiom);
  }
  for (const auto& word : c->settings_.denials) {
    roles.emplace_back(c->InternWord(word), kDenial);
    roles.emplace_back(c->InternWord(std::string(c->stemmer_.Stem(word))), kDenial);
  }
  // Sized once every word is interned: a locative or focus word new to the vocabulary has an id
  // past any table sized before it, and a message can contain it.
  c->is_negator_.assign(c->vocabulary_.size(), 0);
  for (uint32_t id : negator_ids) c->is_negator_[id] = 1;
  c->word_role_.assign(c->vocabulary_.size(), 0);
  for (const auto& [id, role] : roles) c->word_role_[id] |= role;

  c->guarded_.assign(c->targets_.size(), 0);
  for (const auto& code : c->settings_.negation_guarded) {
    auto it = target_index.find(code);
    if (it != target_index.end()) c->guarded_[it->second] = 1;  // a label no rule names: no votes
  }
  // "tidak dipungut biaya" denies "dipungut" when "dipungut" (as written or as its stem) is a term
  // of the same label by itself.
  std::vector<const std::string*> word_of(c->vocabulary_.size());
  for (const auto& [word, id] : c->vocabulary_) word_of[id] = &word;
  c->denial_.assign(c->terms_.size(), 0);
  for (uint32_t t = 0; t < c->terms_.size(); ++t) {
    const Term& term = c->terms_[t];
    const std::vector<uint32_t>& ids = c->phrases_[term.primary].ids;
    if (!c->guarded_[term.target] || ids.size() < 2 || !(c->word_role_[ids[0]] & kDenial)) {
      continue;
    }
    c->denial_[t] = std::any_of(c->terms_.begin(), c->terms_.end(), [&](const Term& other) {
      const std::vector<uint32_t>& words = c->phrases_[other.primary].ids;
      return other.target == term.target && words.size() == 1 &&
             (words[0] == ids[1] || c->WordId(c->stemmer_.Stem(*word_of[words[0]])) == ids[1]);
    });
  }

  c->FreezePhraseKeys();

  // The per-message passes over targets visit only the kinds they need.
  c->topics_of_.resize(c->targets_.size());
  for (uint32_t t = 0; t < c->targets_.size(); ++t) {
    const Target& target = c->targets_[t];
    if (target.kind == TargetKind::kAgency) {
      c->agencies_.push_back(t);
    } else if (target.kind == TargetKind::kTopic) {
      c->topics_.push_back(t);
      c->topics_of_[target.agency].push_back(t);
    } else {
      c->labels_.push_back(t);
    }
    if (c->guarded_[t]) c->guarded_targets_.push_back(t);
  }

  if (!rules.patterns.empty()) {
    RE2::Options re_options;
    re_options.set_log_errors(false);
    re_options.set_max_mem(32 << 20);
    c->pattern_set_ = std::make_unique<RE2::Set>(re_options, RE2::UNANCHORED);
    for (const auto& rule : rules.patterns) {
      std::string re_error;
      if (c->pattern_set_->Add(rule.pattern, &re_error) < 0) {
        *error = rule.place.Describe() + ": bad RE2 pattern '" + rule.pattern + "': " + re_error;
        return nullptr;
      }
      auto alone = std::make_shared<const RE2>(rule.pattern, re_options);
      c->patterns_.push_back({target_index.at(rule.target), rule.weight, rule.pattern,
                              SourceName(rule.place), std::move(alone)});
      c->positive_patterns_ = c->positive_patterns_ || rule.weight > 0;
    }
    if (!c->pattern_set_->Compile()) {
      *error = rules.patterns.front().place.file + ": the RE2 patterns together exceed 32 MiB";
      return nullptr;
    }
  }
  return c;
}

std::vector<std::string> KeywordClassifier::AnalyzedWords(std::string_view text) const {
  std::vector<std::string> out;
  for (const auto& word : NormalizeWords(text.substr(0, kMaxClassifiedBytes), &lexicon_)) {
    std::string_view stem = stemmer_.Stem(word);
    if (stem == word && WordId(word) == kNoId) {
      std::string_view remainder;
      if (SuffixedNounId(word, &remainder) != kNoId) stem = stemmer_.Stem(remainder);
    }
    out.push_back(stem == word ? word : word + "/" + std::string(stem));
  }
  return out;
}

AnalyzedText KeywordClassifier::Analyze(std::string_view text) const {
  AnalyzedText out;
  out.text = text.substr(0, kMaxClassifiedBytes);
  out.words = NormalizeWords(out.text, &lexicon_);
  // After `words` is complete: a stem may view into its word.
  out.stems.reserve(out.words.size());
  for (const auto& word : out.words) out.stems.push_back(stemmer_.Stem(word));
  return out;
}

Classification KeywordClassifier::Classify(std::string_view text) const {
  return ClassifyAnalyzed(Analyze(text));
}

Classification KeywordClassifier::ClassifyAnalyzed(const AnalyzedText& text) const {
  Classification result;
  const std::vector<std::string>& words = text.words;

  // Word ids as written (for '=' phrases) and as stems.
  const size_t n = words.size();
  std::vector<uint32_t> surface(n), stems(n);
  for (size_t i = 0; i < n; ++i) {
    surface[i] = WordId(words[i]);
    const std::string_view stem = text.stems[i];
    stems[i] = stem == words[i] ? surface[i] : WordId(stem);
    if (stems[i] == kNoId && stem == words[i]) {
      std::string_view remainder;
      stems[i] = SuffixedNounId(words[i], &remainder);
    }
  }

  std::vector<Hit> hits;
  hits.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    for (int mode = 0; mode < 2; ++mode) {
      const std::vector<uint32_t>& ids = mode == 0 ? stems : surface;
      uint64_t key = mode == 0 ? kStemSeed : kExactSeed;
      for (size_t len = 1; len <= max_phrase_words_ && i + len <= n; ++len) {
        const uint32_t id = ids[i + len - 1];
        if (id == kNoId) break;
        key = Extend(key, id);
        const KeySlot* slot = FindKey(key);
        if (slot == nullptr) break;
        for (uint32_t j = slot->begin; j < slot->begin + slot->count; ++j) {
          const uint32_t p = key_phrases_[j];
          const Phrase& phrase = phrases_[p];
          if (phrase.exact == (mode == 1) && phrase.ids.size() == len &&
              std::equal(phrase.ids.begin(), phrase.ids.end(), ids.begin() + i)) {
            hits.push_back({p, static_cast<uint32_t>(i)});
          }
        }
      }
    }
  }
  std::sort(hits.begin(), hits.end());

  // Hits are sorted by (phrase, position): a phrase's positions are one binary search away.
  auto positions = [&hits](uint32_t phrase) {
    return std::equal_range(hits.begin(), hits.end(), Hit{phrase, 0},
                            [](const Hit& a, const Hit& b) { return a.phrase < b.phrase; });
  };
  auto present = [&](uint32_t phrase) {
    auto [first, last] = positions(phrase);
    return first != last;
  };
  auto has_role = [&](size_t j, uint8_t role) {
    return j < n && surface[j] != kNoId && surface[j] < word_role_.size() &&
           (word_role_[surface[j]] & role);
  };
  auto negated = [&](uint32_t position) {
    const uint32_t window = static_cast<uint32_t>(settings_.negation_window);
    for (uint32_t j = position > window ? position - window : 0; j < position; ++j) {
      if (((stems[j] != kNoId && is_negator_[stems[j]]) ||
           (surface[j] != kNoId && is_negator_[surface[j]])) &&
          !has_role(j + 1, kNegatorIdiom)) {
        return true;
      }
    }
    return false;
  };
  // Locative and focus words are matched as written ("depan", "paling"), not as stems.
  auto follows = [&](uint32_t position, uint8_t role, int window_words) {
    const uint32_t window = static_cast<uint32_t>(window_words);
    for (uint32_t j = position > window ? position - window : 0; j < position; ++j) {
      if (has_role(j, role) && !(role == kLocative && j > 0 && has_role(j - 1, kLocativeHead))) {
        return true;
      }
    }
    return false;
  };
  const bool locatives_on = !settings_.locatives.empty() && settings_.locative_factor < 1.0;
  const bool focus_on = !settings_.focus_words.empty() && settings_.focus_factor > 1.0;
  // What one occurrence of an agency or topic term at `at` weighs, relative to its weight.
  auto place_factor = [&](uint32_t at) {
    double f = 1.0;
    if (locatives_on && follows(at, kLocative, settings_.locative_window)) {
      f *= settings_.locative_factor;
    }
    if (focus_on && follows(at, kFocus, settings_.focus_window)) f *= settings_.focus_factor;
    return f;
  };

  std::vector<double> raw(targets_.size(), 0.0);
  // Evidence is kept as references into the rules and becomes Match values only for the targets
  // that decide something: most terms that fire vote for agencies that lose, and copying their
  // strings for every complaint cost more than finding them.
  struct Vote {
    uint32_t target;
    double weight;
    const std::string* rule;
    const std::string* source;
    int pattern;        // index into patterns_, or -1 for a phrase term
    uint32_t composed;  // Term::composed, or kNoId
    // The words the counted occurrence covers, [at, at + words) and, for "a ~ b", the partner's
    // [near_at, near_at + near_words); near_words is 0 otherwise and for patterns.
    uint32_t at = 0, words = 0, near_at = 0, near_words = 0;
    Note note = Note::kNone;
    // kBlocker and kBlocked: the clause [clause_begin, clause_end) of words, and for a cancelled
    // cue the blocker that cancelled it.
    uint32_t clause_begin = 0, clause_end = 0;
    const std::string* blocker = nullptr;
    bool covered = false;  // the overlap pass: a stronger vote already counted its words
  };
  std::vector<Vote> evidence;
  auto add = [&](uint32_t target, double weight, const std::string& rule, const std::string& source,
                 int pattern, uint32_t composed = kNoId) -> Vote& {
    raw[target] += weight;
    return evidence.emplace_back(Vote{target, weight, &rule, &source, pattern, composed});
  };
  // Whether a pair of the composed cue `composed` has already counted for this message. Asked
  // for every pair term at every hit of its first phrase, so a bit per cue (on the stack; a
  // rule set with more cues than bits scans the votes) rather than a scan of the votes.
  std::array<uint64_t, 32> composed_bits{};
  constexpr uint32_t kComposedBits = 64 * 32;
  auto composed_fired = [&evidence, &composed_bits](uint32_t composed) {
    if (composed < kComposedBits)
      return ((composed_bits[composed / 64] >> (composed % 64)) & 1) != 0;
    return std::any_of(evidence.begin(), evidence.end(),
                       [composed](const Vote& v) { return v.composed == composed; });
  };

  for (size_t h = 0; h < hits.size();) {
    const uint32_t phrase = hits[h].phrase;
    size_t end = h;
    while (end < hits.size() && hits[end].phrase == phrase) ++end;
    for (uint32_t t : terms_by_primary_[phrase]) {
      const Term& term = terms_[t];
      const TargetKind kind = targets_[term.target].kind;
      const bool composed = term.composed != kNoId;
      if (composed && composed_fired(term.composed)) continue;
      const bool negatable = kind == TargetKind::kUrgent || composed;
      const bool placeable =
          (locatives_on || focus_on) && (kind == TargetKind::kAgency || kind == TargetKind::kTopic);
      // A guarded label's phrase that denies one of the label's own terms ("tidak dipungut
      // biaya") is negated wherever it occurs; other occurrences are negated after a denial.
      const bool guarded = guarded_[term.target] != 0;
      const bool negated_phrase = guarded && denial_[t];
      double factor = 0;  // 0: not fired; otherwise what the term's weight is multiplied by
      uint32_t counted_at = 0, near_at = 0;
      bool has_near = false;
      bool plain = !guarded;  // an occurrence that is not negated
      for (size_t k = h; k < end; ++k) {
        const uint32_t at = hits[k].position;
        if (negatable && negated(at)) continue;
        uint32_t partner = 0;
        if (term.secondary != kNoId) {
          // Nearest secondary occurrence at or after at - window; sorted, so no pairwise scan.
          const uint32_t window = static_cast<uint32_t>(settings_.near_window);
          auto [first, last] = positions(term.secondary);
          auto it =
              std::lower_bound(first, last, Hit{term.secondary, at > window ? at - window : 0});
          // A composed cue needs a partner that is not negated itself ("bukan petugas yang
          // menolak" has none), and so does an urgent pair: a cable "belum putus" or a snake
          // "belum masuk rumah" is the danger denied. Other near terms take the nearest.
          while (negatable && it != last && it->position <= at + window && negated(it->position)) {
            ++it;
          }
          if (it == last || it->position > at + window) continue;
          partner = it->position;
        }
        if (!placeable) {
          const bool negated_here =
              guarded && (negated_phrase || follows(at, kDenial, settings_.negation_window));
          if (factor == 0 || (!negated_here && !plain)) {
            factor = 1.0;
            counted_at = at;
            near_at = partner;
            has_near = term.secondary != kNoId;
          }
          if (!negated_here) {
            plain = true;
            break;
          }
          continue;
        }
        // The best-placed occurrence decides: a landmark after "depan" counts in full if the
        // word also occurs as the subject, and more after "yang paling ...".
        const double f = place_factor(at);
        if (f > factor) {
          factor = f;
          counted_at = at;
          near_at = partner;
          has_near = term.secondary != kNoId;
        }
      }
      if (factor == 0) continue;
      if (std::any_of(term.unless.begin(), term.unless.end(), present)) continue;
      Vote& vote =
          add(term.target, term.weight * factor, term.text, term.source, -1, term.composed);
      if (composed && term.composed < kComposedBits) {
        composed_bits[term.composed / 64] |= uint64_t{1} << (term.composed % 64);
      }
      vote.at = counted_at;
      vote.words = static_cast<uint32_t>(phrases_[term.primary].ids.size());
      if (has_near) {
        vote.near_at = near_at;
        vote.near_words = static_cast<uint32_t>(phrases_[term.secondary].ids.size());
      }
      if (!plain) vote.note = Note::kNegated;
      if (placeable && factor < 1.0) vote.note = Note::kLandmark;
    }
    h = end;
  }

  // Each text position counts once per agency: the strongest vote covering a word keeps its
  // weight, a weaker one for the same agency over any of its words weighs overlap_factor.
  if (settings_.overlap_factor < 1.0 && evidence.size() > 1) {
    auto owner = [this](uint32_t target) {
      return targets_[target].kind == TargetKind::kTopic ? targets_[target].agency : target;
    };
    auto eligible = [this](const Vote& v) {
      const TargetKind kind = targets_[v.target].kind;
      return v.weight > 0 && v.words > 0 &&
             (kind == TargetKind::kAgency || kind == TargetKind::kTopic ||
              (settings_.label_overlap &&
               (kind == TargetKind::kMaladministration || kind == TargetKind::kUrgent)));
    };
    auto intersects = [](uint32_t a, uint32_t a_words, uint32_t b, uint32_t b_words) {
      return a_words > 0 && b_words > 0 && a < b + b_words && b < a + a_words;
    };
    // Votes rank strongest first, ties in the order found. A vote is covered when one ranked
    // before it counted any of its words for the same agency. Ranks are compared pairwise rather
    // than sorted, so the pass allocates nothing; every vote's cover is decided (on the weights
    // as voted) before any weight is lowered.
    const size_t count = evidence.size();
    for (size_t v = 0; v < count; ++v) {
      Vote& vote = evidence[v];
      if (!eligible(vote)) continue;
      const uint32_t mine = owner(vote.target);
      auto counted = [&](uint32_t at, uint32_t words) {
        for (size_t e = 0; e < count; ++e) {
          const Vote& other = evidence[e];
          if (e == v || !eligible(other) || owner(other.target) != mine) continue;
          const bool before = other.weight != vote.weight ? other.weight > vote.weight : e < v;
          if (before && (intersects(at, words, other.at, other.words) ||
                         intersects(at, words, other.near_at, other.near_words))) {
            return true;
          }
        }
        return false;
      };
      // A pair that brings a word of its own ("lampu ~ rumah" beside "lampu ~ mati") is new
      // evidence; a pair or phrase over words already counted is not.
      vote.covered = counted(vote.at, vote.words) &&
                     (vote.near_words == 0 || counted(vote.near_at, vote.near_words));
    }
    for (Vote& vote : evidence) {
      if (!vote.covered) continue;
      const double kept = vote.weight * settings_.overlap_factor;
      raw[vote.target] -= vote.weight - kept;
      vote.weight = kept;
      vote.note = Note::kOverlap;
    }
  }

  const bool clause_scoped = settings_.clause_blocker_weight > 0;
  std::string joined;  // the normalised words, for patterns and what they matched
  // Patterns that only weigh against (blockers, negatives) change nothing for a text no term
  // voted for: the conduct tier keeps the written rules' and most complaints give it no cue.
  const bool patterns_matter =
      positive_patterns_ ||
      std::any_of(evidence.begin(), evidence.end(), [](const Vote& v) { return v.weight > 0; });
  if (pattern_set_ != nullptr && n > 0 && patterns_matter) {
    joined.reserve(text.text.size());
    for (const auto& word : words) {
      if (!joined.empty()) joined.push_back(' ');
      joined += word;
    }
    std::vector<int> matched;
    if (pattern_set_->Match(joined, &matched)) {
      std::sort(matched.begin(), matched.end());
      for (int index : matched) {
        const Pattern& pattern = patterns_[index];
        Vote& vote = add(pattern.target, pattern.weight, pattern.text, pattern.source, index);
        // A scoped urgent blocker needs its place ("minggu lalu"): the words of its first match.
        re2::StringPiece span;
        if (clause_scoped && pattern.weight <= -settings_.clause_blocker_weight &&
            targets_[pattern.target].kind == TargetKind::kUrgent && pattern.re &&
            pattern.re->Match(joined, 0, joined.size(), RE2::UNANCHORED, &span, 1)) {
          const size_t offset = static_cast<size_t>(span.data() - joined.data());
          vote.at = static_cast<uint32_t>(std::count(
              joined.begin(), joined.begin() + static_cast<std::ptrdiff_t>(offset), ' '));
          vote.words = static_cast<uint32_t>(std::count(span.begin(), span.end(), ' ') + 1);
        }
      }
    }
  }

  // Scoped urgent blockers: a blocker cancels the urgent cues of its own clause only, however
  // many lines they add up to, so a story's past preface leaves the emergency it then tells.
  bool urgent_blocked = false;  // some urgent cue was cancelled: its evidence explains why
  const auto is_blocker = [&](const Vote& v) {
    return clause_scoped && v.words > 0 && v.weight <= -settings_.clause_blocker_weight &&
           targets_[v.target].kind == TargetKind::kUrgent;
  };
  // A cue that says the danger is going on now: one of its sides is a phrase that holds a
  // present word beside what is going on ("masih lewat", "masih di dalam", "still passing").
  // A present word that is a whole side ("kebakaran ~ sekarang") says only when the message
  // goes on, not that the fire does ("minggu lalu kebakaran, sekarang puingnya ...").
  const bool present_on = !settings_.present_words.empty();
  auto says_present = [&](const Vote& v) {
    if (!present_on || v.pattern >= 0) return false;
    auto holds = [&](uint32_t at, uint32_t words) {
      if (words < 2) return false;
      for (uint32_t j = at; j < at + words && j < n; ++j) {
        if (surface[j] != kNoId && surface[j] < word_role_.size() &&
            (word_role_[surface[j]] & kPresent)) {
          return true;
        }
      }
      return false;
    };
    return holds(v.at, v.words) || holds(v.near_at, v.near_words);
  };
  bool present_cue = false;
  if (present_on) {
    for (const Vote& v : evidence) {
      if (v.weight > 0 && targets_[v.target].kind == TargetKind::kUrgent && says_present(v)) {
        present_cue = true;
        break;
      }
    }
  }
  // The weaker habitual negatives ("tiap hujan", "tiap hari") give way to a danger said to be
  // going on now; one that says the danger is over ("sudah padam") does not, and the scoped
  // blockers below spare only the present cues themselves.
  if (present_cue) {
    for (Vote& v : evidence) {
      if (v.weight < 0 && targets_[v.target].kind == TargetKind::kUrgent && !is_blocker(v) &&
          v.pattern < 0 && v.words > 0 && v.at < n && surface[v.at] != kNoId &&
          surface[v.at] < word_role_.size() && (word_role_[surface[v.at]] & kHabitual)) {
        raw[v.target] -= v.weight;
        v.weight = 0;
        v.note = Note::kPresentWins;
        urgent_blocked = true;
      }
    }
  }

  // Scoping only matters when the cues could reach the threshold without the blockers: then
  // the sentences are found (it normalises the text again, so most messages skip it).
  bool scope = false;
  double cues = 0;
  for (const Vote& v : evidence) {
    if (is_blocker(v)) {
      scope = true;
    } else if (v.weight > 0 && targets_[v.target].kind == TargetKind::kUrgent) {
      cues += v.weight;
    }
  }
  if (scope && cues >= settings_.urgent_threshold) {
    const std::vector<uint32_t> sentences = SentenceStarts(text.text, &lexicon_);
    auto starts_clause = [&](uint32_t j) {
      return (surface[j] != kNoId && surface[j] < word_role_.size() &&
              (word_role_[surface[j]] & kClauseBreak)) ||
             std::binary_search(sentences.begin(), sentences.end(), j);
    };
    // Forward only a joiner or a "now" word ends the clause: a past preface carries over its
    // sentences (measured: the sentence end as the bound lost two formal letters telling a past
    // fire on the dev sample and moved no row of the labelled sets).
    auto breaks_forward = [&](uint32_t j) {
      return surface[j] != kNoId && surface[j] < word_role_.size() &&
             (word_role_[surface[j]] & kClauseBreak);
    };
    for (Vote& blocker : evidence) {
      if (!is_blocker(blocker)) continue;
      // A blocker's own words stay in its clause ("tahun lalu"), and a pair blocker ("dengan
      // hormat ~ lalu": a formal letter telling what happened) spans the clauses of both sides.
      uint32_t first = blocker.at, last = blocker.at + blocker.words;
      if (blocker.near_words > 0) {
        first = std::min(first, blocker.near_at);
        last = std::max(last, blocker.near_at + blocker.near_words);
      }
      uint32_t begin = std::min<uint32_t>(first, static_cast<uint32_t>(n));
      while (begin > 0 && !starts_clause(begin)) --begin;
      uint32_t end = std::min<uint32_t>(last, static_cast<uint32_t>(n));
      while (end < n && !breaks_forward(end)) ++end;
      raw[blocker.target] -= blocker.weight;
      blocker.weight = 0;
      blocker.note = Note::kBlocker;
      blocker.clause_begin = begin;
      blocker.clause_end = end;
      // A pair with either side in the clause is the clause's cue ("tolong. ~ darurat" across a
      // sentence end still names the blocked fire exit).
      auto inside = [begin, end](uint32_t at, uint32_t words) {
        return words > 0 && at < end && at + words > begin;
      };
      for (Vote& cue : evidence) {
        if (cue.target != blocker.target || cue.weight <= 0 || cue.pattern >= 0 ||
            !(inside(cue.at, cue.words) || inside(cue.near_at, cue.near_words))) {
          continue;
        }
        if (present_cue && says_present(cue)) continue;  // the present tense wins
        raw[cue.target] -= cue.weight;
        cue.weight = 0;
        cue.note = Note::kBlocked;
        cue.blocker = blocker.rule;
        cue.clause_begin = begin;
        cue.clause_end = end;
        urgent_blocked = true;
      }
    }
  }

  // A guarded label whose every vote is negated has no evidence: "tanpa biaya" is no money asked.
  for (uint32_t t : guarded_targets_) {
    if (raw[t] == 0) continue;
    if (std::none_of(evidence.begin(), evidence.end(),
                     [t](const Vote& v) { return v.target == t && v.note != Note::kNegated; })) {
      raw[t] = 0;
    }
  }

  // A topic's evidence counts for the agency the city profile gives it; the agency's own
  // [agency] rules add to the same total.
  std::vector<double> total = raw;
  for (uint32_t t : topics_) {
    if (raw[t] != 0) total[targets_[t].agency] += raw[t];
  }
  // The agency's narrower topics come before its catch-all: the catch-all collects the agency's
  // general words, so its score says "this is the agency's matter", not "no narrower topic".
  auto best_topic_of = [&](int agency) -> int {
    int topic = -1;
    for (uint32_t t : topics_of_[agency]) {
      if (raw[t] <= 0) continue;
      if (topic < 0) {
        topic = static_cast<int>(t);
        continue;
      }
      const bool general = targets_[t].catch_all, best_general = targets_[topic].catch_all;
      if (general != best_general ? best_general : raw[t] > raw[topic]) {
        topic = static_cast<int>(t);
      }
    }
    return topic;
  };

  // Urgency first: it decides how a tie between agencies is broken.
  bool urgent = false;
  for (uint32_t t : labels_) {
    const Target& target = targets_[t];
    if (target.kind != TargetKind::kUrgent || raw[t] < settings_.urgent_threshold) continue;
    if (!target.need.empty() && std::none_of(target.need.begin(), target.need.end(), present)) {
      continue;
    }
    urgent = true;
  }
  // Agency: the strongest positive total (an urgent tie goes to the earlier responder of the
  // profile); its score is its strength (saturating in the raw weight) times its share of the
  // two leading totals, so a close runner-up lowers confidence.
  std::vector<uint32_t> ranked;
  for (uint32_t t : agencies_) {
    if (total[t] > 0) ranked.push_back(t);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [&](uint32_t a, uint32_t b) {
    if (total[a] != total[b]) return total[a] > total[b];
    if (urgent && !urgent_rank_.empty()) return urgent_rank_[a] < urgent_rank_[b];
    return false;
  });
  const int best = ranked.empty() ? -1 : static_cast<int>(ranked[0]);
  const int second = ranked.size() < 2 ? -1 : static_cast<int>(ranked[1]);
  const double scale = settings_.score_scale;
  auto score_of = [&](int t) {
    if (t < 0) return 0.0;
    const double denominator = total[best] + (second >= 0 ? total[second] : 0.0);
    return (1.0 - std::exp(-total[t] / scale)) * total[t] / denominator;
  };
  const double best_score = score_of(best);
  const double second_score = score_of(second);
  result.agency_score = std::clamp(best_score, 0.0, 1.0);
  const bool confident = best >= 0 && best_score >= options_.triage_threshold &&
                         best_score - second_score >= options_.min_margin &&
                         targets_[best].code != kTriage;
  result.triage = !confident;
  result.agency = confident ? targets_[best].code : std::string(kTriage);
  for (size_t r = 0; r < ranked.size() && r < 3; ++r) {
    const int topic = best_topic_of(static_cast<int>(ranked[r]));
    result.candidates.push_back({targets_[ranked[r]].code, topic >= 0 ? targets_[topic].code : "",
                                 std::clamp(score_of(static_cast<int>(ranked[r])), 0.0, 1.0)});
  }
  if (!result.candidates.empty()) result.topic = result.candidates[0].topic;
  // An urgent complaint never waits for a person: it goes to the most likely responder now (the
  // operator is told by the caller, who sees urgent_override).
  if (urgent && result.triage) {
    int responder = best >= 0 && targets_[best].code != kTriage ? best : -1;
    if (responder < 0 && urgent_default_ != kNoId) responder = static_cast<int>(urgent_default_);
    if (responder >= 0) {
      result.triage = false;
      result.urgent_override = true;
      result.agency = targets_[responder].code;
      result.matched.push_back({result.agency, "urgent: most likely responder", 0, "", "", ""});
    }
  }

  std::vector<char> fired(targets_.size(), 0);  // labels (urgent, maladministration) given
  for (uint32_t t : labels_) {
    const Target& target = targets_[t];
    const double threshold = target.kind == TargetKind::kUrgent
                                 ? settings_.urgent_threshold
                                 : settings_.maladministration_threshold;
    if (raw[t] < threshold) continue;
    if (!target.need.empty() && std::none_of(target.need.begin(), target.need.end(), present)) {
      continue;
    }
    fired[t] = 1;
    if (target.kind == TargetKind::kUrgent) {
      result.urgent = true;
    } else {
      result.maladministration.push_back(target.code);
    }
  }

  // Keep the evidence that decided something: the leading agencies and the fired labels.
  // Targets are compared by index: codes are unique across kinds.
  auto decided = [&](int target) {
    if (target == best) return true;
    if ((result.triage || result.urgent_override) && target == second) return true;
    if (urgent_blocked && targets_[target].kind == TargetKind::kUrgent) return true;
    return fired[target] != 0;
  };
  for (const Vote& vote : evidence) {
    const Target& t = targets_[vote.target];
    const bool topic = t.kind == TargetKind::kTopic;
    const uint32_t voted_for = topic ? t.agency : vote.target;
    if (!decided(static_cast<int>(voted_for))) continue;
    const std::string& code = targets_[voted_for].code;
    std::string what;
    if (vote.pattern >= 0) {
      const Pattern& pattern = patterns_[vote.pattern];
      re2::StringPiece span;
      if (pattern.re && pattern.re->ok() &&
          pattern.re->Match(joined, 0, joined.size(), RE2::UNANCHORED, &span, 1)) {
        what.assign(span.data(), span.size());
      }
    }
    std::string rule = *vote.rule;
    rule += NoteText(vote.note);
    if (vote.note == Note::kBlocker || vote.note == Note::kBlocked) {
      if (vote.blocker != nullptr) {
        rule += ": ";
        rule += *vote.blocker;
      }
      rule += "; clause: '";
      for (uint32_t w = vote.clause_begin; w < vote.clause_end && w < n; ++w) {
        if (w > vote.clause_begin) rule += ' ';
        rule += words[w];
      }
      rule += "')";
    }
    result.matched.push_back(
        {code, std::move(rule), vote.weight, topic ? t.code : "", *vote.source, std::move(what)});
  }
  std::stable_sort(result.matched.begin(), result.matched.end(),
                   [](const Match& a, const Match& b) {
                     return a.target != b.target ? a.target < b.target : a.weight > b.weight;
                   });
  return result;
}

}  // namespace aduan::classifier
