#include "channels/sms/sms.h"

#include <nlohmann/json.hpp>

#include "channels/form.h"
#include "channels/sms/gsm7.h"
#include "channels/util.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/phone.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

// The first non-empty value among `names`, looked up in the body fields then the query.
std::string Param(const FormFields& body, const WebhookRequest& req,
                  std::initializer_list<std::string_view> names) {
  for (std::string_view name : names) {
    std::string v = FieldValue(body, name);
    if (v.empty()) v = req.Query(name);
    if (!v.empty()) return v;
  }
  return {};
}

bool HasParam(const FormFields& body, const WebhookRequest& req, std::string_view name) {
  return FindField(body, name) != nullptr || req.query.count(std::string(name)) > 0;
}

class SmsAdapter : public ChannelAdapter {
 public:
  explicit SmsAdapter(std::string token) : token_(std::move(token)) {}

  std::string_view name() const override { return "sms"; }

  HandleResult Handle(const WebhookRequest& req) const override {
    FormFields body;
    // A GET, or a POST whose parameters all sit in the query string, has no body to parse.
    if (!req.body.empty() || !RequestMediaType(req).empty()) {
      if (auto error = ParseFormRequest(req, &body)) {
        HandleResult result;
        result.error = std::move(error);
        return result;
      }
    }
    if (!Authorized(req, body)) {
      return Rejected(401, "bad_token", "missing or wrong SMS gateway token");
    }
    std::string from = std::string(TrimView(Param(body, req, {"from", "sender", "msisdn"})));
    if (from.empty()) {
      return Rejected(400, "missing_field", "field 'from' (or 'sender'/'msisdn') is required");
    }
    if (!HasParam(body, req, "text")) {
      return Rejected(400, "missing_field", "field 'text' is required");
    }
    HandleResult result;
    std::string text = core::SanitizeUtf8(Param(body, req, {"text"}));
    if (TrimView(text).empty()) {
      result.parsed.ignored.push_back("empty SMS from " + from);
      return result;
    }
    core::InboundMessage msg;
    msg.channel = "sms";
    msg.provider_message_id = core::SanitizeUtf8(TrimView(Param(body, req, {"id", "messageId"})));
    std::string phone = core::NormalizePhone(from);
    // Alphanumeric senders ("TELKOMSEL") are not phones; keep them so a reply is not attempted
    // to a made-up number.
    msg.sender = phone.empty() ? core::SanitizeUtf8(from) : phone;
    msg.text = std::move(text);
    if (auto at = ParseDateTimeMs(Param(body, req, {"date", "time", "message-timestamp"})))
      msg.sent_at_ms = *at;
    result.parsed.messages.push_back(std::move(msg));
    return result;
  }

  ProviderRequest FormatSend(const OutgoingMessage& message) const override {
    ProviderRequest req;
    req.path = "/send";
    req.content_type = "application/json";
    req.headers.emplace("Authorization", "Bearer " + token_);
    std::string to = core::NormalizePhone(message.recipient);
    req.body = nlohmann::json{{"to", to.empty() ? message.recipient : to},
                              {"text", ToGsm7Safe(message.text)}}
                   .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return req;
  }

  SendOutcome ParseSendResponse(int http_status, std::string_view body) const override {
    return JsonSendOutcome(
        http_status, body,
        [](const nlohmann::json& j) {
          std::string id = JsonString(j, "id");
          return id.empty() ? JsonString(j, "message_id") : id;
        },
        [](const nlohmann::json& j) {
          std::string e = JsonString(j, "error");
          return e.empty() ? JsonString(j, "message") : e;
        });
  }

 private:
  bool Authorized(const WebhookRequest& req, const FormFields& body) const {
    std::string auth = req.Header("Authorization");
    if (StartsWithIgnoreCase(auth, "Bearer ")) {
      return core::ConstantTimeEquals(TrimView(std::string_view(auth).substr(7)), token_);
    }
    return core::ConstantTimeEquals(Param(body, req, {"token"}), token_);
  }

  std::string token_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeSmsAdapter(const EnvLookup& env) {
  auto token = env ? env("ADUAN_SMS_TOKEN") : std::nullopt;
  if (!token || token->empty()) return nullptr;
  return std::make_unique<SmsAdapter>(*token);
}

}  // namespace aduan::channels
