#include "channels/telegram/telegram.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/test_util.h"
#include "core/crypto.h"

namespace aduan::channels {
namespace {

using nlohmann::json;
using testing::FakeEnv;
using testing::MakePost;
using testing::ReadTestdata;

constexpr char kSecret[] = "Lapor_Cilegon-9d2f7c1e";

json Meta(const std::string& name) { return testing::ReadMeta("telegram/testdata/" + name); }

WebhookRequest Post(const std::string& body, const std::string& secret = kSecret) {
  auto req = MakePost("/webhooks/telegram", "application/json", body);
  if (!secret.empty()) req.headers.emplace("X-Telegram-Bot-Api-Secret-Token", secret);
  return req;
}

class TelegramTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChannelAdapter> adapter_ = MakeTelegramAdapter(FakeEnv({
      {"ADUAN_TELEGRAM_SECRET_TOKEN", kSecret},
      {"ADUAN_TELEGRAM_BOT_TOKEN", "123456:ABC-test"},
  }));

  HandleResult HandleFile(const std::string& name, bool check_meta = true) {
    const std::string stem = "telegram/testdata/" + name;
    if (!check_meta) return adapter_->Handle(Post(ReadTestdata(stem + ".json"), kSecret));
    auto f = testing::LoadFixture(stem, "json");
    return adapter_->Handle(Post(f.body, f.meta["signature"]["value"]));
  }
};

TEST_F(TelegramTest, DisabledWithoutSecretToken) {
  EXPECT_EQ(MakeTelegramAdapter(FakeEnv({{"ADUAN_TELEGRAM_BOT_TOKEN", "x"}})), nullptr);
  ASSERT_NE(adapter_, nullptr);
  EXPECT_EQ(adapter_->name(), "telegram");
}

TEST_F(TelegramTest, TextFixture) {
  json expected = Meta("telegram_message")["expected"];
  auto r = HandleFile("telegram_message");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.channel, "telegram");
  EXPECT_EQ(m.sender, std::to_string(expected["sender_id"].get<int64_t>()));
  EXPECT_EQ(m.reply_address, std::to_string(expected["chat_id"].get<int64_t>()));
  EXPECT_EQ(m.display_name, expected["sender_name"]);
  EXPECT_EQ("tg:" + m.provider_message_id, expected["message_key"]);
  EXPECT_EQ(m.text, expected["text"]);
  EXPECT_EQ(m.sent_at_ms, expected["timestamp_unix"].get<int64_t>() * 1000);
  EXPECT_FALSE(m.is_edit);
}

TEST_F(TelegramTest, PhotoFixtureTakesTheLargestSizeAndTheCaption) {
  json expected = Meta("telegram_photo")["expected"];
  auto r = HandleFile("telegram_photo");
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.text, expected["text"]);
  EXPECT_EQ("tg:" + m.provider_message_id, expected["message_key"]);
  ASSERT_EQ(m.media.size(), 1u);
  EXPECT_EQ(m.media[0].kind, "image");
  EXPECT_EQ(m.media[0].reference, expected["attachments"][0]["file_id"]);
  EXPECT_EQ(m.media[0].size_bytes, 214088);
}

TEST_F(TelegramTest, LocationFixture) {
  json expected = Meta("telegram_location")["expected"];
  auto r = HandleFile("telegram_location");
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.text, "");
  ASSERT_TRUE(m.location);
  EXPECT_DOUBLE_EQ(m.location->latitude, expected["location"]["latitude"].get<double>());
  EXPECT_DOUBLE_EQ(m.location->longitude, expected["location"]["longitude"].get<double>());
  EXPECT_EQ(m.sent_at_ms, expected["timestamp_unix"].get<int64_t>() * 1000);
}

TEST_F(TelegramTest, ContactFixtureNormalisesThePhone) {
  json expected = Meta("telegram_contact")["expected"];
  auto r = HandleFile("telegram_contact");
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  ASSERT_TRUE(m.contact);
  EXPECT_EQ(m.contact->phone, expected["contact"]["phone_number"]);
  EXPECT_EQ(m.contact->is_sender, expected["contact"]["is_own_number"].get<bool>());
  EXPECT_EQ(m.contact->name, "Siti Rahmawati");
}

TEST_F(TelegramTest, EditGetsItsOwnIdAndPointsAtTheOriginal) {
  auto original = HandleFile("telegram_message");
  auto edit = HandleFile("telegram_edited_message", /*check_meta=*/false);
  ASSERT_FALSE(edit.error) << edit.error->message;
  const auto& m = edit.parsed.messages.at(0);
  EXPECT_TRUE(m.is_edit);
  EXPECT_EQ(m.edits_message_id, original.parsed.messages.at(0).provider_message_id);
  EXPECT_NE(m.provider_message_id, m.edits_message_id);
  EXPECT_EQ(m.provider_message_id, "5123456789:1204:edit-731540202");
  EXPECT_EQ(m.sent_at_ms, 1717377395000);  // the edit's time
  EXPECT_NE(m.text.find("(3 tiang)"), std::string::npos);
  // A redelivered edit is the same edit.
  auto again = HandleFile("telegram_edited_message", false);
  EXPECT_EQ(again.parsed.messages.at(0).provider_message_id, m.provider_message_id);
}

TEST_F(TelegramTest, GroupVenueWithReply) {
  auto r = HandleFile("telegram_venue", false);
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.sender, "6011223344");
  EXPECT_EQ(m.reply_address, "-1001234567890");
  EXPECT_EQ(m.provider_message_id, "-1001234567890:88");
  EXPECT_EQ(m.display_name, "Joko");
  ASSERT_TRUE(m.location);
  EXPECT_EQ(m.location->name, "Pasar Kranggot");
  EXPECT_EQ(m.location->address, "Jl. Raya Merak, Cilegon");
  EXPECT_EQ(m.in_reply_to, std::vector<std::string>{"-1001234567890:80"});
}

TEST_F(TelegramTest, DocumentWithCommandCaptionIsPlainText) {
  auto r = HandleFile("telegram_document", false);
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.text, "/status ADU-7K3QX9M4");
  ASSERT_EQ(m.media.size(), 1u);
  EXPECT_EQ(m.media[0].kind, "document");
  EXPECT_EQ(m.media[0].filename, "surat pengantar.pdf");
  EXPECT_EQ(m.media[0].mime_type, "application/pdf");
  EXPECT_EQ(m.media[0].size_bytes, 48213);
}

TEST_F(TelegramTest, StartCommandIsPlainText) {
  auto r = adapter_->Handle(Post(
      R"({"update_id":1,"message":{"message_id":2,"from":{"id":3},"chat":{"id":3},"date":4,"text":"/start","entities":[{"offset":0,"length":6,"type":"bot_command"}]}})"));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.parsed.messages.at(0).text, "/start");
}

TEST_F(TelegramTest, OtherUpdatesAreIgnored) {
  for (const char* name : {"telegram_callback_query", "telegram_sticker_only_service"}) {
    auto r = HandleFile(name, false);
    ASSERT_FALSE(r.error) << name;
    EXPECT_TRUE(r.parsed.messages.empty()) << name;
    EXPECT_EQ(r.parsed.ignored.size(), 1u) << name;
  }
  auto cb = HandleFile("telegram_callback_query", false);
  EXPECT_NE(cb.parsed.ignored[0].find("callback_query"), std::string::npos);
  auto channel = adapter_->Handle(Post(
      R"({"update_id":9,"channel_post":{"message_id":1,"chat":{"id":-1},"date":1,"text":"x"}})"));
  EXPECT_NE(channel.parsed.ignored.at(0).find("channel_post"), std::string::npos);
}

TEST_F(TelegramTest, RejectsBadSecrets) {
  std::string body = ReadTestdata("telegram/testdata/telegram_message.json");
  for (const std::string& secret :
       {std::string(), std::string("Lapor_Cilegon-wrong"), std::string(kSecret) + "x",
        std::string("lapor_cilegon-9d2f7c1e")}) {
    auto r = adapter_->Handle(Post(body, secret));
    ASSERT_TRUE(r.error) << secret;
    EXPECT_EQ(r.error->http_status, 401);
    EXPECT_EQ(r.error->code, "bad_token");
  }
}

TEST_F(TelegramTest, RejectsMalformedBodies) {
  const std::vector<std::tuple<std::string, std::string, int, std::string>> cases = {
      {"application/x-www-form-urlencoded", "update_id=1", 415, "unsupported_media_type"},
      {"application/json", "{\"update_id\":1,", 400, "malformed_json"},
      {"application/json", "\"text\"", 400, "malformed_json"},
      {"application/json", "{\"message\":{}}", 400, "missing_field"},
      {"application/json", "{\"update_id\":1,\"message\":{\"text\":\"x\"}}", 400, "missing_field"},
      {"application/json",
       "{\"update_id\":1,\"message\":{\"message_id\":1,\"chat\":{\"id\":1},\"text\":\"\xc3\"}}",
       400, "malformed_json"},
  };
  for (const auto& [type, body, status, code] : cases) {
    auto req = MakePost("/webhooks/telegram", type, body);
    req.headers.emplace("X-Telegram-Bot-Api-Secret-Token", kSecret);
    auto r = adapter_->Handle(req);
    ASSERT_TRUE(r.error) << body;
    EXPECT_EQ(r.error->http_status, status) << body;
    EXPECT_EQ(r.error->code, code) << body;
  }
}

TEST_F(TelegramTest, OddTypesDoNotThrow) {
  auto r = adapter_->Handle(Post(
      R"({"update_id":5,"message":{"message_id":7,"chat":{"id":8},"from":"me","date":"x","text":5,"photo":[],"location":{"latitude":"a"},"contact":{"phone_number":12}}})"));
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.parsed.messages.size(), 1u);  // the contact card is still understood
  EXPECT_EQ(r.parsed.messages[0].sender, "8");
  EXPECT_EQ(r.parsed.messages[0].sent_at_ms, 0);
  EXPECT_FALSE(r.parsed.messages[0].location);
}

TEST_F(TelegramTest, FormatSend) {
  OutgoingMessage out;
  out.recipient = "-1001234567890";
  out.text = "Laporan ADU-7K3QX9M4 diterima 🙏";
  ProviderRequest req = adapter_->FormatSend(out);
  EXPECT_EQ(req.path, "/bot123456:ABC-test/sendMessage");
  EXPECT_EQ(req.content_type, "application/json");
  json body = json::parse(req.body);
  EXPECT_EQ(body["chat_id"], -1001234567890LL);
  EXPECT_EQ(body["text"], out.text);
  out.recipient = "@laporcilegon";
  EXPECT_EQ(json::parse(adapter_->FormatSend(out).body)["chat_id"], "@laporcilegon");
}

TEST_F(TelegramTest, ParseSendResponse) {
  auto ok = adapter_->ParseSendResponse(
      200,
      R"({"ok":true,"result":{"message_id":1300,"chat":{"id":5123456789,"type":"private"},"date":1717378400,"text":"ok"}})");
  EXPECT_TRUE(ok.delivered);
  EXPECT_EQ(ok.provider_message_id, "5123456789:1300");
  auto blocked = adapter_->ParseSendResponse(
      403,
      R"({"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"})");
  EXPECT_FALSE(blocked.retryable);
  EXPECT_NE(blocked.error.find("blocked"), std::string::npos);
  auto flood = adapter_->ParseSendResponse(
      429,
      R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}})");
  EXPECT_TRUE(flood.retryable);
}

TEST_F(TelegramTest, ReplyQuotesTheMessageItAnswers) {
  OutgoingMessage out;
  out.recipient = "5123456789";
  out.text = "Laporan ADU-7K3QX9M4 diterima";
  out.in_reply_to = "5123456789:1288";
  json body = json::parse(adapter_->FormatSend(out).body);
  ASSERT_TRUE(body.contains("reply_parameters")) << body;
  EXPECT_EQ(body["reply_parameters"]["message_id"], 1288);
  EXPECT_EQ(body["reply_parameters"]["allow_sending_without_reply"], true);
  // A notification answers no message; a message of another chat cannot be quoted here.
  out.in_reply_to = "";
  EXPECT_FALSE(json::parse(adapter_->FormatSend(out).body).contains("reply_parameters"));
  out.in_reply_to = "777:1288";
  EXPECT_FALSE(json::parse(adapter_->FormatSend(out).body).contains("reply_parameters"));
}

TEST_F(TelegramTest, FloodControlNamesTheWait) {
  auto flood = adapter_->ParseSendResponse(
      429,
      R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 37","parameters":{"retry_after":37}})");
  EXPECT_TRUE(flood.retryable);
  EXPECT_EQ(flood.retry_after_ms, 37000);
  auto blocked = adapter_->ParseSendResponse(403, R"({"ok":false,"description":"Forbidden"})");
  EXPECT_EQ(blocked.retry_after_ms, -1);
}

}  // namespace
}  // namespace aduan::channels
