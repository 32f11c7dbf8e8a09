// Masking what identifies a person in free text, for text that leaves aduan for someone who
// must not read it whole (an agency reading a confidential complaint, an export). Which texts
// are masked, and for whom, is the caller's decision; these only find and replace.
//
// Pure functions over UTF-8 bytes (only ASCII digits and letters are examined, so multi-byte
// characters pass through untouched); thread-safe.
#ifndef ADUAN_CORE_PRIVACY_H_
#define ADUAN_CORE_PRIVACY_H_

#include <string>
#include <string_view>

namespace aduan::core {

// Replaces each phone number written in `text` (9 to 15 digits, optionally led by '+',
// grouped by spaces, dashes, dots or parentheses) with `mark`. Amounts after "Rp", dates,
// times and digit runs glued to letters are left alone.
std::string MaskPhoneNumbers(std::string_view text, std::string_view mark);

// Masks every 16-digit NIK (the national identity number: a digit run of exactly 16, not part
// of a longer number), keeping its first four and last four digits ("3273********0001") so a
// clerk can still tell two NIKs apart.
std::string MaskNik(std::string_view text);

}  // namespace aduan::core

#endif  // ADUAN_CORE_PRIVACY_H_
