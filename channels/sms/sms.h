// The generic SMS gateway channel (POST /webhooks/sms): Android SMS forwarders, Gammu-SMSD
// scripts and similar gateways that post
//   id?, from | sender, text, date | time?, token?
// (Vonage's msisdn / messageId / message-timestamp are accepted as aliases.)
// as a urlencoded or multipart form body, or as query parameters. There is no signature: the
// shared ADUAN_SMS_TOKEN arrives as the `token` parameter or as "Authorization: Bearer <token>".
// Phone numbers become E.164 (Indonesian national forms assumed). Without `id` the message gets
// no provider_message_id, and the gateway dedupes on a content hash instead.
//
// Environment: ADUAN_SMS_TOKEN (required; unset disables the channel). Replies are posted as
// JSON {to, text} to ADUAN_SMS_API_BASE + "/send" with the same bearer token, text made GSM-7
// safe.
#ifndef ADUAN_CHANNELS_SMS_SMS_H_
#define ADUAN_CHANNELS_SMS_SMS_H_

#include <memory>

#include "channels/adapter.h"

namespace aduan::channels {

std::unique_ptr<ChannelAdapter> MakeSmsAdapter(const EnvLookup& env);

inline constexpr ChannelTraits kSmsTraits{.answers_inline = false,
                                          .threads_by_subject = false,
                                          .reaches_phones = true,
                                          .posts_attachments = false,
                                          .default_api_base = ""};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_SMS_SMS_H_
