#include "channels/email/outgoing.h"

#include <algorithm>
#include <vector>

#include "core/utf8.h"

namespace aduan::channels {

std::string ReferencesHeader(const OutgoingMessage& message) {
  std::vector<std::string> ids = message.references;
  if (!message.in_reply_to.empty()) ids.push_back(message.in_reply_to);
  std::vector<std::string> seen;
  std::string out;
  for (const std::string& id : ids) {
    if (id.empty() || std::find(seen.begin(), seen.end(), id) != seen.end()) continue;
    seen.push_back(id);
    if (!out.empty()) out += ' ';
    out += "<" + id + ">";
  }
  return out;
}

std::string OutgoingSubject(std::string_view subject, std::string_view fallback) {
  std::string clean = core::SanitizeUtf8(subject);
  std::string out;
  out.reserve(clean.size());
  size_t pos = 0;
  while (pos < clean.size()) {
    size_t start = pos;
    char32_t cp = core::NextCodePoint(clean, pos);
    bool space = cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == ' ';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out.append(clean, start, pos - start);
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out.empty() ? std::string(fallback) : out;
}

}  // namespace aduan::channels
