// The SQLite backend's pooled read connections: a read that fails half-way must not leave its
// connection inside a read transaction, or every later read on it would see a frozen snapshot
// (and the WAL could never restart).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "storage/sqlite/sqlite_store.h"
#include "store_fixture.h"
#include "temp_dir.h"

namespace aduan::storage {
namespace {

TEST(SqliteReaderTest, AReadThatThrowsMidTransactionLeavesNoFrozenSnapshot) {
  testing::TempDir dir;
  SqliteStore store(dir.File("a.db"), {});
  store.Intake(Complaint("m1", "ADU-AAAAAAA1")).value();
  {
    // A row this version cannot read: ReadFacts throws after its BEGIN, while reading tickets.
    SQLite::Database raw(dir.File("a.db"), SQLite::OPEN_READWRITE);
    raw.exec("UPDATE tickets SET status = 'from_a_newer_version' WHERE id = 'ADU-AAAAAAA1'");
  }
  TicketQuery similar;
  similar.agency = "PUPR";
  similar.link_fields_only = true;
  EXPECT_THROW(store.ReadFacts({"generic", "+6281234567890", 0, similar}), StoreError);
  // The same pooled connection serves the next read, which must see the newer commit.
  store.Intake(Complaint("m2", "ADU-AAAAAAA2", "DLH", false, 2000)).value();
  IntakeFacts facts = store.ReadFacts({"generic", "+6281234567890", 0, std::nullopt});
  EXPECT_EQ(facts.messages_since, 2);
  TicketQuery dlh;
  dlh.agency = "DLH";
  auto tickets = store.ReadFacts({"generic", "+6281234567890", 0, dlh}).tickets;
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].id, "ADU-AAAAAAA2");
}

}  // namespace
}  // namespace aduan::storage
