// The media rows of one inbound message, for IntakeRequest::media: one per attachment, so that
// the message's own transaction records every file to fetch and none is ever lost.
//
// Files the provider mentioned by reference (WhatsApp, Telegram, Twilio) become "pending" rows
// for the media worker. Files posted with the message (email) are prepared at once
// (gateway/media_bytes.h), put in the blob store and recorded "stored"; one over the per-file
// limit, past the per-message share of the per-ticket limit, or not keepable is recorded
// "unavailable" with the reason, so the agency still sees that it existed.
#ifndef ADUAN_GATEWAY_MEDIA_INTAKE_H_
#define ADUAN_GATEWAY_MEDIA_INTAKE_H_

#include <vector>

#include "core/message.h"
#include "gateway/common/config.h"
#include "media/image_metadata.h"
#include "storage/store.h"

namespace aduan::gateway {

// Throws storage::StoreError when the blob store fails (the request is then answered 503 and
// the provider retries).
std::vector<storage::MediaDraft> MediaDrafts(const core::InboundMessage& message,
                                             const GatewayConfig::Media& limits,
                                             storage::Store* store);

// {"latitude","longitude","source":"photo"}, the form a photo's GPS takes on a ticket.
std::string PhotoLocationJson(const media::Coordinates& gps);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_MEDIA_INTAKE_H_
