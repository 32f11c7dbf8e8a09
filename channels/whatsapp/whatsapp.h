// WhatsApp Cloud API (Meta) webhooks: GET /webhooks/whatsapp is the subscription handshake,
// POST carries entry[].changes[].value.{messages[],statuses[]} signed with X-Hub-Signature-256
// (HMAC-SHA256 of the raw body with the App Secret).
//
// Inbound: text; image/document/audio/video/sticker (media id + mime type, caption as text);
// location; interactive button/list replies and template buttons (their titles as text);
// contacts cards. Other message types are reported in `ignored`. A message id repeated within
// one POST yields one message. statuses[] become DeliveryStatus values.
//
// Environment: ADUAN_WHATSAPP_APP_SECRET (required; unset disables the channel),
// ADUAN_WHATSAPP_VERIFY_TOKEN (handshake; unset makes every handshake 403),
// ADUAN_WHATSAPP_PHONE_NUMBER_ID and ADUAN_WHATSAPP_ACCESS_TOKEN (sending replies:
// POST {ADUAN_WHATSAPP_API_BASE}/{phone number id}/messages).
#ifndef ADUAN_CHANNELS_WHATSAPP_WHATSAPP_H_
#define ADUAN_CHANNELS_WHATSAPP_WHATSAPP_H_

#include <memory>

#include "channels/adapter.h"

namespace aduan::channels {

std::unique_ptr<ChannelAdapter> MakeWhatsAppAdapter(const EnvLookup& env);

inline constexpr ChannelTraits kWhatsAppTraits{
    .answers_inline = false,
    .threads_by_subject = false,
    .reaches_phones = true,
    .posts_attachments = false,
    .default_api_base = "https://graph.facebook.com/v19.0"};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_WHATSAPP_WHATSAPP_H_
