#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/record_rows.h"
#include "storage/sqlite/sqlite_store.h"
#include "temp_dir.h"

// Every inbound message reads tickets by id, so that read must stay index lookups: a table scan
// there grows with each stored ticket. One did (the linked-ticket count could not use its
// partial index) and cut intake from thousands of messages a second to about a hundred once
// the file held 30,000 tickets.

namespace aduan::storage {
namespace {

// The plan's steps that scan a whole table or index ("SCAN l"), as SQLite words them.
std::vector<std::string> Scans(SQLite::Database& db, const std::string& sql) {
  SQLite::Statement q(db, "EXPLAIN QUERY PLAN " + sql);
  std::vector<std::string> scans;
  while (q.executeStep()) {
    std::string detail = q.getColumn(3).getString();
    if (detail.rfind("SCAN", 0) == 0) scans.push_back(detail);
  }
  return scans;
}

TEST(SqliteQueryPlanTest, ReadingATicketByIdScansNothing) {
  testing::TempDir dir;
  { SqliteStore store(dir.File("a.db"), {}); }
  SQLite::Database db(dir.File("a.db"));
  EXPECT_EQ(Scans(db, std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?"),
            std::vector<std::string>{});
}

TEST(SqliteQueryPlanTest, TheCheckSeesAScanWhenThereIsOne) {
  testing::TempDir dir;
  { SqliteStore store(dir.File("a.db"), {}); }
  SQLite::Database db(dir.File("a.db"));
  // The count as it was before the fix: the partial index does not apply.
  auto scans = Scans(db, "SELECT (SELECT COUNT(*) FROM tickets AS l WHERE l.linked_to = tickets.id)"
                         " FROM tickets WHERE id = ?");
  ASSERT_EQ(scans.size(), 1u);
  EXPECT_EQ(scans[0], "SCAN l");
}

}  // namespace
}  // namespace aduan::storage
