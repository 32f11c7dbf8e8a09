// Acknowledge-first intake over real HTTP: webhooks are answered once their messages are in
// the local journal, the processor makes the tickets behind them, and a database that fails
// costs residents nothing.
#include "gateway/intake/intake_journal.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/crypto.h"
#include "gateway/common/config.h"
#include "gateway/intake/intake_entry.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;

constexpr char kTelegramSecret[] = "journal-test-secret";

std::string Complaint(const std::string& id, const std::string& from) {
  return json{{"id", id},
              {"from", from},
              {"text", "Lampu jalan di Jalan Ahmad Yani mati sudah seminggu, gelap sekali"}}
      .dump();
}

std::string TelegramUpdate(int id, int64_t chat) {
  return json{{"update_id", id},
              {"message",
               {{"message_id", id},
                {"from", {{"id", chat}, {"first_name", "Budi"}}},
                {"chat", {{"id", chat}, {"type", "private"}}},
                {"date", 1790000000},
                {"text", "Sampah menumpuk di pasar Kliwon sudah tiga hari, bau sekali"}}}}
      .dump();
}

// While alive, files this process writes cannot grow past `bytes`: every database and WAL
// page lies beyond the first KiB, so each write transaction fails.
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() { Lift(); }
  void Lift() {
    if (lifted_) return;
    setrlimit(RLIMIT_FSIZE, &saved_);
    signal(SIGXFSZ, old_handler_);
    lifted_ = true;
  }

 private:
  rlimit saved_{};
  sighandler_t old_handler_ = SIG_DFL;
  bool lifted_ = false;
};

// Journal segments small enough to stay under FileSizeLimit(1024), short waits.
std::function<void(gateway::GatewayConfig&)> SmallJournal(std::string dir = "") {
  return [dir](gateway::GatewayConfig& c) {
    c.intake.journal_segment_bytes = 200;
    c.intake.reply_wait_ms = 300;
    c.intake.provider_wait_ms = 300;
    if (!dir.empty()) c.intake.journal_dir = dir;
  };
}

// Polls `path` until `done` holds for its answer (bounded); returns the last answer.
httplib::Result PollUntil(TestServer& s, const std::string& path,
                          const std::function<bool(const httplib::Response&)>& done) {
  httplib::Result r = s.Client().Get(path);
  for (int i = 0; i < 200 && r && !done(*r); ++i) {
    std::this_thread::sleep_for(milliseconds(50));
    r = s.Client().Get(path);
  }
  return r;
}

int64_t JournalBacklog(TestServer& s) {
  auto r = s.Client().Get("/readyz");
  if (!r) return -1;
  json body = json::parse(r->body, nullptr, false);
  if (!body.contains("journal")) return -1;
  return body["journal"]["backlog"].get<int64_t>();
}

TEST(IntakeJournalTest, AGenericMessageStillGetsItsTicketInTheAnswer) {
  TestServer s;
  auto r = s.Client().Post("/webhooks/generic", Complaint("fast-1", "+6281234567890"),
                           "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json body = json::parse(r->body);
  std::string ticket = body["ticket"];
  EXPECT_EQ(ticket.rfind("ADU-", 0), 0u) << r->body;
  EXPECT_EQ(s.CountRows("tickets"), 1);
  // The receipt of the same message finds the same ticket, also when looked up later.
  auto receipt = s.Client().Get("/api/v1/public/receipts/r" + std::string("666173742d31"));
  ASSERT_TRUE(receipt);
  ASSERT_EQ(receipt->status, 200) << receipt->body;
  EXPECT_EQ(json::parse(receipt->body)["ticket"], ticket);
  auto ready = PollUntil(s, "/readyz", [](const httplib::Response& x) {
    return json::parse(x.body)["journal"]["backlog"] == 0;
  });
  ASSERT_TRUE(ready);
  EXPECT_EQ(ready->status, 200) << ready->body;
  EXPECT_EQ(json::parse(ready->body)["status"], "ready");
}

TEST(IntakeJournalTest, UnknownAndMalformedReceiptsAreClearErrors) {
  TestServer s;
  auto unknown = s.Client().Get("/api/v1/public/receipts/r6e6f6e65");  // "none"
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404) << unknown->body;
  EXPECT_EQ(json::parse(unknown->body)["error"]["code"], "unknown_receipt");
  auto bad = s.Client().Get("/api/v1/public/receipts/not-a-receipt");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400) << bad->body;
  EXPECT_EQ(json::parse(bad->body)["error"]["code"], "invalid_receipt");
}

TEST(IntakeJournalTest, WhileTheDatabaseFailsWebhooksAreAcknowledgedAndLaterBecomeTickets) {
  TestServer s({{"ADUAN_TELEGRAM_SECRET_TOKEN", kTelegramSecret}}, SmallJournal());
  std::string receipt;
  {
    FileSizeLimit full(1024);
    auto generic = s.Client().Post("/webhooks/generic", Complaint("down-1", "+6281234567891"),
                                   "application/json");
    ASSERT_TRUE(generic);
    ASSERT_EQ(generic->status, 202) << generic->body;
    json body = json::parse(generic->body);
    EXPECT_TRUE(body["accepted"].get<bool>());
    receipt = body["receipt"];
    EXPECT_FALSE(body["reply"].get<std::string>().empty());

    auto telegram = s.Client().Post("/webhooks/telegram",
                                    {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}},
                                    TelegramUpdate(501, 777), "application/json");
    ASSERT_TRUE(telegram);
    EXPECT_EQ(telegram->status, 200) << "a provider is never refused for the database";

    auto pending = s.Client().Get("/api/v1/public/receipts/" + receipt);
    ASSERT_TRUE(pending);
    EXPECT_EQ(pending->status, 202) << pending->body;
    EXPECT_EQ(json::parse(pending->body)["status"], "pending");

    auto degraded = PollUntil(s, "/readyz", [](const httplib::Response& x) {
      return json::parse(x.body).value("status", "") == "degraded";
    });
    ASSERT_TRUE(degraded);
    EXPECT_EQ(degraded->status, 200) << "webhooks are still taken: " << degraded->body;
    json ready = json::parse(degraded->body);
    EXPECT_EQ(ready["journal"]["backlog"], 2) << degraded->body;
    EXPECT_TRUE(ready["accepting_webhooks"].get<bool>());
    EXPECT_FALSE(ready["error"]["message"].get<std::string>().empty());
    auto alive = s.Client().Get("/healthz");
    ASSERT_TRUE(alive);
    EXPECT_EQ(alive->status, 200);
    // The readiness probe's own write can see the failure before the processor's first retry.
    auto metrics = PollUntil(s, "/metrics", [](const httplib::Response& x) {
      return x.body.find("aduan_intake_retries_total") != std::string::npos;
    });
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("aduan_journal_depth 2"), std::string::npos) << metrics->body;
    EXPECT_NE(metrics->body.find("aduan_intake_retries_total"), std::string::npos);
    // Two webhooks one after the other: two syncs of one record each.
    EXPECT_NE(metrics->body.find("aduan_journal_syncs_total 2\n"), std::string::npos);
    EXPECT_NE(metrics->body.find("aduan_journal_synced_records_total 2\n"), std::string::npos);
    EXPECT_NE(metrics->body.find("aduan_journal_last_sync_records 1\n"), std::string::npos);
    EXPECT_EQ(s.CountRows("tickets"), 0);
  }
  // The disk has room again: the processor's next try makes both tickets, once.
  auto done = PollUntil(s, "/api/v1/public/receipts/" + receipt,
                        [](const httplib::Response& x) { return x.status == 200; });
  ASSERT_TRUE(done);
  ASSERT_EQ(done->status, 200) << done->body;
  EXPECT_EQ(json::parse(done->body)["ticket"].get<std::string>().rfind("ADU-", 0), 0u);
  auto ready = PollUntil(s, "/readyz", [](const httplib::Response& x) {
    return json::parse(x.body).value("status", "") == "ready";
  });
  ASSERT_TRUE(ready);
  EXPECT_EQ(json::parse(ready->body)["journal"]["backlog"], 0) << ready->body;
  EXPECT_EQ(s.CountRows("tickets"), 2);
  EXPECT_EQ(s.CountRows("outbox", "channel = 'telegram' AND kind = 'ack'"), 1)
      << "the resident's acknowledgement is queued once";
  auto metrics = s.Client().Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("aduan_intake_batch_records_total"), std::string::npos);
}

TEST(IntakeJournalTest, AcknowledgeOnlyProviderWebhooksBecomeTicketsBehindTheAnswer) {
  // provider_wait_ms 0: the 200 comes once the record is synced, before any ticket exists,
  // and the request leaves the processor's bookkeeping alone.
  TestServer s({{"ADUAN_TELEGRAM_SECRET_TOKEN", kTelegramSecret}},
               [](gateway::GatewayConfig& c) { c.intake.provider_wait_ms = 0; });
  constexpr int kUpdates = 20;
  for (int i = 0; i < kUpdates; ++i) {
    auto r = s.Client().Post("/webhooks/telegram",
                             {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}},
                             TelegramUpdate(700 + i, 9000 + i), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  }
  // A provider retry of the first update is journaled and acknowledged like the others.
  auto retry =
      s.Client().Post("/webhooks/telegram", {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}},
                      TelegramUpdate(700, 9000), "application/json");
  ASSERT_TRUE(retry);
  ASSERT_EQ(retry->status, 200) << retry->body;
  auto drained = PollUntil(s, "/readyz", [](const httplib::Response& x) {
    json body = json::parse(x.body, nullptr, false);
    return body.contains("journal") && body["journal"]["backlog"] == 0;
  });
  ASSERT_TRUE(drained);
  EXPECT_EQ(json::parse(drained->body)["journal"]["backlog"], 0) << drained->body;
  EXPECT_EQ(s.CountRows("messages"), kUpdates);
  EXPECT_EQ(s.CountRows("tickets"), kUpdates) << "the retry made no second ticket";
  auto metrics = s.Client().Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("aduan_journal_synced_records_total " +
                               std::to_string(kUpdates + 1) + "\n"),
            std::string::npos)
      << metrics->body;
}

TEST(IntakeJournalTest, ACrashBetweenCommitAndCheckpointMakesNoSecondTicket) {
  TempDir dir;
  const std::string db = dir.File("aduan.db");
  const std::string journal = dir.File("journal");
  const std::map<std::string, std::string> env = {{"ADUAN_TELEGRAM_SECRET_TOKEN", kTelegramSecret}};
  int outbox_before = 0;
  {
    // One segment holds every record, so none is deleted before the "crash".
    TestServer a(
        env, [&](gateway::GatewayConfig& c) { c.intake.journal_dir = journal; }, db);
    for (int i = 0; i < 3; ++i) {
      auto r = a.Client().Post("/webhooks/telegram",
                               {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}},
                               TelegramUpdate(600 + i, 800 + i), "application/json");
      ASSERT_TRUE(r);
      ASSERT_EQ(r->status, 200) << r->body;
    }
    auto r = a.Client().Post("/webhooks/generic", Complaint("crash-1", "+6281234567892"),
                             "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(a.CountRows("tickets"), 4);
    outbox_before = a.CountRows("outbox");
    EXPECT_GE(outbox_before, 3);
  }
  // As if the process died after the commits and before their checkpoint: the journal says
  // nothing was processed, and its records are still on disk.
  std::ofstream(std::filesystem::path(journal) / "checkpoint", std::ios::trunc) << "0\n";
  TestServer b(
      env, [&](gateway::GatewayConfig& c) { c.intake.journal_dir = journal; }, db);
  auto drained = PollUntil(b, "/readyz", [](const httplib::Response& x) {
    json body = json::parse(x.body, nullptr, false);
    return body.contains("journal") && body["journal"]["backlog"] == 0;
  });
  ASSERT_TRUE(drained);
  EXPECT_EQ(JournalBacklog(b), 0);
  EXPECT_EQ(b.CountRows("tickets"), 4) << "replayed records find their messages stored";
  EXPECT_EQ(b.CountRows("outbox"), outbox_before) << "no second reply";
  auto metrics = b.Client().Get("/metrics");
  ASSERT_TRUE(metrics);
  EXPECT_NE(metrics->body.find("aduan_intake_replayed_records_total 4"), std::string::npos)
      << "the replayed records were known by their journal positions: " << metrics->body;
}

// A message with no provider id (an email without a Message-ID, say) written to the journal
// as the webhook would have, before any server runs.
void JournalMessageWithoutProviderId(const std::string& journal_dir) {
  gateway::GatewayConfig config;
  config.intake.journal_dir = journal_dir;
  std::string error;
  auto journal = gateway::OpenIntakeJournal(
      config, "", [] { return int64_t{0}; }, &error);
  ASSERT_TRUE(journal) << error;
  gateway::IntakeEntry entry;
  entry.message.channel = "generic";
  entry.message.sender = "+6281234567899";
  entry.message.text = "Saluran air di Jalan Merdeka tersumbat, banjir setiap hujan";
  entry.received_at_ms = 1'790'000'123'456;
  journal->Append({gateway::EncodeEntry(entry)});
}

TEST(IntakeJournalTest, ARecordReplayedAfterACrashIsKnownByItsJournalPosition) {
  TempDir dir;
  const std::string db = dir.File("aduan.db");
  const std::string journal = dir.File("journal");
  JournalMessageWithoutProviderId(journal);
  const std::map<std::string, std::string> env;
  {
    TestServer a(
        env, [&](gateway::GatewayConfig& c) { c.intake.journal_dir = journal; }, db);
    auto drained = PollUntil(a, "/readyz", [](const httplib::Response& x) {
      json body = json::parse(x.body, nullptr, false);
      return body.contains("journal") && body["journal"]["backlog"] == 0;
    });
    ASSERT_TRUE(drained);
    ASSERT_EQ(a.CountRows("tickets"), 1);
    EXPECT_EQ(a.CountRows("applied_journal_records", "seq = 1 AND ticket_id LIKE 'ADU-%'"), 1)
        << "the position is stored with the ticket";
  }
  // The process died after the commit and before its checkpoint. Meanwhile the operator
  // changed the dedupe window, so the message's content key is not the one stored: only its
  // journal position can tell that it was stored before.
  std::ofstream(std::filesystem::path(journal) / "checkpoint", std::ios::trunc) << "0\n";
  {
    TestServer b(
        env,
        [&](gateway::GatewayConfig& c) {
          c.intake.journal_dir = journal;
          c.conversation.duplicate_window_seconds = 7;
        },
        db);
    auto drained = PollUntil(b, "/readyz", [](const httplib::Response& x) {
      json body = json::parse(x.body, nullptr, false);
      return body.contains("journal") && body["journal"]["backlog"] == 0;
    });
    ASSERT_TRUE(drained);
    EXPECT_EQ(b.CountRows("tickets"), 1) << "no second ticket";
    EXPECT_EQ(b.CountRows("messages"), 1);
    auto metrics = b.Client().Get("/metrics");
    ASSERT_TRUE(metrics);
    EXPECT_NE(metrics->body.find("aduan_intake_replayed_records_total 1"), std::string::npos)
        << metrics->body;
  }
  // The checkpoint passed the record: the next start forgets its position.
  TestServer c(
      env, [&](gateway::GatewayConfig& cfg) { cfg.intake.journal_dir = journal; }, db);
  for (int i = 0; i < 200 && c.CountRows("applied_journal_records") != 0; ++i) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_EQ(c.CountRows("applied_journal_records"), 0);
  EXPECT_EQ(c.CountRows("tickets"), 1);
}

TEST(IntakeJournalTest, AFullJournalRefusesWithRetryAfterAndLosesNothingAccepted) {
  TestServer s({}, [](gateway::GatewayConfig& c) {
    c.intake.journal_segment_bytes = 200;
    c.intake.journal_max_bytes = 1500;
    c.intake.reply_wait_ms = 200;
  });
  std::vector<std::string> accepted;
  std::optional<httplib::Response> refused;
  {
    FileSizeLimit full(1024);  // the database is away, so nothing drains the journal
    for (int i = 0; i < 50; ++i) {
      std::string id = "cap-" + std::to_string(i);
      auto r = s.Client().Post("/webhooks/generic", Complaint(id, "+62812300" + std::to_string(i)),
                               "application/json");
      ASSERT_TRUE(r);
      if (r->status == 503) {
        refused = *r;
        break;
      }
      ASSERT_EQ(r->status, 202) << r->body;
      accepted.push_back(json::parse(r->body)["receipt"]);
    }
  }
  ASSERT_TRUE(refused) << "the cap was never reached";
  EXPECT_EQ(json::parse(refused->body)["error"]["code"], "intake_full");
  EXPECT_TRUE(refused->has_header("Retry-After"));
  ASSERT_FALSE(accepted.empty());
  for (const auto& receipt : accepted) {
    auto r = PollUntil(s, "/api/v1/public/receipts/" + receipt,
                       [](const httplib::Response& x) { return x.status == 200; });
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << r->body;
  }
  EXPECT_EQ(s.CountRows("tickets"), static_cast<int>(accepted.size()));
  // Once checkpointed (the backlog is empty), processed segments are gone and the journal
  // takes messages again.
  auto drained = PollUntil(s, "/readyz", [](const httplib::Response& x) {
    return json::parse(x.body)["journal"]["backlog"] == 0;
  });
  ASSERT_TRUE(drained);
  auto again = s.Client().Post("/webhooks/generic", Complaint("cap-after", "+6281239999"),
                               "application/json");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->status, 200) << again->body;
}

TEST(IntakeJournalTest, DeliveryReportsTheDatabaseRefusesAreKeptAndRecordedLater) {
  constexpr char kSecret[] = "journal-wa-secret";
  auto signed_post = [&](TestServer& s, const std::string& body) {
    return s.Client().Post(
        "/webhooks/whatsapp",
        {{"X-Hub-Signature-256", "sha256=" + core::HexEncode(core::HmacSha256(kSecret, body))}},
        body, "application/json");
  };
  // No dispatcher: the test itself marks the acknowledgement sent, under a provider id.
  TestServer s({{"ADUAN_WHATSAPP_APP_SECRET", kSecret}}, SmallJournal(), "", false);
  const std::string complaint =
      R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1"},"contacts":[{"profile":{"name":"Warga"},"wa_id":"6281234567890"}],"messages":[{"from":"6281234567890","id":"wamid.in-1","timestamp":"1790000000","type":"text","text":{"body":"Sampah menumpuk di pasar Kliwon sudah tiga hari, bau sekali"}}]}}]}]})";
  auto in = signed_post(s, complaint);
  ASSERT_TRUE(in);
  ASSERT_EQ(in->status, 200) << in->body;
  auto rows = s.store().ClaimOutbox(10, s.now_ms.load(), 60000);
  ASSERT_EQ(rows.size(), 1u);
  storage::OutboxAttempt sent;
  sent.result = storage::OutboxAttempt::Result::kSent;
  sent.provider_message_id = "wamid.out-1";
  s.store().FinishOutbox(rows[0].id, sent, s.now_ms.load());

  const std::string report =
      R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1"},"statuses":[{"id":"wamid.out-1","status":"delivered","timestamp":"1790000000","recipient_id":"6281234567890"}]}}]}]})";
  {
    FileSizeLimit full(1024);
    auto r = signed_post(s, report);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << "WhatsApp is not refused for the database: " << r->body;
    EXPECT_EQ(s.CountRows("outbox", "delivery_status = 'delivered'"), 0);
  }
  for (int i = 0; i < 200 && s.CountRows("outbox", "delivery_status = 'delivered'") == 0; ++i) {
    std::this_thread::sleep_for(milliseconds(50));
  }
  EXPECT_EQ(s.CountRows("outbox", "delivery_status = 'delivered'"), 1)
      << "the journaled report was recorded once the database took writes again";
}

TEST(IntakeJournalTest, AcknowledgedWebhooksOnTheEventThreadsLeaveDeliveryReportsToAWorker) {
  // provider_wait_ms 0: a WhatsApp message is verified, parsed and journaled on the event
  // thread that read it. A delivery report must reach the database, which an event thread may
  // not wait for, so its request is routed again on a worker: verified again from the same
  // bytes, recorded before its 200.
  constexpr char kSecret[] = "inline-wa-secret";
  auto signed_post = [&](TestServer& s, const std::string& body) {
    return s.Client().Post(
        "/webhooks/whatsapp",
        {{"X-Hub-Signature-256", "sha256=" + core::HexEncode(core::HmacSha256(kSecret, body))}},
        body, "application/json");
  };
  TestServer s(
      {{"ADUAN_WHATSAPP_APP_SECRET", kSecret}},
      [](gateway::GatewayConfig& c) {
        c.intake.provider_wait_ms = 0;
        c.http_event_threads = 2;
      },
      "", false);
  const std::string complaint =
      R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1"},"contacts":[{"profile":{"name":"Warga"},"wa_id":"6281234567891"}],"messages":[{"from":"6281234567891","id":"wamid.inline-1","timestamp":"1790000000","type":"text","text":{"body":"Lampu jalan di gang Mawar mati sudah seminggu, gelap sekali"}}]}}]}]})";
  auto in = signed_post(s, complaint);
  ASSERT_TRUE(in);
  ASSERT_EQ(in->status, 200) << in->body;
  auto bad = s.Client().Post("/webhooks/whatsapp", {{"X-Hub-Signature-256", "sha256=00"}},
                             complaint, "application/json");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 401) << bad->body;
  auto drained = PollUntil(s, "/readyz", [](const httplib::Response& x) {
    json body = json::parse(x.body, nullptr, false);
    return body.contains("journal") && body["journal"]["backlog"] == 0;
  });
  ASSERT_TRUE(drained);
  EXPECT_EQ(s.CountRows("tickets"), 1);
  auto rows = s.store().ClaimOutbox(10, s.now_ms.load(), 60000);
  ASSERT_EQ(rows.size(), 1u);
  storage::OutboxAttempt sent;
  sent.result = storage::OutboxAttempt::Result::kSent;
  sent.provider_message_id = "wamid.inline-out";
  s.store().FinishOutbox(rows[0].id, sent, s.now_ms.load());
  const std::string report =
      R"({"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp","metadata":{"phone_number_id":"1"},"statuses":[{"id":"wamid.inline-out","status":"read","timestamp":"1790000100","recipient_id":"6281234567891"}]}}]}]})";
  auto r = signed_post(s, report);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["statuses"], 1) << r->body;
  EXPECT_EQ(s.CountRows("outbox", "delivery_status = 'read'"), 1)
      << "the report is recorded before its answer";
}

}  // namespace
}  // namespace aduan::testing
