#include "channels/sms/gsm7.h"

#include <algorithm>
#include <array>
#include <vector>

#include "core/utf8.h"

namespace aduan::channels {
namespace {

// The 128 characters of the GSM-7 default alphabet, in Unicode, in septet order. 0x1B (the
// escape to the extension table) is not a character of its own and is left out.
constexpr std::array<char32_t, 127> kBasicSet = {
    U'@', U'£', U'$', U'¥', U'è', U'é', U'ù', U'ì', U'ò',  U'Ç', U'\n', U'Ø', U'ø', U'\r', U'Å',
    U'å', U'Δ', U'_', U'Φ', U'Γ', U'Λ', U'Ω', U'Π', U'Ψ',  U'Σ', U'Θ',  U'Ξ', U'Æ', U'æ',  U'ß',
    U'É', U' ', U'!', U'"', U'#', U'¤', U'%', U'&', U'\'', U'(', U')',  U'*', U'+', U',',  U'-',
    U'.', U'/', U'0', U'1', U'2', U'3', U'4', U'5', U'6',  U'7', U'8',  U'9', U':', U';',  U'<',
    U'=', U'>', U'?', U'¡', U'A', U'B', U'C', U'D', U'E',  U'F', U'G',  U'H', U'I', U'J',  U'K',
    U'L', U'M', U'N', U'O', U'P', U'Q', U'R', U'S', U'T',  U'U', U'V',  U'W', U'X', U'Y',  U'Z',
    U'Ä', U'Ö', U'Ñ', U'Ü', U'§', U'¿', U'a', U'b', U'c',  U'd', U'e',  U'f', U'g', U'h',  U'i',
    U'j', U'k', U'l', U'm', U'n', U'o', U'p', U'q', U'r',  U's', U't',  U'u', U'v', U'w',  U'x',
    U'y', U'z', U'ä', U'ö', U'ñ', U'ü', U'à'};

constexpr std::array<char32_t, 10> kExtension = {U'\f', U'^', U'{', U'}', U'\\',
                                                 U'[',  U'~', U']', U'|', U'€'};

bool InBasic(char32_t c) {
  return std::find(kBasicSet.begin(), kBasicSet.end(), c) != kBasicSet.end();
}
bool InExtension(char32_t c) {
  return std::find(kExtension.begin(), kExtension.end(), c) != kExtension.end();
}

// Septets for one character: 1, 2, or 0 when it is not GSM-7.
int SeptetsOf(char32_t c) {
  if (InBasic(c)) return 1;
  if (InExtension(c)) return 2;
  return 0;
}

// A GSM-7 replacement for a character outside the alphabet, or nullptr when there is none.
const char* Transliterate(char32_t c) {
  switch (c) {
    case U'\u2018':
    case U'\u2019':
    case U'\u201A':
    case U'\u201B':
    case U'\u2032':
    case U'\u2039':
    case U'\u203A':
    case U'`':
    case U'\u00B4':
      return "'";
    case U'\u201C':
    case U'\u201D':
    case U'\u201E':
    case U'\u201F':
    case U'\u2033':
    case U'\u00AB':
    case U'\u00BB':
      return "\"";
    case U'\u2010':
    case U'\u2011':
    case U'\u2012':
    case U'\u2013':
    case U'\u2014':
    case U'\u2015':
    case U'\u2212':
      return "-";
    case U'\u2026':
      return "...";
    case U'\u2022':
    case U'\u00B7':
      return "-";
    case U'\u00A0':
    case U'\u2002':
    case U'\u2003':
    case U'\u2004':
    case U'\u2005':
    case U'\u2006':
    case U'\u2007':
    case U'\u2008':
    case U'\u2009':
    case U'\u200A':
    case U'\u202F':
    case U'\u205F':
    case U'\u3000':
    case U'\t':
      return " ";
    case U'\u200B':
    case U'\u200C':
    case U'\u200D':
    case U'\u2060':
    case U'\uFEFF':
      return "";
    case U'\u00B0':
      return "o";  // "38°C" -> "38oC" reads fine on a phone
    case U'\u00D7':
      return "x";
    case U'\u00B1':
      return "+/-";
    case U'\u2122':
      return "TM";
    case U'\u00A9':
      return "(c)";
    case U'\u00AE':
      return "(R)";
    case U'á':
    case U'â':
    case U'ã':
    case U'ā':
    case U'ă':
    case U'ą':
      return "a";
    case U'Á':
    case U'Â':
    case U'Ã':
    case U'À':
    case U'Ā':
    case U'Ă':
    case U'Ą':
      return "A";
    case U'ç':
    case U'ć':
    case U'č':
      return "c";
    case U'Ć':
    case U'Č':
      return "C";
    case U'ê':
    case U'ë':
    case U'ē':
    case U'ė':
    case U'ę':
    case U'ě':
      return "e";
    case U'È':
    case U'Ê':
    case U'Ë':
    case U'Ē':
    case U'Ė':
    case U'Ę':
    case U'Ě':
      return "E";
    case U'í':
    case U'î':
    case U'ï':
    case U'ī':
    case U'ı':
      return "i";
    case U'Ì':
    case U'Í':
    case U'Î':
    case U'Ï':
    case U'Ī':
    case U'İ':
      return "I";
    case U'ó':
    case U'ô':
    case U'õ':
    case U'ō':
    case U'ő':
      return "o";
    case U'Ò':
    case U'Ó':
    case U'Ô':
    case U'Õ':
    case U'Ō':
    case U'Ő':
      return "O";
    case U'ú':
    case U'û':
    case U'ū':
    case U'ů':
    case U'ű':
      return "u";
    case U'Ù':
    case U'Ú':
    case U'Û':
    case U'Ū':
    case U'Ů':
    case U'Ű':
      return "U";
    case U'ý':
    case U'ÿ':
      return "y";
    case U'Ý':
    case U'Ÿ':
      return "Y";
    case U'ś':
    case U'š':
    case U'ş':
      return "s";
    case U'Ś':
    case U'Š':
    case U'Ş':
      return "S";
    case U'ź':
    case U'ż':
    case U'ž':
      return "z";
    case U'Ź':
    case U'Ż':
    case U'Ž':
      return "Z";
    case U'ł':
      return "l";
    case U'Ł':
      return "L";
    case U'ń':
    case U'ň':
      return "n";
    case U'Ń':
    case U'Ň':
      return "N";
    case U'ğ':
      return "g";
    case U'Ğ':
      return "G";
    case U'ř':
      return "r";
    case U'Ř':
      return "R";
    case U'ď':
      return "d";
    case U'ť':
      return "t";
    case U'œ':
      return "oe";
    case U'Œ':
      return "OE";
    case U'ð':
      return "d";
    case U'Ð':
      return "D";
    case U'þ':
      return "th";
    case U'Þ':
      return "TH";
    default:
      return nullptr;
  }
}

}  // namespace

bool IsGsm7(std::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t c = core::NextCodePoint(text, pos);
    if (c == 0xFFFD && pos - start == 1) return false;  // invalid UTF-8
    if (SeptetsOf(c) == 0) return false;
  }
  return true;
}

size_t Gsm7Septets(std::string_view text) {
  size_t septets = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    int n = SeptetsOf(core::NextCodePoint(text, pos));
    septets += n == 0 ? 1 : n;
  }
  return septets;
}

SmsSegments CountSmsSegments(std::string_view text) {
  SmsSegments out;
  out.gsm7 = IsGsm7(text);
  // Each character's size in units: septets for GSM-7, UTF-16 code units for UCS-2.
  std::vector<size_t> sizes;
  size_t pos = 0;
  while (pos < text.size()) {
    char32_t c = core::NextCodePoint(text, pos);
    sizes.push_back(out.gsm7 ? static_cast<size_t>(SeptetsOf(c)) : (c > 0xFFFF ? 2u : 1u));
  }
  const size_t single = out.gsm7 ? 160 : 70;
  const size_t part = out.gsm7 ? 153 : 67;
  for (size_t s : sizes) out.units += s;
  if (out.units <= single) {
    out.segments = 1;
    return out;
  }
  // Fill parts in order; a two-unit character that does not fit starts the next part.
  out.segments = 1;
  size_t used = 0;
  for (size_t s : sizes) {
    if (used + s > part) {
      ++out.segments;
      used = 0;
    }
    used += s;
  }
  return out;
}

std::string ToGsm7Safe(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) {
    size_t start = pos;
    char32_t c = core::NextCodePoint(text, pos);
    if (c == 0xFFFD && pos - start == 1) {
      out.push_back('?');
    } else if (SeptetsOf(c) > 0) {
      out.append(text.substr(start, pos - start));
    } else if (const char* replacement = Transliterate(c)) {
      out.append(replacement);
    } else {
      out.push_back('?');
    }
  }
  return out;
}

}  // namespace aduan::channels
