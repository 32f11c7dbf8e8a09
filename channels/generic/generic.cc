#include "channels/generic/generic.h"

#include <nlohmann/json.hpp>

#include "channels/util.h"
#include "core/message.h"
#include "core/phone.h"

namespace aduan::channels {
namespace {

using nlohmann::json;

WebhookError Bad(int status, std::string code, std::string message) {
  return WebhookError{status, std::move(code), std::move(message)};
}

// Accepts the field as a JSON string, or an integer written as its digits (ids are often
// numeric). Ids are opaque: 18446744073709551615 stays that text, never wraps to -1.
std::optional<std::string> StringField(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::nullopt;
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_unsigned()) return std::to_string(it->get<uint64_t>());
  if (it->is_number_integer()) return std::to_string(it->get<int64_t>());
  return std::nullopt;
}

// Unix seconds no later than year 9999; anything else is no time at all.
std::optional<int64_t> SecondsToMs(const json& v) {
  constexpr int64_t kLatestSeconds = 253402300799LL;
  if (v.is_number_unsigned()) {
    uint64_t s = v.get<uint64_t>();
    if (s == 0 || s > static_cast<uint64_t>(kLatestSeconds)) return std::nullopt;
    return static_cast<int64_t>(s) * 1000;
  }
  int64_t s = v.get<int64_t>();
  if (s <= 0 || s > kLatestSeconds) return std::nullopt;
  return s * 1000;
}

class GenericAdapter : public ChannelAdapter {
 public:
  std::string_view name() const override { return "generic"; }

  HandleResult Handle(const WebhookRequest& req) const override {
    HandleResult result;
    if (RequestMediaType(req) != "application/json") {
      result.error = Bad(415, "unsupported_media_type",
                         "Content-Type must be application/json, got '" +
                             req.Header("Content-Type").substr(0, 100) + "'");
      return result;
    }
    json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded()) {
      result.error = Bad(400, "malformed_json", "body is not valid JSON (or not valid UTF-8)");
      return result;
    }
    if (!body.is_object()) {
      result.error = Bad(400, "malformed_json", "body must be a JSON object");
      return result;
    }
    for (const char* field : {"id", "from", "text"}) {
      auto it = body.find(field);
      if (it == body.end() || it->is_null()) {
        result.error = Bad(400, "missing_field", std::string("field '") + field + "' is required");
        return result;
      }
      if (!StringField(body, field)) {
        result.error =
            Bad(400, "invalid_field", std::string("field '") + field + "' must be a string");
        return result;
      }
    }
    core::InboundMessage msg;
    msg.channel = "generic";
    msg.provider_message_id = *StringField(body, "id");
    std::string from = *StringField(body, "from");
    msg.text = *StringField(body, "text");
    if (IsBlankText(msg.provider_message_id)) {
      result.error = Bad(400, "invalid_field", "field 'id' must not be empty");
      return result;
    }
    if (IsBlankText(from)) {
      result.error = Bad(400, "invalid_field", "field 'from' must not be empty");
      return result;
    }
    if (IsBlankText(msg.text)) {
      result.error = Bad(400, "empty_text", "field 'text' is empty");
      return result;
    }
    std::string phone = core::NormalizePhone(from);
    msg.sender = phone.empty() ? from : phone;
    if (auto name = StringField(body, "name")) msg.display_name = *name;
    if (auto it = body.find("timestamp"); it != body.end() && !it->is_null()) {
      if (it->is_number_integer()) {
        // Out-of-range times are ignored, never wrapped: the gateway's clock still stamps it.
        msg.sent_at_ms = SecondsToMs(*it).value_or(0);
      } else {
        result.error = Bad(400, "invalid_field", "field 'timestamp' must be unix seconds");
        return result;
      }
    }
    result.parsed.messages.push_back(std::move(msg));
    return result;
  }

  // The generic channel has no provider to call: replies are returned in the webhook answer.
  ProviderRequest FormatSend(const OutgoingMessage& message) const override {
    ProviderRequest req;
    req.path = "/send";
    req.content_type = "application/json";
    req.body = json{{"to", message.recipient}, {"text", message.text}}.dump();
    return req;
  }
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeGenericAdapter(const EnvLookup&) {
  return std::make_unique<GenericAdapter>();
}

}  // namespace aduan::channels
