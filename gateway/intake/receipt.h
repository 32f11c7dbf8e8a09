// Receipts: what the generic webhook gives a caller it answers before the ticket exists.
//
// A receipt names the message's dedupe key (its provider id, or the content key the pipeline
// derives from sender, text and arrival time), hex-encoded behind "r": the ticket is then
// found through the messages table on any instance and after any restart, with no table of
// its own. It reveals no more than the public ticket page does: a caller who knows the key
// already knows the message.
#ifndef ADUAN_GATEWAY_RECEIPT_H_
#define ADUAN_GATEWAY_RECEIPT_H_

#include <optional>
#include <string>

#include "core/message.h"
#include "gateway/common/config.h"

namespace aduan::gateway {

// The receipt of `message`, arriving at `received_at_ms`, under `config`'s dedupe window.
std::string ReceiptFor(const core::InboundMessage& message, int64_t received_at_ms,
                       const GatewayConfig& config);

// The dedupe key a receipt names; nullopt when `receipt` is not one.
std::optional<std::string> MessageKeyOfReceipt(const std::string& receipt);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_RECEIPT_H_
