// Telegram Bot API webhook (POST /webhooks/telegram): one JSON Update per request, authenticated
// by the X-Telegram-Bot-Api-Secret-Token header set with setWebhook(secret_token=...).
//
// `message` and `edited_message` become InboundMessages: text or caption; the largest photo size,
// document, voice, audio, video, video note, sticker and animation as Media (file_id); location
// and venue; contact cards. Sender is from.id as decimal, reply_address is chat.id, and
// provider_message_id is "<chat.id>:<message_id>" because message_id is unique only per chat.
// An edit gets its own id "<chat.id>:<message_id>:edit-<update_id>" (so it is not mistaken for a
// retry) with is_edit set and edits_message_id naming the original. Commands such as /start and
// "/status ADU-..." are passed on as plain text. Other update kinds go to `ignored`.
//
// Environment: ADUAN_TELEGRAM_SECRET_TOKEN (required; unset disables the channel),
// ADUAN_TELEGRAM_BOT_TOKEN (sending: POST {ADUAN_TELEGRAM_API_BASE}/bot<token>/sendMessage).
// A reply to a message in the same chat quotes it (reply_parameters, sent even when the
// original was deleted). Flood control (429 with parameters.retry_after) is retried after the
// seconds Telegram names, via SendOutcome::retry_after_ms.
#ifndef ADUAN_CHANNELS_TELEGRAM_TELEGRAM_H_
#define ADUAN_CHANNELS_TELEGRAM_TELEGRAM_H_

#include <memory>

#include "channels/adapter.h"

namespace aduan::channels {

std::unique_ptr<ChannelAdapter> MakeTelegramAdapter(const EnvLookup& env);

inline constexpr ChannelTraits kTelegramTraits{.answers_inline = false,
                                               .threads_by_subject = false,
                                               .reaches_phones = false,
                                               .posts_attachments = false,
                                               .default_api_base = "https://api.telegram.org"};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_TELEGRAM_TELEGRAM_H_
