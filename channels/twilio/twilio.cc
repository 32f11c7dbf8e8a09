#include "channels/twilio/twilio.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "channels/sms/gsm7.h"
#include "channels/twilio/twilio_media.h"
#include "channels/util.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/phone.h"
#include "core/utf8.h"

namespace aduan::channels {
namespace {

constexpr char kEmptyTwiml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

// Twilio's vocabulary folded into DeliveryStatus's. Empty: not about a message we sent.
std::string NormalizeStatus(std::string_view s) {
  if (s == "queued" || s == "accepted" || s == "scheduled" || s == "sending") return "queued";
  if (s == "sent") return "sent";
  if (s == "delivered" || s == "partially_delivered") return "delivered";
  if (s == "read") return "read";
  if (s == "failed" || s == "undelivered" || s == "canceled") return "failed";
  return {};
}

std::string MediaKind(std::string_view content_type) {
  for (const char* kind : {"image", "video", "audio"}) {
    if (StartsWithIgnoreCase(content_type, std::string(kind) + "/")) return kind;
  }
  return "file";
}

// "whatsapp:+62812..." (Twilio's WhatsApp sender) keeps its prefix; plain numbers become E.164.
std::string Address(std::string_view raw) {
  raw = TrimView(raw);
  size_t colon = raw.find(':');
  std::string prefix = colon == std::string_view::npos ? "" : std::string(raw.substr(0, colon + 1));
  std::string_view number = raw.substr(prefix.size());
  std::string phone = core::NormalizeInternationalPhone(number);
  return phone.empty() ? std::string(raw) : prefix + phone;
}

bool IsWhatsApp(std::string_view address) { return address.rfind("whatsapp:", 0) == 0; }

// The same URL with its default port written out, or without it when it is written out
// ("https://h/x" <-> "https://h:443/x"); "" for other schemes and ports. Twilio signs whichever
// form it was configured with, and its own validator accepts both.
std::string OtherPortForm(std::string_view url) {
  int default_port = 0;
  size_t host_start = 0;
  if (StartsWithIgnoreCase(url, "https://")) {
    default_port = 443, host_start = 8;
  } else if (StartsWithIgnoreCase(url, "http://")) {
    default_port = 80, host_start = 7;
  } else {
    return "";
  }
  size_t host_end = url.find_first_of("/?#", host_start);
  if (host_end == std::string_view::npos) host_end = url.size();
  std::string_view authority = url.substr(host_start, host_end - host_start);
  std::string_view rest = url.substr(host_end);
  std::string_view head = url.substr(0, host_start);
  size_t colon = authority.rfind(':');
  // An IPv6 literal's colons sit inside brackets.
  if (colon != std::string_view::npos && authority.find(']', colon) == std::string_view::npos) {
    if (authority.substr(colon + 1) != std::to_string(default_port)) return "";
    return std::string(head) + std::string(authority.substr(0, colon)) + std::string(rest);
  }
  return std::string(head) + std::string(authority) + ":" + std::to_string(default_port) +
         std::string(rest);
}

// ADUAN_TWILIO_FROM: one sender or several separated by commas ("+1202...,whatsapp:+1415...").
std::vector<std::string> SplitSenders(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string_view one = TrimView(list.substr(0, comma));
    if (!one.empty()) out.emplace_back(one);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return out;
}

class TwilioAdapter : public ChannelAdapter {
 public:
  TwilioAdapter(std::string auth_token, std::string account_sid, std::string from)
      : auth_token_(std::move(auth_token)),
        account_sid_(std::move(account_sid)),
        senders_(SplitSenders(from)),
        media_(account_sid_, auth_token_) {}

  const MediaFetcher* media_fetcher() const override { return &media_; }

  std::string_view name() const override { return "twilio"; }

  HandleResult Handle(const WebhookRequest& req) const override {
    FormFields params;
    if (auto error = ParseFormRequest(req, &params)) {
      HandleResult result;
      result.error = std::move(error);
      return result;
    }
    std::string signature = req.Header("X-Twilio-Signature");
    if (signature.empty()) {
      return Rejected(401, "missing_signature", "X-Twilio-Signature header is missing");
    }
    if (req.public_url.empty()) {
      return Rejected(401, "bad_signature",
                      "cannot verify X-Twilio-Signature: the public URL is unknown "
                      "(set ADUAN_PUBLIC_BASE_URL)");
    }
    std::string other_form = OtherPortForm(req.public_url);
    bool signed_ok =
        core::ConstantTimeEquals(TrimView(signature),
                                 TwilioSignature(auth_token_, req.public_url, params)) ||
        (!other_form.empty() &&
         core::ConstantTimeEquals(TrimView(signature),
                                  TwilioSignature(auth_token_, other_form, params)));
    if (!signed_ok) {
      return Rejected(
          401, "bad_signature",
          "X-Twilio-Signature does not match " + req.public_url + " and the parameters");
    }
    HandleResult result;
    result.parsed.reply = WebhookReply{200, "text/xml", kEmptyTwiml};
    // Every string handed on must be UTF-8 (channels/charset.h): the form may carry any bytes.
    std::string sid = core::SanitizeUtf8(FieldValue(params, "MessageSid"));
    if (sid.empty()) sid = core::SanitizeUtf8(FieldValue(params, "SmsSid"));
    if (sid.empty()) return Rejected(400, "missing_field", "field 'MessageSid' is required");

    bool has_body = FindField(params, "Body") != nullptr;
    std::string status = FieldValue(params, "MessageStatus");
    if (!status.empty() && !has_body) {
      core::DeliveryStatus ds;
      ds.channel = "twilio";
      ds.provider_message_id = sid;
      ds.status = NormalizeStatus(status);
      if (ds.status.empty()) {
        // "received"/"receiving" describe an inbound message, not one of ours.
        result.parsed.ignored.push_back("status '" + status + "' for " + sid);
        return result;
      }
      std::string code = FieldValue(params, "ErrorCode");
      std::string text = FieldValue(params, "ErrorMessage");
      ds.error =
          core::SanitizeUtf8(code.empty() ? text : (text.empty() ? code : code + ": " + text));
      if (ds.error.empty() && status != ds.status && ds.status == "failed") ds.error = status;
      ds.at_ms = req.now_ms;  // Twilio sends no event time (RawDlrDoneDate is the carrier's)
      result.parsed.statuses.push_back(std::move(ds));
      return result;
    }

    std::string from = FieldValue(params, "From");
    if (TrimView(from).empty()) return Rejected(400, "missing_field", "field 'From' is required");
    core::InboundMessage msg;
    msg.channel = "twilio";
    msg.provider_message_id = sid;
    msg.sender = core::SanitizeUtf8(Address(from));
    if (std::string to = FieldValue(params, "To"); !TrimView(to).empty()) {
      msg.our_address = core::SanitizeUtf8(Address(to));
    }
    msg.display_name =
        core::SanitizeUtf8(FieldValue(params, "ProfileName"));  // WhatsApp via Twilio
    msg.text = core::SanitizeUtf8(FieldValue(params, "Body"));
    auto num_media = ParseInt64(FieldValue(params, "NumMedia"));
    for (int64_t i = 0; num_media && i < std::min<int64_t>(*num_media, 20); ++i) {
      std::string url = FieldValue(params, "MediaUrl" + std::to_string(i));
      if (url.empty()) continue;
      core::Media m;
      m.mime_type = core::SanitizeUtf8(FieldValue(params, "MediaContentType" + std::to_string(i)));
      m.kind = MediaKind(m.mime_type);
      m.reference = core::SanitizeUtf8(url);
      msg.media.push_back(std::move(m));
    }
    std::string lat = FieldValue(params, "Latitude");
    std::string lon = FieldValue(params, "Longitude");
    if (!lat.empty() && !lon.empty()) {
      try {
        msg.location = core::Location{std::stod(lat), std::stod(lon), "",
                                      core::SanitizeUtf8(FieldValue(params, "Address"))};
      } catch (...) {
        // An unreadable coordinate is dropped; the message itself still counts.
      }
    }
    result.parsed.messages.push_back(std::move(msg));
    return result;
  }

  ProviderRequest FormatSend(const OutgoingMessage& message) const override {
    ProviderRequest req;
    req.path = "/2010-04-01/Accounts/" + account_sid_ + "/Messages.json";
    req.content_type = "application/x-www-form-urlencoded";
    req.headers.emplace("Authorization", BasicAuthorization(account_sid_, auth_token_));
    // WhatsApp through Twilio is not billed per SMS segment; keep its text as written.
    bool sms = !IsWhatsApp(message.recipient);
    req.body =
        EncodeForm({{"To", Address(message.recipient)},
                    {"From", SenderFor(message)},
                    {"Body", sms ? ToGsm7Safe(message.text) : core::SanitizeUtf8(message.text)}});
    return req;
  }

  SendOutcome ParseSendResponse(int http_status, std::string_view body) const override {
    return JsonSendOutcome(
        http_status, body, [](const nlohmann::json& j) { return JsonString(j, "sid"); },
        [](const nlohmann::json& j) {
          std::string code = JsonString(j, "code");
          return JsonString(j, "message") + (code.empty() ? "" : " (code " + code + ")");
        });
  }

 private:
  // Twilio refuses a WhatsApp recipient with an SMS sender and the reverse (error 21910): the
  // reply leaves from the address the resident wrote to, else from a configured sender of the
  // same kind, else from the first configured one.
  std::string SenderFor(const OutgoingMessage& message) const {
    bool whatsapp = IsWhatsApp(message.recipient);
    if (!message.our_address.empty() && IsWhatsApp(message.our_address) == whatsapp) {
      return Address(message.our_address);
    }
    for (const std::string& s : senders_) {
      if (IsWhatsApp(s) == whatsapp) return s;
    }
    return senders_.empty() ? std::string() : senders_.front();
  }

  std::string auth_token_;
  std::string account_sid_;
  std::vector<std::string> senders_;
  TwilioMediaFetcher media_;
};

}  // namespace

std::string TwilioSignature(std::string_view auth_token, std::string_view url,
                            const FormFields& params) {
  std::vector<std::pair<std::string_view, std::string_view>> sorted;
  sorted.reserve(params.size());
  for (const auto& f : params) sorted.emplace_back(f.name, f.value);
  std::sort(sorted.begin(), sorted.end());
  std::string data(url.substr(0, url.find('#')));
  for (const auto& [name, value] : sorted) {
    data += name;
    data += value;
  }
  return core::Base64Encode(core::HmacSha1(auth_token, data));
}

std::unique_ptr<ChannelAdapter> MakeTwilioAdapter(const EnvLookup& env) {
  auto get = [&](const char* name) {
    auto v = env ? env(name) : std::nullopt;
    return v ? *v : std::string();
  };
  std::string token = get("ADUAN_TWILIO_AUTH_TOKEN");
  if (token.empty()) return nullptr;
  return std::make_unique<TwilioAdapter>(token, get("ADUAN_TWILIO_ACCOUNT_SID"),
                                         get("ADUAN_TWILIO_FROM"));
}

}  // namespace aduan::channels
