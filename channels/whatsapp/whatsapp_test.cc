#include "channels/whatsapp/whatsapp.h"

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

constexpr char kSecret[] = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

json Meta(const std::string& name) { return testing::ReadMeta("whatsapp/testdata/" + name); }

WebhookRequest Post(const std::string& body, const std::string& signature) {
  auto req = MakePost("/webhooks/whatsapp", "application/json", body);
  if (!signature.empty()) req.headers.emplace("X-Hub-Signature-256", signature);
  return req;
}

std::string Sign(const std::string& body) {
  return "sha256=" + core::HexEncode(core::HmacSha256(kSecret, body));
}

class WhatsAppTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChannelAdapter> adapter_ = MakeWhatsAppAdapter(FakeEnv({
      {"ADUAN_WHATSAPP_APP_SECRET", kSecret},
      {"ADUAN_WHATSAPP_VERIFY_TOKEN", "lapor-cilegon-verify-7f3a"},
      {"ADUAN_WHATSAPP_PHONE_NUMBER_ID", "106540352242922"},
      {"ADUAN_WHATSAPP_ACCESS_TOKEN", "EAAG-test-token"},
  }));

  // Handles a fixture with the signature its .meta records.
  HandleResult HandleFixture(const std::string& name) {
    auto f = testing::LoadFixture("whatsapp/testdata/" + name, "json");
    return adapter_->Handle(Post(f.body, f.meta["signature"]["value"]));
  }
};

TEST_F(WhatsAppTest, DisabledWithoutAppSecret) {
  EXPECT_EQ(MakeWhatsAppAdapter(FakeEnv({{"ADUAN_WHATSAPP_VERIFY_TOKEN", "x"}})), nullptr);
  ASSERT_NE(adapter_, nullptr);
  EXPECT_EQ(adapter_->name(), "whatsapp");
}

TEST_F(WhatsAppTest, HandshakeEchoesTheChallenge) {
  WebhookRequest req;
  req.method = "GET";
  req.query = {{"hub.mode", "subscribe"},
               {"hub.challenge", "1158201444"},
               {"hub.verify_token", "lapor-cilegon-verify-7f3a"}};
  auto r = adapter_->Handle(req);
  ASSERT_FALSE(r.error);
  ASSERT_TRUE(r.parsed.reply);
  EXPECT_EQ(r.parsed.reply->status, 200);
  EXPECT_EQ(r.parsed.reply->content_type, "text/plain");
  EXPECT_EQ(r.parsed.reply->body, "1158201444");
  EXPECT_EQ(Meta("whatsapp_verify")["expected_response"]["body"], r.parsed.reply->body);
  // A non-numeric challenge is echoed verbatim too.
  req.query.find("hub.challenge")->second = "abc-XYZ_09";
  EXPECT_EQ(adapter_->Handle(req).parsed.reply->body, "abc-XYZ_09");
}

TEST_F(WhatsAppTest, HandshakeRejectsWrongTokenOrMode) {
  WebhookRequest wrong_token;
  wrong_token.method = "GET";
  wrong_token.query = {
      {"hub.mode", "subscribe"}, {"hub.challenge", "1"}, {"hub.verify_token", "wrong"}};
  WebhookRequest wrong_mode = wrong_token;
  wrong_mode.query = {{"hub.mode", "unsubscribe"},
                      {"hub.challenge", "1"},
                      {"hub.verify_token", "lapor-cilegon-verify-7f3a"}};
  WebhookRequest missing;
  missing.method = "GET";
  for (const auto& req : {wrong_token, wrong_mode, missing}) {
    auto r = adapter_->Handle(req);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->http_status, 403);
  }
  // Without a configured verify token no handshake can succeed, not even with an empty one.
  auto no_token = MakeWhatsAppAdapter(FakeEnv({{"ADUAN_WHATSAPP_APP_SECRET", kSecret}}));
  WebhookRequest empty = missing;
  empty.query = {{"hub.mode", "subscribe"}, {"hub.verify_token", ""}};
  EXPECT_EQ(no_token->Handle(empty).error->http_status, 403);
}

TEST_F(WhatsAppTest, TextFixture) {
  json expected = Meta("whatsapp_text")["expected"];
  auto r = HandleFixture("whatsapp_text");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.channel, "whatsapp");
  EXPECT_EQ(m.sender, "+" + expected["sender_id"].get<std::string>());
  EXPECT_EQ(m.display_name, expected["sender_name"]);
  EXPECT_EQ(m.provider_message_id, expected["message_id"]);
  EXPECT_EQ(m.text, expected["text"]);
  EXPECT_EQ(m.sent_at_ms, expected["timestamp_unix"].get<int64_t>() * 1000);
  EXPECT_TRUE(m.media.empty());
  EXPECT_TRUE(r.parsed.statuses.empty());
}

TEST_F(WhatsAppTest, ImageFixtureCarriesMediaAndCaption) {
  json expected = Meta("whatsapp_image")["expected"];
  auto r = HandleFixture("whatsapp_image");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.provider_message_id, expected["message_id"]);
  EXPECT_EQ(m.text, expected["text"]);
  EXPECT_EQ(m.sent_at_ms, expected["timestamp_unix"].get<int64_t>() * 1000);
  ASSERT_EQ(m.media.size(), 1u);
  EXPECT_EQ(m.media[0].kind, "image");
  EXPECT_EQ(m.media[0].reference, expected["attachments"][0]["media_id"]);
  EXPECT_EQ(m.media[0].mime_type, expected["attachments"][0]["mime_type"]);
}

TEST_F(WhatsAppTest, LocationFixture) {
  json expected = Meta("whatsapp_location")["expected"];
  auto r = HandleFixture("whatsapp_location");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.text, "");
  ASSERT_TRUE(m.location);
  EXPECT_DOUBLE_EQ(m.location->latitude, expected["location"]["latitude"].get<double>());
  EXPECT_DOUBLE_EQ(m.location->longitude, expected["location"]["longitude"].get<double>());
  EXPECT_EQ(m.location->name, expected["location"]["name"]);
  EXPECT_EQ(m.location->address, expected["location"]["address"]);
}

TEST_F(WhatsAppTest, StatusFixtureNeverCreatesAMessage) {
  json expected = Meta("whatsapp_status")["expected"];
  auto r = HandleFixture("whatsapp_status");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_TRUE(r.parsed.messages.empty());
  ASSERT_EQ(r.parsed.statuses.size(), 1u);
  EXPECT_EQ(r.parsed.statuses[0].channel, "whatsapp");
  EXPECT_EQ(r.parsed.statuses[0].provider_message_id, expected["message_id"]);
  EXPECT_EQ(r.parsed.statuses[0].status, "delivered");
  EXPECT_EQ(r.parsed.statuses[0].at_ms, expected["timestamp_unix"].get<int64_t>() * 1000);
}

TEST_F(WhatsAppTest, EscapedUnicodeIsSignedAsSentAndDecoded) {
  std::string body = ReadTestdata("whatsapp/testdata/whatsapp_text_unicode_escaped.json");
  auto r = adapter_->Handle(Post(body, Sign(body)));
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  EXPECT_EQ(r.parsed.messages[0].text, "Terima kasih 🙏 trotoar – rusak");
  EXPECT_EQ(r.parsed.messages[0].display_name, "Dewi Lestari ä");
  // Re-serialising the JSON would change the signed bytes: the raw body must be what is checked.
  std::string reencoded = json::parse(body).dump();
  EXPECT_NE(reencoded, body);
  EXPECT_TRUE(adapter_->Handle(Post(reencoded, Sign(body))).error);
}

TEST_F(WhatsAppTest, BatchIteratesEverythingAndDedupesWithinThePost) {
  std::string body = ReadTestdata("whatsapp/testdata/whatsapp_batch.json");
  auto r = adapter_->Handle(Post(body, Sign(body)));
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 6u);
  const auto& dup = r.parsed.messages[0];
  EXPECT_EQ(dup.provider_message_id, "wamid.DUP0001");
  EXPECT_EQ(dup.display_name, "Budi Santoso");
  EXPECT_EQ(r.parsed.messages[1].provider_message_id, "wamid.BTN0001");
  EXPECT_EQ(r.parsed.messages[1].text, "Jalan rusak");
  EXPECT_EQ(r.parsed.messages[1].display_name, "Rina");
  EXPECT_EQ(r.parsed.messages[1].in_reply_to, std::vector<std::string>{"wamid.OURMENU01"});
  EXPECT_EQ(r.parsed.messages[2].text, "Air PDAM");
  EXPECT_EQ(r.parsed.messages[2].display_name, "");  // no contacts[] in that change
  const auto& doc = r.parsed.messages[3];
  EXPECT_EQ(doc.text, "Foto surat");
  ASSERT_EQ(doc.media.size(), 1u);
  EXPECT_EQ(doc.media[0].kind, "document");
  EXPECT_EQ(doc.media[0].filename, "surat RT.pdf");
  EXPECT_EQ(doc.media[0].reference, "2233445566");
  const auto& voice = r.parsed.messages[4];
  EXPECT_EQ(voice.media.at(0).kind, "audio");
  EXPECT_EQ(voice.media.at(0).mime_type, "audio/ogg; codecs=opus");
  const auto& card = r.parsed.messages[5];
  ASSERT_TRUE(card.contact);
  EXPECT_EQ(card.contact->phone, "+6281299990000");
  EXPECT_EQ(card.contact->name, "Pak RT 02");
  EXPECT_FALSE(card.contact->is_sender);
  // The reaction and the template-status change are understood but not handled.
  ASSERT_EQ(r.parsed.ignored.size(), 2u);
  EXPECT_NE(r.parsed.ignored[0].find("reaction"), std::string::npos);
  ASSERT_EQ(r.parsed.statuses.size(), 2u);
  EXPECT_EQ(r.parsed.statuses[0].status, "failed");
  EXPECT_EQ(r.parsed.statuses[0].error, "131047: Re-engagement message");
  EXPECT_EQ(r.parsed.statuses[1].status, "read");
}

TEST_F(WhatsAppTest, RetryParsesToTheSameIds) {
  auto a = HandleFixture("whatsapp_text");
  auto b = HandleFixture("whatsapp_text");
  EXPECT_EQ(a.parsed.messages.at(0).provider_message_id,
            b.parsed.messages.at(0).provider_message_id);
}

TEST_F(WhatsAppTest, UnknownTypeIsIgnored) {
  std::string body =
      R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"from":"6281234567890","id":"wamid.X","timestamp":"1","type":"unsupported","errors":[{"code":131051}]}]}}]}]})";
  auto r = adapter_->Handle(Post(body, Sign(body)));
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.parsed.messages.empty());
  ASSERT_EQ(r.parsed.ignored.size(), 1u);
  EXPECT_NE(r.parsed.ignored[0].find("unsupported"), std::string::npos);
}

TEST_F(WhatsAppTest, MessageWithoutSenderIsIgnoredNotStoredAnonymously) {
  std::string body =
      R"({"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"messages":[{"id":"wamid.NOFROM","timestamp":"1","type":"text","text":{"body":"jalan rusak"}},{"from":"  ","id":"wamid.BLANK","type":"text","text":{"body":"x"}},{"from":"6281234567890","id":"wamid.OK","type":"text","text":{"body":"sampah"}}]}}]}]})";
  auto r = adapter_->Handle(Post(body, Sign(body)));
  ASSERT_FALSE(r.error);
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  EXPECT_EQ(r.parsed.messages[0].provider_message_id, "wamid.OK");
  ASSERT_EQ(r.parsed.ignored.size(), 2u);
  EXPECT_NE(r.parsed.ignored[0].find("without 'from'"), std::string::npos);
}

TEST_F(WhatsAppTest, RejectsBadSignatures) {
  std::string body = ReadTestdata("whatsapp/testdata/whatsapp_text.json");
  std::string good = Meta("whatsapp_text")["signature"]["value"];
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"", "missing_signature"},
      {Meta("whatsapp_text")["signature"]["invalid_example"], "bad_signature"},
      {good.substr(7), "bad_signature"},  // no "sha256=" prefix
      {"sha1=" + good.substr(7), "bad_signature"},
      {good.substr(0, 70), "bad_signature"},  // truncated
      {Sign(body + " "), "bad_signature"},    // signature of other bytes
  };
  for (const auto& [signature, code] : cases) {
    auto r = adapter_->Handle(Post(body, signature));
    ASSERT_TRUE(r.error) << signature;
    EXPECT_EQ(r.error->http_status, 401) << signature;
    EXPECT_EQ(r.error->code, code) << signature;
  }
  // The same signature over a tampered body fails too.
  std::string tampered = body;
  tampered[tampered.find("rusak")] = 'R';
  EXPECT_EQ(adapter_->Handle(Post(tampered, good)).error->http_status, 401);
  // Uppercase hex is still the same digest.
  std::string upper = "sha256=";
  for (char c : good.substr(7)) upper.push_back(static_cast<char>(std::toupper(c)));
  EXPECT_FALSE(adapter_->Handle(Post(body, upper)).error);
}

TEST_F(WhatsAppTest, RejectsMalformedBodies) {
  const std::vector<std::tuple<std::string, std::string, int, std::string>> cases = {
      {"text/plain", "{}", 415, "unsupported_media_type"},
      {"application/json", "{\"entry\":[", 400, "malformed_json"},
      {"application/json", "[]", 400, "malformed_json"},
      {"application/json", "{\"object\":\"whatsapp_business_account\"}", 400, "missing_field"},
      {"application/json", "{\"entry\":{}}", 400, "missing_field"},
      {"application/json",
       "{\"entry\":[{\"changes\":[{\"value\":{\"messages\":[{\"id\":\"x\",\"text\":\"\xff\"}]}}]}]"
       "}",
       400, "malformed_json"},
  };
  for (const auto& [type, body, status, code] : cases) {
    auto req = MakePost("/webhooks/whatsapp", type, body);
    req.headers.emplace("X-Hub-Signature-256", Sign(body));
    auto r = adapter_->Handle(req);
    ASSERT_TRUE(r.error) << body;
    EXPECT_EQ(r.error->http_status, status) << body;
    EXPECT_EQ(r.error->code, code) << body;
  }
}

TEST_F(WhatsAppTest, OddShapesAreSkippedNotFatal) {
  // Wrong types where objects/arrays are expected: nothing parsed, nothing thrown.
  std::string body =
      R"({"entry":[1,{"changes":"x"},{"changes":[{"value":[]},{"value":{"messages":[{"id":5,"from":"6281234567890","type":"text","text":"flat"},{"type":"text"}],"statuses":[{"id":"w","status":"deleted"}]}}]}]})";
  auto r = adapter_->Handle(Post(body, Sign(body)));
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);  // id 5 rendered as "5", text missing -> empty
  EXPECT_EQ(r.parsed.messages[0].provider_message_id, "5");
  EXPECT_EQ(r.parsed.messages[0].text, "");
  EXPECT_EQ(r.parsed.ignored.size(), 2u);  // the id-less message and the unknown status
}

TEST_F(WhatsAppTest, FormatSend) {
  OutgoingMessage out;
  out.recipient = "+6281234567890";
  out.text = "Laporan Anda tercatat: ADU-7K3QX9M4 🙏";
  ProviderRequest req = adapter_->FormatSend(out);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.path, "/106540352242922/messages");
  EXPECT_EQ(req.content_type, "application/json");
  EXPECT_EQ(req.headers.find("Authorization")->second, "Bearer EAAG-test-token");
  json body = json::parse(req.body);
  EXPECT_EQ(body["messaging_product"], "whatsapp");
  EXPECT_EQ(body["to"], "6281234567890");
  EXPECT_EQ(body["type"], "text");
  EXPECT_EQ(body["text"]["body"], out.text);
}

TEST_F(WhatsAppTest, ParseSendResponse) {
  auto ok = adapter_->ParseSendResponse(
      200,
      R"({"messaging_product":"whatsapp","contacts":[{"input":"6281234567890","wa_id":"6281234567890"}],"messages":[{"id":"wamid.OUT123"}]})");
  EXPECT_TRUE(ok.delivered);
  EXPECT_EQ(ok.provider_message_id, "wamid.OUT123");
  auto window = adapter_->ParseSendResponse(
      400,
      R"({"error":{"message":"Re-engagement message","type":"OAuthException","code":131047}})");
  EXPECT_FALSE(window.delivered);
  EXPECT_FALSE(window.retryable);
  EXPECT_NE(window.error.find("131047"), std::string::npos);
  auto throttled =
      adapter_->ParseSendResponse(400, R"({"error":{"message":"rate","code":130429}})");
  EXPECT_TRUE(throttled.retryable);
  EXPECT_EQ(throttled.retry_after_ms, 10000);
  // The pair limit may come as 429 too; it still names a wait longer than the first backoff.
  auto pair = adapter_->ParseSendResponse(429, R"({"error":{"message":"pair","code":131056}})");
  EXPECT_EQ(pair.retry_after_ms, 6000);
  EXPECT_EQ(window.retry_after_ms, -1);
  EXPECT_TRUE(adapter_->ParseSendResponse(500, "oops").retryable);
  EXPECT_TRUE(adapter_->ParseSendResponse(200, "not json").delivered);
}

}  // namespace
}  // namespace aduan::channels
