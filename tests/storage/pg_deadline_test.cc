// A PostgreSQL server that stops answering (every process SIGSTOPped: a stalled host) must cost
// a caller no more than the configured deadlines, not the length of the outage; calls fail with
// StoreError (the gateway answers 503), and the store works again once the server resumes.
// Needs the throw-away cluster of tests/postgres/with-cluster.sh; skipped without it.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <optional>
#include <string>

#include "frozen_cluster.h"
#include "pg_schema.h"
#include "storage/store.h"
#include "store_fixture.h"

namespace aduan::storage {
namespace {

using std::chrono::seconds;

// Far above the deadlines below, far below the outage a test could otherwise cause: a call
// still running after this has not met its deadline.
constexpr auto kHangBound = seconds(30);

StoreOptions ShortDeadlines() {
  StoreOptions o;
  o.connect_timeout_ms = 300;
  o.statement_timeout_ms = 500;
  o.pool_size = 2;
  return o;
}

// What each kind of call did while the server was frozen.
struct FrozenOutcome {
  std::string intake_error;
  std::string read_error;
  bool ping = true;
  std::string probe_error;
  std::string second_intake_error;  // after the first timeout closed the write connection
};

std::string ErrorOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const StoreError& e) {
    return e.what();
  }
  return "";
}

TEST(PgDeadlineTest, FrozenServerFailsCallsWithinTheDeadlineAndTheStoreRecovers) {
  if (!testing::TestPostgresUrl()) GTEST_SKIP() << testing::kNoPostgres;
  testing::PgSchema schema;
  auto store = OpenStore(schema.url(), ShortDeadlines());
  ASSERT_FALSE(store->Intake(Complaint("m1", "ADU-AAAAAAA1")).value().duplicate);
  ASSERT_TRUE(store->GetTicket("ADU-AAAAAAA1"));  // a read connection is open and idle

  std::future<FrozenOutcome> calls;
  bool returned_while_frozen = false;
  {
    testing::FrozenCluster frozen(*testing::TestPostgresUrl());
    ASSERT_GE(frozen.frozen_processes(), 2u);  // the postmaster and at least our backends
    calls = std::async(std::launch::async, [&] {
      FrozenOutcome out;
      out.intake_error = ErrorOf([&] { store->Intake(Complaint("m2", "ADU-AAAAAAA2")).value(); });
      out.read_error = ErrorOf([&] { store->GetTicket("ADU-AAAAAAA1"); });
      out.ping = store->Ping();
      out.probe_error = ErrorOf([&] { store->ProbeWrite(5000); });
      out.second_intake_error =
          ErrorOf([&] { store->Intake(Complaint("m2", "ADU-AAAAAAA2")).value(); });
      return out;
    });
    returned_while_frozen = calls.wait_for(kHangBound) == std::future_status::ready;
    // Leaving the scope thaws the server, so a hung call ends and the test can report it.
  }
  ASSERT_TRUE(returned_while_frozen) << "a store call waited for the frozen server";
  FrozenOutcome out = calls.get();
  EXPECT_NE(out.intake_error.find("no answer within 500 ms"), std::string::npos)
      << out.intake_error;
  EXPECT_FALSE(out.read_error.empty());
  EXPECT_FALSE(out.ping);
  EXPECT_FALSE(out.probe_error.empty());
  EXPECT_NE(out.second_intake_error.find("no answer within 300 ms"), std::string::npos)
      << "reconnecting is bounded by the connect deadline: " << out.second_intake_error;
  WriteHealth health = store->LastWrites();
  EXPECT_GT(health.last_failure_ms, health.last_commit_ms) << "the failed writes are remembered";

  // The server runs again: the same message is stored once, reads and the probe work, and the
  // first complaint is intact.
  IntakeResult retried = store->Intake(Complaint("m2", "ADU-AAAAAAA2")).value();
  EXPECT_FALSE(retried.duplicate) << "nothing of the timed-out intake was committed";
  EXPECT_EQ(retried.ticket_id, "ADU-AAAAAAA2");
  EXPECT_TRUE(store->Intake(Complaint("m2", "ADU-AAAAAAA2")).value().duplicate);
  EXPECT_TRUE(store->GetTicket("ADU-AAAAAAA1"));
  EXPECT_TRUE(store->Ping());
  EXPECT_NO_THROW(store->ProbeWrite(6000));
  health = store->LastWrites();
  EXPECT_GE(health.last_commit_ms, health.last_failure_ms);
}

TEST(PgDeadlineTest, OpeningAStoreOnAFrozenServerFailsWithinTheConnectDeadline) {
  if (!testing::TestPostgresUrl()) GTEST_SKIP() << testing::kNoPostgres;
  testing::PgSchema schema;
  std::future<std::string> open;
  bool returned_while_frozen = false;
  {
    testing::FrozenCluster frozen(*testing::TestPostgresUrl());
    open = std::async(std::launch::async,
                      [&] { return ErrorOf([&] { OpenStore(schema.url(), ShortDeadlines()); }); });
    returned_while_frozen = open.wait_for(kHangBound) == std::future_status::ready;
  }
  ASSERT_TRUE(returned_while_frozen) << "OpenStore waited for the frozen server";
  std::string error = open.get();
  EXPECT_NE(error.find("cannot connect"), std::string::npos) << error;
  EXPECT_NE(error.find("connect_timeout_ms"), std::string::npos) << error;
}

}  // namespace
}  // namespace aduan::storage
