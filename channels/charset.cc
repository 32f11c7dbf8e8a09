#include "channels/charset.h"

#include <iconv.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <optional>
#include <string>
#include <vector>

#include "core/utf8.h"

namespace aduan::channels {
namespace {

// Windows-1252 bytes 0x80-0x9F. The five holes map to the C1 control of the same value, as
// WHATWG specifies; every other byte is its Latin-1 code point.
constexpr char16_t kCp1252High[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178};

std::string NormalizeLabel(std::string_view label) {
  std::string out;
  for (char c : label) {
    if (c == '"' || c == '\'' || std::isspace(static_cast<unsigned char>(c))) continue;
    out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out;
}

// The iconv name for a MIME label, or "" when the label is not one iconv should be asked
// about. Only charset-name characters pass, so a hostile label cannot name a file or add
// iconv's "//" options. Labels mail clients use loosely map to the superset that decodes them.
std::string IconvName(const std::string& label) {
  if (label.empty() || label.size() > 40) return "";
  for (char c : label) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.' &&
        c != ':') {
      return "";
    }
  }
  static const std::pair<std::string_view, std::string_view> kAliases[] = {
      {"gb2312", "GB18030"},
      {"gbk", "GB18030"},
      {"x-gbk", "GB18030"},
      {"cp936", "GB18030"},
      {"euc-cn", "GB18030"},
      {"shift_jis", "CP932"},
      {"shift-jis", "CP932"},
      {"sjis", "CP932"},
      {"x-sjis", "CP932"},
      {"ms_kanji", "CP932"},
      {"windows-31j", "CP932"},
      {"iso-2022-jp", "ISO-2022-JP-2"},
      {"csiso2022jp", "ISO-2022-JP-2"},
      {"ks_c_5601-1987", "CP949"},
      {"euc-kr", "CP949"}};
  for (const auto& [alias, name] : kAliases) {
    if (label == alias) return std::string(name);
  }
  return label;
}

bool LooksLikeIso2022Jp(std::string_view bytes) {
  return bytes.find("\x1B$B") != std::string_view::npos ||
         bytes.find("\x1B$@") != std::string_view::npos ||
         bytes.find("\x1B(J") != std::string_view::npos;
}

// Converts with glibc's iconv; nullopt when iconv does not know `charset`. A byte iconv cannot
// read becomes U+FFFD and decoding goes on after it, as with invalid UTF-8.
std::optional<std::string> IconvToUtf8(std::string_view bytes, const std::string& charset) {
  if (charset.empty()) return std::nullopt;
  iconv_t cd = iconv_open("UTF-8", charset.c_str());
  if (cd == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out;
  out.reserve(bytes.size() * 3 / 2 + 16);
  std::vector<char> in(bytes.begin(), bytes.end());
  char* src = in.data();
  size_t src_left = in.size();
  char buffer[4096];
  for (;;) {
    char* dst = buffer;
    size_t dst_left = sizeof(buffer);
    // A final call with no input flushes a stateful encoding back to its initial state.
    size_t rc = src_left > 0 ? iconv(cd, &src, &src_left, &dst, &dst_left)
                             : iconv(cd, nullptr, nullptr, &dst, &dst_left);
    out.append(buffer, dst - buffer);
    if (rc != static_cast<size_t>(-1)) {
      if (src_left == 0) break;
      continue;
    }
    if (errno == E2BIG) continue;
    // EILSEQ: an unreadable byte; EINVAL: a sequence cut off by the end of the input.
    core::AppendUtf8(out, 0xFFFD);
    if (errno == EINVAL || src_left <= 1) {
      src_left = 0;
    } else {
      ++src;
      --src_left;
    }
  }
  iconv_close(cd);
  return core::SanitizeUtf8(out);
}

std::string FromCp1252(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() + bytes.size() / 4);
  for (unsigned char b : bytes) {
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
    } else if (b < 0xA0) {
      core::AppendUtf8(out, kCp1252High[b - 0x80]);
    } else {
      core::AppendUtf8(out, b);
    }
  }
  return out;
}

// ISO-8859-15 is Latin-1 with eight code points swapped (the euro sign among them).
std::string FromLatin9(std::string_view bytes) {
  std::string out;
  for (unsigned char b : bytes) {
    char32_t cp = b;
    switch (b) {
      case 0xA4:
        cp = 0x20AC;
        break;
      case 0xA6:
        cp = 0x0160;
        break;
      case 0xA8:
        cp = 0x0161;
        break;
      case 0xB4:
        cp = 0x017D;
        break;
      case 0xB8:
        cp = 0x017E;
        break;
      case 0xBC:
        cp = 0x0152;
        break;
      case 0xBD:
        cp = 0x0153;
        break;
      case 0xBE:
        cp = 0x0178;
        break;
      default:
        break;
    }
    core::AppendUtf8(out, cp);
  }
  return out;
}

}  // namespace

std::string ToUtf8(std::string_view bytes, std::string_view label) {
  std::string name = NormalizeLabel(label);
  // RFC 2231 allows "charset*language"; the language tag is irrelevant to decoding.
  if (auto star = name.find('*'); star != std::string::npos) name.resize(star);
  if (name == "utf-8" || name == "utf8") {
    // A byte-order mark is noise at the start of a text field.
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    return core::SanitizeUtf8(bytes);
  }
  static constexpr std::string_view kCp1252Labels[] = {
      "windows-1252", "cp1252",         "x-cp1252", "iso-8859-1", "iso8859-1",
      "iso_8859-1",   "latin1",         "latin-1",  "l1",         "us-ascii",
      "ascii",        "ansi_x3.4-1968", "cp819",    "ibm819",     "iso-ir-100"};
  if (std::find(std::begin(kCp1252Labels), std::end(kCp1252Labels), name) !=
      std::end(kCp1252Labels)) {
    return FromCp1252(bytes);
  }
  if (name == "iso-8859-15" || name == "iso8859-15" || name == "latin9" || name == "latin-9") {
    return FromLatin9(bytes);
  }
  if (auto decoded = IconvToUtf8(bytes, IconvName(name))) return *decoded;
  // Japanese mailers send raw ISO-2022-JP in headers; its escape sequences name it.
  if (name.empty() && LooksLikeIso2022Jp(bytes)) {
    if (auto decoded = IconvToUtf8(bytes, "ISO-2022-JP-2")) return *decoded;
  }
  return core::IsValidUtf8(bytes) ? std::string(bytes) : FromCp1252(bytes);
}

}  // namespace aduan::channels
