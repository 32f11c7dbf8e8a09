#include "gateway/tickets/reporter_privacy.h"

#include <array>
#include <vector>

#include "classifier/normalize.h"

namespace aduan::gateway {
namespace {

constexpr std::string_view kMark = "[rahasia]";

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsGroupSeparator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'; }

// Honorifics and name particles: cutting them alone would cut ordinary words, not identity.
bool IsNameParticle(std::string_view w) {
  static constexpr std::array<std::string_view, 16> kParticles = {
      "bin",  "binti",  "bapak", "ibu", "pak", "bu", "mas", "mbak",
      "haji", "hajjah", "dr",    "ir",  "sh",  "st", "the", "van"};
  for (auto p : kParticles) {
    if (w == p) return true;
  }
  return false;
}

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = Lower(c);
  return out;
}

// Replaces `needle` (case-insensitive over ASCII) where it stands as a whole word, or
// anywhere when `whole_word` is false.
void ReplaceAll(std::string* text, std::string_view needle, bool whole_word) {
  if (needle.size() < 3) return;  // one- or two-letter pieces would cut ordinary words
  const std::string low_needle = LowerAscii(needle);
  std::string folded = LowerAscii(*text);
  for (size_t at = folded.find(low_needle); at != std::string::npos;
       at = folded.find(low_needle, at)) {
    size_t end = at + low_needle.size();
    bool bounded = (at == 0 || !IsAsciiLetter(folded[at - 1])) &&
                   (end == folded.size() || !IsAsciiLetter(folded[end]));
    if (whole_word && !bounded) {
      at = end;
      continue;
    }
    text->replace(at, low_needle.size(), kMark);
    folded.replace(at, low_needle.size(), kMark);
    at += kMark.size();
  }
}

}  // namespace

std::string MaskPhoneNumbers(std::string_view text, std::string_view mark) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    const bool starts =
        (text[i] == '+' && i + 1 < text.size() && IsDigit(text[i + 1])) || IsDigit(text[i]) ||
        (text[i] == '(' && i + 1 < text.size() && (IsDigit(text[i + 1]) || text[i + 1] == '+'));
    const bool after_word = i > 0 && (IsDigit(text[i - 1]) || IsAsciiLetter(text[i - 1]));
    // "Rp 150.000.000.000" is money, not a phone.
    std::string before = LowerAscii(text.substr(i >= 4 ? i - 4 : 0, i >= 4 ? 4 : i));
    const bool money = before.find("rp") != std::string::npos;
    if (!starts) {
      out.push_back(text[i++]);
      continue;
    }
    // Walk the longest run of digits joined by single separators.
    size_t j = i;
    size_t digits = 0;
    size_t last_digit_end = i;
    if (text[j] == '+' || text[j] == '(') ++j;
    if (j < text.size() && text[j] == '+') ++j;
    while (j < text.size()) {
      if (IsDigit(text[j])) {
        ++digits;
        last_digit_end = ++j;
      } else if (IsGroupSeparator(text[j]) && j + 1 < text.size() &&
                 (IsDigit(text[j + 1]) || IsGroupSeparator(text[j + 1])) && digits > 0 &&
                 j - last_digit_end < 2) {
        ++j;
      } else {
        break;
      }
    }
    const bool followed_by_word =
        last_digit_end < text.size() && IsAsciiLetter(text[last_digit_end]);
    // The whole run is judged at once: a disqualified run is copied as written, so no tail of
    // it (the "000.000.000" of an amount) is judged again on its own.
    if (digits >= 9 && digits <= 15 && !followed_by_word && !after_word && !money) {
      out.append(mark);
      i = last_digit_end;
    } else {
      out.append(text.substr(i, std::max(last_digit_end, i + 1) - i));
      i = std::max(last_digit_end, i + 1);
    }
  }
  return out;
}

std::string AgencyVisibleText(std::string_view text, const storage::TicketRecord& t) {
  std::string out(text);
  if (t.confidential) {
    ReplaceAll(&out, t.reporter_name, /*whole_word=*/false);
    ReplaceAll(&out, t.reporter_sender, /*whole_word=*/false);
    // Each word of the name alone, once the whole name is gone.
    std::string word;
    for (size_t i = 0; i <= t.reporter_name.size(); ++i) {
      char c = i < t.reporter_name.size() ? t.reporter_name[i] : ' ';
      if (IsAsciiLetter(c) || (static_cast<unsigned char>(c) >= 0x80)) {
        word.push_back(c);
        continue;
      }
      if (!IsNameParticle(LowerAscii(word))) ReplaceAll(&out, word, /*whole_word=*/true);
      word.clear();
    }
    out = MaskPhoneNumbers(out, kMark);
  }
  return classifier::MaskNik(out);
}

}  // namespace aduan::gateway
