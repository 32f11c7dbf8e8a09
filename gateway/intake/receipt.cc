#include "gateway/intake/receipt.h"

#include "core/crypto.h"
#include "core/message.h"
#include "gateway/intake/intake.h"

namespace aduan::gateway {
namespace {

// Provider ids are short; a longer "receipt" is not one of ours.
constexpr size_t kMaxReceipt = 1024;

}  // namespace

std::string ReceiptFor(const core::InboundMessage& m, int64_t received_at_ms,
                       const GatewayConfig& config) {
  std::string key = m.provider_message_id;
  if (key.empty()) {
    // As IntakePipeline keys it, so the receipt finds the stored message.
    key = IntakePipeline::ContentKey(m, received_at_ms,
                                     int64_t{config.conversation.duplicate_window_seconds} * 1000);
  }
  std::string out = "r";
  out.append(core::HexEncode(key));
  return out;
}

std::optional<std::string> MessageKeyOfReceipt(const std::string& receipt) {
  if (receipt.size() < 3 || receipt.size() > kMaxReceipt || receipt[0] != 'r' ||
      receipt.find_first_not_of("0123456789abcdef", 1) != std::string::npos) {
    return std::nullopt;  // receipts are written in lowercase hex only
  }
  return core::HexDecode(std::string_view(receipt).substr(1));
}

}  // namespace aduan::gateway
