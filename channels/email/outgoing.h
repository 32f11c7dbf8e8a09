// Headers of an email aduan sends (Mailgun and SendGrid build the same ones).
#ifndef ADUAN_CHANNELS_EMAIL_OUTGOING_H_
#define ADUAN_CHANNELS_EMAIL_OUTGOING_H_

#include <string>
#include <string_view>

#include "channels/adapter.h"

namespace aduan::channels {

// The References header for `message`: its `references` then its `in_reply_to`, each in
// angle brackets, separated by spaces, duplicates dropped; "" when it answers nothing. RFC 5322
// builds References as the parent's References plus the parent's Message-ID, which is what
// keeps every reply about a ticket in the resident's original thread.
std::string ReferencesHeader(const OutgoingMessage& message);

// A subject safe to send: control characters (an ISO-2022-JP escape, CR/LF that would start a
// new header) become spaces, runs of spaces collapse, the ends are trimmed; `fallback` when
// nothing is left.
std::string OutgoingSubject(std::string_view subject, std::string_view fallback);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_EMAIL_OUTGOING_H_
