#include "channels/email/mime.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "channels/charset.h"
#include "channels/email/text.h"
#include "channels/util.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

constexpr int kMaxDepth = 16;  // nested multiparts deeper than this are not walked

bool IsBlankOrSpace(std::string_view s) { return TrimView(s).empty(); }

// Q encoding (RFC 2047 4.2): like quoted-printable, with '_' for a space.
std::string DecodeQ(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '_') {
      out.push_back(' ');
    } else if (text[i] == '=' && i + 2 < text.size() && core::HexDigitValue(text[i + 1]) >= 0 &&
               core::HexDigitValue(text[i + 2]) >= 0) {
      out.push_back(static_cast<char>(core::HexDigitValue(text[i + 1]) * 16 +
                                      core::HexDigitValue(text[i + 2])));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

struct EncodedWord {
  size_t begin = 0;
  size_t end = 0;  // one past "?="
  std::string charset;
  std::string bytes;
};

// Parses "=?charset?X?text?=" at `pos`.
std::optional<EncodedWord> EncodedWordAt(std::string_view s, size_t pos) {
  if (s.substr(pos, 2) != "=?") return std::nullopt;
  size_t q1 = s.find('?', pos + 2);
  if (q1 == std::string_view::npos || q1 + 2 >= s.size() || s[q1 + 2] != '?') return std::nullopt;
  char encoding = static_cast<char>(std::toupper(static_cast<unsigned char>(s[q1 + 1])));
  if (encoding != 'B' && encoding != 'Q') return std::nullopt;
  size_t text_start = q1 + 3;
  size_t close = s.find("?=", text_start);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view text = s.substr(text_start, close - text_start);
  std::string_view charset = s.substr(pos + 2, q1 - pos - 2);
  if (charset.empty() || text.find_first_of(" \t\r\n") != std::string_view::npos) {
    return std::nullopt;
  }
  EncodedWord word;
  word.begin = pos;
  word.end = close + 2;
  word.charset = AsciiLower(charset);
  if (auto star = word.charset.find('*'); star != std::string::npos) word.charset.resize(star);
  word.bytes = encoding == 'B' ? core::Base64DecodeLenient(text) : DecodeQ(text);
  return word;
}

std::string UnquoteDisplayName(std::string_view s) {
  s = TrimView(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') {
    std::string out;
    for (size_t i = 1; i + 1 < s.size(); ++i) {
      if (s[i] == '\\' && i + 2 < s.size()) ++i;
      out.push_back(s[i]);
    }
    return out;
  }
  return std::string(s);
}

std::string MediaKindOf(std::string_view type) {
  for (const char* kind : {"image", "video", "audio"}) {
    if (type.substr(0, std::string_view(kind).size() + 1) == std::string(kind) + "/") return kind;
  }
  return "file";
}

void WalkPart(const HeaderList& headers, std::string_view content, int depth, ParsedEmail& out) {
  HeaderParams type = ParseHeaderParams(HeaderValue(headers, "Content-Type"));
  if (type.value.empty()) type.value = "text/plain";  // RFC 2045 default
  if (type.value.rfind("multipart/", 0) == 0 && depth < kMaxDepth) {
    auto split = SplitMultipart(content, type.Param("boundary"));
    if (split) {
      for (std::string_view part : split->parts) {
        auto [head, body] = SplitHeadersAndContent(part);
        WalkPart(ParseHeaderBlock(head), body, depth + 1, out);
      }
      return;
    }
    type.value = "text/plain";  // no boundary line at all: read what is there as text
  }
  std::string encoding = AsciiLower(TrimView(HeaderValue(headers, "Content-Transfer-Encoding")));
  std::string bytes;
  if (encoding == "base64") {
    bytes = core::Base64DecodeLenient(content);
  } else if (encoding == "quoted-printable") {
    bytes = DecodeQuotedPrintable(content);
  } else {
    bytes = std::string(content);  // 7bit, 8bit, binary, or absent (= 7bit)
  }
  HeaderParams disposition = ParseHeaderParams(HeaderValue(headers, "Content-Disposition"));
  // RFC 2231 filename*= is authoritative; name="=?UTF-8?B?...?=" is a common non-standard form.
  std::string filename = disposition.Param("filename");
  if (filename.empty()) filename = type.Param("name");
  filename = DecodeEncodedWords(filename);
  bool is_text = type.value == "text/plain" || type.value == "text/html";
  bool attachment = disposition.value == "attachment" || !filename.empty() || !is_text;
  if (attachment) {
    core::Media media;
    media.kind = MediaKindOf(type.value);
    media.mime_type = core::SanitizeUtf8(type.value);
    media.filename = filename;
    media.size_bytes = static_cast<int64_t>(bytes.size());
    media.content_id = core::SanitizeUtf8(StripAngles(HeaderValue(headers, "Content-ID")));
    media.reference = media.content_id.empty() ? filename : media.content_id;
    out.attachments.push_back(std::move(media));
    return;
  }
  std::string text = ToUtf8(bytes, type.Param("charset"));
  if (type.value == "text/plain" && out.text_plain.empty()) {
    out.text_plain = std::move(text);
  } else if (type.value == "text/html" && out.text_html.empty()) {
    out.text_html = std::move(text);
  }
}

}  // namespace

std::string DecodeEncodedWords(std::string_view s) {
  std::string out;
  std::string pending_charset;
  std::string pending_bytes;
  auto flush = [&] {
    if (!pending_bytes.empty()) out += ToUtf8(pending_bytes, pending_charset);
    pending_bytes.clear();
    pending_charset.clear();
  };
  size_t pos = 0;     // start of text not yet emitted
  size_t search = 0;  // where to look for the next "=?"
  bool after_word = false;
  while (true) {
    size_t hit = s.find("=?", search);
    if (hit == std::string_view::npos) break;
    auto word = EncodedWordAt(s, hit);
    if (!word) {
      search = hit + 2;
      continue;
    }
    std::string_view between = s.substr(pos, hit - pos);
    if (!(after_word && IsBlankOrSpace(between))) {
      flush();
      out += ToUtf8(between, "");
    }
    if (word->charset != pending_charset) flush();
    pending_charset = word->charset;
    pending_bytes += word->bytes;
    pos = search = word->end;
    after_word = true;
  }
  flush();
  out += ToUtf8(s.substr(pos), "");
  return out;
}

EmailAddress ParseAddress(std::string_view value) {
  EmailAddress out;
  // Find the angle-addr outside quoted strings.
  bool quoted = false;
  size_t lt = std::string_view::npos;
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] == '\\' && quoted) {
      ++i;
    } else if (value[i] == '"') {
      quoted = !quoted;
    } else if (value[i] == '<' && !quoted) {
      lt = i;
      break;
    }
  }
  std::string display;
  std::string address;
  if (lt != std::string_view::npos) {
    size_t gt = value.find('>', lt);
    address = std::string(
        value.substr(lt + 1, (gt == std::string_view::npos ? value.size() : gt) - lt - 1));
    display = UnquoteDisplayName(value.substr(0, lt));
  } else {
    std::string_view rest = TrimView(value);
    if (size_t comma = rest.find(','); comma != std::string_view::npos)
      rest = rest.substr(0, comma);
    size_t paren = rest.find('(');
    if (paren != std::string_view::npos) {
      size_t close = rest.find(')', paren);
      display = std::string(rest.substr(
          paren + 1, (close == std::string_view::npos ? rest.size() : close) - paren - 1));
      rest = rest.substr(0, paren);
    }
    address = std::string(rest);
  }
  out.address = AsciiLower(core::SanitizeUtf8(TrimView(address)));
  out.display_name = std::string(TrimView(DecodeEncodedWords(display)));
  return out;
}

std::vector<std::string> ParseMessageIds(std::string_view value) {
  std::vector<std::string> ids;
  size_t pos = 0;
  while (true) {
    size_t lt = value.find('<', pos);
    if (lt == std::string_view::npos) break;
    size_t gt = value.find('>', lt);
    if (gt == std::string_view::npos) break;
    std::string id = core::SanitizeUtf8(TrimView(value.substr(lt + 1, gt - lt - 1)));
    if (!id.empty()) ids.push_back(std::move(id));
    pos = gt + 1;
  }
  if (ids.empty()) {
    // Bare ids without brackets, separated by whitespace or commas.
    std::string current;
    for (char c : std::string(value) + " ") {
      if (c == ' ' || c == '\t' || c == ',' || c == '\r' || c == '\n') {
        if (!current.empty()) ids.push_back(core::SanitizeUtf8(current));
        current.clear();
      } else {
        current.push_back(c);
      }
    }
  }
  return ids;
}

std::string DecodeQuotedPrintable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  while (i < text.size()) {
    // Each line: drop transport padding (unencoded trailing whitespace) before the break.
    size_t nl = text.find('\n', i);
    size_t line_end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(i, line_end - i);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
    bool soft_break = !line.empty() && line.back() == '=';
    if (soft_break) line.remove_suffix(1);
    for (size_t j = 0; j < line.size(); ++j) {
      if (line[j] == '=' && j + 2 < line.size() && core::HexDigitValue(line[j + 1]) >= 0 &&
          core::HexDigitValue(line[j + 2]) >= 0) {
        out.push_back(static_cast<char>(core::HexDigitValue(line[j + 1]) * 16 +
                                        core::HexDigitValue(line[j + 2])));
        j += 2;
      } else {
        out.push_back(line[j]);
      }
    }
    if (nl == std::string_view::npos) break;
    if (!soft_break) out += (line_end > i && text[line_end - 1] == '\r') ? "\r\n" : "\n";
    i = nl + 1;
  }
  return out;
}

void ApplyHeaders(const HeaderList& headers, ParsedEmail& email) {
  auto ids = ParseMessageIds(HeaderValue(headers, "Message-ID"));
  email.message_id = ids.empty() ? "" : ids.front();
  email.in_reply_to.clear();
  auto add = [&](const std::string& id) {
    if (std::find(email.in_reply_to.begin(), email.in_reply_to.end(), id) ==
        email.in_reply_to.end()) {
      email.in_reply_to.push_back(id);
    }
  };
  for (const auto& id : ParseMessageIds(HeaderValue(headers, "In-Reply-To"))) add(id);
  auto references = ParseMessageIds(HeaderValue(headers, "References"));
  for (auto it = references.rbegin(); it != references.rend(); ++it) add(*it);
  email.from = ParseAddress(HeaderValue(headers, "From"));
  email.reply_to = ParseAddress(HeaderValue(headers, "Reply-To"));
  email.subject = std::string(TrimView(DecodeEncodedWords(HeaderValue(headers, "Subject"))));
  auto date = ParseMailDateMs(HeaderValue(headers, "Date"));
  email.date_ms = date ? *date : 0;
}

ParsedEmail ParseEmail(std::string_view raw) {
  ParsedEmail email;
  auto [head, body] = SplitHeadersAndContent(raw);
  email.headers = ParseHeaderBlock(head);
  ApplyHeaders(email.headers, email);
  WalkPart(email.headers, body, 0, email);
  return email;
}

std::string EmailBodyText(const ParsedEmail& email) {
  if (!IsBlankOrSpace(email.text_plain)) return StripQuotedReply(email.text_plain);
  if (!IsBlankOrSpace(email.text_html)) return StripQuotedReply(HtmlToText(email.text_html));
  return {};
}

core::InboundMessage EmailToInboundMessage(const ParsedEmail& email, std::string channel) {
  core::InboundMessage msg;
  msg.channel = std::move(channel);
  msg.provider_message_id = email.message_id;
  msg.sender = email.from.address;
  msg.display_name = email.from.display_name;
  msg.subject = email.subject;
  msg.text = EmailBodyText(email);
  msg.media = email.attachments;
  if (!email.reply_to.address.empty() && email.reply_to.address != email.from.address) {
    msg.reply_address = email.reply_to.address;
  }
  msg.in_reply_to = email.in_reply_to;
  msg.sent_at_ms = email.date_ms;
  return msg;
}

}  // namespace aduan::channels
