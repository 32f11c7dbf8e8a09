#include "classifier/stemmer.h"

#include <array>

#include "classifier/data_files.h"

namespace aduan::classifier {
namespace {

constexpr size_t kMinRoot = 3;
constexpr size_t kMaxWord = 32;  // longer "words" are noise; do not spend time on them

bool IsVowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Affixes are two to six letters, tried by the dozen for every word: a byte loop that stops at
// the first difference is cheaper than the memcmp call string_view's starts_with/ends_with make.
bool SameBytes(const char* a, const char* b, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

bool HasPrefix(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && SameBytes(s.data(), prefix.data(), prefix.size());
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() + kMinRoot &&
         SameBytes(s.data() + s.size() - suffix.size(), suffix.data(), suffix.size());
}

std::string_view DropSuffix(std::string_view s, std::string_view suffix) {
  return s.substr(0, s.size() - suffix.size());
}

}  // namespace

bool Stemmer::Load(const std::string& path, std::string* error) {
  std::vector<DataFile> files;
  if (!ReadDataFiles(path, ".txt", &files, error)) return false;
  for (const auto& file : files) {
    for (const auto& line : SplitLines(file.content)) {
      std::string_view rest = line;
      if (const size_t hash = rest.find('#'); hash != std::string_view::npos) {
        rest = rest.substr(0, hash);
      }
      size_t i = 0;
      while (i < rest.size()) {
        while (i < rest.size() && (rest[i] == ' ' || rest[i] == '\t' || rest[i] == ',')) ++i;
        size_t end = i;
        while (end < rest.size() && rest[end] != ' ' && rest[end] != '\t' && rest[end] != ',') {
          ++end;
        }
        if (end > i) AddRoot(rest.substr(i, end - i));
        i = end;
      }
    }
  }
  return true;
}

void Stemmer::AddRoot(std::string_view root) {
  std::string lower(root);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  roots_.insert(std::move(lower));
}

bool Stemmer::IsRoot(std::string_view word) const { return roots_.find(word) != roots_.end(); }

bool Stemmer::Accept(std::string_view candidate, int depth, std::string_view* root) const {
  if (candidate.size() < kMinRoot) return false;
  if (auto it = roots_.find(candidate); it != roots_.end()) {
    *root = *it;  // points into the set, which outlives the call
    return true;
  }
  return depth < 2 && StripPrefix(candidate, depth, root);
}

bool Stemmer::StripPrefix(std::string_view base, int depth, std::string_view* root) const {
  auto try_rest = [&](std::string_view rest) {
    return !rest.empty() && Accept(rest, depth + 1, root);
  };

  // Nasal families: me-/pe- and the chat forms without the vowel ("ngambil", "nyapu", "nunggu").
  struct Nasal {
    std::string_view prefix;
    char restored;  // consonant the nasal replaced before a vowel
  };
  static constexpr std::array<Nasal, 16> kNasals = {{
      {"menge", 0},
      {"penge", 0},
      {"meng", 'k'},
      {"peng", 'k'},
      {"meny", 's'},
      {"peny", 's'},
      {"mem", 'p'},
      {"pem", 'p'},
      {"men", 't'},
      {"pen", 't'},
      {"nge", 0},
      {"ng", 'k'},
      {"ny", 's'},
      {"me", 0},
      {"pe", 0},
      {"n", 't'},
  }};
  // Plain prefixes; "be"/"te" cover "bekerja", "terasa"-style forms before r.
  static constexpr std::array<std::string_view, 12> kPlain = {
      "memper", "diper", "di", "ter", "ber", "per", "ke", "se", "be", "te", "pel", "bel"};
  // Every prefix is tried without restoring a consonant first, so "memarahi" finds "marah"
  // (me- + marah) before "parah" (mem- + [p]arah).
  for (const auto& nasal : kNasals) {
    if (base.size() < nasal.prefix.size() + kMinRoot || !HasPrefix(base, nasal.prefix)) continue;
    if (try_rest(base.substr(nasal.prefix.size()))) return true;
  }
  for (std::string_view prefix : kPlain) {
    if (base.size() < prefix.size() + kMinRoot || !HasPrefix(base, prefix)) continue;
    if (try_rest(base.substr(prefix.size()))) return true;
  }
  for (const auto& nasal : kNasals) {
    if (nasal.restored == 0 || base.size() < nasal.prefix.size() + kMinRoot ||
        !HasPrefix(base, nasal.prefix)) {
      continue;
    }
    const std::string_view rest = base.substr(nasal.prefix.size());
    if (IsVowel(rest[0])) {
      std::string candidate;
      candidate.reserve(rest.size() + 1);
      candidate.push_back(nasal.restored);
      candidate.append(rest);
      if (auto it = roots_.find(candidate); it != roots_.end()) {
        *root = *it;
        return true;
      }
    }
  }
  return false;
}

std::string_view Stemmer::Stem(std::string_view word) const {
  if (word.size() <= kMinRoot || word.size() > kMaxWord) return word;
  if (auto it = roots_.find(word); it != roots_.end()) return *it;
  for (char c : word) {
    if (c < 'a' || c > 'z') return word;
  }
  // Suffix layers, least stripped first so "dikasih" finds "kasih" before "kas".
  std::array<std::string_view, 6> bases;
  size_t count = 0;
  std::string_view base = word;
  bases[count++] = base;
  for (std::string_view particle : {"lah", "kah", "tah", "pun"}) {
    if (EndsWith(base, particle)) {
      base = DropSuffix(base, particle);
      bases[count++] = base;
      break;
    }
  }
  for (std::string_view possessive : {"nya", "ku", "mu"}) {
    if (EndsWith(base, possessive)) {
      base = DropSuffix(base, possessive);
      bases[count++] = base;
      break;
    }
  }
  // "-kan" and "-an" both end "perbaikan"; keep both readings ("perbai" fails, "perbaik" works).
  const std::string_view inflected = base;
  for (std::string_view derivational : {"kan", "an", "in", "i"}) {
    if (EndsWith(inflected, derivational) && count < bases.size()) {
      bases[count++] = DropSuffix(inflected, derivational);
    }
  }
  std::string_view root;
  for (size_t k = 0; k < count; ++k) {
    if (k > 0) {
      if (auto it = roots_.find(bases[k]); it != roots_.end()) return *it;
    }
    if (StripPrefix(bases[k], 0, &root)) return root;
  }
  return word;
}

}  // namespace aduan::classifier
