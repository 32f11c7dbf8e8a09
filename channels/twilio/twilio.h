// Twilio Programmable Messaging webhooks (POST /webhooks/twilio, form-encoded): inbound SMS/MMS
// and status callbacks for messages we sent, both signed with X-Twilio-Signature.
//
// A request with MessageStatus and no Body is a status callback (-> DeliveryStatus, normalised
// to queued/sent/delivered/read/failed); anything else with a MessageSid is an inbound message
// (MMS media as MediaUrl{i}/MediaContentType{i}). Success is answered with empty TwiML so Twilio
// sends nothing by itself; replies go through the outbox.
//
// Environment: ADUAN_TWILIO_AUTH_TOKEN (required; unset disables the channel), and for sending
// ADUAN_TWILIO_ACCOUNT_SID and ADUAN_TWILIO_FROM (our number, E.164, or "whatsapp:+...", or
// several separated by commas): POST {ADUAN_TWILIO_API_BASE}/2010-04-01/Accounts/{sid}/
// Messages.json. A reply leaves from the address the resident wrote to (the inbound `To`, kept
// as InboundMessage::our_address), else from a configured sender of the recipient's kind
// (WhatsApp or SMS): Twilio refuses mixed pairs. Signatures are checked against
// WebhookRequest::public_url, which the gateway builds from ADUAN_PUBLIC_BASE_URL, with and
// without the scheme's default port written out (Twilio may sign either form).
#ifndef ADUAN_CHANNELS_TWILIO_TWILIO_H_
#define ADUAN_CHANNELS_TWILIO_TWILIO_H_

#include <memory>
#include <string>
#include <string_view>

#include "channels/adapter.h"
#include "channels/form.h"

namespace aduan::channels {

std::unique_ptr<ChannelAdapter> MakeTwilioAdapter(const EnvLookup& env);

inline constexpr ChannelTraits kTwilioTraits{.answers_inline = false,
                                             .threads_by_subject = false,
                                             .reaches_phones = true,
                                             .posts_attachments = false,
                                             .default_api_base = "https://api.twilio.com"};

// base64(HMAC-SHA1(auth_token, url + name1 + value1 + name2 + value2 ...)) with the POST params
// sorted by name (byte order; values of a repeated name sorted too). A URL fragment is not
// part of what Twilio signs and is dropped.
std::string TwilioSignature(std::string_view auth_token, std::string_view url,
                            const FormFields& params);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_TWILIO_TWILIO_H_
