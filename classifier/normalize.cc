#include "classifier/normalize.h"

#include <cstdint>

#include "classifier/data_files.h"
#include "core/utf8.h"

namespace aduan::classifier {
namespace {

bool IsAsciiLetter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlnum(unsigned char c) { return IsAsciiLetter(c) || IsDigit(c); }
bool IsSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
char Lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool StartsWithNoCase(std::string_view text, size_t at, std::string_view prefix) {
  if (text.size() - at < prefix.size()) return false;
  for (size_t k = 0; k < prefix.size(); ++k) {
    if (Lower(static_cast<unsigned char>(text[at + k])) != prefix[k]) return false;
  }
  return true;
}

// Length of the whitespace-delimited chunk starting at `at`.
size_t ChunkEnd(std::string_view text, size_t at) {
  size_t end = at;
  while (end < text.size() && !IsSpace(static_cast<unsigned char>(text[end]))) ++end;
  return end;
}

// An e-mail address: letters/digits/._+- then '@' then a domain with a dot.
bool IsEmailChunk(std::string_view chunk) {
  const size_t at = chunk.find('@');
  if (at == 0 || at == std::string_view::npos) return false;
  const size_t dot = chunk.find('.', at);
  return dot != std::string_view::npos && dot > at + 1 && dot + 1 < chunk.size();
}

// Scans a phone number from `at` (a digit or '+'): digit groups separated by single '-', '.' or
// ' '. Returns the end offset when the digits form an Indonesian number (08..., 62..., +62...)
// of 10 to 14 digits, else 0.
size_t ScanPhone(std::string_view text, size_t at) {
  size_t i = at;
  if (text[i] == '+') ++i;
  std::string digits;
  size_t last_digit_end = 0;
  while (i < text.size() && digits.size() <= 15) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsDigit(c)) {
      digits.push_back(static_cast<char>(c));
      last_digit_end = ++i;
    } else if ((c == '-' || c == '.' || c == ' ') && i + 1 < text.size() &&
               IsDigit(static_cast<unsigned char>(text[i + 1])) && !digits.empty()) {
      ++i;
    } else {
      break;
    }
  }
  if (digits.size() < 10 || digits.size() > 14) return 0;
  if (last_digit_end < text.size() &&
      IsAsciiLetter(static_cast<unsigned char>(text[last_digit_end])))
    return 0;
  const bool local = digits.starts_with("08");
  const bool international = digits.starts_with("628");
  return (local || international) ? last_digit_end : 0;
}

// The end of the reference code starting at `at`, or 0 when the alphanumeric run there is not
// one (see kCodeToken). A run of digits only is a number, phone or NIK, handled elsewhere.
size_t CodeEnd(std::string_view text, size_t at) {
  size_t end = at;
  int digits = 0;
  int letters = 0;
  while (end < text.size() && IsAsciiAlnum(static_cast<unsigned char>(text[end]))) {
    (IsDigit(static_cast<unsigned char>(text[end])) ? digits : letters) += 1;
    ++end;
  }
  return end - at >= 6 && digits >= 3 && letters >= 3 ? end : 0;
}

}  // namespace

bool Lexicon::Load(const std::string& path, std::string* error) {
  std::vector<DataFile> files;
  if (!ReadDataFiles(path, ".txt", &files, error)) return false;
  for (const auto& file : files) {
    const auto lines = SplitLines(file.content);
    for (size_t n = 0; n < lines.size(); ++n) {
      std::string_view line = lines[n];
      if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
        line = line.substr(0, hash);
      }
      // The key is the first whitespace-delimited field and must stay one word after
      // tokenising; otherwise it could never match a token of a complaint.
      size_t start = 0;
      while (start < line.size() && IsSpace(static_cast<unsigned char>(line[start]))) ++start;
      size_t end = start;
      while (end < line.size() && !IsSpace(static_cast<unsigned char>(line[end]))) ++end;
      if (start == end) continue;
      const std::string place = file.path + ":" + std::to_string(n + 1) + ": ";
      const std::vector<std::string> key = Tokenize(line.substr(start, end - start));
      std::vector<std::string> replacement = Tokenize(line.substr(end));
      if (key.size() != 1 || key[0] != FoldElongation(key[0])) {
        *error = place + "'" + std::string(line.substr(start, end - start)) +
                 "' is not a single lower-case word (letters only, no repeated runs)";
        return false;
      }
      if (replacement.empty()) {
        *error = place + "expected 'word replacement...', got '" + std::string(line) + "'";
        return false;
      }
      Add(key[0], std::move(replacement));
    }
  }
  return true;
}

void Lexicon::Add(std::string_view from, std::vector<std::string> to) {
  map_.insert_or_assign(std::string(from), std::move(to));
}

const std::vector<std::string>* Lexicon::Find(std::string_view word) const {
  auto it = map_.find(word);
  return it == map_.end() ? nullptr : &it->second;
}

std::string FoldElongation(std::string_view word) {
  std::string out(word);
  FoldElongationInPlace(&out);
  return out;
}

void FoldElongationInPlace(std::string* word) {
  std::string& w = *word;
  size_t to = 0;
  size_t i = 0;
  while (i < w.size()) {
    size_t run = 1;
    while (i + run < w.size() && w[i + run] == w[i]) ++run;
    const bool letter = IsAsciiLetter(static_cast<unsigned char>(w[i]));
    const size_t kept = letter && run >= 3 ? 1 : run;
    // Writing never overtakes reading: `to` <= `i` throughout.
    for (size_t k = 0; k < kept; ++k) w[to + k] = w[i];
    to += kept;
    i += run;
  }
  w.resize(to);
}

std::vector<std::string> Tokenize(std::string_view text) {
  std::vector<std::string> tokens;
  tokens.reserve(text.size() / 5 + 1);  // one growth at most for ordinary text
  size_t i = 0;
  bool chunk_start = true;  // at the start of a whitespace-delimited chunk
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (IsSpace(c)) {
      ++i;
      chunk_start = true;
      continue;
    }
    if (chunk_start) {
      chunk_start = false;
      const size_t end = ChunkEnd(text, i);
      if (StartsWithNoCase(text, i, "http://") || StartsWithNoCase(text, i, "https://") ||
          StartsWithNoCase(text, i, "www.")) {
        tokens.emplace_back(kUrlToken);
        i = end;
        continue;
      }
      if (IsEmailChunk(text.substr(i, end - i))) {
        tokens.emplace_back(kEmailToken);
        i = end;
        continue;
      }
    }
    if (IsAsciiAlnum(c) && (i == 0 || !IsAsciiAlnum(static_cast<unsigned char>(text[i - 1])))) {
      if (const size_t end = CodeEnd(text, i); end != 0) {
        tokens.emplace_back(kCodeToken);
        i = end;
        continue;
      }
    }
    if (IsDigit(c) ||
        (c == '+' && i + 1 < text.size() && IsDigit(static_cast<unsigned char>(text[i + 1])))) {
      const bool glued = i > 0 && IsAsciiAlnum(static_cast<unsigned char>(text[i - 1]));
      if (!glued) {
        if (const size_t end = ScanPhone(text, i); end != 0) {
          tokens.emplace_back(kPhoneToken);
          i = end;
          continue;
        }
      }
      if (c == '+') {
        ++i;
        continue;
      }
      size_t end = i;
      while (end < text.size() && IsDigit(static_cast<unsigned char>(text[end]))) ++end;
      const bool nik = end - i == 16 && !glued;
      tokens.emplace_back(nik ? std::string(kNikToken) : std::string(text.substr(i, end - i)));
      i = end;
      continue;
    }
    if (IsAsciiLetter(c)) {
      size_t end = i;
      std::string word;
      while (end < text.size() && IsAsciiLetter(static_cast<unsigned char>(text[end]))) {
        word.push_back(Lower(static_cast<unsigned char>(text[end])));
        ++end;
      }
      FoldElongationInPlace(&word);
      // "tiang2" is how chat writes "tiang-tiang"; "2" glued to a word and followed by a
      // non-alphanumeric is reduplication, not a number.
      const bool reduplicated =
          end < text.size() && text[end] == '2' && word.size() >= 2 &&
          (end + 1 == text.size() || !IsAsciiAlnum(static_cast<unsigned char>(text[end + 1])));
      if (reduplicated) {
        tokens.push_back(word);
        ++end;
      } else if (end < text.size() && text[end] == '2' && word.size() >= 2) {
        // "asal2an", "kira2nya": the suffix belongs to the repeated word ("asal-asalan"); read as
        // "2" and "an" it left "asal" alone and lost the sense of carelessness.
        for (std::string_view suffix : {std::string_view("nya"), std::string_view("an")}) {
          const size_t after = end + 1 + suffix.size();
          if (after <= text.size() && StartsWithNoCase(text, end + 1, suffix) &&
              (after == text.size() || !IsAsciiAlnum(static_cast<unsigned char>(text[after])))) {
            tokens.push_back(word);
            word += suffix;
            end = after;
            break;
          }
        }
      }
      tokens.push_back(std::move(word));
      i = end;
      continue;
    }
    if (c < 0x80) {
      ++i;
    } else {
      core::NextCodePoint(text, i);  // a whole character (or one invalid byte) is a separator
    }
  }
  return tokens;
}

std::vector<std::string> NormalizeWords(std::string_view text, const Lexicon* lexicon) {
  std::vector<std::string> tokens = Tokenize(text);
  if (lexicon == nullptr || lexicon->size() == 0) return tokens;
  std::vector<std::string> out;
  out.reserve(tokens.size() + 4);
  for (auto& token : tokens) {
    if (const auto* replacement = lexicon->Find(token)) {
      out.insert(out.end(), replacement->begin(), replacement->end());
    } else {
      out.push_back(std::move(token));
    }
  }
  return out;
}

std::string NormalizeText(std::string_view text, const Lexicon* lexicon) {
  std::string out;
  for (const auto& word : NormalizeWords(text, lexicon)) {
    if (!out.empty()) out.push_back(' ');
    out += word;
  }
  return out;
}

}  // namespace aduan::classifier
