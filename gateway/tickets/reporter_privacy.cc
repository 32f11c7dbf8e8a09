#include "gateway/tickets/reporter_privacy.h"

#include <array>
#include <vector>

#include "core/privacy.h"

namespace aduan::gateway {
namespace {

constexpr std::string_view kMark = "[rahasia]";

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

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
    out = core::MaskPhoneNumbers(out, kMark);
  }
  return core::MaskNik(out);
}

}  // namespace aduan::gateway
