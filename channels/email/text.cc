#include "channels/email/text.h"

#include <cctype>
#include <vector>

#include "channels/util.h"
#include "core/crypto.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; }

// Lowercase tag name of "<tag ...>" or "</tag>" starting at `lt`; sets `closing`.
std::string TagName(std::string_view html, size_t lt, bool& closing) {
  size_t i = lt + 1;
  closing = i < html.size() && html[i] == '/';
  if (closing) ++i;
  size_t start = i;
  while (i < html.size() && (std::isalnum(static_cast<unsigned char>(html[i])))) ++i;
  return AsciiLower(html.substr(start, i - start));
}

// Position after the matching close tag of an element whose content is skipped, honouring
// nesting of the same element (blockquotes nest in long threads).
size_t SkipElement(std::string_view html, size_t after_open, const std::string& name) {
  int depth = 1;
  size_t pos = after_open;
  while (depth > 0) {
    size_t lt = html.find('<', pos);
    if (lt == std::string_view::npos) return html.size();
    bool closing = false;
    std::string tag = TagName(html, lt, closing);
    size_t gt = html.find('>', lt);
    pos = gt == std::string_view::npos ? html.size() : gt + 1;
    if (tag == name) depth += closing ? -1 : 1;
  }
  return pos;
}

void AppendEntity(std::string_view entity, std::string& out) {
  static const std::pair<std::string_view, char32_t> kNamed[] = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", ' '},     {"ndash", 0x2013}, {"mdash", 0x2014},
      {"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201C},
      {"rdquo", 0x201D},  {"plusmn", 0xB1},  {"deg", 0xB0},     {"euro", 0x20AC},
      {"copy", 0xA9},     {"eacute", 0xE9},  {"frac12", 0xBD},  {"bull", 0x2022}};
  if (!entity.empty() && entity[0] == '#') {
    bool hex = entity.size() > 1 && (entity[1] == 'x' || entity[1] == 'X');
    std::string_view digits = entity.substr(hex ? 2 : 1);
    char32_t cp = 0;
    bool ok = !digits.empty() && digits.size() <= 7;
    for (char c : digits) {
      int v = hex                                           ? core::HexDigitValue(c)
              : std::isdigit(static_cast<unsigned char>(c)) ? c - '0'
                                                            : -1;
      if (v < 0) ok = false;
      cp = cp * (hex ? 16 : 10) + static_cast<char32_t>(v < 0 ? 0 : v);
    }
    if (ok) {
      core::AppendUtf8(out, cp == 0 ? 0xFFFD : cp);
      return;
    }
  }
  for (const auto& [name, cp] : kNamed) {
    if (entity == name) {
      core::AppendUtf8(out, cp);
      return;
    }
  }
  out += '&';
  out += entity;
  out += ';';
}

bool IsBlockTag(const std::string& tag) {
  static const char* kBlocks[] = {"br", "div", "li", "tr", "h1",    "h2", "h3", "h4",
                                  "h5", "h6",  "ul", "ol", "table", "hr", "pre"};
  for (const char* b : kBlocks) {
    if (tag == b) return true;
  }
  return false;
}

std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view line = text.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = nl + 1;
  }
  return lines;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Whether an attribution starting on line i ends within it or the next two lines.
bool AttributionAt(const std::vector<std::string_view>& lines, size_t i, std::string_view opener,
                   std::string_view closer) {
  if (!StartsWithIgnoreCase(TrimView(lines[i]), opener)) return false;
  for (size_t j = i; j < lines.size() && j <= i + 2; ++j) {
    std::string_view line = TrimView(lines[j]);
    if (j > i && line.empty()) return false;
    if (EndsWith(line, closer)) return true;
  }
  return false;
}

bool IsCutLine(const std::vector<std::string_view>& lines, size_t i) {
  std::string_view raw = lines[i];
  std::string_view line = TrimView(raw);
  if (raw == "-- " || raw == "--") return true;  // RFC 3676 signature delimiter
  if (line.size() >= 10 && line.find_first_not_of('_') == std::string_view::npos) return true;
  if (line.size() > 10 && line.substr(0, 3) == "---" && EndsWith(line, "---")) {
    std::string lower = AsciiLower(line);
    if (lower.find("original message") != std::string::npos ||
        lower.find("pesan asli") != std::string::npos ||
        lower.find("forwarded message") != std::string::npos) {
      return true;
    }
  }
  if (AttributionAt(lines, i, "Pada ", "menulis:") || AttributionAt(lines, i, "On ", "wrote:")) {
    return true;
  }
  // Client footers are short lines; a long one is the resident talking.
  if (line.size() < 80) {
    for (std::string_view footer : {"Dikirim dari ", "Sent from my ", "Sent from Yahoo",
                                    "Sent from Mail for", "Get Outlook for", "Kirim dari "}) {
      if (StartsWithIgnoreCase(line, footer)) return true;
    }
  }
  return false;
}

}  // namespace

std::string HtmlToText(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  bool pending_space = false;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      bool closing = false;
      std::string tag = TagName(html, i, closing);
      size_t gt = html.find('>', i);
      size_t after = gt == std::string_view::npos ? html.size() : gt + 1;
      if (!closing && (tag == "script" || tag == "style" || tag == "head" || tag == "blockquote")) {
        i = SkipElement(html, after, tag);
        continue;
      }
      if (tag == "p") {
        out += "\n\n";  // paragraphs are separated by a blank line
        pending_space = false;
      } else if (IsBlockTag(tag)) {
        out += '\n';
        pending_space = false;
      } else if (tag == "td" || tag == "th") {
        pending_space = true;
      }
      i = after;
      continue;
    }
    if (IsSpace(c)) {
      pending_space = true;
      ++i;
      continue;
    }
    if (pending_space && !out.empty() && out.back() != '\n') out += ' ';
    pending_space = false;
    if (c == '&') {
      size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        AppendEntity(html.substr(i + 1, semi - i - 1), out);
        i = semi + 1;
        continue;
      }
    }
    out += c;
    ++i;
  }
  // Trim every line. Nested blocks pile up line breaks ("</div><div>" is one break, Gmail's
  // "<div><br></div>" an empty line), so three or more in a row make one blank line.
  std::string result;
  int newlines = 0;
  for (std::string_view line : Lines(out)) {
    line = TrimView(line);
    if (line.empty()) {
      ++newlines;
      continue;
    }
    if (!result.empty()) result.append(newlines >= 3 ? "\n\n" : "\n");
    result.append(line);
    newlines = 1;
  }
  return core::SanitizeUtf8(result);
}

std::string StripQuotedReply(std::string_view text) {
  std::vector<std::string_view> lines = Lines(text);
  size_t end = lines.size();
  for (size_t i = 0; i < lines.size(); ++i) {
    if (IsCutLine(lines, i)) {
      end = i;
      break;
    }
  }
  std::string out;
  for (size_t i = 0; i < end; ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line[0] == '>') continue;
    while (!line.empty() && IsSpace(line.back())) line.remove_suffix(1);
    out.append(line);
    out.push_back('\n');
  }
  return std::string(TrimView(out));
}

}  // namespace aduan::channels
