// RFC 5322 / MIME parsing for the email channels (Mailgun, SendGrid). Shared code: this folder
// has no webhook of its own.
//
// The parser is lenient the way mail demands: CRLF or LF line endings, a missing closing
// boundary, unknown charsets, stray bytes. Every string it returns is valid UTF-8 (invalid bytes
// become U+FFFD) and it never throws. Attachments are recorded (name, type, size, Content-ID);
// their bytes are not kept.
#ifndef ADUAN_CHANNELS_EMAIL_MIME_H_
#define ADUAN_CHANNELS_EMAIL_MIME_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "channels/form.h"
#include "core/message.h"

namespace aduan::channels {

struct EmailAddress {
  std::string display_name;  // decoded, unquoted; may be empty
  std::string address;       // lowercase "user@host"; empty when none was found
};

struct ParsedEmail {
  HeaderList headers;      // top-level headers, unfolded, values as sent
  std::string message_id;  // without angle brackets; empty when absent
  // In-Reply-To ids first, then References newest to oldest, no duplicates, no brackets.
  std::vector<std::string> in_reply_to;
  EmailAddress from;
  EmailAddress reply_to;
  std::string subject;     // RFC 2047 decoded
  int64_t date_ms = 0;     // from Date, 0 when absent or unreadable
  std::string text_plain;  // first text/plain body part, decoded to UTF-8 (line ends as sent)
  std::string text_html;   // first text/html body part, decoded to UTF-8
  std::vector<core::Media> attachments;
};

// Parses a whole message (headers, blank line, body).
ParsedEmail ParseEmail(std::string_view raw);

// Fills the header-derived fields of `email` (ids, from, reply-to, subject, date) from `headers`.
// Used on its own by SendGrid's parsed mode, which posts the header block separately.
void ApplyHeaders(const HeaderList& headers, ParsedEmail& email);

// RFC 2047: decodes =?charset?B|Q?...?= words (Q: '_' is a space), drops the whitespace between
// adjacent encoded words, and joins the bytes of adjacent words in one charset before decoding,
// so a multibyte character split across two words survives. Unencoded text is read as UTF-8,
// falling back to Windows-1252 when it is not valid UTF-8.
std::string DecodeEncodedWords(std::string_view header_value);

// The first mailbox of an address header: "Name <a@b>", "\"Last, First\" <a@b>", "a@b (Name)".
EmailAddress ParseAddress(std::string_view header_value);

// Message ids from In-Reply-To / References / Message-ID, without angle brackets, in order.
std::vector<std::string> ParseMessageIds(std::string_view header_value);

// Quoted-printable body decoding: soft line breaks ('=' at line end) join lines, =XX is a byte,
// a malformed escape is kept literally.
std::string DecodeQuotedPrintable(std::string_view text);

// The resident's own words: text/plain when present, else the HTML turned into text; quoted
// replies and signatures stripped; line endings normalised to '\n'; trimmed.
std::string EmailBodyText(const ParsedEmail& email);

// An InboundMessage for the gateway: sender is the From address (lowercase), reply_address the
// Reply-To when it differs, provider_message_id the Message-ID without brackets.
core::InboundMessage EmailToInboundMessage(const ParsedEmail& email, std::string channel);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_EMAIL_MIME_H_
