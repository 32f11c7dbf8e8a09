// Two `aduan serve` processes behind one PostgreSQL database. The same burst of SMS
// webhooks goes to both at once (every message to each instance, concurrently): each message
// must make exactly one ticket and one acknowledgement sent through the provider, whichever
// instance's dispatcher sends it; then agency consumers on both instances lease every ticket
// exactly once. Runs when ADUAN_TEST_POSTGRES_URL is set (tests/postgres/with-cluster.sh).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>

#include "../storage/pg_schema.h"
#include "../storage/temp_dir.h"
#include "fake_provider.h"
#include "process.h"
#include "storage/postgres/pg_connection.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

constexpr char kSmsToken[] = "two-instances-sms-token";
constexpr int kMessages = 40;
constexpr int kClientsPerInstance = 4;

struct Instance {
  std::unique_ptr<ChildProcess> process;
  int port = -1;
  std::string log;
};

Instance Start(const TempDir& dir, const std::string& name, const std::string& db) {
  Instance in;
  std::string port_file = dir.File(name + ".port");
  in.log = dir.File(name + ".log");
  in.process = std::make_unique<ChildProcess>(
      std::vector<std::string>{AduanBinary(), "serve", "--config",
                               std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", "--db", db,
                               "--listen", "127.0.0.1:0", "--port-file", port_file,
                               // Each instance acknowledges into its own intake journal.
                               "--journal-dir", dir.File(name + ".journal")},
      in.log);
  in.port = WaitForPort(port_file);
  return in;
}

std::string SmsForm(int i) {
  return "id=burst-" + std::to_string(i) + "&from=%2B62813000" + std::to_string(1000 + i) +
         "&text=Jalan+rusak+berlubang+besar+di+depan+SDN+" + std::to_string(i) +
         "+sudah+3+bulan+belum+diperbaiki";
}

int64_t Count(const std::string& url, const std::string& sql) {
  return storage::PgConnection(url).Exec(sql).Int64(0, 0);
}

// Polls until `done()` or 30 s pass; returns done().
template <class F>
bool Eventually(F done) {
  for (int i = 0; i < 600 && !done(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return done();
}

std::string IssueKey(const std::string& db, const std::string& agency) {
  std::string out;
  int code = RunCommand({AduanBinary(), "keys", "issue", "--agency", agency, "--config",
                         std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", "--db", db},
                        &out);
  EXPECT_EQ(code, 0) << out;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out.substr(out.rfind('\n') + 1);  // the key is the last line
}

class TwoInstancesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!TestPostgresUrl()) GTEST_SKIP() << kNoPostgres;
    schema_ = std::make_unique<PgSchema>();
    provider_ = std::make_unique<FakeProvider>(FakeProvider::Answer{200, R"({"id":"sms-out"})"});
    // The children inherit the environment: the SMS channel on, its sends to the fake provider.
    setenv("ADUAN_SMS_TOKEN", kSmsToken, 1);
    setenv("ADUAN_SMS_API_BASE", provider_->base_url().c_str(), 1);
    // Both start at once: the migrations must still be applied once.
    std::thread second([&] { b_ = Start(dir_, "b", schema_->url()); });
    a_ = Start(dir_, "a", schema_->url());
    second.join();
    ASSERT_GT(a_.port, 0) << ReadFile(a_.log);
    ASSERT_GT(b_.port, 0) << ReadFile(b_.log);
  }
  void TearDown() override {
    for (Instance* in : {&a_, &b_}) {
      if (!in->process) continue;
      in->process->Signal(SIGTERM);
      EXPECT_EQ(in->process->Wait(), 0) << ReadFile(in->log);
    }
  }

  TempDir dir_;
  std::unique_ptr<PgSchema> schema_;
  std::unique_ptr<FakeProvider> provider_;
  Instance a_, b_;
};

TEST_F(TwoInstancesTest, ABurstSentToBothMakesOneTicketAndOneAckPerMessage) {
  std::mutex mu;
  std::map<int, std::set<std::string>> tickets;  // message -> tickets answered, both instances
  std::map<int, int> fresh;                      // message -> answers with duplicate=false
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int port : {a_.port, b_.port}) {
    for (int c = 0; c < kClientsPerInstance; ++c) {
      clients.emplace_back([&, port, c] {
        httplib::Client client("127.0.0.1", port);
        client.set_read_timeout(30, 0);
        // Both instances' clients walk the messages in the same order, so each message reaches
        // the two instances at about the same moment.
        for (int i = c; i < kMessages; i += kClientsPerInstance) {
          auto r =
              client.Post("/webhooks/sms", {{"Authorization", std::string("Bearer ") + kSmsToken}},
                          SmsForm(i), "application/x-www-form-urlencoded");
          std::lock_guard<std::mutex> lock(mu);
          if (!r || r->status != 200) {
            failures.push_back("message " + std::to_string(i) + " on port " + std::to_string(port) +
                               ": " +
                               (r ? std::to_string(r->status) + " " + r->body : "no answer"));
            continue;
          }
          // Provider webhooks answer {"accepted": [{"ticket", "duplicate", ...}], ...}.
          auto accepted = json::parse(r->body)["accepted"];
          if (accepted.size() != 1) {
            failures.push_back("message " + std::to_string(i) + ": " + r->body);
            continue;
          }
          tickets[i].insert(accepted[0]["ticket"].get<std::string>());
          if (!accepted[0]["duplicate"].get<bool>()) ++fresh[i];
        }
      });
    }
  }
  for (auto& t : clients) t.join();
  EXPECT_TRUE(failures.empty()) << failures.size() << " failed, first: " << failures.front()
                                << "\nlogs:\n"
                                << ReadFile(a_.log) << ReadFile(b_.log);
  ASSERT_EQ(tickets.size(), static_cast<size_t>(kMessages));
  std::set<std::string> all_tickets;
  for (const auto& [i, ids] : tickets) {
    EXPECT_EQ(ids.size(), 1u) << "message " << i << " got tickets on both instances";
    EXPECT_EQ(fresh[i], 1) << "message " << i << " was stored " << fresh[i] << " times";
    all_tickets.insert(*ids.begin());
  }
  const std::string& db = schema_->url();
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM messages"), kMessages);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM tickets"), kMessages);
  EXPECT_EQ(Count(db, "SELECT COUNT(*) FROM outbox WHERE kind = 'ack'"), kMessages);

  // Both dispatchers poll the one outbox; every acknowledgement goes out once.
  EXPECT_TRUE(Eventually([&] {
    return Count(db, "SELECT COUNT(*) FROM outbox WHERE status <> 'sent'") == 0;
  })) << "acknowledgements still unsent";
  std::map<std::string, int> acks_per_ticket;
  static const std::regex kTicket("ADU-[0-9A-Z]{8}");
  for (const auto& req : provider_->requests()) {
    std::string text = json::parse(req.body).value("text", "");
    std::smatch m;
    ASSERT_TRUE(std::regex_search(text, m, kTicket)) << text;
    ++acks_per_ticket[m.str()];
  }
  EXPECT_EQ(provider_->request_count(), static_cast<size_t>(kMessages));
  for (const auto& t : all_tickets) EXPECT_EQ(acks_per_ticket[t], 1) << t;

  // Agency consumers on both instances drain the queues: each ticket leased exactly once.
  std::map<std::string, std::string> keys;  // agency -> key
  {
    storage::PgConnection conn(db);
    auto agencies = conn.Exec("SELECT DISTINCT agency FROM queue");
    for (int r = 0; r < agencies.rows(); ++r) {
      keys[agencies.Text(r, 0)] = IssueKey(db, agencies.Text(r, 0));
    }
  }
  ASSERT_FALSE(keys.empty());
  std::vector<std::string> leased;
  std::vector<std::thread> consumers;
  for (const auto& [agency, key] : keys) {
    for (int port : {a_.port, b_.port}) {
      for (int c = 0; c < 3; ++c) {
        consumers.emplace_back([&, port, key = key] {
          httplib::Client client("127.0.0.1", port);
          client.set_read_timeout(30, 0);
          for (;;) {
            auto r = client.Post("/api/v1/queue/lease", {{"Authorization", "Bearer " + key}},
                                 R"({"max": 2, "lease_seconds": 600})", "application/json");
            std::lock_guard<std::mutex> lock(mu);
            if (!r || r->status != 200) {
              failures.push_back("lease: " + (r ? r->body : std::string("no answer")));
              return;
            }
            auto got = json::parse(r->body)["tickets"];
            if (got.empty()) return;
            for (const auto& t : got) leased.push_back(t["id"].get<std::string>());
          }
        });
      }
    }
  }
  for (auto& t : consumers) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  std::multiset<std::string> counted(leased.begin(), leased.end());
  EXPECT_EQ(leased.size(),
            static_cast<size_t>(Count(db, "SELECT COUNT(*) FROM queue WHERE acked_at IS NULL")));
  for (const auto& t : counted) EXPECT_EQ(counted.count(t), 1u) << t << " leased twice";
  for (const auto& t : leased) EXPECT_TRUE(all_tickets.count(t)) << t;
}

}  // namespace
}  // namespace aduan::testing
