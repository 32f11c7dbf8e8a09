#include "core/privacy.h"

#include <algorithm>

namespace aduan::core {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsGroupSeparator(char c) { return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')'; }

// True when "rp" (any case) stands in the four bytes before `at`: what follows is money.
bool AfterRupiah(std::string_view text, size_t at) {
  std::string before(text.substr(at >= 4 ? at - 4 : 0, at >= 4 ? 4 : at));
  for (char& c : before) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return before.find("rp") != std::string::npos;
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
    const bool money = AfterRupiah(text, i);
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

std::string MaskNik(std::string_view text) {
  std::string out(text);
  size_t i = 0;
  while (i < out.size()) {
    if (!IsDigit(out[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < out.size() && IsDigit(out[end])) ++end;
    if (end - i == 16) {
      for (size_t k = i + 4; k < i + 12; ++k) out[k] = '*';
    }
    i = end;
  }
  return out;
}

}  // namespace aduan::core
