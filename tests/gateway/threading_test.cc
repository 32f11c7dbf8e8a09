// Messages that continue a ticket instead of opening one: a Telegram edit, an email answering
// our acknowledgement, a subject carrying the sender's ticket number. And what agencies see.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "channels/form.h"
#include "core/crypto.h"
#include "gateway/common/api_keys.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

constexpr char kTelegramSecret[] = "Lapor_Cilegon-9d2f7c1e";
constexpr char kMailgunKey[] = "mg-webhook-signing-key-TEST-4c8e1f0a";

std::string Testdata(const std::string& path) {
  std::ifstream in(std::string(ADUAN_SOURCE_DIR) + "/channels/" + path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class ThreadingTest : public ::testing::Test {
 protected:
  ThreadingTest()
      : s_(std::map<std::string, std::string>{{"ADUAN_TELEGRAM_SECRET_TOKEN", kTelegramSecret},
                                              {"ADUAN_TELEGRAM_BOT_TOKEN", "123:abc"},
                                              {"ADUAN_MAILGUN_SIGNING_KEY", kMailgunKey},
                                              {"ADUAN_ADMIN_TOKEN", "operator-secret"}}) {}

  httplib::Result Telegram(const std::string& body) {
    return s_.Client().Post("/webhooks/telegram",
                            {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}}, body,
                            "application/json");
  }
  // A signed Mailgun route post; `token` must be fresh per request (Mailgun refuses replays).
  httplib::Result Mailgun(std::vector<std::pair<std::string, std::string>> fields,
                          const std::string& token) {
    std::string ts = std::to_string(s_.now_ms.load() / 1000);
    fields.emplace_back("timestamp", ts);
    fields.emplace_back("token", token);
    fields.emplace_back("signature", core::HexEncode(core::HmacSha256(kMailgunKey, ts + token)));
    return s_.Client().Post("/webhooks/mailgun", channels::EncodeForm(fields),
                            "application/x-www-form-urlencoded");
  }
  json Ticket(const std::string& id) {
    auto r =
        s_.Client().Get("/api/v1/tickets/" + id, {{"Authorization", "Bearer operator-secret"}});
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body);
  }
  std::string TicketOfMessage(const std::string& channel, const std::string& id) {
    return s_.store().TicketOfMessage(channel, id);
  }

  TestServer s_;
};

TEST_F(ThreadingTest, ATelegramEditAddsToTheTicketInsteadOfOpeningOne) {
  s_.now_ms = 1717377330000;
  ASSERT_EQ(Telegram(Testdata("telegram/testdata/telegram_message.json"))->status, 200);
  ASSERT_EQ(s_.CountRows("tickets"), 1);
  auto edit = Telegram(Testdata("telegram/testdata/telegram_edited_message.json"));
  ASSERT_EQ(edit->status, 200) << edit->body;
  EXPECT_EQ(s_.CountRows("tickets"), 1);
  EXPECT_EQ(s_.CountRows("messages"), 2);
  std::string ticket = TicketOfMessage("telegram", "5123456789:1204");
  ASSERT_FALSE(ticket.empty());
  json t = Ticket(ticket);
  ASSERT_EQ(t["events"].size(), 2u);
  EXPECT_EQ(t["events"][1]["kind"], "resident_message");
  EXPECT_NE(t["events"][1]["note"].get<std::string>().find("(3 tiang)"), std::string::npos);
  // A correction is amended quietly: the resident already has their acknowledgement.
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'ack' AND recipient = '5123456789'"), 1);
  // A redelivery of the same edit changes nothing.
  Telegram(Testdata("telegram/testdata/telegram_edited_message.json"));
  EXPECT_EQ(s_.CountRows("messages"), 2);
}

TEST_F(ThreadingTest, AnEmailReplyToOurAcknowledgementJoinsTheTicket) {
  auto first =
      Mailgun({{"sender", "warga@example.id"},
               {"from", "Warga <warga@example.id>"},
               {"subject", "Sampah menumpuk"},
               {"body-plain", "Sampah di TPS Pasar Baru tidak diangkut seminggu, bau sekali"},
               {"Message-Id", "<m1@example.id>"}},
              "token-one-0000000000000000000000000000000000000000");
  ASSERT_EQ(first->status, 200) << first->body;
  std::string ticket = TicketOfMessage("mailgun", "m1@example.id");
  ASSERT_FALSE(ticket.empty());
  int64_t ack_row = std::stoll([&] {
    auto rows = s_.store().ListOutbox("pending", 10);
    EXPECT_EQ(rows.size(), 1u);
    EXPECT_NE(json::parse(rows[0].details_json)["subject"].get<std::string>().find(ticket),
              std::string::npos);
    return std::to_string(rows[0].id);
  }());
  auto reply = Mailgun({{"sender", "warga@example.id"},
                        {"from", "Warga <warga@example.id>"},
                        {"subject", "Re: Sampah menumpuk"},
                        {"body-plain", "Ini fotonya, tumpukan sudah sampai ke jalan"},
                        {"Message-Id", "<m2@example.id>"},
                        {"In-Reply-To", "<outbox-" + std::to_string(ack_row) + "@aduan>"}},
                       "token-two-0000000000000000000000000000000000000000");
  ASSERT_EQ(reply->status, 200) << reply->body;
  EXPECT_EQ(s_.CountRows("tickets"), 1);
  EXPECT_EQ(TicketOfMessage("mailgun", "m2@example.id"), ticket);
  EXPECT_EQ(Ticket(ticket)["events"].back()["kind"], "resident_message");
}

TEST_F(ThreadingTest, ASubjectTagThreadsOnlyTheSendersOwnTicket) {
  ASSERT_EQ(Mailgun({{"sender", "a@example.id"},
                     {"subject", "Jalan rusak"},
                     {"body-plain", "Jalan berlubang besar di depan SDN 2"},
                     {"Message-Id", "<a1@example.id>"}},
                    "token-three-00000000000000000000000000000000000000")
                ->status,
            200);
  std::string ticket = TicketOfMessage("mailgun", "a1@example.id");
  // Someone else quoting the number opens their own ticket; the owner's mail joins it.
  Mailgun({{"sender", "b@example.id"},
           {"subject", "Re: [" + ticket + "] Jalan rusak"},
           {"body-plain", "Saya juga melihat lubang itu"},
           {"Message-Id", "<b1@example.id>"}},
          "token-four-000000000000000000000000000000000000000");
  Mailgun({{"sender", "a@example.id"},
           {"subject", "Re: [" + ticket + "] Jalan rusak"},
           {"body-plain", "Lubangnya makin besar"},
           {"Message-Id", "<a2@example.id>"}},
          "token-five-000000000000000000000000000000000000000");
  EXPECT_NE(TicketOfMessage("mailgun", "b1@example.id"), ticket);
  EXPECT_EQ(TicketOfMessage("mailgun", "a2@example.id"), ticket);
  EXPECT_EQ(s_.CountRows("tickets"), 2);
}

TEST_F(ThreadingTest, AgenciesSeeANikMasked) {
  json body = {{"id", "n1"},
               {"from", "081234567890"},
               {"text", "KTP saya NIK 3604123456780001 belum jadi sudah 3 bulan di Disdukcapil"}};
  auto r = s_.Client().Post("/webhooks/generic", body.dump(), "application/json");
  ASSERT_EQ(r->status, 200);
  std::string ticket = json::parse(r->body)["ticket"];
  json t = Ticket(ticket);
  EXPECT_EQ(t["text"].get<std::string>().find("3604123456780001"), std::string::npos) << t["text"];
  EXPECT_NE(t["text"].get<std::string>().find("0001"), std::string::npos);
}

}  // namespace
}  // namespace aduan::testing
