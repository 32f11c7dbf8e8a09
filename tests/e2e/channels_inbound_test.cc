// Channels in: each provider's real-format webhook through the running gateway over
// loopback HTTP, checked in the SQLite file (message, ticket, acknowledgement in the outbox).
#include <gtest/gtest.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>
#include <vector>

#include "../storage/temp_dir.h"
#include "channel_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

constexpr char kMultipart[] = "multipart/form-data; boundary=xYzZY";

struct InboundCase {
  std::string name;
  std::string method = "POST";
  std::string target;  // path and query as posted
  std::string fixture;
  std::string content_type;
  httplib::Headers headers;
  // Expected outcome.
  std::string channel;
  std::string provider_id;  // messages.provider_message_id
  std::string sender;       // messages.sender and tickets.reporter_sender
  std::string recipient;    // the ack's outbox.recipient
  std::string text;         // a substring of the ticket text ("" = the text is empty)
  std::string details_key;  // a key messages.details must carry ("media", "location"), or ""
  std::string agency = "";  // the agency the shipped rules must pick, where it is unambiguous
};

void PrintTo(const InboundCase& c, std::ostream* os) { *os << c.name; }

std::string AfterColon(const std::string& key) { return key.substr(key.find(':') + 1); }
std::string StripAngles(std::string id) {
  if (!id.empty() && id.front() == '<') id.erase(0, 1);
  if (!id.empty() && id.back() == '>') id.pop_back();
  return id;
}

InboundCase WhatsApp(const std::string& name, const std::string& details_key) {
  std::string base = "whatsapp/testdata/" + name;
  json meta = Meta(base + ".meta");
  return {name,
          "POST",
          "/webhooks/whatsapp",
          base + ".json",
          kJson,
          {{"X-Hub-Signature-256", meta["signature"]["value"].get<std::string>()}},
          "whatsapp",
          AfterColon(meta["expected"]["dedupe_key"]),
          "+6281234567890",
          "+6281234567890",
          meta["expected"]["text"],
          details_key};
}

InboundCase Telegram(const std::string& name, const std::string& details_key) {
  std::string base = "telegram/testdata/" + name;
  json meta = Meta(base + ".meta");
  json e = meta["expected"];
  // aduan keys Telegram messages as "<chat>:<message>" (the meta's message_key form), not by
  // update_id, so an edit can find the message it amends.
  std::string id = "5123456789:" + std::to_string(e["message_id"].get<int64_t>());
  return {name,
          "POST",
          "/webhooks/telegram",
          base + ".json",
          kJson,
          {{"X-Telegram-Bot-Api-Secret-Token", meta["secret"]["value"]}},
          "telegram",
          id,
          "5123456789",
          "5123456789",
          e.value("text", ""),
          details_key};
}

InboundCase Twilio(const std::string& name, const std::string& id, const std::string& text,
                   const std::string& details_key) {
  std::string fixture = "twilio/testdata/" + name + ".form";
  std::string sig =
      TwilioSignature(std::string(kPublicBase) + "/webhooks/twilio", Fixture(fixture));
  return {
      name,     "POST", "/webhooks/twilio", fixture,          kForm, {{"X-Twilio-Signature", sig}},
      "twilio", id,     "+6281234567890",   "+6281234567890", text,  details_key};
}

std::vector<InboundCase> Cases() {
  std::vector<InboundCase> cases = {
      WhatsApp("whatsapp_text", ""),
      WhatsApp("whatsapp_image", "media"),
      WhatsApp("whatsapp_location", "location"),
      Telegram("telegram_message", ""),
      Telegram("telegram_photo", "media"),
      Telegram("telegram_location", "location"),
      Twilio("twilio_sms", Meta("twilio/testdata/twilio_sms.meta")["expected"]["message_id"],
             Meta("twilio/testdata/twilio_sms.meta")["expected"]["text"], ""),
      Twilio("twilio_mms", "MM4a1b2c3d4e5f60718293a4b5c6d7e8f9",
             "Pohon tumbang \xE2\x80\x93 lihat foto", "media"),
  };
  json at = Meta("sms/testdata/africastalking_sms.meta")["expected"];
  cases.push_back({"sms_form_bearer",
                   "POST",
                   "/webhooks/sms",
                   "sms/testdata/africastalking_sms.form",
                   kForm,
                   {{"Authorization", std::string("Bearer ") + kSmsToken}},
                   "sms",
                   at["message_id"],
                   "+6281234567890",
                   "+6281234567890",
                   at["text"],
                   ""});
  json ext = Meta("sms/testdata/external_sms.meta")["expected"];
  cases.push_back({"sms_query_token",
                   "GET",
                   "",
                   "sms/testdata/external_sms.query",
                   "",
                   {},
                   "sms",
                   ext["message_id"],
                   "+6281234567890",
                   "+6281234567890",
                   ext["text"],
                   ""});
  json mg = Meta("mailgun/testdata/mailgun_route.meta")["expected"];
  cases.push_back({"mailgun_route",
                   "POST",
                   "/webhooks/mailgun",
                   "mailgun/testdata/mailgun_route.form",
                   kForm,
                   {},
                   "mailgun",
                   StripAngles(mg["message_id"]),
                   mg["sender_id"],
                   mg["sender_id"],
                   "saluran air di Jl. Ki Mas Jong",
                   ""});
  json sg = Meta("sendgrid/testdata/sendgrid_parse.meta")["expected"];
  std::string sg_target = std::string("/webhooks/sendgrid?token=") + kSendGridToken;
  cases.push_back({"sendgrid_parsed",
                   "POST",
                   sg_target,
                   "sendgrid/testdata/sendgrid_parse.multipart",
                   kMultipart,
                   {},
                   "sendgrid",
                   StripAngles(sg["message_id"]),
                   sg["sender_id"],
                   sg["sender_id"],
                   sg["text"],
                   ""});
  json alt = Meta("email/testdata/email_multipart_alt.meta");
  cases.push_back({"sendgrid_raw",
                   "POST",
                   sg_target,
                   "sendgrid/testdata/sendgrid_parse_raw.multipart",
                   kMultipart,
                   {},
                   "sendgrid",
                   StripAngles(AfterColon(Meta(
                       "sendgrid/testdata/sendgrid_parse_raw.meta")["expected"]["dedupe_key"])),
                   "siti.nurhaliza@gmail.com",
                   "siti.nurhaliza@gmail.com",
                   "Jalan di depan SDN 3 Cilegon rusak parah",
                   ""});
  // Complaints whose agency is not in doubt: the shipped rules must route them there.
  const std::map<std::string, std::string> kAgencies = {{"whatsapp_text", "PUPR"},
                                                        {"telegram_message", "DISHUB"},
                                                        {"telegram_photo", "DLH"},
                                                        {"twilio_sms", "DLH"},
                                                        {"sms_form_bearer", "PDAM"}};
  for (auto& c : cases) {
    if (auto it = kAgencies.find(c.name); it != kAgencies.end()) c.agency = it->second;
  }
  return cases;
}

class ChannelInboundTest : public ::testing::TestWithParam<InboundCase> {
 protected:
  httplib::Result Send(const InboundCase& c, const std::string& body) {
    if (c.method == "GET") {
      // The fixture is the gateway's request target; aduan's path and token replace its own.
      std::string query = body.substr(body.find('?') + 1);
      while (!query.empty() && (query.back() == '\n' || query.back() == '\r')) query.pop_back();
      return s_.Client().Get("/webhooks/sms?" + query + "&token=" + kSmsToken);
    }
    return s_.Post(c.target, body, c.content_type, c.headers);
  }
  void ExpectAccepted(const InboundCase& c, const httplib::Result& r) {
    ASSERT_TRUE(r) << httplib::to_string(r.error());
    ASSERT_EQ(r->status, 200) << "body '" << r->body << "' type '"
                              << r->get_header_value("Content-Type") << "'";
    if (c.channel == "twilio") {
      // Twilio wants TwiML; the ack goes through the outbox, so the TwiML is empty.
      EXPECT_EQ(r->get_header_value("Content-Type").rfind("text/xml", 0), 0u);
      EXPECT_NE(r->body.find("<Response"), std::string::npos) << r->body;
      EXPECT_EQ(r->body.find("<Message>"), std::string::npos) << r->body;
    }
  }

  ChannelServer s_;
};

TEST_P(ChannelInboundTest, StoresMessageTicketAndAckThenARetryAddsNothing) {
  const InboundCase& c = GetParam();
  std::string body = Fixture(c.fixture);
  ASSERT_EQ(s_.Counts(), RowCounts{});

  auto r = Send(c, body);
  ExpectAccepted(c, r);
  RowCounts after = s_.Counts();
  // Triage tickets wait for the operator, not in an agency queue.
  EXPECT_EQ(after, (RowCounts{1, 1, 1, after.queue, 1}));
  EXPECT_EQ(after.queue, s_.Count("tickets", "status = 'routed'"));

  auto messages = s_.Rows("SELECT * FROM messages");
  ASSERT_EQ(messages.size(), 1u);
  json m = messages[0];
  EXPECT_EQ(m["channel"], c.channel);
  EXPECT_EQ(m["provider_message_id"], c.provider_id);
  EXPECT_EQ(m["sender"], c.sender);
  if (!c.details_key.empty()) {
    EXPECT_TRUE(json::parse(m["details"].get<std::string>()).contains(c.details_key))
        << m["details"];
  }
  ASSERT_TRUE(m["ticket_id"].is_string()) << m;
  std::string ticket = m["ticket_id"];

  auto tickets = s_.Rows("SELECT * FROM tickets WHERE id = ?", {ticket});
  ASSERT_EQ(tickets.size(), 1u);
  json t = tickets[0];
  EXPECT_EQ(t["channel"], c.channel);
  EXPECT_EQ(t["reporter_sender"], c.sender);
  if (c.text.empty()) {
    EXPECT_EQ(t["text"], "");
  } else {
    EXPECT_NE(t["text"].get<std::string>().find(c.text), std::string::npos)
        << t["text"] << " lacks " << c.text;
  }
  std::string status = t["status"];
  ASSERT_TRUE(status == "routed" || status == "triage") << status;
  EXPECT_EQ(status == "triage", t["agency"] == "TRIAGE") << t["agency"];
  if (c.text.empty()) {
    EXPECT_EQ(status, "triage") << "an empty text cannot be routed";
  }
  if (!c.agency.empty()) {
    EXPECT_EQ(t["agency"], c.agency) << t["text"];
    EXPECT_EQ(status, "routed");
  }

  auto outbox = s_.Rows("SELECT * FROM outbox");
  ASSERT_EQ(outbox.size(), 1u);
  json o = outbox[0];
  EXPECT_EQ(o["kind"], "ack");
  EXPECT_EQ(o["channel"], c.channel);
  EXPECT_EQ(o["recipient"], c.recipient);
  EXPECT_EQ(o["ticket_id"], ticket);
  EXPECT_EQ(o["status"], "pending");
  EXPECT_NE(o["body"].get<std::string>().find(ticket), std::string::npos) << o["body"];

  // The provider retries the same delivery: 200 again, nothing new anywhere.
  auto again = Send(c, body);
  ExpectAccepted(c, again);
  EXPECT_EQ(s_.Counts(), after);
}

std::string CaseName(const ::testing::TestParamInfo<InboundCase>& info) { return info.param.name; }

// Mailgun is the exception: its timestamp/token/signature are single-use (replay protection),
// so its retry is a separate test below. Multipart bodies are a separate suite (see below).
std::vector<InboundCase> CasesWhere(const std::function<bool(const InboundCase&)>& keep) {
  std::vector<InboundCase> out;
  for (auto& c : Cases()) {
    if (keep(c)) out.push_back(c);
  }
  return out;
}
bool IsMultipart(const InboundCase& c) { return c.content_type.rfind("multipart/", 0) == 0; }

INSTANTIATE_TEST_SUITE_P(Providers, ChannelInboundTest,
                         ::testing::ValuesIn(CasesWhere([](const InboundCase& c) {
                           return c.channel != "mailgun" && !IsMultipart(c);
                         })),
                         CaseName);

// The same test for multipart/form-data webhooks (SendGrid Inbound Parse, parsed and raw).
class ChannelInboundMultipartTest : public ChannelInboundTest {};

// Multipart bodies reach the adapter byte for byte (see the pre-routing handler in server.cc).
TEST_P(ChannelInboundMultipartTest, StoresMessageTicketAndAckThenARetryAddsNothing) {
  const InboundCase& c = GetParam();
  std::string body = Fixture(c.fixture);
  auto r = Send(c, body);
  ExpectAccepted(c, r);
  RowCounts after = s_.Counts();
  EXPECT_EQ(after, (RowCounts{1, 1, 1, after.queue, 1}));
  auto m = s_.Rows("SELECT * FROM messages");
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(m[0]["channel"], c.channel);
  EXPECT_EQ(m[0]["provider_message_id"], c.provider_id);
  EXPECT_EQ(m[0]["sender"], c.sender);
  auto t = s_.Rows("SELECT * FROM tickets");
  ASSERT_EQ(t.size(), 1u);
  EXPECT_NE(t[0]["text"].get<std::string>().find(c.text), std::string::npos) << t[0]["text"];
  auto o = s_.Rows("SELECT * FROM outbox");
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0]["kind"], "ack");
  EXPECT_EQ(o[0]["recipient"], c.recipient);
  auto again = Send(c, body);
  ExpectAccepted(c, again);
  EXPECT_EQ(s_.Counts(), after);
}

INSTANTIATE_TEST_SUITE_P(Providers, ChannelInboundMultipartTest,
                         ::testing::ValuesIn(CasesWhere(IsMultipart)), CaseName);

// The SMS gateway's documented multipart form is stored like the urlencoded one.
TEST(SmsInboundTest, MultipartFormIsAccepted) {
  ChannelServer s;
  auto r = s.Post("/webhooks/sms", Fixture("sms/testdata/multipart.form"),
                  "multipart/form-data; boundary=b0undary");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(s.Count("messages", "channel = 'sms' AND sender = '+6281234567890'"), 1);
}

// Mailgun signs timestamp+token, not the body, and aduan refuses a token it has seen: the same
// bytes again are a replay (401, nothing written). Mailgun's own retries come minutes later with
// a fresh timestamp/token/signature; that retry is a duplicate (200, nothing new).
TEST(MailgunInboundTest, StoresTheMessageRefusesAReplayAndAcceptsAFreshlySignedRetry) {
  ChannelServer s;
  InboundCase c;
  for (auto& x : Cases()) {
    if (x.channel == "mailgun") c = x;
  }
  std::string body = Fixture(c.fixture);
  json sig = Meta("mailgun/testdata/mailgun_route.meta")["signature"];
  s.now_ms = std::stoll(sig["timestamp"].get<std::string>()) * 1000 + 1000;

  auto r = s.Post(c.target, body, c.content_type);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  RowCounts after = s.Counts();
  EXPECT_EQ(after, (RowCounts{1, 1, 1, after.queue, 1}));
  auto m = s.Rows("SELECT * FROM messages")[0];
  EXPECT_EQ(m["channel"], "mailgun");
  EXPECT_EQ(m["provider_message_id"], c.provider_id);
  EXPECT_EQ(m["sender"], c.sender);
  auto t = s.Rows("SELECT * FROM tickets")[0];
  EXPECT_NE(t["text"].get<std::string>().find(c.text), std::string::npos) << t["text"];
  // Mailgun's stripped-text is preferred: the quoted earlier reply is not part of the complaint.
  EXPECT_EQ(t["text"].get<std::string>().find("Laporan Anda telah kami terima"), std::string::npos);
  auto o = s.Rows("SELECT * FROM outbox")[0];
  EXPECT_EQ(o["kind"], "ack");
  EXPECT_EQ(o["recipient"], c.sender);

  auto replay = s.Post(c.target, body, c.content_type);
  ASSERT_TRUE(replay);
  EXPECT_EQ(replay->status, 401) << replay->body;
  EXPECT_EQ(json::parse(replay->body)["error"]["code"], "replayed_token");
  EXPECT_EQ(s.Counts(), after);

  s.now_ms += 10 * 60 * 1000;  // Mailgun's first retry comes 10 minutes later
  std::string ts = std::to_string(s.now_ms.load() / 1000);
  std::string token = "retry-token-0123456789abcdef0123456789abcdef01";
  std::string resigned = body;
  auto swap = [&](const std::string& field, const std::string& value) {
    size_t at = resigned.find(field + "=");
    ASSERT_NE(at, std::string::npos) << field;
    size_t start = at + field.size() + 1;
    size_t end = resigned.find('&', start);
    resigned.replace(start, end == std::string::npos ? std::string::npos : end - start, value);
  };
  swap("timestamp", ts);
  swap("token", token);
  swap("signature", MailgunSignature(ts, token));
  auto retry = s.Post(c.target, resigned, c.content_type);
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 200) << retry->body;
  EXPECT_EQ(s.Counts(), after);
}

// Mailgun's signature does not cover the body. A captured timestamp/token/signature sent again
// with a forged message must be refused by a restarted gateway too: the token is stored with
// the message, not held in memory.
TEST(MailgunInboundTest, AReplayedTokenWithAForgedBodyIsRefusedAfterARestart) {
  TempDir dir;
  const std::string db = dir.File("shared.db");
  std::string body = Fixture("mailgun/testdata/mailgun_route.form");
  json sig = Meta("mailgun/testdata/mailgun_route.meta")["signature"];
  const int64_t now = std::stoll(sig["timestamp"].get<std::string>()) * 1000 + 1000;
  {
    TestServer first(AllChannelsEnv(), nullptr, db, false, now);
    auto r = first.Client().Post("/webhooks/mailgun", body, "application/x-www-form-urlencoded");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }
  std::string forged = body;
  auto swap = [&](const std::string& field, const std::string& value) {
    size_t at = forged.find("&" + field + "=");
    ASSERT_NE(at, std::string::npos) << field;
    size_t start = at + field.size() + 2;
    size_t end = forged.find('&', start);
    forged.replace(start, end == std::string::npos ? std::string::npos : end - start, value);
  };
  swap("Message-Id", "%3Cforged-1%40evil.example%3E");
  swap("stripped-text", "Transfer+dana+bansos+ke+rekening+ini");
  TestServer second(AllChannelsEnv(), nullptr, db, false, now + 2000);
  auto r = second.Client().Post("/webhooks/mailgun", forged, "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401) << r->body;
  EXPECT_EQ(json::parse(r->body)["error"]["code"], "replayed_token");
  EXPECT_EQ(second.CountRows("messages"), 1);
}

// Concurrent copies of one signed post: exactly one is stored, the others are refused.
TEST(MailgunInboundTest, ConcurrentReplaysStoreExactlyOne) {
  ChannelServer s;
  std::string body = Fixture("mailgun/testdata/mailgun_route.form");
  json sig = Meta("mailgun/testdata/mailgun_route.meta")["signature"];
  s.now_ms = std::stoll(sig["timestamp"].get<std::string>()) * 1000 + 1000;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = s.Post("/webhooks/mailgun", body, "application/x-www-form-urlencoded");
      if (r && r->status == 200) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
  EXPECT_EQ(s.Count("messages"), 1);
}

// An edit amends the complaint: no second ticket and no second acknowledgement.
TEST(TelegramInboundTest, AnEditAmendsTheComplaintInsteadOfOpeningAnother) {
  ChannelServer s;
  httplib::Headers token = {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}};
  auto first = s.Post("/webhooks/telegram", Fixture("telegram/testdata/telegram_message.json"),
                      kJson, token);
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  auto edit = s.Post("/webhooks/telegram",
                     Fixture("telegram/testdata/telegram_edited_message.json"), kJson, token);
  ASSERT_TRUE(edit);
  EXPECT_EQ(edit->status, 200) << edit->body;
  EXPECT_EQ(s.Count("tickets"), 1);
  EXPECT_EQ(s.Count("outbox", "kind = 'ack'"), 1);
}

// The fixtures' recorded signatures are what our helpers compute, so the helpers can be trusted
// for the bodies the tests sign themselves.
TEST(SignatureHelpersTest, ReproduceTheFixtureSignatures) {
  json wa = Meta("whatsapp/testdata/whatsapp_text.meta");
  EXPECT_EQ(WhatsAppSignature(Fixture("whatsapp/testdata/whatsapp_text.json")),
            wa["signature"]["value"]);
  json tw = Meta("twilio/testdata/twilio_sms.meta");
  EXPECT_EQ(TwilioSignature(tw["request"]["url"], Fixture("twilio/testdata/twilio_sms.form")),
            tw["signature"]["value"]);
  json mg = Meta("mailgun/testdata/mailgun_route.meta")["signature"];
  EXPECT_EQ(MailgunSignature(mg["timestamp"], mg["token"]), mg["value"]);
}

}  // namespace
}  // namespace aduan::testing
