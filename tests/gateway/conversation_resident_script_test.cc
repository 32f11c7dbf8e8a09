// Residents talking to aduan, as scripts through the real server: every behaviour runs on the
// generic webhook and on Telegram (a provider: replies go through the outbox).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "conversation_script.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

class ResidentScript : public ::testing::TestWithParam<std::string> {
 protected:
  ResidentScript() : s_(ScriptEnv()), d_(s_, GetParam()) {}
  // Senders: numeric, so they are valid Telegram user ids too.
  const std::string ani_ = "6281100000001";
  const std::string budi_ = "6281100000002";
  TestServer s_;
  ConversationDriver d_;
};

TEST_P(ResidentScript, GreetingsGetHelpNotATicket) {
  d_.Run({
      {ani_, "halo", 0, "layanan aduan warga", TicketIs::kNone},
      {ani_, "Assalamualaikum", 0, "layanan aduan warga", TicketIs::kNone},
      {ani_, "p", 0, "STATUS ADU-", TicketIs::kNone},
      {ani_, "tes", 0, "layanan aduan warga", TicketIs::kNone},
      {ani_, "/start", 0, "layanan aduan warga", TicketIs::kNone},
  });
  EXPECT_EQ(s_.CountRows("tickets"), 0);
}

TEST_P(ResidentScript, AComplaintIsAcknowledgedWithNumberAgencyAndWhatNext) {
  auto sent = d_.Run({
      {ani_, "Jalan di depan SDN 3 Cilegon rusak parah, berlubang besar", 0, "Dinas Pekerjaan Umum",
       TicketIs::kNew, 200, std::nullopt,
       [](TestServer& s, const Sent& r) {
         EXPECT_NE(r.reply.find("STATUS " + r.ticket), std::string::npos) << r.reply;
         EXPECT_EQ(s.CountRows("queue", "ticket_id = '" + r.ticket + "'"), 1);
       }},
      {budi_, "Ada kebakaran rumah di Jl. Merdeka, api besar, tolong cepat!", 0, "112",
       TicketIs::kNew},
  });
  EXPECT_EQ(s_.CountRows("tickets"), 2);
}

TEST_P(ResidentScript, ASecondComplaintForAnotherAgencySoonAfterIsItsOwnTicket) {
  d_.Run({
      {ani_, "Sampah di TPS Jl. Melati tidak diangkut seminggu, bau sekali", 0,
       "Dinas Lingkungan Hidup", TicketIs::kNew},
      {ani_, "lampu jalan di Jl. Melati mati semua sejak minggu lalu, gelap sekali kalau malam", 60,
       "Dinas Perhubungan", TicketIs::kNew, 200, std::nullopt,
       [](TestServer& s, const Sent& r) {
         json t = AgencyView(s, r.ticket);
         EXPECT_EQ(t["agency"], "DISHUB");
         EXPECT_EQ(t["topic"], "pju_mati");
         EXPECT_EQ(t["classification"]["topic"], "pju_mati");
       }},
      {ani_, "di depan SDN 3", 30, "Tambahan informasi", TicketIs::kSame},
  });
  EXPECT_EQ(s_.CountRows("tickets"), 2);
  EXPECT_EQ(s_.CountRows("tickets", "agency = 'DISHUB'"), 1);
}

TEST_P(ResidentScript, AMissingPlaceIsAskedOnceAndTheAnswerJoinsTheTicket) {
  d_.Run({
      {ani_, "jalan rusak parah banyak lubang, motor sering jatuh", 0, "Di mana lokasinya",
       TicketIs::kNew},
      {ani_, "depan SDN 3 Cilegon", 60, "Lokasi untuk aduan", TicketIs::kSame, 200, std::nullopt,
       [](TestServer& s, const Sent& r) {
         json t = AgencyView(s, r.ticket);
         EXPECT_EQ(t["place"], "depan SDN 3 Cilegon");
         EXPECT_EQ(s.CountRows("tickets"), 1);
       }},
      // Asked once: more text now is a follow-up, not another answer.
      {ani_, "sudah 3 bulan tidak diperbaiki", 30, "Tambahan informasi", TicketIs::kSame},
  });
}

TEST_P(ResidentScript, ASharedLocationAnswersWhere) {
  if (GetParam() != "telegram") GTEST_SKIP() << "the generic webhook carries text only";
  d_.Run({
      {ani_, "sampah menumpuk dan bau sekali, tidak diangkut seminggu", 0, "Di mana lokasinya",
       TicketIs::kNew},
      {ani_, "", 60, "Lokasi untuk aduan", TicketIs::kSame, 200, std::pair{-6.0187, 106.0523},
       [](TestServer& s, const Sent& r) {
         json t = AgencyView(s, r.ticket);
         EXPECT_DOUBLE_EQ(t["location"]["latitude"].get<double>(), -6.0187);
       }},
  });
}

TEST_P(ResidentScript, MoreTextSoonAfterJoinsTheTicketAndLaterOpensANewOne) {
  d_.Run({
      {ani_, "Lampu jalan mati di gang Mawar RT 03", 0, "ADU-", TicketIs::kNew},
      {ani_, "sudah seminggu gelap", 60, "Tambahan informasi", TicketIs::kSame},
      {ani_, "Got mampet di Jl. Melati, air meluap ke rumah", 3600, "ADU-", TicketIs::kNew},
  });
  EXPECT_EQ(s_.CountRows("tickets"), 2);
}

TEST_P(ResidentScript, TheSameTextAgainIsTheSameComplaint) {
  d_.Run({
      {ani_, "Sampah di pasar Baru tidak diangkut seminggu", 0, "ADU-", TicketIs::kNew},
      {ani_, "sampah di pasar baru tidak diangkut seminggu!", 400, "sudah tercatat",
       TicketIs::kSame},
  });
  EXPECT_EQ(s_.CountRows("tickets"), 1);
}

TEST_P(ResidentScript, StatusAnswersTheOwnerMoreThanOthers) {
  auto first = d_.Send(ani_, "Jalan di depan SDN 3 Cilegon rusak parah, berlubang besar");
  ASSERT_FALSE(first.ticket.empty());
  std::string t = first.ticket;
  std::string typo = t;
  typo[6] = typo[6] == 'A' ? 'B' : 'A';
  std::string spaced = "adu " + t.substr(4, 4) + " " + t.substr(8);
  d_.Run({
      {ani_, "STATUS " + t, 10, t + ": diteruskan ke dinas", TicketIs::kNone},
      {ani_, "cek " + spaced, 10, t + ": diteruskan", TicketIs::kNone},
      {ani_, "/status " + t, 10, t + ":", TicketIs::kNone},
      {ani_, "STATUS " + typo, 10, "salah ketik", TicketIs::kNone},
      {ani_, "STATUS ADU-0000000", 10, "STATUS ADU-xxxxxxxx", TicketIs::kNone},
      {budi_, "STATUS " + t, 10, t + ": diteruskan ke dinas.", TicketIs::kNone},
      {ani_, "/hapus " + t, 10, "tidak dikenal", TicketIs::kNone},
  });
}

TEST_P(ResidentScript, AnonimHidesTheReporterAndRahasiaKeepsContentPrivate) {
  d_.Run({
      {ani_, "ANONIM petugas kelurahan Ciwaduk minta uang 200 ribu untuk surat pengantar", 0,
       "ADU-", TicketIs::kNew, 200, std::nullopt,
       [](TestServer& s, const Sent& r) {
         json t = AgencyView(s, r.ticket);
         EXPECT_EQ(t["reporter"], json({{"confidential", true}}));
         EXPECT_TRUE(t["privacy"]["anonymous"].get<bool>());
         EXPECT_EQ(t.dump().find("Warga"), std::string::npos) << "the display name leaked";
         EXPECT_EQ(t.dump().find("6281100000001"), std::string::npos);
         EXPECT_EQ(t["text"].get<std::string>().rfind("petugas", 0), 0u);
       }},
      {budi_, "mohon dirahasiakan, ada pungli parkir di pasar Baru tiap hari", 0, "ADU-",
       TicketIs::kNew, 200, std::nullopt,
       [](TestServer& s, const Sent& r) {
         json t = AgencyView(s, r.ticket);
         EXPECT_TRUE(t["privacy"]["secret"].get<bool>());
         EXPECT_FALSE(t["privacy"]["anonymous"].get<bool>());
         auto pub = s.Client().Get("/api/v1/public/tickets/" + r.ticket);
         ASSERT_EQ(pub->status, 200);
         EXPECT_EQ(pub->body.find("pungli"), std::string::npos);
       }},
  });
}

TEST_P(ResidentScript, BatalWithdrawsOwnTicketsNoAgencyPickedUp) {
  std::string mine = d_.Send(ani_, "Lampu jalan mati di gang Mawar RT 03").ticket;
  std::string theirs = d_.Send(budi_, "Got mampet di Jl. Melati, air meluap").ticket;
  ASSERT_FALSE(mine.empty());
  ASSERT_FALSE(theirs.empty());
  d_.Run({
      {ani_, "BATAL " + theirs, 10, "bukan aduan Anda", TicketIs::kNone},
      {ani_, "BATAL " + mine, 10, "sudah dibatalkan", TicketIs::kNone, 200, std::nullopt,
       [&](TestServer& s, const Sent&) {
         EXPECT_EQ(AgencyView(s, mine)["status"], "withdrawn");
         EXPECT_EQ(s.CountRows("queue", "ticket_id = '" + mine + "'"), 0);
         EXPECT_EQ(s.CountRows("tickets", "id = '" + theirs + "' AND status = 'routed'"), 1);
       }},
  });
  // An agency took Budi's ticket: it can no longer be withdrawn.
  auto leased = s_.store().Lease("PUPR", 10, 60000, s_.now_ms.load());
  for (const auto& l : leased) s_.store().Ack("PUPR", l.ticket.id, l.lease_id, s_.now_ms.load());
  ASSERT_FALSE(leased.empty());
  d_.Run({{budi_, "BATAL " + theirs, 10, "tidak bisa dibatalkan", TicketIs::kNone}});
  EXPECT_EQ(AgencyView(s_, theirs)["status"], "routed");
}

TEST_P(ResidentScript, ResidentsReportingTheSameThingAreLinked) {
  std::string first =
      d_.Send(ani_, "Saluran got mampet di RT 02 RW 05 Ciwaduk, air meluap ke jalan").ticket;
  std::string second =
      d_.Send(budi_, "Saluran got di RT 2 RW 5 Ciwaduk mampet, air meluap kalau hujan").ticket;
  std::string unrelated = d_.Send("6281100000003", "Lampu jalan mati di gang Mawar").ticket;
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(AgencyView(s_, second)["linked_to"], first);
  EXPECT_EQ(AgencyView(s_, first)["reported_by_residents"], 2);
  EXPECT_FALSE(AgencyView(s_, unrelated).contains("linked_to"));
}

TEST_P(ResidentScript, AStickerGetsHelp) {
  if (GetParam() != "telegram") GTEST_SKIP() << "the generic webhook carries text only";
  json update = {{"update_id", 77},
                 {"message",
                  {{"message_id", 77},
                   {"from", {{"id", 6281100000001}, {"first_name", "Ani"}}},
                   {"chat", {{"id", 6281100000001}, {"type", "private"}}},
                   {"date", 1790000000},
                   {"sticker", {{"file_id", "CAACAgIAAxkBAAIC"}, {"emoji", "👋"}}}}}};
  auto r =
      s_.Client().Post("/webhooks/telegram", {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}},
                       update.dump(), "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  auto row = d_.NewestRowTo(ani_);
  ASSERT_TRUE(row);
  EXPECT_NE(row->body.find("layanan aduan warga"), std::string::npos) << row->body;
  EXPECT_EQ(s_.CountRows("tickets"), 0);
}

TEST_P(ResidentScript, ASecondGatewayOnTheSameDatabaseContinuesTheConversation) {
  TestServer second(ScriptEnv(), nullptr, s_.db_path());
  ConversationDriver other(second, GetParam(), 5000);
  second.now_ms = s_.now_ms.load() + 60'000;
  std::string asked = d_.Send(ani_, "jalan rusak parah banyak lubang, motor sering jatuh").ticket;
  ASSERT_FALSE(asked.empty());
  auto answer = other.Send(ani_, "depan SDN 3 Cilegon");
  EXPECT_EQ(answer.ticket, asked);
  EXPECT_NE(answer.reply.find("Lokasi untuk aduan"), std::string::npos) << answer.reply;
  EXPECT_EQ(AgencyView(s_, asked)["place"], "depan SDN 3 Cilegon");
}

INSTANTIATE_TEST_SUITE_P(Channels, ResidentScript, ::testing::Values("generic", "telegram"),
                         [](const auto& info) { return info.param; });

class RateLimitScript : public ::testing::TestWithParam<std::string> {};

TEST_P(RateLimitScript, ASenderOverTheLimitIsToldOncePolitely) {
  TestServer s(ScriptEnv(), [](gateway::GatewayConfig& c) {
    c.conversation.rate_limit_messages = 3;
    c.conversation.rate_limit_window_seconds = 600;
  });
  ConversationDriver d(s, GetParam());
  const std::string who = "6281100000009";
  const bool generic = GetParam() == "generic";
  d.Run({
      {who, "halo", 0, "layanan aduan", TicketIs::kNone},
      {who, "Lampu jalan mati di gang Mawar RT 03", 1, "ADU-", TicketIs::kNew},
      {who, "sudah seminggu", 1, "Tambahan", TicketIs::kSame},
      {who, "tolong cepat", 1, "terlalu banyak", TicketIs::kNone, generic ? 429 : 200},
  });
  int64_t rows = d.NewestRowId();
  auto again = d.Send(who, "halo?");
  EXPECT_EQ(again.status, generic ? 429 : 200);
  if (!generic) {
    EXPECT_EQ(d.NewestRowId(), rows) << "the apology is sent once per window";
  }
  if (generic) {
    // A retry of a message accepted before the limit still gets its first answer.
    auto retry = s.Client().Post(
        "/webhooks/generic",
        R"({"id":"s2","from":"6281100000009","text":"Lampu jalan mati di gang Mawar RT 03"})",
        "application/json");
    ASSERT_EQ(retry->status, 200) << retry->body;
    EXPECT_TRUE(json::parse(retry->body)["duplicate"].get<bool>());
  }
  EXPECT_EQ(s.CountRows("tickets"), 1);
  s.now_ms += 601 * 1000;
  d.Run({{who, "halo", 0, "layanan aduan", TicketIs::kNone}});
}

INSTANTIATE_TEST_SUITE_P(Channels, RateLimitScript, ::testing::Values("generic", "telegram"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace aduan::testing
