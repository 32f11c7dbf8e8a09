// /readyz tells a load balancer whether this instance can take a complaint now: it writes
// through the normal write path, remembers failed writes, and answers within a second whatever
// the database does. /healthz stays a liveness check.
#include "gateway/http/readiness.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "../storage/frozen_cluster.h"
#include "../storage/pg_schema.h"
#include "storage/store.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr const char* kComplaint =
    R"({"id":"full-1","from":"+6281234567890","text":"Lampu jalan di Jalan Ahmad Yani mati sudah seminggu"})";

// While alive, every write of this process to a regular file at or past `bytes` fails with
// EFBIG (RLIMIT_FSIZE): to SQLite the same as a full disk, for any user, root included.
// SIGXFSZ, which would otherwise kill the process, is ignored meanwhile.
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

// Polls /readyz until it answers `status` (bounded), returning the last answer.
httplib::Result ReadyzUntil(const TestServer& s, int status) {
  httplib::Result r = s.Client().Get("/readyz");
  for (int i = 0; i < 100 && r && r->status != status; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    r = s.Client().Get("/readyz");
  }
  return r;
}

// Without the intake journal a webhook waits for the database, so a failing write is its 503
// (with the journal it is acknowledged: see intake_journal_test.cc).
void Synchronous(gateway::GatewayConfig& c) { c.intake.journal = false; }

TEST(ReadinessTest, FailingWritesMakeReadyzSayWhyWhileHealthzStaysUp) {
  TestServer s({}, Synchronous);
  auto ready = s.Client().Get("/readyz");
  ASSERT_TRUE(ready);
  ASSERT_EQ(ready->status, 200) << ready->body;

  FileSizeLimit full(1024);  // every database and WAL page lies past the first KiB
  auto refused = s.Client().Post("/webhooks/generic", kComplaint, "application/json");
  ASSERT_TRUE(refused) << "the server answers, it does not crash";
  EXPECT_EQ(refused->status, 503) << refused->body;
  EXPECT_EQ(json::parse(refused->body)["error"]["code"], "storage_unavailable");

  auto not_ready = ReadyzUntil(s, 503);
  ASSERT_TRUE(not_ready);
  ASSERT_EQ(not_ready->status, 503) << not_ready->body;
  json error = json::parse(not_ready->body)["error"];
  EXPECT_EQ(error["code"], "storage_write_failed") << not_ready->body;
  EXPECT_FALSE(error["message"].get<std::string>().empty());
  EXPECT_TRUE(not_ready->has_header("Retry-After"));
  auto alive = s.Client().Get("/healthz");
  ASSERT_TRUE(alive);
  EXPECT_EQ(alive->status, 200) << "liveness does not depend on the disk";

  full.Lift();  // the operator freed space
  auto back = ReadyzUntil(s, 200);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->status, 200) << back->body;
  auto stored = s.Client().Post("/webhooks/generic", kComplaint, "application/json");
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->status, 200) << stored->body;
  EXPECT_FALSE(json::parse(stored->body)["duplicate"].get<bool>())
      << "the refused attempt left nothing behind";
}

TEST(ReadinessTest, AWriteThatFailedAfterTheLastProbeIsRemembered) {
  TestServer s({}, Synchronous);
  // A probe result is reused for a minute here, so only the memory of failed writes can turn
  // the answer.
  gateway::ReadinessProbe probe(
      &s.store(), [] { return int64_t{1'790'000'000'000}; }, milliseconds(800),
      std::chrono::minutes(1));
  ASSERT_TRUE(probe.Check().ready);
  {
    FileSizeLimit full(1024);
    auto refused = s.Client().Post("/webhooks/generic", kComplaint, "application/json");
    ASSERT_TRUE(refused);
    ASSERT_EQ(refused->status, 503) << refused->body;
  }
  gateway::Readiness r = probe.Check();
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(r.code, "storage_write_failed");
  EXPECT_NE(r.message.find("the last write transaction failed"), std::string::npos) << r.message;
}

TEST(ReadinessTest, AFrozenPostgresqlIsNotReadyAndTheAnswerDoesNotWaitForIt) {
  if (!TestPostgresUrl()) GTEST_SKIP() << kNoPostgres;
  PgSchema schema;
  storage::StoreOptions options;
  options.statement_timeout_ms = 5000;  // longer than /readyz may take: its own wait must end it
  auto store = storage::OpenStore(schema.url(), options);
  gateway::ReadinessProbe probe(store.get(), [] { return int64_t{1'790'000'000'000}; });
  ASSERT_TRUE(probe.Check().ready);
  std::this_thread::sleep_for(milliseconds(1100));  // past the reuse of that result

  std::future<gateway::Readiness> check;
  bool answered_while_frozen = false;
  {
    FrozenCluster frozen(*TestPostgresUrl());
    check = std::async(std::launch::async, [&] { return probe.Check(); });
    answered_while_frozen = check.wait_for(seconds(30)) == std::future_status::ready;
  }
  ASSERT_TRUE(answered_while_frozen) << "/readyz waited for the frozen database";
  gateway::Readiness r = check.get();
  EXPECT_FALSE(r.ready);
  EXPECT_EQ(r.code, "storage_timeout") << r.message;

  gateway::Readiness again = probe.Check();
  for (int i = 0; i < 100 && !again.ready; ++i) {
    std::this_thread::sleep_for(milliseconds(100));
    again = probe.Check();
  }
  EXPECT_TRUE(again.ready) << again.code << ": " << again.message;
}

}  // namespace
}  // namespace aduan::testing
