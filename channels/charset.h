// Text decoding shared by the channels: every string an adapter hands the gateway is valid
// UTF-8, whatever the provider sent.
#ifndef ADUAN_CHANNELS_CHARSET_H_
#define ADUAN_CHANNELS_CHARSET_H_

#include <string>
#include <string_view>

namespace aduan::channels {

// Appends the UTF-8 encoding of `code_point` (U+FFFD for surrogates and values past U+10FFFF).
void AppendUtf8(std::string& out, char32_t code_point);

// Decodes one code point at `pos` and advances `pos` past it. An invalid or truncated sequence
// yields U+FFFD and advances by one byte, so callers always make progress.
char32_t NextCodePoint(std::string_view text, size_t& pos);

bool IsValidUtf8(std::string_view text);

// Characters (code points) in UTF-8 `text`: bytes that do not continue a sequence.
size_t Utf8Length(std::string_view text);

// The longest prefix of `text` that ends on a character boundary and is at most `max_bytes`
// long, so cutting there never leaves half a character.
std::string_view Utf8PrefixBytes(std::string_view text, size_t max_bytes);

// The first `max_chars` characters of `text` (all of it when shorter).
std::string_view Utf8PrefixChars(std::string_view text, size_t max_chars);

// Returns `text` with every invalid UTF-8 sequence replaced by U+FFFD.
std::string SanitizeUtf8(std::string_view text);

// Converts bytes in the charset named by `label` (a MIME/HTTP charset name, any case) to UTF-8.
// Known: UTF-8, US-ASCII, ISO-8859-1/Latin-1, Windows-1252, ISO-8859-15. Following the WHATWG
// Encoding Standard, US-ASCII and ISO-8859-1 labels decode as Windows-1252, because Outlook and
// friends put 0x91-0x97 curly quotes and dashes in text they label Latin-1. An empty or unknown
// label is read as UTF-8 when the bytes are valid UTF-8, else as Windows-1252. Every other label
// glibc's iconv knows is decoded by iconv (GBK/GB2312 as GB18030, Shift_JIS as CP932,
// ISO-2022-JP as ISO-2022-JP-2, the supersets mail clients really send), and unlabelled bytes
// with ISO-2022-JP escape sequences are read as ISO-2022-JP, so no ESC byte survives. Bytes
// iconv cannot read become U+FFFD. Never fails.
std::string ToUtf8(std::string_view bytes, std::string_view label);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_CHARSET_H_
