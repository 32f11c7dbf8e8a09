#include "channels/sign_webhook.h"

#include "channels/form.h"
#include "channels/twilio/twilio.h"
#include "channels/util.h"
#include "core/crypto.h"
#include "core/random_id.h"

namespace aduan::channels {
namespace {

std::string Secret(const EnvLookup& env, const std::string& name, std::string* error) {
  std::string v = env(name).value_or("");
  if (v.empty() && error->empty()) *error = name + " is not set (the gateway reads it too)";
  return v;
}

// Replaces (or appends) `name`'s value in a urlencoded form, keeping every other byte.
std::string SetFormField(const std::string& form, const std::string& name,
                         const std::string& value) {
  std::string out;
  bool done = false;
  size_t start = 0;
  while (start <= form.size()) {
    size_t end = form.find('&', start);
    if (end == std::string::npos) end = form.size();
    std::string pair = form.substr(start, end - start);
    if (!done && pair.rfind(name + "=", 0) == 0) {
      pair = name + "=" + value;
      done = true;
    }
    if (!pair.empty()) out += (out.empty() ? "" : "&") + pair;
    start = end + 1;
  }
  if (!done) out += (out.empty() ? "" : "&") + name + "=" + value;
  return out;
}

}  // namespace

std::string ContentTypeOfRecording(const std::string& file_name, const std::string& body) {
  auto ends_with = [&](const std::string& ext) {
    return file_name.size() >= ext.size() &&
           file_name.compare(file_name.size() - ext.size(), ext.size(), ext) == 0;
  };
  if (ends_with(".json")) return "application/json";
  if (ends_with(".form")) {
    if (body.rfind("--", 0) == 0) {
      std::string boundary = body.substr(2, body.find_first_of("\r\n") - 2);
      return "multipart/form-data; boundary=" + boundary;
    }
    return "application/x-www-form-urlencoded";
  }
  if (ends_with(".multipart")) {
    std::string boundary = body.substr(2, body.find_first_of("\r\n") - 2);
    return "multipart/form-data; boundary=" + boundary;
  }
  if (ends_with(".eml")) return "message/rfc822";
  return "application/octet-stream";
}

std::optional<SignedWebhook> SignWebhook(const std::string& channel, const std::string& body,
                                         const std::string& content_type,
                                         const std::string& base_url, const EnvLookup& env,
                                         int64_t now_s, std::string* error) {
  SignedWebhook out;
  out.url = base_url + "/webhooks/" + channel;
  out.body = body;
  out.headers.emplace_back("Content-Type", content_type);
  error->clear();
  if (channel == "generic") {
    // No signature: the generic webhook belongs behind the city's own network.
  } else if (channel == "sms") {
    out.url += "?token=" + Secret(env, "ADUAN_SMS_TOKEN", error);
  } else if (channel == "sendgrid") {
    out.url += "?token=" + Secret(env, "ADUAN_SENDGRID_TOKEN", error);
  } else if (channel == "telegram") {
    out.headers.emplace_back("X-Telegram-Bot-Api-Secret-Token",
                             Secret(env, "ADUAN_TELEGRAM_SECRET_TOKEN", error));
  } else if (channel == "whatsapp") {
    std::string secret = Secret(env, "ADUAN_WHATSAPP_APP_SECRET", error);
    out.headers.emplace_back("X-Hub-Signature-256",
                             "sha256=" + core::HexEncode(core::HmacSha256(secret, body)));
  } else if (channel == "twilio") {
    std::string token = Secret(env, "ADUAN_TWILIO_AUTH_TOKEN", error);
    auto params = ParseUrlEncoded(body);
    if (!params) {
      *error = "the Twilio recording is not a urlencoded form";
      return std::nullopt;
    }
    out.headers.emplace_back("X-Twilio-Signature", TwilioSignature(token, out.url, *params));
  } else if (channel == "mailgun") {
    // Mailgun signs timestamp + token inside the form; a recording is re-signed as of now with
    // a fresh token, as Mailgun does for every post.
    std::string key = Secret(env, "ADUAN_MAILGUN_SIGNING_KEY", error);
    if (content_type.rfind("application/x-www-form-urlencoded", 0) != 0) {
      *error = "only urlencoded Mailgun recordings can be re-signed";
      return std::nullopt;
    }
    std::string timestamp = std::to_string(now_s);
    std::string token = core::HexEncode(core::RandomBytes(25));
    out.body = SetFormField(body, "timestamp", timestamp);
    out.body = SetFormField(out.body, "token", token);
    out.body = SetFormField(out.body, "signature",
                            core::HexEncode(core::HmacSha256(key, timestamp + token)));
  } else {
    *error = "no channel '" + channel + "'";
    return std::nullopt;
  }
  if (!error->empty()) return std::nullopt;
  return out;
}

}  // namespace aduan::channels
