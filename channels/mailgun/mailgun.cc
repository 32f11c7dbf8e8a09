#include "channels/mailgun/mailgun.h"

#include <nlohmann/json.hpp>

#include "channels/email/mime.h"
#include "channels/email/outgoing.h"
#include "channels/email/text.h"
#include "channels/form.h"
#include "channels/util.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

using nlohmann::json;

constexpr int64_t kMaxSkewMs = 5 * 60 * 1000;

// Header fields Mailgun posts one by one; the JSON `message-headers` list is the fallback.
HeaderList HeadersOf(const FormFields& fields) {
  HeaderList headers;
  for (const char* name :
       {"Message-Id", "In-Reply-To", "References", "Date", "Reply-To", "From", "Subject"}) {
    std::string value = FieldValueIgnoreCase(fields, name);
    if (!value.empty()) headers.emplace_back(name, value);
  }
  json list = json::parse(FieldValue(fields, "message-headers"), nullptr, false);
  if (list.is_array()) {
    for (const json& pair : list) {
      if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
        std::string name = pair[0].get<std::string>();
        if (HeaderValue(headers, name).empty())
          headers.emplace_back(name, pair[1].get<std::string>());
      }
    }
  }
  return headers;
}

class MailgunAdapter : public ChannelAdapter {
 public:
  MailgunAdapter(std::string signing_key, std::string api_key, std::string domain, std::string from)
      : signing_key_(std::move(signing_key)),
        api_key_(std::move(api_key)),
        domain_(std::move(domain)),
        from_(std::move(from)) {}

  std::string_view name() const override { return "mailgun"; }

  HandleResult Handle(const WebhookRequest& req) const override {
    FormFields fields;
    if (auto error = ParseFormRequest(req, &fields)) {
      HandleResult result;
      result.error = std::move(error);
      return result;
    }
    if (auto error = Authenticate(fields, req.now_ms)) {
      HandleResult result;
      result.error = std::move(error);
      return result;
    }
    try {
      HandleResult result = Parse(fields);
      // The signature does not cover the body: the token may sign one message only. The
      // gateway records it with the message, durably, so neither a retry of a refused message
      // nor a restart changes that.
      for (core::InboundMessage& m : result.parsed.messages)
        m.replay_token = FieldValue(fields, "token");
      return result;
    } catch (const json::exception& e) {
      return Rejected(400, "malformed_payload", e.what());
    }
  }

  ProviderRequest FormatSend(const OutgoingMessage& message) const override {
    ProviderRequest req;
    req.path = "/v3/" + domain_ + "/messages";
    req.content_type = "application/x-www-form-urlencoded";
    req.headers.emplace("Authorization", BasicAuthorization("api", api_key_));
    std::vector<std::pair<std::string, std::string>> form = {
        {"from", from_},
        {"to", message.recipient},
        {"subject", OutgoingSubject(message.subject, "Tanggapan atas laporan Anda")},
        {"text", core::SanitizeUtf8(message.text)}};
    if (!message.in_reply_to.empty()) {
      // Both headers, so every client threads the reply under the resident's message.
      form.emplace_back("h:In-Reply-To", "<" + message.in_reply_to + ">");
      form.emplace_back("h:References", ReferencesHeader(message));
    }
    if (!message.our_reference.empty()) {
      form.emplace_back("h:Message-Id", "<" + message.our_reference + ">");
    }
    req.body = EncodeForm(form);
    return req;
  }

  SendOutcome ParseSendResponse(int http_status, std::string_view body) const override {
    return JsonSendOutcome(
        http_status, body, [](const json& j) { return StripAngles(JsonString(j, "id")); },
        [](const json& j) { return JsonString(j, "message"); });
  }

 private:
  std::optional<WebhookError> Authenticate(const FormFields& fields, int64_t now_ms) const {
    std::string timestamp = FieldValue(fields, "timestamp");
    std::string token = FieldValue(fields, "token");
    std::string signature = FieldValue(fields, "signature");
    if (timestamp.empty() || token.empty() || signature.empty()) {
      return WebhookError{401, "missing_signature",
                          "fields timestamp, token and signature are required"};
    }
    std::string expected = core::HexEncode(core::HmacSha256(signing_key_, timestamp + token));
    if (!core::ConstantTimeEquals(AsciiLower(TrimView(signature)), expected)) {
      return WebhookError{401, "bad_signature", "signature does not match timestamp and token"};
    }
    auto seconds = ParseInt64(timestamp);
    if (!seconds || *seconds > INT64_MAX / 1000 || *seconds < INT64_MIN / 1000 ||
        *seconds * 1000 < now_ms - kMaxSkewMs || *seconds * 1000 > now_ms + kMaxSkewMs) {
      return WebhookError{401, "stale_timestamp",
                          "timestamp " + timestamp + " is more than 5 minutes from now"};
    }
    return std::nullopt;
  }

  HandleResult Parse(const FormFields& fields) const {
    HandleResult result;
    ParsedEmail email;
    if (std::string mime = FieldValue(fields, "body-mime"); !mime.empty()) {
      email = ParseEmail(mime);
    } else {
      ApplyHeaders(HeadersOf(fields), email);
      std::string from = FieldValue(fields, "from");
      if (!from.empty()) email.from = ParseAddress(from);
      email.subject = core::SanitizeUtf8(FieldValue(fields, "subject"));
      email.text_plain = core::SanitizeUtf8(FieldValue(fields, "body-plain"));
      email.text_html = core::SanitizeUtf8(FieldValue(fields, "body-html"));
      CollectAttachments(fields, email);
    }
    if (email.from.address.empty()) {
      email.from.address = AsciiLower(core::SanitizeUtf8(TrimView(FieldValue(fields, "sender"))));
    }
    if (email.from.address.empty()) {
      return Rejected(400, "missing_field", "field 'from' or 'sender' is required");
    }
    core::InboundMessage msg = EmailToInboundMessage(email, "mailgun");
    // Mailgun's own quote stripping knows more layouts than ours; prefer it when present.
    if (std::string stripped = FieldValue(fields, "stripped-text"); !TrimView(stripped).empty()) {
      msg.text = StripQuotedReply(core::SanitizeUtf8(stripped));
    }
    result.parsed.messages.push_back(std::move(msg));
    return result;
  }

  static void CollectAttachments(const FormFields& fields, ParsedEmail& email) {
    json cids = json::parse(FieldValue(fields, "content-id-map"), nullptr, false);
    for (const FormField& f : fields) {
      if (f.filename.empty()) continue;  // file parts only: "attachment-count" is a plain field
      core::Media m;
      m.mime_type = core::SanitizeUtf8(
          AsciiLower(TrimView(f.content_type.substr(0, f.content_type.find(';')))));
      m.kind = m.mime_type.rfind("image/", 0) == 0   ? "image"
               : m.mime_type.rfind("video/", 0) == 0 ? "video"
               : m.mime_type.rfind("audio/", 0) == 0 ? "audio"
                                                     : "file";
      m.filename = core::SanitizeUtf8(f.filename);
      m.size_bytes = static_cast<int64_t>(f.value.size());
      m.bytes = f.value;
      m.reference = core::SanitizeUtf8(f.name);
      if (cids.is_object()) {
        for (const auto& [cid, field] : cids.items()) {
          if (field.is_string() && field.get<std::string>() == f.name)
            m.content_id = StripAngles(cid);
        }
      }
      email.attachments.push_back(std::move(m));
    }
    // Stored-message style: a JSON list of {url, content-type, name, size}.
    json stored = json::parse(FieldValue(fields, "attachments"), nullptr, false);
    if (stored.is_array()) {
      for (const json& a : stored) {
        if (!a.is_object()) continue;
        core::Media m;
        m.reference = JsonString(a, "url");
        m.mime_type = JsonString(a, "content-type");
        m.filename = JsonString(a, "name");
        auto size = ParseInt64(JsonString(a, "size"));
        m.size_bytes = size ? *size : -1;
        m.kind = "file";
        email.attachments.push_back(std::move(m));
      }
    }
  }

  std::string signing_key_;
  std::string api_key_;
  std::string domain_;
  std::string from_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeMailgunAdapter(const EnvLookup& env) {
  auto get = [&](const char* name) {
    auto v = env ? env(name) : std::nullopt;
    return v ? *v : std::string();
  };
  std::string key = get("ADUAN_MAILGUN_SIGNING_KEY");
  if (key.empty()) return nullptr;
  return std::make_unique<MailgunAdapter>(key, get("ADUAN_MAILGUN_API_KEY"),
                                          get("ADUAN_MAILGUN_DOMAIN"), get("ADUAN_MAILGUN_FROM"));
}

}  // namespace aduan::channels
