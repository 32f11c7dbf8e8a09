// Channels out: the acknowledgement of a real inbound webhook goes through the outbox
// dispatcher to a fake provider on 127.0.0.1, in each provider's wire shape; retries follow the
// injected clock; refusals are dead-lettered and listed for operators; delivery reports update
// the sent row.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channel_server.h"
#include "core/crypto.h"
#include "fake_provider.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

// Posts a fixture through the real webhook.
httplib::Result PostFixture(ChannelServer& s, const std::string& channel) {
  if (channel == "whatsapp") {
    std::string body = Fixture("whatsapp/testdata/whatsapp_text.json");
    return s.Post("/webhooks/whatsapp", body, kJson,
                  {{"X-Hub-Signature-256", WhatsAppSignature(body)}});
  }
  if (channel == "telegram") {
    return s.Post("/webhooks/telegram", Fixture("telegram/testdata/telegram_message.json"), kJson,
                  {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}});
  }
  if (channel == "twilio") {
    std::string body = Fixture("twilio/testdata/twilio_sms.form");
    return s.Post("/webhooks/twilio", body, kForm,
                  {{"X-Twilio-Signature",
                    TwilioSignature(std::string(kPublicBase) + "/webhooks/twilio", body)}});
  }
  if (channel == "mailgun") {
    s.now_ms = 1'717'377'336'000;  // the fixture's signing time, plus a second
    return s.Post("/webhooks/mailgun", Fixture("mailgun/testdata/mailgun_route.form"), kForm);
  }
  return s.Post("/webhooks/sms", Fixture("sms/testdata/africastalking_sms.form"), kForm,
                {{"Authorization", std::string("Bearer ") + kSmsToken}});
}

// Receives the channel's fixture and returns the ticket its message made.
std::string Receive(ChannelServer& s, const std::string& channel) {
  auto r = PostFixture(s, channel);
  EXPECT_TRUE(r) << channel;
  if (!r) return "";
  EXPECT_EQ(r->status, 200) << r->body;
  auto rows = s.Rows("SELECT ticket_id FROM messages WHERE channel = ?", {channel});
  EXPECT_EQ(rows.size(), 1u);
  return rows.empty() ? "" : rows[0]["ticket_id"].get<std::string>();
}

json Outbox(const ChannelServer& s) {
  auto rows = s.Rows("SELECT * FROM outbox");
  EXPECT_EQ(rows.size(), 1u);
  return rows.empty() ? json::object() : rows[0];
}

// Runs the dispatcher a few more times, hours apart: a finished row is never sent again.
void ExpectNoMoreSends(ChannelServer& s, const FakeProvider& provider) {
  size_t before = provider.request_count();
  for (int i = 0; i < 3; ++i) {
    s.now_ms += kHour;
    EXPECT_EQ(s.RunDispatcher(), 0);
  }
  EXPECT_EQ(provider.request_count(), before);
}

TEST(WhatsAppOutboundTest, AckIsRetriedAfter500And429ThenSentOnceAndUpdatedByStatuses) {
  FakeProvider wa({200, R"({"messaging_product":"whatsapp","contacts":[{"input":"6281234567890",)"
                        R"("wa_id":"6281234567890"}],"messages":[{"id":"wamid.ACK-OUT-1"}]})"});
  wa.Script({{500, R"({"error":{"message":"Service temporarily unavailable","code":2}})"},
             {429, R"({"error":{"message":"Too many calls","code":80007}})"}});
  // The production base carries an API version path; the dispatcher must keep it.
  ChannelServer s(AllChannelsEnv(wa.base_url() + "/v19.0"));
  std::string ticket = Receive(s, "whatsapp");
  ASSERT_FALSE(ticket.empty());

  EXPECT_EQ(s.RunDispatcher(), 1);
  json row = Outbox(s);
  EXPECT_EQ(row["status"], "pending");
  EXPECT_EQ(row["attempts"], 1);
  EXPECT_NE(row["last_error"].get<std::string>().find("500"), std::string::npos) << row;
  EXPECT_GT(row["next_attempt_at"].get<int64_t>(), s.now_ms.load());
  // Not due yet: the backoff is measured on the injected clock.
  EXPECT_EQ(s.RunDispatcher(), 0);
  EXPECT_EQ(wa.request_count(), 1u);

  s.now_ms = row["next_attempt_at"].get<int64_t>();
  EXPECT_EQ(s.RunDispatcher(), 1);
  row = Outbox(s);
  EXPECT_EQ(row["status"], "pending");
  EXPECT_EQ(row["attempts"], 2);
  EXPECT_NE(row["last_error"].get<std::string>().find("429"), std::string::npos) << row;

  s.now_ms = row["next_attempt_at"].get<int64_t>();
  EXPECT_EQ(s.RunDispatcher(), 1);
  row = Outbox(s);
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(row["attempts"], 3);
  EXPECT_EQ(row["provider_message_id"], "wamid.ACK-OUT-1");
  ExpectNoMoreSends(s, wa);

  auto requests = wa.requests();
  ASSERT_EQ(requests.size(), 3u);
  for (const auto& req : requests) {
    EXPECT_EQ(req.method, "POST");
    EXPECT_EQ(req.path, std::string("/v19.0/") + kWhatsAppPhoneNumberId + "/messages");
    EXPECT_EQ(req.Header("Authorization"), std::string("Bearer ") + kWhatsAppAccessToken);
    EXPECT_EQ(req.Header("Content-Type").rfind(kJson, 0), 0u);
    json body = json::parse(req.body);
    EXPECT_EQ(body["messaging_product"], "whatsapp");
    EXPECT_EQ(body["to"], "6281234567890");
    EXPECT_EQ(body["type"], "text");
    EXPECT_EQ(body["text"]["body"], row["body"]);
    EXPECT_NE(body["text"]["body"].get<std::string>().find(ticket), std::string::npos);
  }

  // Meta reports delivery, then reading, of the message it accepted.
  std::string report = Fixture("whatsapp/testdata/whatsapp_status.json");
  std::string fixture_id = Meta("whatsapp/testdata/whatsapp_status.meta")["expected"]["message_id"];
  report.replace(report.find(fixture_id), fixture_id.size(), "wamid.ACK-OUT-1");
  RowCounts before = s.Counts();
  auto r = s.Post("/webhooks/whatsapp", report, kJson,
                  {{"X-Hub-Signature-256", WhatsAppSignature(report)}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Outbox(s)["delivery_status"], "delivered");
  std::string read = report;
  read.replace(read.find("\"delivered\""), 11, "\"read\"");
  r = s.Post("/webhooks/whatsapp", read, kJson, {{"X-Hub-Signature-256", WhatsAppSignature(read)}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(Outbox(s)["delivery_status"], "read");
  EXPECT_EQ(Outbox(s)["status"], "sent");
  EXPECT_EQ(s.Counts(), before);  // a report is not a complaint
  EXPECT_EQ(wa.request_count(), 3u);
}

TEST(WhatsAppOutboundTest, A400IsDeadAtOnceAndListedForOperators) {
  FakeProvider wa({400, R"({"error":{"message":"(#100) Invalid parameter","type":)"
                        R"("OAuthException","code":100}})"});
  ChannelServer s(AllChannelsEnv(wa.base_url()));
  std::string ticket = Receive(s, "whatsapp");

  EXPECT_EQ(s.RunDispatcher(), 1);
  json row = Outbox(s);
  EXPECT_EQ(row["status"], "dead");
  EXPECT_EQ(row["attempts"], 1);
  ExpectNoMoreSends(s, wa);
  EXPECT_EQ(wa.request_count(), 1u);

  auto denied = s.Client().Get("/api/v1/outbox?status=dead");
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 401);
  auto r = s.OperatorGet("/api/v1/outbox?status=dead");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json dead = json::parse(r->body)["outbox"];
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["id"], row["id"]);
  EXPECT_EQ(dead[0]["channel"], "whatsapp");
  EXPECT_EQ(dead[0]["kind"], "ack");
  EXPECT_EQ(dead[0]["status"], "dead");
  EXPECT_EQ(dead[0]["ticket"], ticket);
  EXPECT_NE(dead[0]["last_error"].get<std::string>().find("Invalid parameter"), std::string::npos)
      << dead[0];
  auto pending = s.OperatorGet("/api/v1/outbox?status=pending");
  ASSERT_TRUE(pending);
  EXPECT_TRUE(json::parse(pending->body)["outbox"].empty());
}

TEST(WhatsAppOutboundTest, RetriesStopAtTheLastTryWhichIsDead) {
  FakeProvider wa({503, R"({"error":{"message":"down","code":2}})"});
  ChannelServer s(AllChannelsEnv(wa.base_url()));
  Receive(s, "whatsapp");
  for (int attempt = 1; attempt <= 8; ++attempt) {
    SCOPED_TRACE(attempt);
    ASSERT_EQ(s.RunDispatcher(), 1);
    json row = Outbox(s);
    EXPECT_EQ(row["attempts"], attempt);
    EXPECT_EQ(row["status"], attempt < 8 ? "pending" : "dead");
    s.now_ms += 2 * kHour;  // past any backoff (capped at one hour)
  }
  ExpectNoMoreSends(s, wa);
  EXPECT_EQ(wa.request_count(), 8u);
  auto r = s.OperatorGet("/api/v1/outbox?status=dead");
  ASSERT_TRUE(r);
  EXPECT_EQ(json::parse(r->body)["outbox"].size(), 1u);
}

TEST(WhatsAppOutboundTest, AnUnreachableProviderIsRetriedNotDropped) {
  ChannelServer s(AllChannelsEnv("http://127.0.0.1:9"));  // nothing listens on the discard port
  Receive(s, "whatsapp");
  EXPECT_EQ(s.RunDispatcher(), 1);
  json row = Outbox(s);
  EXPECT_EQ(row["status"], "pending");
  EXPECT_EQ(row["attempts"], 1);
  EXPECT_FALSE(row["last_error"].get<std::string>().empty());
}

TEST(TwilioOutboundTest, AckIsAFormWithBasicAuthRetriedAfter503AndUpdatedByCallbacks) {
  FakeProvider tw({201, R"({"sid":"SMack0000000000000000000000000001","status":"queued"})"});
  tw.Script({{503, R"({"code":20500,"message":"Internal Server Error"})"}});
  ChannelServer s(AllChannelsEnv(tw.base_url()));
  std::string ticket = Receive(s, "twilio");

  EXPECT_EQ(s.RunDispatcher(), 1);
  json row = Outbox(s);
  EXPECT_EQ(row["status"], "pending");
  s.now_ms = row["next_attempt_at"].get<int64_t>();
  EXPECT_EQ(s.RunDispatcher(), 1);
  row = Outbox(s);
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(row["provider_message_id"], "SMack0000000000000000000000000001");
  ExpectNoMoreSends(s, tw);

  auto requests = tw.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& req : requests) {
    EXPECT_EQ(req.path,
              std::string("/2010-04-01/Accounts/") + kTwilioAccountSid + "/Messages.json");
    EXPECT_EQ(
        req.Header("Authorization"),
        "Basic " + core::Base64Encode(std::string(kTwilioAccountSid) + ":" + kTwilioAuthToken));
    EXPECT_EQ(req.Header("Content-Type").rfind(kForm, 0), 0u);
    auto form = DecodeForm(req.body);
    EXPECT_EQ(form["To"], "+6281234567890");
    EXPECT_EQ(form["From"], kTwilioFrom);
    EXPECT_NE(form["Body"].find(ticket), std::string::npos) << form["Body"];
  }

  // Status callbacks for the message Twilio accepted: delivered, then a later failure report.
  auto callback = [&](const std::string& fixture, const std::string& fixture_sid) {
    std::string body = Fixture("twilio/testdata/" + fixture);
    for (size_t at; (at = body.find(fixture_sid)) != std::string::npos;) {
      body.replace(at, fixture_sid.size(), "SMack0000000000000000000000000001");
    }
    auto r = s.Post("/webhooks/twilio", body, kForm,
                    {{"X-Twilio-Signature",
                      TwilioSignature(std::string(kPublicBase) + "/webhooks/twilio", body)}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
  };
  RowCounts before = s.Counts();
  callback("twilio_status.form", "SM0b6e2697aae04182a9f5b5c7a8994c7f");
  EXPECT_EQ(Outbox(s)["delivery_status"], "delivered");
  callback("twilio_status_undelivered.form", "SM0b6e2697aae04182a9f5b5c7a8994c80");
  row = Outbox(s);
  EXPECT_EQ(row["delivery_status"], "failed");
  EXPECT_NE(row["last_error"].get<std::string>().find("30007"), std::string::npos) << row;
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(s.Counts(), before);
  EXPECT_EQ(tw.request_count(), 2u);
}

TEST(TelegramOutboundTest, AckGoesToTheChatThroughTheBotPath) {
  FakeProvider tg({200, R"({"ok":true,"result":{"message_id":4321,"chat":{"id":5123456789,)"
                        R"("type":"private"},"date":1717377400,"text":"ok"}})"});
  ChannelServer s(AllChannelsEnv(tg.base_url()));
  std::string ticket = Receive(s, "telegram");
  EXPECT_EQ(s.RunDispatcher(), 1);
  json row = Outbox(s);
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(row["provider_message_id"], "5123456789:4321");
  ExpectNoMoreSends(s, tg);
  auto requests = tg.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  EXPECT_EQ(requests[0].path, std::string("/bot") + kTelegramBotToken + "/sendMessage");
  EXPECT_EQ(requests[0].Header("Content-Type").rfind(kJson, 0), 0u);
  json body = json::parse(requests[0].body);
  EXPECT_EQ(body["chat_id"], 5123456789);  // an integer, as the Bot API documents
  EXPECT_EQ(body["text"], row["body"]);
  EXPECT_NE(body["text"].get<std::string>().find(ticket), std::string::npos);
}

TEST(MailgunOutboundTest, AckIsAThreadedReplyToTheResident) {
  FakeProvider mg({200, R"({"id":"<20240603011600.1.ACK@lapor.example.go.id>",)"
                        R"("message":"Queued. Thank you."})"});
  ChannelServer s(AllChannelsEnv(mg.base_url()));
  std::string ticket = Receive(s, "mailgun");
  EXPECT_EQ(s.RunDispatcher(), 1);
  json row = Outbox(s);
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(row["provider_message_id"], "20240603011600.1.ACK@lapor.example.go.id");
  ExpectNoMoreSends(s, mg);
  auto requests = mg.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, std::string("/v3/") + kMailgunDomain + "/messages");
  EXPECT_EQ(requests[0].Header("Authorization"),
            "Basic " + core::Base64Encode(std::string("api:") + kMailgunApiKey));
  auto form = DecodeForm(requests[0].body);
  EXPECT_EQ(form["to"], "andre.wijaya@gmail.com");
  EXPECT_EQ(form["from"], kMailgunFrom);
  EXPECT_FALSE(form["subject"].empty());
  EXPECT_NE(form["text"].find(ticket), std::string::npos) << form["text"];
  EXPECT_EQ(form["h:In-Reply-To"], "<CAJ7x2+Rk3vQ0pZ5mN1kY8tW@mail.gmail.com>");
}

}  // namespace
}  // namespace aduan::testing
