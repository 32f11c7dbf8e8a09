// Indonesian complaint text normalisation: pure functions, no global state.
//
// Normalised text is a sequence of lower-case ASCII words. Special tokens replace things that
// must not be read as words: "<url>", "<email>", "<telepon>" (an Indonesian phone number) and
// "<nik>" (a 16-digit national identity number). Other digit runs stay as numbers ("50", "2024").
// Emoji, punctuation, other scripts and invalid UTF-8 become word separators, so any byte string
// normalises in linear time.
#ifndef ADUAN_CLASSIFIER_NORMALIZE_H_
#define ADUAN_CLASSIFIER_NORMALIZE_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aduan::classifier {

inline constexpr std::string_view kUrlToken = "<url>";
inline constexpr std::string_view kEmailToken = "<email>";
inline constexpr std::string_view kPhoneToken = "<telepon>";
inline constexpr std::string_view kNikToken = "<nik>";
// A reference code: one run of letters and digits mixed, at least 6 long with at least 3 of
// each ("ADU-7K3QX9M4"'s "7K3QX9M4", a plate, a booking code). Split into letters and digits
// it would read as words: "7K3QX9M4" holds "k 3", which a rule about workplace safety (K3)
// matched, so a resident's reply quoting a ticket number went to the labour office.
inline constexpr std::string_view kCodeToken = "<kode>";

// Slang, abbreviations and regional words mapped to standard Indonesian ("gak" -> "tidak",
// "gpp" -> "tidak apa apa", Javanese "durung" -> "belum"). Immutable once loaded; safe to share
// between threads.
class Lexicon {
 public:
  // Loads "from to [to...]" lines ('#' starts a comment) from a file or from every *.txt file of
  // a directory. On a malformed line returns false and sets *error to "file:line: problem".
  bool Load(const std::string& path, std::string* error);
  // Adds one mapping (later entries override earlier ones, so a city file can correct ours).
  void Add(std::string_view from, std::vector<std::string> to);
  // The replacement words, or nullptr when `word` is not in the lexicon.
  const std::vector<std::string>* Find(std::string_view word) const;
  size_t size() const { return map_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::vector<std::string>, Hash, std::equal_to<>> map_;
};

// Folds runs of three or more identical letters to one ("lamaaaa" -> "lama", "bgttt" -> "bgt")
// and leaves double letters alone ("saat", "maaf").
std::string FoldElongation(std::string_view word);
// The same, rewriting `word` in place (the tokenizer's per-word step: no second string).
void FoldElongationInPlace(std::string* word);

// Splits raw text into lower-case words and special tokens, expanding reduplication written
// with a "2" ("tiang2" -> "tiang", "tiang") and folding elongation. No lexicon is applied.
std::vector<std::string> Tokenize(std::string_view text);

// Tokenize() then replaces each word found in `lexicon` (may be null) by its standard form.
std::vector<std::string> NormalizeWords(std::string_view text, const Lexicon* lexicon);

// NormalizeWords() joined by single spaces.
std::string NormalizeText(std::string_view text, const Lexicon* lexicon);

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_NORMALIZE_H_
