#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "storage/record_rows.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/sqlite/sqlite_store_internal.h"
#include "store_fixture.h"
#include "temp_dir.h"

// The reads an inbound message makes must stay index lookups: a scan there grows with each
// stored ticket. One did (the linked-ticket count could not use its partial index) and cut
// intake from thousands of messages a second to about a hundred once the file held 30,000
// tickets; a cadre's DAFTAR and the cadre list scanned the same way.

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

// Linking reads an agency's newest tickets for every new complaint. Its columns all sit in
// tickets_agency_link, so the read never visits the table rows, which carry the
// classification's explanation and are several times larger.
TEST(SqliteQueryPlanTest, LinkingReadsOnlyTheCoveringIndex) {
  testing::TempDir dir;
  { SqliteStore store(dir.File("a.db"), {}); }
  SQLite::Database db(dir.File("a.db"));
  // The statement ReadFacts runs: the intake pipeline's query, through the shared SQL.
  TicketQuery similar;
  similar.agency = "PUPR";
  similar.created_since_ms = 1;
  similar.limit = 50;
  similar.link_fields_only = true;
  SqliteParams params;
  const std::string where = TicketQuerySql(similar, params);
  SQLite::Statement q(db, std::string("EXPLAIN QUERY PLAN SELECT ") +
                              TicketColumnsFor(FieldsFor(similar)) + " FROM tickets " + where);
  std::vector<std::string> steps;
  while (q.executeStep()) steps.push_back(q.getColumn(3).getString());
  ASSERT_EQ(steps.size(), 1u);
  EXPECT_EQ(steps[0],
            "SEARCH tickets USING COVERING INDEX tickets_agency_link (agency=? AND "
            "created_at>?)");
}

TEST(SqliteQueryPlanTest, TheCheckSeesAScanWhenThereIsOne) {
  testing::TempDir dir;
  { SqliteStore store(dir.File("a.db"), {}); }
  SQLite::Database db(dir.File("a.db"));
  // The count as it was before the fix: the partial index does not apply.
  auto scans = Scans(db,
                     "SELECT (SELECT COUNT(*) FROM tickets AS l WHERE l.linked_to = tickets.id)"
                     " FROM tickets WHERE id = ?");
  ASSERT_EQ(scans.size(), 1u);
  // A whole-table walk, through whichever index covers the column ("SCAN l USING COVERING
  // INDEX ..." since tickets_agency_link holds linked_to).
  EXPECT_EQ(scans[0].rfind("SCAN l", 0), 0u) << scans[0];
}

// Complaint i from its own sender, relayed by `cadre` ("" for none); every tenth links to the
// first.
IntakeRequest Relayed(int i, const std::string& cadre) {
  std::string n = std::to_string(i);
  IntakeRequest r = Complaint("m" + n, "ADU-T" + std::string(7 - n.size(), '0') + n,
                              i % 2 ? "PUPR" : "DLH", /*urgent=*/false, 1000 + i);
  r.message.sender = r.ticket->reporter_sender = "+62812000" + n;
  r.ticket->relayed_by = cadre;
  if (i % 10 == 3) r.ticket->linked_to = "ADU-T0000000";
  return r;
}

// The reads an inbound message and a cadre's DAFTAR make, against a file with a few hundred
// tickets: none may step through a whole table or index.
TEST(SqliteQueryPlanTest, TheIntakeAndCadreReadsScanNothing) {
  testing::TempDir dir;
  SqliteStore store(dir.File("a.db"), {});
  store.PutCadre(CadreRecord{"kdr_1", "sms", "+6281300000001", "Rina", "RW 05", true, 1, 1, {}});
  for (int i = 0; i < 300; ++i) store.Intake(Relayed(i, i % 3 == 0 ? "kdr_1" : "")).value();
  EXPECT_EQ(store.GetTicket("ADU-T0000000")->linked_count, 30);
  EXPECT_EQ(store.TicketOfMessage("generic", "m7"), "ADU-T0000007");
  EXPECT_FALSE(store.GetConversation("generic", "+628120007"));
  EXPECT_TRUE(store.FindCadre("sms", "+6281300000001"));
  TicketQuery similar;
  similar.agency = "PUPR";
  similar.created_since_ms = 1200;
  EXPECT_EQ(store.FindTickets(similar).size(), 50u);
  IntakeFacts facts = store.ReadFacts({"generic", "+628120007", 0, similar});
  EXPECT_EQ(facts.messages_since, 1);
  EXPECT_FALSE(facts.conversation);
  EXPECT_EQ(facts.tickets.size(), 50u);
  TicketQuery relays;
  relays.relayed_by = "kdr_1";
  relays.limit = 5;
  EXPECT_EQ(store.FindTickets(relays).size(), 5u);
  TicketQuery own;
  own.reporter_channel = "generic";
  own.reporter_sender = "+628120007";
  EXPECT_EQ(store.FindTickets(own).size(), 1u);
  auto cadres = store.ListCadres();
  ASSERT_EQ(cadres.size(), 1u);
  ASSERT_EQ(cadres[0].tickets_by_status.size(), 1u);
  EXPECT_EQ(cadres[0].tickets_by_status[0].second, 100);
  auto one = store.GetCadre("kdr_1");
  ASSERT_TRUE(one);
  ASSERT_EQ(one->tickets_by_status.size(), 1u);
  EXPECT_EQ(one->tickets_by_status[0].second, 100);
  EXPECT_EQ(store.ReaderFullScanSteps(), 0u);
}

TEST(SqliteQueryPlanTest, TheScanCounterCountsAScan) {
  testing::TempDir dir;
  SqliteStore store(dir.File("a.db"), {});
  for (int i = 0; i < 20; ++i) store.Intake(Relayed(i, "")).value();
  // The operator's list of every ticket walks the created_at index from the newest end: a
  // full-index scan, stopped by the limit, which the counter must see.
  TicketQuery all;
  all.limit = 100;
  EXPECT_EQ(store.ListTickets(all).size(), 20u);
  EXPECT_GT(store.ReaderFullScanSteps(), 0u);
}

}  // namespace
}  // namespace aduan::storage
