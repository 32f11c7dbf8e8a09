// GSM 03.38 (GSM-7) helpers for SMS replies. A text that fits the GSM-7 alphabet costs one
// segment per 160 septets; a single character outside it switches the whole message to UCS-2
// at 70 characters per segment, more than doubling the cost of an acknowledgement. Replies are
// therefore passed through ToGsm7Safe before sending.
#ifndef ADUAN_CHANNELS_SMS_GSM7_H_
#define ADUAN_CHANNELS_SMS_GSM7_H_

#include <string>
#include <string_view>

namespace aduan::channels {

// True when every character of the UTF-8 `text` is in the GSM-7 basic set or its extension table.
bool IsGsm7(std::string_view text);

// Septets `text` takes in GSM-7: 1 per basic character, 2 per extension character ({ } [ ] ~ \ | ^
// € and form feed). Characters outside GSM-7 count 1 (meaningless then; check IsGsm7 first).
size_t Gsm7Septets(std::string_view text);

struct SmsSegments {
  bool gsm7 = true;  // false: the message must be sent as UCS-2
  size_t units = 0;  // septets (GSM-7) or UTF-16 code units (UCS-2)
  size_t segments = 0;
};

// How many SMS the text needs: GSM-7 160 septets in one, 153 per part when concatenated; UCS-2
// 70 units in one, 67 per part. Extension characters and surrogate pairs never straddle parts.
// An empty text is one segment.
SmsSegments CountSmsSegments(std::string_view text);

// Replaces common characters outside GSM-7 with GSM-7 look-alikes: curly quotes, en/em dashes,
// ellipsis, non-breaking and other Unicode spaces, accented letters missing from the alphabet
// (á -> a, ç -> c, õ -> o, ...). Zero-width characters are dropped; anything else that is still
// not representable (emoji, CJK) becomes '?'. Invalid UTF-8 bytes become '?'. The result always
// satisfies IsGsm7.
std::string ToGsm7Safe(std::string_view text);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_SMS_GSM7_H_
