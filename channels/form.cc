#include "channels/form.h"

#include <algorithm>
#include <cctype>

#include "channels/charset.h"
#include "channels/util.h"
#include "core/crypto.h"

namespace aduan::channels {
namespace {

// Splits "a; b=1; c=\"x;y\"" at semicolons outside quoted strings.
std::vector<std::string_view> SplitParams(std::string_view s) {
  std::vector<std::string_view> out;
  bool quoted = false;
  size_t start = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (quoted && s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      quoted = !quoted;
    } else if (s[i] == ';' && !quoted) {
      out.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  out.push_back(s.substr(start));
  return out;
}

std::string UnquoteParam(std::string_view v) {
  v = TrimView(v);
  if (v.size() < 2 || v.front() != '"') return std::string(v);
  std::string out;
  for (size_t i = 1; i < v.size(); ++i) {
    if (v[i] == '"') break;
    if (v[i] == '\\' && i + 1 < v.size()) ++i;
    out.push_back(v[i]);
  }
  return out;
}

// One RFC 2231 segment, before joining: index within the continuation, whether it is
// percent-encoded, and its raw text.
struct ExtendedSegment {
  int index = 0;
  bool encoded = false;
  std::string text;
};

bool IsLineBreakBefore(std::string_view body, size_t pos) {
  return pos == 0 || body[pos - 1] == '\n';
}

}  // namespace

const FormField* FindField(const FormFields& fields, std::string_view name) {
  for (const auto& f : fields) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::string FieldValue(const FormFields& fields, std::string_view name) {
  const FormField* f = FindField(fields, name);
  return f ? f->value : std::string();
}

std::string FieldValueIgnoreCase(const FormFields& fields, std::string_view name) {
  for (const auto& f : fields) {
    if (EqualsIgnoreCase(f.name, name)) return f.value;
  }
  return {};
}

std::optional<std::string> UrlDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = core::HexDigitValue(text[i + 1]);
      int lo = core::HexDigitValue(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string UrlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
    }
  }
  return out;
}

std::optional<FormFields> ParseUrlEncoded(std::string_view body) {
  FormFields fields;
  size_t start = 0;
  while (start <= body.size()) {
    size_t amp = body.find('&', start);
    if (amp == std::string_view::npos) amp = body.size();
    std::string_view pair = body.substr(start, amp - start);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      auto name = UrlDecode(pair.substr(0, eq));
      auto value = UrlDecode(eq == std::string_view::npos ? "" : pair.substr(eq + 1));
      if (!name || !value) return std::nullopt;
      fields.push_back(FormField{std::move(*name), std::move(*value), "", "", ""});
    }
    start = amp + 1;
  }
  return fields;
}

std::string EncodeForm(const std::vector<std::pair<std::string, std::string>>& pairs) {
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out += '&';
    out += UrlEncode(name);
    out += '=';
    out += UrlEncode(value);
  }
  return out;
}

HeaderList ParseHeaderBlock(std::string_view block) {
  HeaderList headers;
  size_t pos = 0;
  while (pos < block.size()) {
    size_t eol = block.find('\n', pos);
    if (eol == std::string_view::npos) eol = block.size();
    std::string_view line = block.substr(pos, eol - pos);
    pos = eol + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;  // end of the header block
    if ((line[0] == ' ' || line[0] == '\t') && !headers.empty()) {
      // Unfolding removes only the line break; the folding whitespace stays (RFC 5322 2.2.3).
      headers.back().second += std::string(line);
      continue;
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) continue;  // not a header: skip it
    headers.emplace_back(std::string(TrimView(line.substr(0, colon))),
                         std::string(line.substr(colon + 1)));
  }
  for (auto& [name, value] : headers) value = std::string(TrimView(value));
  return headers;
}

std::string HeaderValue(const HeaderList& headers, std::string_view name) {
  for (const auto& [n, v] : headers) {
    if (EqualsIgnoreCase(n, name)) return v;
  }
  return {};
}

std::string HeaderParams::Param(std::string_view name) const {
  auto it = params.find(std::string(name));
  return it == params.end() ? std::string() : it->second;
}

HeaderParams ParseHeaderParams(std::string_view header_value) {
  HeaderParams out;
  std::vector<std::string_view> pieces = SplitParams(header_value);
  out.value = AsciiLower(TrimView(pieces[0]));
  std::map<std::string, std::vector<ExtendedSegment>> extended;
  for (size_t i = 1; i < pieces.size(); ++i) {
    std::string_view piece = TrimView(pieces[i]);
    size_t eq = piece.find('=');
    if (eq == std::string_view::npos) continue;
    std::string name = AsciiLower(TrimView(piece.substr(0, eq)));
    std::string value = UnquoteParam(piece.substr(eq + 1));
    size_t star = name.find('*');
    if (star == std::string::npos) {
      out.params.emplace(name, std::move(value));  // the first occurrence wins
      continue;
    }
    ExtendedSegment seg;
    std::string_view rest = std::string_view(name).substr(star + 1);
    seg.encoded = !rest.empty() && rest.back() == '*';
    if (seg.encoded) rest.remove_suffix(1);
    if (!rest.empty()) {
      auto index = ParseInt64(rest);
      if (!index || *index < 0 || *index > 999) continue;
      seg.index = static_cast<int>(*index);
    } else {
      seg.encoded = true;  // plain "name*=" is the single encoded form
    }
    seg.text = std::move(value);
    extended[name.substr(0, star)].push_back(std::move(seg));
  }
  for (auto& [name, segments] : extended) {
    std::sort(segments.begin(), segments.end(),
              [](const auto& a, const auto& b) { return a.index < b.index; });
    std::string charset;
    std::string bytes;
    for (size_t i = 0; i < segments.size(); ++i) {
      std::string_view text = segments[i].text;
      if (i == 0 && segments[i].encoded) {
        // charset'language'value
        size_t q1 = text.find('\'');
        size_t q2 = q1 == std::string_view::npos ? q1 : text.find('\'', q1 + 1);
        if (q2 != std::string_view::npos) {
          charset = std::string(text.substr(0, q1));
          text = text.substr(q2 + 1);
        }
      }
      if (segments[i].encoded) {
        auto decoded = UrlDecode(text, /*plus_is_space=*/false);
        bytes += decoded ? *decoded : std::string(text);
      } else {
        bytes += text;
      }
    }
    out.params[name] = ToUtf8(bytes, charset.empty() ? "utf-8" : charset);
  }
  return out;
}

std::optional<MultipartBody> SplitMultipart(std::string_view body, std::string_view boundary) {
  if (boundary.empty() || boundary.size() > 200) return std::nullopt;
  const std::string delimiter = "--" + std::string(boundary);
  MultipartBody out;
  size_t search = 0;
  size_t part_start = std::string_view::npos;  // content start of the current part
  while (true) {
    size_t hit = body.find(delimiter, search);
    if (hit == std::string_view::npos) break;
    search = hit + delimiter.size();
    if (!IsLineBreakBefore(body, hit)) continue;
    size_t after = hit + delimiter.size();
    bool closing = body.substr(after, 2) == "--";
    if (!closing) {
      // The rest of the delimiter line may only hold transport padding.
      size_t eol = body.find('\n', after);
      std::string_view rest =
          body.substr(after, (eol == std::string_view::npos ? body.size() : eol) - after);
      if (!TrimView(rest).empty()) continue;  // "--boundaryX": a longer, different boundary
    }
    if (part_start != std::string_view::npos) {
      // The line break before the delimiter belongs to the delimiter, not to the content.
      size_t end = hit;
      if (end > part_start && body[end - 1] == '\n') --end;
      if (end > part_start && body[end - 1] == '\r') --end;
      out.parts.push_back(body.substr(part_start, end - part_start));
    }
    if (closing) {
      out.closed = true;
      return out;
    }
    size_t eol = body.find('\n', after);
    part_start = eol == std::string_view::npos ? body.size() : eol + 1;
  }
  if (part_start == std::string_view::npos) return std::nullopt;
  out.parts.push_back(body.substr(part_start));  // unterminated last part
  return out;
}

std::pair<std::string_view, std::string_view> SplitHeadersAndContent(std::string_view part) {
  // A part that starts with a blank line has no headers at all.
  if (part.substr(0, 2) == "\r\n") return {{}, part.substr(2)};
  if (part.substr(0, 1) == "\n") return {{}, part.substr(1)};
  size_t crlf = part.find("\r\n\r\n");
  size_t lf = part.find("\n\n");
  if (crlf != std::string_view::npos && (lf == std::string_view::npos || crlf < lf)) {
    return {part.substr(0, crlf + 2), part.substr(crlf + 4)};
  }
  if (lf != std::string_view::npos) return {part.substr(0, lf + 1), part.substr(lf + 2)};
  return {part, {}};
}

std::optional<FormFields> ParseMultipartForm(std::string_view body, std::string_view boundary) {
  auto split = SplitMultipart(body, boundary);
  if (!split || !split->closed) return std::nullopt;
  FormFields fields;
  for (std::string_view part : split->parts) {
    auto [head, content] = SplitHeadersAndContent(part);
    HeaderList headers = ParseHeaderBlock(head);
    HeaderParams disposition = ParseHeaderParams(HeaderValue(headers, "Content-Disposition"));
    if (disposition.value != "form-data" || !disposition.params.count("name")) return std::nullopt;
    FormField field;
    field.name = disposition.Param("name");
    field.filename = disposition.Param("filename");
    field.content_type = HeaderValue(headers, "Content-Type");
    field.content_id = HeaderValue(headers, "Content-ID");
    field.value = std::string(content);
    fields.push_back(std::move(field));
  }
  return fields;
}

std::optional<WebhookError> ParseFormRequest(const WebhookRequest& request, FormFields* out) {
  std::string type = RequestMediaType(request);
  if (type == "application/x-www-form-urlencoded") {
    auto fields = ParseUrlEncoded(request.body);
    if (!fields) {
      return WebhookError{400, "malformed_form", "form body has an invalid percent-escape"};
    }
    *out = std::move(*fields);
    return std::nullopt;
  }
  if (type == "multipart/form-data") {
    std::string boundary = ParseHeaderParams(request.Header("Content-Type")).Param("boundary");
    if (boundary.empty()) {
      return WebhookError{400, "malformed_multipart", "multipart/form-data without a boundary"};
    }
    auto fields = ParseMultipartForm(request.body, boundary);
    if (!fields) {
      return WebhookError{400, "malformed_multipart",
                          "multipart body is truncated or a part lacks its form-data name"};
    }
    *out = std::move(*fields);
    return std::nullopt;
  }
  return WebhookError{415, "unsupported_media_type",
                      "Content-Type must be application/x-www-form-urlencoded or "
                      "multipart/form-data, got '" +
                          request.Header("Content-Type") + "'"};
}

}  // namespace aduan::channels
