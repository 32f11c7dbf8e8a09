// Phone-number normalisation shared by the SMS and chat channels.
#ifndef ADUAN_CORE_PHONE_H_
#define ADUAN_CORE_PHONE_H_

#include <string>
#include <string_view>

namespace aduan::core {

// Returns `raw` as E.164 ("+6281234567890") when it is a phone number, assuming Indonesia for
// national forms: "081234567890", "6281234567890", "+62 812-3456-7890" and "(0812) 3456 7890"
// are one sender. Returns an empty string when `raw` is not a plausible phone number or the
// result would not be E.164 (6 to 15 digits, a country code not starting with 0); a result
// normalises to itself.
std::string NormalizePhone(std::string_view raw);

// For providers that send international numbers, often without the '+' (WhatsApp `from`,
// Telegram contacts): "6281234567890" -> "+6281234567890", "14155550100" -> "+14155550100".
// Unlike NormalizePhone it never assumes Indonesia for a bare number, because "81..." is Japan
// here; only a national form with a trunk '0' ("0812...") is read as Indonesian. "" when `raw`
// is not a plausible phone number.
std::string NormalizeInternationalPhone(std::string_view raw);

// True when `s` looks like a phone number at all (digits with the usual separators).
bool LooksLikePhone(std::string_view s);

}  // namespace aduan::core

#endif  // ADUAN_CORE_PHONE_H_
