// SendGrid Inbound Parse webhook (POST /webhooks/sendgrid?token=..., multipart/form-data).
// Parse cannot sign requests, so the URL carries a shared token compared in constant time.
//
// Parsed mode: `headers` (the raw header block: the only place with Message-ID, In-Reply-To,
// References, Date), `from`, `subject`, `text`, `html`, each in the charset the `charsets` JSON
// names for it, and files attachment1..N described by `attachment-info`. Raw mode (send_raw):
// the whole message in `email`, read with the MIME parser.
//
// Environment: ADUAN_SENDGRID_TOKEN (required; unset disables the channel). Sending is optional
// here (SendGrid is inbound-only in most deployments): ADUAN_SENDGRID_API_KEY and
// ADUAN_SENDGRID_FROM for POST {ADUAN_SENDGRID_API_BASE}/v3/mail/send.
#ifndef ADUAN_CHANNELS_SENDGRID_SENDGRID_H_
#define ADUAN_CHANNELS_SENDGRID_SENDGRID_H_

#include <memory>

#include "channels/adapter.h"

namespace aduan::channels {

std::unique_ptr<ChannelAdapter> MakeSendGridAdapter(const EnvLookup& env);

inline constexpr ChannelTraits kSendGridTraits{.answers_inline = false,
                                               .threads_by_subject = true,
                                               .reaches_phones = false,
                                               .posts_attachments = true,
                                               .default_api_base = "https://api.sendgrid.com"};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_SENDGRID_SENDGRID_H_
