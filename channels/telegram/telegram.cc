#include "channels/telegram/telegram.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "channels/telegram/telegram_media.h"
#include "channels/util.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/phone.h"

namespace aduan::channels {
namespace {

using nlohmann::json;

const json* Member(const json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  return it == object.end() || it->is_null() ? nullptr : &*it;
}

const json& ObjectOrEmpty(const json* value) {
  static const json kEmpty = json::object();
  return value && value->is_object() ? *value : kEmpty;
}

int64_t IntOr(const json& object, const char* key, int64_t fallback) {
  auto v = ParseInt64(JsonString(object, key));
  return v ? *v : fallback;
}

std::string FullName(const json& person) {
  std::string name = JsonString(person, "first_name");
  std::string last = JsonString(person, "last_name");
  if (!last.empty()) name += name.empty() ? last : " " + last;
  return name;
}

core::Media FileMedia(const json& file, std::string kind) {
  core::Media m;
  m.kind = std::move(kind);
  m.reference = JsonString(file, "file_id");
  m.mime_type = JsonString(file, "mime_type");
  m.filename = JsonString(file, "file_name");
  m.size_bytes = IntOr(file, "file_size", -1);
  return m;
}

class TelegramAdapter : public ChannelAdapter {
 public:
  TelegramAdapter(std::string secret_token, std::string bot_token)
      : secret_token_(std::move(secret_token)),
        bot_token_(std::move(bot_token)),
        media_(bot_token_) {}

  const MediaFetcher* media_fetcher() const override { return &media_; }

  std::string_view name() const override { return "telegram"; }

  HandleResult Handle(const WebhookRequest& req) const override {
    if (!core::ConstantTimeEquals(req.Header("X-Telegram-Bot-Api-Secret-Token"), secret_token_)) {
      return Rejected(401, "bad_token", "X-Telegram-Bot-Api-Secret-Token is missing or wrong");
    }
    if (RequestMediaType(req) != "application/json") {
      return Rejected(
          415, "unsupported_media_type",
          "Content-Type must be application/json, got '" + req.Header("Content-Type") + "'");
    }
    json update = json::parse(req.body, nullptr, /*allow_exceptions=*/false);
    if (update.is_discarded() || !update.is_object()) {
      return Rejected(400, "malformed_json", "body is not a JSON object (or not valid UTF-8)");
    }
    std::string update_id = JsonString(update, "update_id");
    if (update_id.empty()) return Rejected(400, "missing_field", "field 'update_id' is required");
    try {
      bool is_edit = false;
      const json* message = Member(update, "message");
      if (!message) {
        message = Member(update, "edited_message");
        is_edit = message != nullptr;
      }
      HandleResult result;
      if (!message) {
        std::string kind = "empty";
        for (const auto& [key, value] : update.items()) {
          if (key != "update_id") kind = key;
        }
        result.parsed.ignored.push_back("update kind '" + kind + "' (" + update_id + ")");
        return result;
      }
      return ParseMessage(*message, update_id, is_edit);
    } catch (const json::exception& e) {
      return Rejected(400, "malformed_payload", std::string("unexpected JSON shape: ") + e.what());
    }
  }

  ProviderRequest FormatSend(const OutgoingMessage& message) const override {
    ProviderRequest req;
    req.path = "/bot" + bot_token_ + "/sendMessage";
    req.content_type = "application/json";
    json body;
    // Chat ids are integers (negative for groups); "@channel" names are strings.
    if (auto id = ParseInt64(message.recipient)) {
      body["chat_id"] = *id;
    } else {
      body["chat_id"] = message.recipient;
    }
    body["text"] = message.text;
    // Quote the message answered: inbound ids are "<chat>:<message>" (an edit adds
    // ":edit-<update>"). Only within the same chat; a deleted original must not fail the send.
    std::string_view answered = message.in_reply_to;
    if (size_t colon = answered.find(':');
        colon != std::string_view::npos && answered.substr(0, colon) == message.recipient) {
      std::string_view rest = answered.substr(colon + 1);
      if (auto id = ParseInt64(rest.substr(0, rest.find(':')))) {
        body["reply_parameters"] = {{"message_id", *id}, {"allow_sending_without_reply", true}};
      }
    }
    req.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
    return req;
  }

  SendOutcome ParseSendResponse(int http_status, std::string_view body) const override {
    SendOutcome out = JsonSendOutcome(
        http_status, body,
        [](const json& j) {
          const json& result = ObjectOrEmpty(Member(j, "result"));
          std::string message_id = JsonString(result, "message_id");
          std::string chat_id = JsonString(ObjectOrEmpty(Member(result, "chat")), "id");
          if (message_id.empty()) return std::string();
          // The same "<chat>:<message>" form as inbound ids, so replies can be matched up.
          return chat_id.empty() ? message_id : chat_id + ":" + message_id;
        },
        [](const json& j) { return JsonString(j, "description"); });
    if (!out.delivered) {
      // Flood control names the wait in seconds: retrying sooner only extends the ban.
      json j = json::parse(body, nullptr, false);
      auto seconds = ParseInt64(JsonString(ObjectOrEmpty(Member(j, "parameters")), "retry_after"));
      if (seconds && *seconds >= 0) {
        out.retryable = true;
        out.retry_after_ms = std::min<int64_t>(*seconds, 366 * 24 * 3600) * 1000;
      }
    }
    return out;
  }

 private:
  HandleResult ParseMessage(const json& message, const std::string& update_id, bool is_edit) const {
    std::string message_id = JsonString(message, "message_id");
    const json& chat = ObjectOrEmpty(Member(message, "chat"));
    std::string chat_id = JsonString(chat, "id");
    if (message_id.empty() || chat_id.empty()) {
      return Rejected(400, "missing_field", "message needs 'message_id' and 'chat.id'");
    }
    HandleResult result;
    core::InboundMessage msg;
    msg.channel = "telegram";
    std::string key = chat_id + ":" + message_id;
    if (is_edit) {
      msg.is_edit = true;
      msg.edits_message_id = key;
      msg.provider_message_id = key + ":edit-" + update_id;
    } else {
      msg.provider_message_id = key;
    }
    const json& from = ObjectOrEmpty(Member(message, "from"));
    std::string from_id = JsonString(from, "id");
    // Anonymous group admins and channel posts carry no `from`; the chat is the sender then.
    msg.sender = from_id.empty() ? chat_id : from_id;
    msg.display_name = FullName(from);
    if (msg.display_name.empty()) msg.display_name = JsonString(from, "username");
    msg.reply_address = chat_id;
    int64_t at = is_edit ? IntOr(message, "edit_date", 0) : 0;
    if (at == 0) at = IntOr(message, "date", 0);
    msg.sent_at_ms = at > 0 ? at * 1000 : 0;
    if (const json* reply = Member(message, "reply_to_message")) {
      std::string replied = JsonString(*reply, "message_id");
      if (!replied.empty()) msg.in_reply_to.push_back(chat_id + ":" + replied);
    }

    msg.text = JsonString(message, "text");
    if (msg.text.empty()) msg.text = JsonString(message, "caption");
    bool understood = !msg.text.empty();

    if (const json* photo = Member(message, "photo");
        photo && photo->is_array() && !photo->empty()) {
      // Every element is the same picture at another size: keep the largest.
      const json* best = nullptr;
      int64_t best_area = -1;
      for (const json& size : *photo) {
        int64_t area = IntOr(size, "width", 0) * IntOr(size, "height", 0);
        if (area >= best_area) best = &size, best_area = area;
      }
      msg.media.push_back(FileMedia(*best, "image"));
    }
    // An animation also arrives as `document`; take the more specific field only.
    static const std::pair<const char*, const char*> kFileKinds[] = {
        {"animation", "video"}, {"video", "video"},     {"video_note", "video"}, {"voice", "audio"},
        {"audio", "audio"},     {"sticker", "sticker"}, {"document", "document"}};
    for (const auto& [field, kind] : kFileKinds) {
      if (const json* file = Member(message, field); file && file->is_object()) {
        msg.media.push_back(FileMedia(*file, kind));
        break;
      }
    }
    if (const json* loc = Member(message, "location"); loc && loc->is_object()) {
      const json* lat = Member(*loc, "latitude");
      const json* lon = Member(*loc, "longitude");
      if (lat && lon && lat->is_number() && lon->is_number()) {
        core::Location location{lat->get<double>(), lon->get<double>(), "", ""};
        const json& venue = ObjectOrEmpty(Member(message, "venue"));
        location.name = JsonString(venue, "title");
        location.address = JsonString(venue, "address");
        msg.location = std::move(location);
      }
    }
    if (const json* card = Member(message, "contact"); card && card->is_object()) {
      core::SharedContact contact;
      std::string raw = JsonString(*card, "phone_number");
      std::string phone = core::NormalizeInternationalPhone(raw);
      contact.phone = phone.empty() ? raw : phone;
      contact.name = FullName(*card);
      std::string user_id = JsonString(*card, "user_id");
      contact.is_sender = !user_id.empty() && user_id == from_id;
      msg.contact = std::move(contact);
    }
    understood = understood || !msg.media.empty() || msg.location || msg.contact;
    if (!understood) {
      result.parsed.ignored.push_back("message " + key +
                                      " has no text, media, location or contact");
      return result;
    }
    result.parsed.messages.push_back(std::move(msg));
    return result;
  }

  std::string secret_token_;
  std::string bot_token_;
  TelegramMediaFetcher media_;
};

}  // namespace

std::unique_ptr<ChannelAdapter> MakeTelegramAdapter(const EnvLookup& env) {
  auto secret = env ? env("ADUAN_TELEGRAM_SECRET_TOKEN") : std::nullopt;
  if (!secret || secret->empty()) return nullptr;
  auto bot = env("ADUAN_TELEGRAM_BOT_TOKEN");
  return std::make_unique<TelegramAdapter>(*secret, bot ? *bot : std::string());
}

}  // namespace aduan::channels
