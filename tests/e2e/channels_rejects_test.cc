// Bad input through the running gateway: each adapter's refusals arrive as the documented
// status with a JSON error, and a refused request writes nothing. Also disabled channels, the
// WhatsApp handshake, and delivery-report-only webhooks (200, no ticket).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "../gateway/test_server.h"
#include "channel_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

struct Refusal {
  std::string name;
  std::string target;
  std::string body;
  std::string content_type;
  httplib::Headers headers;
  int status;
  std::string code;
};

void PrintTo(const Refusal& r, std::ostream* os) { *os << r.name; }

httplib::Headers WaSigned(const std::string& body) {
  return {{"X-Hub-Signature-256", WhatsAppSignature(body)}};
}
httplib::Headers TwSigned(const std::string& body) {
  return {
      {"X-Twilio-Signature", TwilioSignature(std::string(kPublicBase) + "/webhooks/twilio", body)}};
}
httplib::Headers TgToken(const std::string& token) {
  return {{"X-Telegram-Bot-Api-Secret-Token", token}};
}

// `body` with the value of form field `name` replaced (or the field removed when `value` is null).
std::string WithField(std::string body, const std::string& name, const char* value) {
  size_t at = body.rfind("&" + name + "=");
  at = at == std::string::npos ? (body.rfind(name + "=", 0) == 0 ? 0 : at) : at + 1;
  if (at == std::string::npos) throw std::runtime_error("no field " + name);
  size_t end = body.find('&', at);
  size_t len = end == std::string::npos ? std::string::npos : end - at + 1;
  body.replace(at, len, value ? name + "=" + value + (end == std::string::npos ? "" : "&") : "");
  if (!body.empty() && body.back() == '&') body.pop_back();
  return body;
}

std::vector<Refusal> Refusals() {
  const std::string wa = Fixture("whatsapp/testdata/whatsapp_text.json");
  const std::string wa_zero =
      Meta("whatsapp/testdata/whatsapp_text.meta")["signature"]["invalid_example"];
  const std::string tg = Fixture("telegram/testdata/telegram_message.json");
  const std::string tw = Fixture("twilio/testdata/twilio_sms.form");
  const std::string tw_fixture_sig = Meta("twilio/testdata/twilio_sms.meta")["signature"]["value"];
  const std::string sms = Fixture("sms/testdata/africastalking_sms.form");
  const httplib::Headers bearer = {{"Authorization", std::string("Bearer ") + kSmsToken}};
  const std::string mg = Fixture("mailgun/testdata/mailgun_route.form");
  const std::string sg = Fixture("sendgrid/testdata/sendgrid_parse.multipart");
  const std::string sg_ok = std::string("/webhooks/sendgrid?token=") + kSendGridToken;
  const std::string multipart = "multipart/form-data; boundary=xYzZY";
  const std::string bad_json = "{\"object\": \"whatsapp_business_account\", \"entry\": [";
  const std::string no_entry = R"({"object":"whatsapp_business_account"})";
  const std::string tw_no_sid = WithField(WithField(tw, "MessageSid", nullptr), "SmsSid", nullptr);
  const std::string tw_bad_form = "Body=%zz&From=%2B6281234567890&MessageSid=SM1";
  return {
      // WhatsApp: the signature is checked first, then the content type, then the JSON.
      {"whatsapp_missing_signature", "/webhooks/whatsapp", wa, kJson, {}, 401, "missing_signature"},
      {"whatsapp_zero_signature",
       "/webhooks/whatsapp",
       wa,
       kJson,
       {{"X-Hub-Signature-256", wa_zero}},
       401,
       "bad_signature"},
      {"whatsapp_body_changed_after_signing", "/webhooks/whatsapp", wa + " ", kJson, WaSigned(wa),
       401, "bad_signature"},
      {"whatsapp_malformed_json", "/webhooks/whatsapp", bad_json, kJson, WaSigned(bad_json), 400,
       "malformed_json"},
      {"whatsapp_missing_entry", "/webhooks/whatsapp", no_entry, kJson, WaSigned(no_entry), 400,
       "missing_field"},
      {"whatsapp_wrong_content_type", "/webhooks/whatsapp", wa, "text/plain", WaSigned(wa), 415,
       "unsupported_media_type"},
      // Telegram: a shared secret header.
      {"telegram_missing_token", "/webhooks/telegram", tg, kJson, {}, 401, "bad_token"},
      {"telegram_wrong_token", "/webhooks/telegram", tg, kJson, TgToken("Lapor_Cilegon-wrong"), 401,
       "bad_token"},
      {"telegram_malformed_json", "/webhooks/telegram", "{\"update_id\": 1,", kJson,
       TgToken(kTelegramSecret), 400, "malformed_json"},
      {"telegram_missing_update_id", "/webhooks/telegram", R"({"message":{"text":"x"}})", kJson,
       TgToken(kTelegramSecret), 400, "missing_field"},
      {"telegram_wrong_content_type", "/webhooks/telegram", tg, kForm, TgToken(kTelegramSecret),
       415, "unsupported_media_type"},
      // Twilio: signs aduan's public URL, so the fixture's own signature (another URL) fails.
      {"twilio_missing_signature", "/webhooks/twilio", tw, kForm, {}, 401, "missing_signature"},
      {"twilio_bad_signature",
       "/webhooks/twilio",
       tw,
       kForm,
       {{"X-Twilio-Signature", "invalidsig"}},
       401,
       "bad_signature"},
      {"twilio_signature_for_another_url",
       "/webhooks/twilio",
       tw,
       kForm,
       {{"X-Twilio-Signature", tw_fixture_sig}},
       401,
       "bad_signature"},
      {"twilio_malformed_form", "/webhooks/twilio", tw_bad_form, kForm, TwSigned(tw), 400,
       "malformed_form"},
      {"twilio_missing_message_sid", "/webhooks/twilio", tw_no_sid, kForm, TwSigned(tw_no_sid), 400,
       "missing_field"},
      {"twilio_wrong_content_type", "/webhooks/twilio", tw, kJson, TwSigned(tw), 415,
       "unsupported_media_type"},
      // The generic SMS gateway: a shared token.
      {"sms_missing_token", "/webhooks/sms", sms, kForm, {}, 401, "bad_token"},
      {"sms_wrong_bearer",
       "/webhooks/sms",
       sms,
       kForm,
       {{"Authorization", "Bearer nope"}},
       401,
       "bad_token"},
      {"sms_wrong_query_token", "/webhooks/sms?token=nope", sms, kForm, {}, 401, "bad_token"},
      {"sms_missing_from", "/webhooks/sms", WithField(sms, "from", nullptr), kForm, bearer, 400,
       "missing_field"},
      {"sms_malformed_form", "/webhooks/sms", "from=%2B62812&text=%zz", kForm, bearer, 400,
       "malformed_form"},
      {"sms_wrong_content_type", "/webhooks/sms", R"({"from":"+62812","text":"x"})", kJson, bearer,
       415, "unsupported_media_type"},
      // Mailgun: timestamp/token/signature fields, fresh against the server clock.
      {"mailgun_bad_signature",
       "/webhooks/mailgun",
       WithField(mg, "signature", std::string(64, '0').c_str()),
       kForm,
       {},
       401,
       "bad_signature"},
      {"mailgun_missing_signature",
       "/webhooks/mailgun",
       WithField(mg, "signature", nullptr),
       kForm,
       {},
       401,
       "missing_signature"},
      {"mailgun_malformed_form",
       "/webhooks/mailgun",
       mg + "&x=%zz",
       kForm,
       {},
       400,
       "malformed_form"},
      {"mailgun_wrong_content_type",
       "/webhooks/mailgun",
       R"({"sender":"a@b.c"})",
       kJson,
       {},
       415,
       "unsupported_media_type"},
      // SendGrid: the URL token.
      {"sendgrid_missing_token", "/webhooks/sendgrid", sg, multipart, {}, 401, "bad_token"},
      {"sendgrid_wrong_token",
       "/webhooks/sendgrid?token=nope",
       sg,
       multipart,
       {},
       401,
       "bad_token"},
      {"sendgrid_wrong_content_type",
       sg_ok,
       R"({"from":"a@b.c"})",
       kJson,
       {},
       415,
       "unsupported_media_type"},
      {"sendgrid_truncated_multipart",
       sg_ok,
       sg.substr(0, sg.size() / 2),
       multipart,
       {},
       400,
       "malformed_multipart"},  // the adapter sees the raw bytes and names the problem
  };
}

class ChannelRefusalTest : public ::testing::TestWithParam<Refusal> {};

TEST_P(ChannelRefusalTest, IsRefusedWithAJsonErrorAndWritesNothing) {
  const Refusal& c = GetParam();
  ChannelServer s;
  s.now_ms = std::stoll(Meta("mailgun/testdata/mailgun_route.meta")["signature"]["timestamp"]
                            .get<std::string>()) *
             1000;
  auto r = s.Post(c.target, c.body, c.content_type, c.headers);
  ASSERT_TRUE(r) << httplib::to_string(r.error());
  EXPECT_EQ(r->status, c.status) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u);
  json body = json::parse(r->body, nullptr, false);
  ASSERT_TRUE(body.is_object()) << r->body;
  EXPECT_EQ(body["error"]["code"], c.code) << r->body;
  EXPECT_FALSE(body["error"].value("message", "").empty()) << r->body;
  EXPECT_EQ(s.Counts(), RowCounts{});
}

INSTANTIATE_TEST_SUITE_P(Adapters, ChannelRefusalTest, ::testing::ValuesIn(Refusals()),
                         [](const auto& info) { return info.param.name; });

TEST(MailgunRefusalTest, StaleTimestampsAreRefusedAgainstTheServerClock) {
  ChannelServer s;
  std::string body = Fixture("mailgun/testdata/mailgun_route.form");
  int64_t signed_at = std::stoll(
      Meta("mailgun/testdata/mailgun_route.meta")["signature"]["timestamp"].get<std::string>());
  for (int64_t offset_s : {-3600, 3600}) {
    s.now_ms = (signed_at + offset_s) * 1000;
    auto r = s.Post("/webhooks/mailgun", body, kForm);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << offset_s;
    EXPECT_EQ(json::parse(r->body)["error"]["code"], "stale_timestamp") << offset_s;
  }
  EXPECT_EQ(s.Counts(), RowCounts{});
}

// A channel whose secret is unset does not exist as far as providers can tell.
TEST(DisabledChannelTest, EveryProviderWebhookIs404WithoutItsSecret) {
  TestServer s(std::map<std::string, std::string>{{"ADUAN_ADMIN_TOKEN", kAdminToken}});
  for (const std::string channel :
       {"whatsapp", "telegram", "twilio", "sms", "mailgun", "sendgrid", "line"}) {
    SCOPED_TRACE(channel);
    auto r = s.Client().Post("/webhooks/" + channel, "{}", kJson);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404);
    EXPECT_EQ(json::parse(r->body)["error"]["code"], "unknown_channel") << r->body;
  }
  // The WhatsApp handshake too.
  auto get = s.Client().Get("/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=x");
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 404);
  EXPECT_EQ(s.CountRows("messages"), 0);
}

TEST(DisabledChannelTest, OnlyTheChannelWithoutASecretIs404) {
  auto env = AllChannelsEnv();
  env.erase("ADUAN_TELEGRAM_SECRET_TOKEN");
  ChannelServer s(env);
  auto tg = s.Post("/webhooks/telegram", Fixture("telegram/testdata/telegram_message.json"), kJson,
                   TgToken(kTelegramSecret));
  ASSERT_TRUE(tg);
  EXPECT_EQ(tg->status, 404);
  EXPECT_EQ(json::parse(tg->body)["error"]["code"], "unknown_channel");
  std::string wa = Fixture("whatsapp/testdata/whatsapp_text.json");
  auto ok = s.Post("/webhooks/whatsapp", wa, kJson, WaSigned(wa));
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200) << ok->body;
  EXPECT_EQ(s.Count("messages"), 1);
}

TEST(WhatsAppHandshakeTest, EchoesTheChallengeOnlyForTheVerifyToken) {
  ChannelServer s;
  auto ok = s.Client().Get(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=verify-me");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, "1158201444");
  auto bad = s.Client().Get(
      "/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=wrong");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 403);
  EXPECT_EQ(json::parse(bad->body)["error"]["code"], "verify_failed");
  EXPECT_EQ(s.Counts(), RowCounts{});
}

// Delivery reports for messages aduan never sent: 200 (the provider must not retry), no ticket.
TEST(StatusOnlyWebhookTest, WhatsAppStatusesAreAcceptedAndMakeNoTicket) {
  ChannelServer s;
  std::string body = Fixture("whatsapp/testdata/whatsapp_status.json");
  auto r = s.Post("/webhooks/whatsapp", body, kJson,
                  {{"X-Hub-Signature-256",
                    Meta("whatsapp/testdata/whatsapp_status.meta")["signature"]["value"]}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(s.Counts(), RowCounts{});
}

TEST(StatusOnlyWebhookTest, TwilioStatusCallbacksAreAcceptedAndMakeNoTicket) {
  ChannelServer s;
  for (const char* name : {"twilio_status.form", "twilio_status_undelivered.form"}) {
    SCOPED_TRACE(name);
    std::string body = Fixture(std::string("twilio/testdata/") + name);
    auto r = s.Post("/webhooks/twilio", body, kForm, TwSigned(body));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
    EXPECT_NE(r->body.find("<Response"), std::string::npos) << r->body;
  }
  EXPECT_EQ(s.Counts(), RowCounts{});
}

}  // namespace
}  // namespace aduan::testing
