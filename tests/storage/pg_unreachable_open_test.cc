// StoreOptions::open_while_unreachable: a gateway with an intake journal starts while its
// PostgreSQL server does not answer (here: the test cluster frozen, every process SIGSTOPped),
// fails each call with StoreError meanwhile, and once the server answers migrates the empty
// schema on its first write and works as if it had opened normally.
// Needs the throw-away cluster of tests/postgres/with-cluster.sh; skipped without it.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <string>

#include "frozen_cluster.h"
#include "pg_schema.h"
#include "storage/store.h"
#include "store_fixture.h"

namespace aduan::storage {
namespace {

// Far above the deadlines below: a call still running after this waited for the server.
constexpr auto kOpenHangBound = std::chrono::seconds(30);

StoreOptions OpensWhileUnreachable() {
  StoreOptions o;
  o.connect_timeout_ms = 300;
  o.statement_timeout_ms = 500;
  o.pool_size = 2;
  o.open_while_unreachable = true;
  return o;
}

// What the store did while the server was frozen.
struct WhileDown {
  std::unique_ptr<Store> store;
  bool intake_failed = false;
  bool read_failed = false;
  bool ping = true;
};

TEST(PgUnreachableOpenTest, OpensWhileTheServerIsDownAndWorksOnceItIsUp) {
  if (!testing::TestPostgresUrl()) GTEST_SKIP() << testing::kNoPostgres;
  testing::PgSchema schema;  // empty: no migration has run on it
  std::future<WhileDown> down;
  bool returned_while_frozen = false;
  {
    testing::FrozenCluster frozen(*testing::TestPostgresUrl());
    down = std::async(std::launch::async, [&] {
      WhileDown out;
      out.store = OpenStore(schema.url(), OpensWhileUnreachable());
      try {
        out.store->Intake(Complaint("m1", "ADU-AAAAAAA1"));
      } catch (const StoreError&) {
        out.intake_failed = true;
      }
      try {
        out.store->GetTicket("ADU-AAAAAAA1");
      } catch (const StoreError&) {
        out.read_failed = true;
      }
      out.ping = out.store->Ping();
      return out;
    });
    returned_while_frozen = down.wait_for(kOpenHangBound) == std::future_status::ready;
  }
  ASSERT_TRUE(returned_while_frozen) << "the store waited for the frozen server";
  WhileDown out = down.get();  // rethrows if OpenStore threw: it must not
  ASSERT_TRUE(out.store);
  EXPECT_TRUE(out.intake_failed) << "a write while the server is down is a StoreError";
  EXPECT_TRUE(out.read_failed) << "a read while the server is down is a StoreError";
  EXPECT_FALSE(out.ping);

  // The server answers again. The first write migrates the empty schema, then stores the
  // message the failed call did not; reads follow.
  Store& store = *out.store;
  IntakeResult stored = store.Intake(Complaint("m1", "ADU-AAAAAAA1")).value();
  EXPECT_FALSE(stored.duplicate) << "nothing of the failed intake was committed";
  EXPECT_EQ(stored.ticket_id, "ADU-AAAAAAA1");
  EXPECT_TRUE(store.Intake(Complaint("m1", "ADU-AAAAAAA1")).value().duplicate);
  auto t = store.GetTicket("ADU-AAAAAAA1");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, core::TicketStatus::kRouted);
  EXPECT_TRUE(store.Ping());
  // Another instance opening normally now finds the schema complete (it would throw on a
  // half-migrated one) and the ticket there.
  auto other = OpenStore(schema.url());
  EXPECT_TRUE(other->GetTicket("ADU-AAAAAAA1"));
}

TEST(PgUnreachableOpenTest, WithoutTheOptionOpeningOnADownServerIsAStoreError) {
  if (!testing::TestPostgresUrl()) GTEST_SKIP() << testing::kNoPostgres;
  testing::PgSchema schema;
  std::future<bool> open;
  bool returned_while_frozen = false;
  {
    testing::FrozenCluster frozen(*testing::TestPostgresUrl());
    StoreOptions o = OpensWhileUnreachable();
    o.open_while_unreachable = false;
    open = std::async(std::launch::async, [&, o] {
      try {
        OpenStore(schema.url(), o);
      } catch (const StoreError&) {
        return true;
      }
      return false;
    });
    returned_while_frozen = open.wait_for(kOpenHangBound) == std::future_status::ready;
  }
  ASSERT_TRUE(returned_while_frozen);
  EXPECT_TRUE(open.get());
}

}  // namespace
}  // namespace aduan::storage
