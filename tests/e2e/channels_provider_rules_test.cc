// What real providers insist on, checked through the real server against fake providers on
// 127.0.0.1: their rate-limit waits, Twilio's sender/recipient kinds and signature URL forms,
// out-of-order delivery reports, email threading of every message about a ticket, mail charsets,
// SendGrid's sender object and Telegram's reply quoting.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channel_server.h"
#include "channels/form.h"
#include "core/crypto.h"
#include "fake_provider.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

constexpr char kTwilioUrl[] = "https://lapor.example.go.id/webhooks/twilio";

json OnlyOutboxRow(const ChannelServer& s, const std::string& kind = "ack") {
  auto rows = s.Rows("SELECT * FROM outbox WHERE kind = ? ORDER BY id", {kind});
  EXPECT_EQ(rows.size(), 1u) << kind;
  return rows.empty() ? json::object() : rows[0];
}

std::string TicketOf(const ChannelServer& s, const std::string& channel) {
  auto rows = s.Rows("SELECT ticket_id FROM messages WHERE channel = ?", {channel});
  EXPECT_EQ(rows.size(), 1u) << channel;
  return rows.empty() ? "" : rows[0]["ticket_id"].get<std::string>();
}

httplib::Result PostTwilio(ChannelServer& s, const std::string& body,
                           const std::string& signed_url = kTwilioUrl) {
  return s.Post("/webhooks/twilio", body, kForm,
                {{"X-Twilio-Signature", TwilioSignature(signed_url, body)}});
}

// The operator moves `ticket` to in_progress with a public note (routing it first when the
// classifier left it for triage), which notifies the resident.
void StartWork(ChannelServer& s, const std::string& ticket) {
  httplib::Headers auth = {{"Authorization", std::string("Bearer ") + kAdminToken}};
  auto t = s.OperatorGet("/api/v1/tickets/" + ticket);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->status, 200) << t->body;
  if (json::parse(t->body)["status"] == "triage") {
    auto r = s.Client().Post("/api/v1/tickets/" + ticket + "/reroute", auth,
                             R"({"agency":"PUPR","note":"jalan"})", kJson);
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }
  auto r = s.Client().Post("/api/v1/tickets/" + ticket + "/status", auth,
                           R"({"status":"in_progress","note":"Tim dijadwalkan Kamis"})", kJson);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
}

TEST(ProviderRateLimitTest, TelegramFloodControlWaitsTheSecondsTelegramNames) {
  FakeProvider tg({200, R"({"ok":true,"result":{"message_id":1300,"chat":{"id":5123456789}}})"});
  tg.Script({{429,
              R"({"ok":false,"error_code":429,"description":"Too Many Requests: retry after 30",)"
              R"("parameters":{"retry_after":30}})",
              kJson,
              {{"Retry-After", "30"}}}});
  ChannelServer s(AllChannelsEnv(tg.base_url()));
  auto r = s.Post("/webhooks/telegram", Fixture("telegram/testdata/telegram_message.json"), kJson,
                  {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  int64_t t0 = s.now_ms;
  EXPECT_EQ(s.RunDispatcher(), 1);
  json row = OnlyOutboxRow(s);
  EXPECT_EQ(row["status"], "pending");
  EXPECT_EQ(row["next_attempt_at"].get<int64_t>(), t0 + 30'000) << row;
  s.now_ms = t0 + 29'999;
  EXPECT_EQ(s.RunDispatcher(), 0);
  s.now_ms = t0 + 30'000;
  EXPECT_EQ(s.RunDispatcher(), 1);
  EXPECT_EQ(OnlyOutboxRow(s)["status"], "sent");

  // The acknowledgement quotes the resident's message (message_id 1204 of that chat).
  auto requests = tg.requests();
  ASSERT_EQ(requests.size(), 2u);
  json body = json::parse(requests[1].body);
  EXPECT_EQ(body["chat_id"], 5123456789LL);
  EXPECT_EQ(body["reply_parameters"]["message_id"], 1204) << body;
}

TEST(ProviderRateLimitTest, AnHttpRetryAfterIsHonoured) {
  FakeProvider tw({201, R"({"sid":"SMack1","status":"queued"})"});
  tw.Script(
      {{429, R"({"code":20429,"message":"Too Many Requests"})", kJson, {{"Retry-After", "45"}}}});
  ChannelServer s(AllChannelsEnv(tw.base_url()));
  auto r = PostTwilio(s, Fixture("twilio/testdata/twilio_sms.form"));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  int64_t t0 = s.now_ms;
  EXPECT_EQ(s.RunDispatcher(), 1);
  EXPECT_EQ(OnlyOutboxRow(s)["next_attempt_at"].get<int64_t>(), t0 + 45'000);
}

TEST(TwilioSenderKindTest, WhatsAppResidentsAreAnsweredFromTheWhatsAppNumberTheyWroteTo) {
  FakeProvider tw({201, R"({"sid":"SMack2","status":"queued"})"});
  ChannelServer s(AllChannelsEnv(tw.base_url()));  // ADUAN_TWILIO_FROM is an SMS number
  auto r = PostTwilio(s, channels::EncodeForm({{"MessageSid", "SMwa0001"},
                                               {"AccountSid", kTwilioAccountSid},
                                               {"From", "whatsapp:+6281234567890"},
                                               {"To", "whatsapp:+14155238886"},
                                               {"ProfileName", "Siti"},
                                               {"Body",
                                                "Jalan berlubang besar di depan SDN 3 "
                                                "Cilegon, sudah tiga bulan"},
                                               {"NumMedia", "0"}}));
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string ticket = TicketOf(s, "twilio");
  ASSERT_FALSE(ticket.empty());
  StartWork(s, ticket);
  while (s.RunDispatcher() > 0) {
  }
  auto requests = tw.requests();
  ASSERT_EQ(requests.size(), 2u);  // the acknowledgement and the status notification
  for (const auto& req : requests) {
    auto form = DecodeForm(req.body);
    EXPECT_EQ(form["To"], "whatsapp:+6281234567890");
    EXPECT_EQ(form["From"], "whatsapp:+14155238886") << req.body;
  }
}

TEST(TwilioSignatureFormTest, AUrlSignedWithTheDefaultPortIsAccepted) {
  ChannelServer s;
  auto r = PostTwilio(s, Fixture("twilio/testdata/twilio_sms.form"),
                      "https://lapor.example.go.id:443/webhooks/twilio");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(s.Count("messages"), 1);
}

TEST(DeliveryOrderTest, LateReportsDoNotUndoNewerOnes) {
  FakeProvider wa({200, R"({"messages":[{"id":"wamid.ACK-ORDER"}]})"});
  FakeProvider tw({201, R"({"sid":"SMorder","status":"queued"})"});
  auto env = AllChannelsEnv(wa.base_url());
  env["ADUAN_TWILIO_API_BASE"] = tw.base_url();
  ChannelServer s(env);
  std::string inbound = Fixture("whatsapp/testdata/whatsapp_text.json");
  ASSERT_EQ(s.Post("/webhooks/whatsapp", inbound, kJson,
                   {{"X-Hub-Signature-256", WhatsAppSignature(inbound)}})
                ->status,
            200);
  ASSERT_EQ(PostTwilio(s, Fixture("twilio/testdata/twilio_sms.form"))->status, 200);
  EXPECT_EQ(s.RunDispatcher(), 2);

  // WhatsApp: `read` (later timestamp) arrives before `delivered`.
  std::string report = Fixture("whatsapp/testdata/whatsapp_status.json");
  std::string fixture_id = Meta("whatsapp/testdata/whatsapp_status.meta")["expected"]["message_id"];
  report.replace(report.find(fixture_id), fixture_id.size(), "wamid.ACK-ORDER");
  std::string read = report;
  read.replace(read.find("\"delivered\""), 11, "\"read\"");
  read.replace(read.find("\"1717377630\""), 12, "\"1717377690\"");
  for (const std::string& body : {read, report}) {
    auto r = s.Post("/webhooks/whatsapp", body, kJson,
                    {{"X-Hub-Signature-256", WhatsAppSignature(body)}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
  }
  auto wa_row = s.Rows("SELECT delivery_status FROM outbox WHERE channel = 'whatsapp'");
  ASSERT_EQ(wa_row.size(), 1u);
  EXPECT_EQ(wa_row[0]["delivery_status"], "read");

  // Twilio: `delivered`, then a late `sent`.
  for (const char* status : {"delivered", "sent"}) {
    auto r = PostTwilio(s, channels::EncodeForm({{"MessageSid", "SMorder"},
                                                 {"AccountSid", kTwilioAccountSid},
                                                 {"MessageStatus", status},
                                                 {"To", "+6281234567890"},
                                                 {"From", kTwilioFrom}}));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
  }
  auto tw_row = s.Rows("SELECT delivery_status FROM outbox WHERE channel = 'twilio'");
  ASSERT_EQ(tw_row.size(), 1u);
  EXPECT_EQ(tw_row[0]["delivery_status"], "delivered");
}

// A Mailgun route POST carrying the whole message as body-mime.
std::string MailgunMime(ChannelServer& s, const std::string& token, const std::string& mime) {
  std::string ts = std::to_string(s.now_ms.load() / 1000);
  return channels::EncodeForm({{"timestamp", ts},
                               {"token", token},
                               {"signature", MailgunSignature(ts, token)},
                               {"recipient", "pengaduan@lapor.example.go.id"},
                               {"sender", "warga@example.id"},
                               {"body-mime", mime}});
}

TEST(EmailThreadTest, EveryMessageAboutATicketThreadsUnderTheResidentsMail) {
  FakeProvider mg({200, R"({"id":"<out@lapor.example.go.id>","message":"Queued."})"});
  ChannelServer s(AllChannelsEnv(mg.base_url()));
  std::string mime =
      "From: Warga <warga@example.id>\r\n"
      "To: pengaduan@lapor.example.go.id\r\n"
      "Subject: re: Re: Jalan berlubang di depan SDN 3 Cilegon\r\n"
      "Message-ID: <m2@example.id>\r\n"
      "In-Reply-To: <m1@example.id>\r\n"
      "References: <m0@example.id> <m1@example.id>\r\n"
      "Content-Type: text/plain; charset=utf-8\r\n\r\n"
      "Jalan berlubang besar di depan SDN 3 Cilegon, sudah tiga bulan tidak diperbaiki.\r\n";
  auto r = s.Post("/webhooks/mailgun", MailgunMime(s, "tok-thread-1", mime), kForm);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string ticket = TicketOf(s, "mailgun");
  ASSERT_FALSE(ticket.empty());
  StartWork(s, ticket);
  while (s.RunDispatcher() > 0) {
  }
  auto requests = mg.requests();
  ASSERT_EQ(requests.size(), 2u);  // the acknowledgement and the status notification
  for (const auto& req : requests) {
    auto form = DecodeForm(req.body);
    EXPECT_EQ(form["h:In-Reply-To"], "<m2@example.id>") << req.body;
    EXPECT_EQ(form["h:References"], "<m0@example.id> <m1@example.id> <m2@example.id>");
    EXPECT_EQ(form["subject"], "Re: Jalan berlubang di depan SDN 3 Cilegon [" + ticket + "]");
  }
}

TEST(EmailCharsetTest, AnIso2022JpSubjectIsDecodedAndNoEscapeByteGoesOut) {
  FakeProvider mg({200, R"({"id":"<out@lapor.example.go.id>","message":"Queued."})"});
  ChannelServer s(AllChannelsEnv(mg.base_url()));
  std::string mime =
      "From: Taro <taro@example.jp>\r\n"
      "Subject: =?ISO-2022-JP?B?GyRCNmw+cBsoQg==?= jalan rusak\r\n"
      "Message-ID: <jp1@example.jp>\r\n"
      "Content-Type: text/plain; charset=ISO-2022-JP\r\n\r\n"
      "Jalan rusak di depan SDN 3 Cilegon \x1B$BF;O)$,2u$l$F$$$^$9\x1B(B\r\n";
  auto r = s.Post("/webhooks/mailgun", MailgunMime(s, "tok-jp-1", mime), kForm);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string ticket = TicketOf(s, "mailgun");
  auto text = s.Rows("SELECT text FROM messages");
  ASSERT_EQ(text.size(), 1u);
  EXPECT_NE(text[0]["text"].get<std::string>().find("道路が壊れています"), std::string::npos)
      << text[0];
  EXPECT_EQ(s.RunDispatcher(), 1);
  auto requests = mg.requests();
  ASSERT_EQ(requests.size(), 1u);
  auto form = DecodeForm(requests[0].body);
  EXPECT_EQ(form["subject"], "Re: 苦情 jalan rusak [" + ticket + "]");
  for (char c : form["subject"]) EXPECT_GE(static_cast<unsigned char>(c), 0x20) << form["subject"];
}

TEST(SendGridSenderTest, ANamedFromIsSentAsNameAndAddressAndRepliesThread) {
  FakeProvider sg({202, ""});
  auto env = AllChannelsEnv(sg.base_url());
  env["ADUAN_SENDGRID_API_KEY"] = "SG.test";
  env["ADUAN_SENDGRID_FROM"] = "Layanan Aduan <aduan@example.go.id>";
  ChannelServer s(env);
  std::string body = Fixture("sendgrid/testdata/sendgrid_parse.multipart");
  auto r = s.Post(std::string("/webhooks/sendgrid?token=") + kSendGridToken, body,
                  "multipart/form-data; boundary=xYzZY");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  std::string ticket = TicketOf(s, "sendgrid");
  ASSERT_FALSE(ticket.empty());
  StartWork(s, ticket);
  while (s.RunDispatcher() > 0) {
  }
  auto requests = sg.requests();
  ASSERT_EQ(requests.size(), 2u);
  for (const auto& req : requests) {
    json sent = json::parse(req.body);
    EXPECT_EQ(sent["from"], (json{{"email", "aduan@example.go.id"}, {"name", "Layanan Aduan"}}));
    EXPECT_EQ(sent["headers"]["In-Reply-To"],
              "<CAH9k2Lx7Zq1vT7pYwZ0aBcD1eF2gH3iJ4kL5mN6oP7qR8sT9u@mail.gmail.com>")
        << sent;
    EXPECT_NE(sent["subject"].get<std::string>().find("[" + ticket + "]"), std::string::npos);
  }
}

}  // namespace
}  // namespace aduan::testing
