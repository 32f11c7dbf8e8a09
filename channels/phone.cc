#include "channels/phone.h"

#include <cctype>

namespace aduan::channels {

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

std::string NormalizePhone(std::string_view raw) {
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
  if (plus) return "+" + digits;
  if (digits.rfind("00", 0) == 0) return "+" + digits.substr(2);  // international prefix
  if (digits.rfind("62", 0) == 0 && digits.size() >= 10) return "+" + digits;
  if (digits.rfind("0", 0) == 0) return "+62" + digits.substr(1);  // national trunk prefix
  if (digits.rfind("8", 0) == 0 && digits.size() >= 9)
    return "+62" + digits;  // "812..." typed bare
  return "+" + digits;
}

std::string NormalizeInternationalPhone(std::string_view raw) {
  while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front())))
    raw.remove_prefix(1);
  if (!LooksLikePhone(raw)) return {};
  if (raw.front() == '+' || raw.front() == '0') return NormalizePhone(raw);
  std::string digits = "+";
  for (char c : raw) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  return digits;
}

}  // namespace aduan::channels
