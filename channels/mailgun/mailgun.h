// Mailgun Routes forward() webhook (POST /webhooks/mailgun): the parsed message as a urlencoded
// form, or multipart/form-data when it has attachments, or the raw message in `body-mime` for
// routes ending in "mime".
//
// Authentication: `signature` = hex HMAC-SHA256(signing key, timestamp + token). The body is not
// covered, so a request is also refused (401) when its timestamp is more than 5 minutes from
// the gateway's clock (stale_timestamp). Each message carries its token (replay_token): the
// gateway stores it in the message's own transaction and refuses a second use (replayed_token).
//
// Text: `stripped-text`, else `body-plain` with quotes stripped, else the HTML. Threading:
// Message-Id, In-Reply-To and References, posted as fields, without angle brackets.
//
// Environment: ADUAN_MAILGUN_SIGNING_KEY (required; unset disables the channel); for sending
// ADUAN_MAILGUN_API_KEY, ADUAN_MAILGUN_DOMAIN and ADUAN_MAILGUN_FROM:
// POST {ADUAN_MAILGUN_API_BASE}/v3/{domain}/messages with basic auth api:<key>.
#ifndef ADUAN_CHANNELS_MAILGUN_MAILGUN_H_
#define ADUAN_CHANNELS_MAILGUN_MAILGUN_H_

#include <memory>

#include "channels/adapter.h"

namespace aduan::channels {

std::unique_ptr<ChannelAdapter> MakeMailgunAdapter(const EnvLookup& env);

inline constexpr ChannelTraits kMailgunTraits{.answers_inline = false,
                                              .threads_by_subject = true,
                                              .reaches_phones = false,
                                              .posts_attachments = true,
                                              .default_api_base = "https://api.mailgun.net"};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_MAILGUN_MAILGUN_H_
