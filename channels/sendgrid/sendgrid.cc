#include "channels/sendgrid/sendgrid.h"

#include <nlohmann/json.hpp>

#include "channels/charset.h"
#include "channels/email/mime.h"
#include "channels/email/outgoing.h"
#include "channels/form.h"
#include "channels/util.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

using nlohmann::json;

std::string MediaKindOf(std::string_view type) {
  for (const char* kind : {"image", "video", "audio"}) {
    if (StartsWithIgnoreCase(type, std::string(kind) + "/")) return kind;
  }
  return "file";
}

class SendGridAdapter : public ChannelAdapter {
 public:
  SendGridAdapter(std::string token, std::string api_key, std::string from)
      : token_(std::move(token)), api_key_(std::move(api_key)), from_(std::move(from)) {}

  std::string_view name() const override { return "sendgrid"; }

  HandleResult Handle(const WebhookRequest& req) const override {
    if (!core::ConstantTimeEquals(req.Query("token"), token_)) {
      return Rejected(401, "bad_token", "the ?token= query parameter is missing or wrong");
    }
    if (RequestMediaType(req) != "multipart/form-data") {
      return Rejected(
          415, "unsupported_media_type",
          "Inbound Parse posts multipart/form-data, got '" + req.Header("Content-Type") + "'");
    }
    FormFields fields;
    if (auto error = ParseFormRequest(req, &fields)) {
      HandleResult result;
      result.error = std::move(error);
      return result;
    }
    ParsedEmail email;
    if (const FormField* raw = FindField(fields, "email")) {
      email = ParseEmail(raw->value);
    } else {
      ParseFields(fields, email);
    }
    if (email.from.address.empty()) {
      return Rejected(400, "missing_field",
                      "field 'from' (or a From header in 'email') is required");
    }
    HandleResult result;
    result.parsed.messages.push_back(EmailToInboundMessage(email, "sendgrid"));
    return result;
  }

  ProviderRequest FormatSend(const OutgoingMessage& message) const override {
    ProviderRequest req;
    req.path = "/v3/mail/send";
    req.content_type = "application/json";
    req.headers.emplace("Authorization", "Bearer " + api_key_);
    json body = {{"personalizations",
                  json::array({{{"to", json::array({{{"email", message.recipient}}})}}})},
                 {"from", FromJson()},
                 {"subject", OutgoingSubject(message.subject, "Tanggapan atas laporan Anda")},
                 {"content", json::array({{{"type", "text/plain"}, {"value", message.text}}})}};
    json headers = json::object();
    if (!message.in_reply_to.empty()) {
      headers["In-Reply-To"] = "<" + message.in_reply_to + ">";
      headers["References"] = ReferencesHeader(message);
    }
    if (!message.our_reference.empty()) headers["Message-ID"] = "<" + message.our_reference + ">";
    if (!headers.empty()) body["headers"] = headers;
    req.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return req;
  }

  // SendGrid answers 202 with an empty body; the id is in a response header we do not see.
  SendOutcome ParseSendResponse(int http_status, std::string_view body) const override {
    return JsonSendOutcome(
        http_status, body, [](const json&) { return std::string(); },
        [](const json& j) {
          auto it = j.find("errors");
          if (it == j.end() || !it->is_array() || it->empty()) return std::string();
          return JsonString((*it)[0], "message");
        });
  }

 private:
  // ADUAN_SENDGRID_FROM may be "Layanan Aduan <aduan@example.go.id>" as Mailgun's variable is;
  // SendGrid wants the name and the address apart.
  json FromJson() const {
    EmailAddress parsed = ParseAddress(from_);
    if (parsed.address.empty()) return {{"email", std::string(TrimView(from_))}};
    json from = {{"email", parsed.address}};
    if (!parsed.display_name.empty()) from["name"] = parsed.display_name;
    return from;
  }

  static void ParseFields(const FormFields& fields, ParsedEmail& email) {
    json charsets = json::parse(FieldValue(fields, "charsets"), nullptr, false);
    // Each field is in its own charset; SendGrid's parts carry none themselves.
    auto text_of = [&](const char* name) {
      std::string charset = charsets.is_object() ? JsonString(charsets, name) : "";
      return ToUtf8(FieldValue(fields, name), charset.empty() ? "utf-8" : charset);
    };
    email.headers = ParseHeaderBlock(FieldValue(fields, "headers"));
    ApplyHeaders(email.headers, email);
    std::string from = text_of("from");
    if (!TrimView(from).empty()) email.from = ParseAddress(from);
    if (email.from.address.empty()) {
      // The SMTP envelope is the last resort for a sender address.
      json envelope = json::parse(FieldValue(fields, "envelope"), nullptr, false);
      if (envelope.is_object()) email.from.address = AsciiLower(JsonString(envelope, "from"));
    }
    std::string subject = text_of("subject");
    if (!subject.empty()) email.subject = std::string(TrimView(subject));
    email.text_plain = text_of("text");
    email.text_html = text_of("html");

    json info = json::parse(FieldValue(fields, "attachment-info"), nullptr, false);
    for (const FormField& f : fields) {
      if (f.filename.empty()) continue;
      core::Media m;
      m.reference = core::SanitizeUtf8(f.name);
      m.filename = core::SanitizeUtf8(f.filename);
      m.mime_type = core::SanitizeUtf8(
          AsciiLower(TrimView(f.content_type.substr(0, f.content_type.find(';')))));
      m.size_bytes = static_cast<int64_t>(f.value.size());
      m.bytes = f.value;
      if (info.is_object() && info.contains(f.name) && info[f.name].is_object()) {
        const json& meta = info[f.name];
        if (std::string name = JsonString(meta, "filename"); !name.empty())
          m.filename = core::SanitizeUtf8(name);
        if (std::string type = JsonString(meta, "type"); !type.empty()) m.mime_type = type;
        m.content_id = core::SanitizeUtf8(JsonString(meta, "content-id"));
      }
      m.kind = MediaKindOf(m.mime_type);
      email.attachments.push_back(std::move(m));
    }
  }

  std::string token_;
  std::string api_key_;
  std::string from_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeSendGridAdapter(const EnvLookup& env) {
  auto get = [&](const char* name) {
    auto v = env ? env(name) : std::nullopt;
    return v ? *v : std::string();
  };
  std::string token = get("ADUAN_SENDGRID_TOKEN");
  if (token.empty()) return nullptr;
  return std::make_unique<SendGridAdapter>(token, get("ADUAN_SENDGRID_API_KEY"),
                                           get("ADUAN_SENDGRID_FROM"));
}

}  // namespace aduan::channels
