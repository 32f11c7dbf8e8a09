// Walking UTF-8 text: decoding one code point, encoding one, validating, counting and cutting on
// character boundaries. Every module that measures, cuts or repairs text uses these, so a text
// is cut the same way at intake, in the journal, in the classifier and in the web inbox.
//
// Pure functions over bytes; thread-safe. "Valid" is RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF.
#ifndef ADUAN_CORE_UTF8_H_
#define ADUAN_CORE_UTF8_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace aduan::core {

// U+FFFD, what an unreadable byte becomes.
inline constexpr char32_t kReplacementCharacter = 0xFFFD;

// Appends the UTF-8 encoding of `code_point` (U+FFFD for surrogates and values past U+10FFFF).
void AppendUtf8(std::string& out, char32_t code_point);

// Decodes one code point at `pos` (which must be < text.size()) and advances `pos` past it. An
// invalid or truncated sequence yields U+FFFD and advances by one byte, so callers always make
// progress.
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

}  // namespace aduan::core

#endif  // ADUAN_CORE_UTF8_H_
