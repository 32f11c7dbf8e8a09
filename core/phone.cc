#include "core/phone.h"

#include <cctype>

namespace aduan::core {

bool LooksLikePhone(std::string_view s) {
  int digits = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == '+' && i == 0) {
      continue;
    } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '.') {
      return false;
    }
  }
  return digits >= 6 && digits <= 16;
}

namespace {

// `raw`'s digits with a country code in front ("+62..."), not yet checked against E.164.
std::string WithCountryCode(std::string_view raw) {
  // Trim first: form fields often carry stray spaces.
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front())))
    raw.remove_prefix(1);
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) raw.remove_suffix(1);
  if (!LooksLikePhone(raw)) return {};
  bool plus = !raw.empty() && raw.front() == '+';
  std::string digits;
  for (char c : raw) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  // Built by appending: GCC 12 at -O3 reports a false -Wrestrict on "literal" + std::string.
  auto with_prefix = [](std::string_view prefix, std::string_view rest) {
    std::string out(prefix);
    out.append(rest);
    return out;
  };
  std::string_view d = digits;
  if (plus) return with_prefix("+", d);
  if (d.substr(0, 2) == "00") return with_prefix("+", d.substr(2));  // international prefix
  if (d.substr(0, 2) == "62" && d.size() >= 10) return with_prefix("+", d);
  if (d.substr(0, 1) == "0") return with_prefix("+62", d.substr(1));  // national trunk prefix
  if (d.substr(0, 1) == "8" && d.size() >= 9) return with_prefix("+62", d);  // "812..." bare
  return with_prefix("+", d);
}

// `phone` when it is E.164 ('+', a country code that never starts with 0, at most 15 digits in
// all), else "". A national number too long once +62 replaces its 0, or an "00" prefix that
// leaves too few digits, cannot be dialled and would not normalise to itself again.
std::string E164OrEmpty(std::string phone) {
  size_t digits = phone.empty() ? 0 : phone.size() - 1;
  if (digits < 6 || digits > 15 || phone[1] == '0') return {};
  return phone;
}

}  // namespace

std::string NormalizePhone(std::string_view raw) { return E164OrEmpty(WithCountryCode(raw)); }

std::string NormalizeInternationalPhone(std::string_view raw) {
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front())))
    raw.remove_prefix(1);
  if (!LooksLikePhone(raw)) return {};
  std::string digits = "+";
  for (char c : raw) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  // A trunk '0' counts wherever the first digit sits: "(0812) ..." is national too.
  if (raw.front() == '+' || digits[1] == '0') return NormalizePhone(raw);
  return E164OrEmpty(std::move(digits));
}

}  // namespace aduan::core
