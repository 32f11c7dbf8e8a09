#include "gateway/intake/receipt.h"

#include "gateway/intake/intake.h"

namespace aduan::gateway {
namespace {

constexpr char kHex[] = "0123456789abcdef";
// Provider ids are short; a longer "receipt" is not one of ours.
constexpr size_t kMaxReceipt = 1024;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

}  // namespace

std::string ReceiptFor(const channels::InboundMessage& m, int64_t received_at_ms,
                       const GatewayConfig& config) {
  std::string key = m.provider_message_id;
  if (key.empty()) {
    // As IntakePipeline keys it, so the receipt finds the stored message.
    key = IntakePipeline::ContentKey(m, received_at_ms,
                                     int64_t{config.conversation.duplicate_window_seconds} * 1000);
  }
  std::string out = "r";
  for (unsigned char c : key) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0xF]);
  }
  return out;
}

std::optional<std::string> MessageKeyOfReceipt(const std::string& receipt) {
  if (receipt.size() < 3 || receipt.size() > kMaxReceipt || receipt[0] != 'r' ||
      receipt.size() % 2 == 0) {
    return std::nullopt;
  }
  std::string key;
  for (size_t i = 1; i < receipt.size(); i += 2) {
    int hi = HexValue(receipt[i]), lo = HexValue(receipt[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    key.push_back(static_cast<char>(hi * 16 + lo));
  }
  return key;
}

}  // namespace aduan::gateway
