#include "channels/whatsapp/whatsapp.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "channels/util.h"
#include "channels/whatsapp/whatsapp_media.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/phone.h"

namespace aduan::channels {
namespace {

using nlohmann::json;

constexpr std::string_view kSignaturePrefix = "sha256=";

// A member that is an array, or an empty array: payloads omit empty lists.
const json& ArrayMember(const json& object, const char* key) {
  static const json kEmpty = json::array();
  if (!object.is_object()) return kEmpty;
  auto it = object.find(key);
  return it != object.end() && it->is_array() ? *it : kEmpty;
}

const json& ObjectMember(const json& object, const char* key) {
  static const json kEmpty = json::object();
  if (!object.is_object()) return kEmpty;
  auto it = object.find(key);
  return it != object.end() && it->is_object() ? *it : kEmpty;
}

// Coordinates are JSON numbers, but tolerate strings rather than drop a location.
std::optional<double> Coordinate(const json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end()) return std::nullopt;
  if (it->is_number()) return it->get<double>();
  if (it->is_string()) {
    try {
      return std::stod(it->get<std::string>());
    } catch (...) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

int64_t UnixSecondsMs(const json& object, const char* key) {
  auto secs = ParseInt64(JsonString(object, key));
  return secs && *secs > 0 ? *secs * 1000 : 0;
}

// Meta's statuses are already our vocabulary, except "played" (a voice note was listened to).
std::string NormalizeStatus(std::string_view status) {
  if (status == "sent" || status == "delivered" || status == "read" || status == "failed") {
    return std::string(status);
  }
  if (status == "played") return "read";
  return {};
}

class WhatsAppAdapter : public ChannelAdapter {
 public:
  WhatsAppAdapter(std::string app_secret, std::string verify_token, std::string phone_number_id,
                  std::string access_token)
      : app_secret_(std::move(app_secret)),
        verify_token_(std::move(verify_token)),
        phone_number_id_(std::move(phone_number_id)),
        access_token_(std::move(access_token)),
        media_(access_token_) {}

  const MediaFetcher* media_fetcher() const override { return &media_; }

  std::string_view name() const override { return "whatsapp"; }

  HandleResult Handle(const WebhookRequest& req) const override {
    if (req.method == "GET") return Handshake(req);
    if (req.method != "POST") {
      return Rejected(400, "unsupported_method", "only GET (handshake) and POST are accepted");
    }
    // The signature covers the raw bytes; check it before looking inside them.
    std::string signature = req.Header("X-Hub-Signature-256");
    if (signature.empty()) {
      return Rejected(401, "missing_signature", "X-Hub-Signature-256 header is missing");
    }
    std::string expected =
        std::string(kSignaturePrefix) + core::HexEncode(core::HmacSha256(app_secret_, req.body));
    if (!core::ConstantTimeEquals(AsciiLower(TrimView(signature)), expected)) {
      return Rejected(401, "bad_signature", "X-Hub-Signature-256 does not match the body");
    }
    if (RequestMediaType(req) != "application/json") {
      return Rejected(
          415, "unsupported_media_type",
          "Content-Type must be application/json, got '" + req.Header("Content-Type") + "'");
    }
    json body = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (body.is_discarded() || !body.is_object()) {
      return Rejected(400, "malformed_json", "body is not a JSON object (or not valid UTF-8)");
    }
    auto entries = body.find("entry");
    if (entries == body.end() || !entries->is_array()) {
      return Rejected(400, "missing_field", "field 'entry' (an array) is required");
    }
    HandleResult result;
    try {
      std::set<std::string> seen_ids;
      for (const json& entry : *entries) {
        for (const json& change : ArrayMember(entry, "changes")) {
          std::string field = JsonString(change, "field");
          if (!field.empty() && field != "messages") {
            result.parsed.ignored.push_back("change field '" + field + "'");
            continue;
          }
          ParseValue(ObjectMember(change, "value"), seen_ids, result.parsed);
        }
      }
    } catch (const json::exception& e) {
      // The accessors above check types; this is a last line so Handle never throws.
      return Rejected(400, "malformed_payload", std::string("unexpected JSON shape: ") + e.what());
    }
    return result;
  }

  ProviderRequest FormatSend(const OutgoingMessage& message) const override {
    ProviderRequest req;
    req.path = "/" + phone_number_id_ + "/messages";
    req.content_type = "application/json";
    req.headers.emplace("Authorization", "Bearer " + access_token_);
    // The Cloud API wants the number as digits; a leading '+' is tolerated but not documented.
    std::string to;
    for (char c : message.recipient) {
      if (c >= '0' && c <= '9') to.push_back(c);
    }
    json body = {{"messaging_product", "whatsapp"},
                 {"recipient_type", "individual"},
                 {"to", to},
                 {"type", "text"},
                 {"text", {{"preview_url", false}, {"body", message.text}}}};
    req.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return req;
  }

  SendOutcome ParseSendResponse(int http_status, std::string_view body) const override {
    SendOutcome out = JsonSendOutcome(
        http_status, body,
        [](const json& j) {
          const json& messages = ArrayMember(j, "messages");
          return messages.empty() ? std::string() : JsonString(messages[0], "id");
        },
        [](const json& j) {
          const json& error = ObjectMember(j, "error");
          std::string code = JsonString(error, "code");
          return JsonString(error, "message") + (code.empty() ? "" : " (code " + code + ")");
        });
    if (!out.delivered) {
      // Throttling comes back as 400 or 429 with a rate-limit code; it heals with time, but not
      // within the seconds of an ordinary backoff. The Cloud API names no wait, so each code
      // waits as long as its limit's documented window suggests.
      json j = json::parse(body, nullptr, false);
      std::string code = j.is_object() ? JsonString(ObjectMember(j, "error"), "code") : "";
      static const std::pair<std::string_view, int64_t> kThrottled[] = {
          {"4", 5 * 60 * 1000},      // app call limit (rolling hour)
          {"80007", 5 * 60 * 1000},  // WhatsApp Business Account rate limit (rolling hour)
          {"130429", 10 * 1000},     // throughput of the phone number
          {"131056", 6 * 1000},      // pair limit: one message per recipient every 6 s
      };
      for (const auto& [throttle, wait_ms] : kThrottled) {
        if (code == throttle) {
          out.retryable = true;
          out.retry_after_ms = wait_ms;
        }
      }
    }
    return out;
  }

 private:
  HandleResult Handshake(const WebhookRequest& req) const {
    if (req.Query("hub.mode") != "subscribe" || verify_token_.empty() ||
        !core::ConstantTimeEquals(req.Query("hub.verify_token"), verify_token_)) {
      return Rejected(403, "verify_failed",
                      "hub.mode must be 'subscribe' with the right hub.verify_token");
    }
    HandleResult result;
    // The challenge is echoed verbatim: Meta does not promise it is numeric.
    result.parsed.reply = WebhookReply{200, "text/plain", req.Query("hub.challenge")};
    return result;
  }

  void ParseValue(const json& value, std::set<std::string>& seen_ids, ParsedWebhook& out) const {
    std::map<std::string, std::string> names;  // wa_id -> profile name
    for (const json& contact : ArrayMember(value, "contacts")) {
      names[JsonString(contact, "wa_id")] = JsonString(ObjectMember(contact, "profile"), "name");
    }
    for (const json& message : ArrayMember(value, "messages")) {
      std::string id = JsonString(message, "id");
      if (id.empty()) {
        out.ignored.push_back("message without an id");
        continue;
      }
      if (!seen_ids.insert(id).second) continue;  // Meta repeats ids within one batch
      ParseMessage(message, id, names, out);
    }
    for (const json& status : ArrayMember(value, "statuses")) {
      core::DeliveryStatus ds;
      ds.channel = "whatsapp";
      ds.provider_message_id = JsonString(status, "id");
      ds.status = NormalizeStatus(JsonString(status, "status"));
      if (ds.provider_message_id.empty() || ds.status.empty()) {
        out.ignored.push_back("status '" + JsonString(status, "status") + "'");
        continue;
      }
      ds.at_ms = UnixSecondsMs(status, "timestamp");
      const json& errors = ArrayMember(status, "errors");
      if (!errors.empty()) {
        std::string code = JsonString(errors[0], "code");
        std::string title = JsonString(errors[0], "title");
        if (title.empty()) title = JsonString(errors[0], "message");
        ds.error = code.empty() ? title : code + ": " + title;
      }
      out.statuses.push_back(std::move(ds));
    }
  }

  void ParseMessage(const json& message, const std::string& id,
                    const std::map<std::string, std::string>& names, ParsedWebhook& out) const {
    core::InboundMessage msg;
    msg.channel = "whatsapp";
    msg.provider_message_id = id;
    std::string from = JsonString(message, "from");
    if (TrimView(from).empty()) {
      // Without a sender there is nobody to answer and no conversation to join.
      out.ignored.push_back("message " + id + " without 'from'");
      return;
    }
    std::string phone = core::NormalizeInternationalPhone(from);
    msg.sender = phone.empty() ? from : phone;
    if (auto it = names.find(from); it != names.end()) msg.display_name = it->second;
    msg.sent_at_ms = UnixSecondsMs(message, "timestamp");
    if (std::string context = JsonString(ObjectMember(message, "context"), "id");
        !context.empty()) {
      msg.in_reply_to.push_back(context);
    }
    std::string type = JsonString(message, "type");
    if (type == "text") {
      msg.text = JsonString(ObjectMember(message, "text"), "body");
    } else if (type == "image" || type == "document" || type == "audio" || type == "video" ||
               type == "sticker") {
      const json& media = ObjectMember(message, type.c_str());
      core::Media m;
      m.kind = type;
      m.reference = JsonString(media, "id");
      m.mime_type = JsonString(media, "mime_type");
      m.filename = JsonString(media, "filename");
      msg.text = JsonString(media, "caption");
      msg.media.push_back(std::move(m));
    } else if (type == "location") {
      const json& loc = ObjectMember(message, "location");
      auto lat = Coordinate(loc, "latitude");
      auto lon = Coordinate(loc, "longitude");
      if (!lat || !lon) {
        out.ignored.push_back("location without coordinates in " + id);
        return;
      }
      msg.location =
          core::Location{*lat, *lon, JsonString(loc, "name"), JsonString(loc, "address")};
    } else if (type == "interactive") {
      const json& interactive = ObjectMember(message, "interactive");
      std::string kind = JsonString(interactive, "type");  // button_reply | list_reply
      msg.text = JsonString(ObjectMember(interactive, kind.c_str()), "title");
    } else if (type == "button") {
      msg.text = JsonString(ObjectMember(message, "button"), "text");
    } else if (type == "contacts" && !ArrayMember(message, "contacts").empty()) {
      const json& card = ArrayMember(message, "contacts")[0];
      core::SharedContact contact;
      contact.name = JsonString(ObjectMember(card, "name"), "formatted_name");
      const json& phones = ArrayMember(card, "phones");
      if (!phones.empty()) {
        std::string raw = JsonString(phones[0], "wa_id");
        if (raw.empty()) raw = JsonString(phones[0], "phone");
        std::string normalized = core::NormalizeInternationalPhone(raw);
        contact.phone = normalized.empty() ? raw : normalized;
      }
      contact.is_sender = !contact.phone.empty() && contact.phone == msg.sender;
      msg.contact = std::move(contact);
    } else {
      out.ignored.push_back("message type '" + type + "' (" + id + ")");
      return;
    }
    out.messages.push_back(std::move(msg));
  }

  std::string app_secret_;
  std::string verify_token_;
  std::string phone_number_id_;
  std::string access_token_;
  WhatsAppMediaFetcher media_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeWhatsAppAdapter(const EnvLookup& env) {
  auto get = [&](const char* name) {
    auto v = env ? env(name) : std::nullopt;
    return v ? *v : std::string();
  };
  std::string secret = get("ADUAN_WHATSAPP_APP_SECRET");
  if (secret.empty()) return nullptr;
  return std::make_unique<WhatsAppAdapter>(secret, get("ADUAN_WHATSAPP_VERIFY_TOKEN"),
                                           get("ADUAN_WHATSAPP_PHONE_NUMBER_ID"),
                                           get("ADUAN_WHATSAPP_ACCESS_TOKEN"));
}

}  // namespace aduan::channels
