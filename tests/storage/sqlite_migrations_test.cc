#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <mutex>
#include <thread>

#include "storage/sqlite/sqlite_store.h"
#include "temp_dir.h"

namespace aduan::storage {
namespace {

IntakeRequest Hello(const std::string& id) {
  IntakeRequest r;
  r.message = {"generic", id, "+6281111111111", "", "halo", "{}", 1};
  r.reply = "halo juga";
  return r;
}

TEST(SqliteMigrationsTest, AFreshFileGetsEveryMigration) {
  testing::TempDir dir;
  SqliteStore store(dir.File("a.db"), {});
  EXPECT_EQ(store.SchemaVersion(), SqliteMigrations().back().version);
}

TEST(SqliteMigrationsTest, ReopeningKeepsDataAndAppliesNothingTwice) {
  testing::TempDir dir;
  {
    SqliteStore store(dir.File("a.db"), {});
    store.Intake(Hello("m1")).value();
  }
  SqliteStore store(dir.File("a.db"), {});
  EXPECT_TRUE(store.Intake(Hello("m1")).value().duplicate);
  SQLite::Database db(dir.File("a.db"));
  SQLite::Statement q(db, "SELECT COUNT(*) FROM schema_migrations");
  q.executeStep();
  EXPECT_EQ(q.getColumn(0).getInt(), static_cast<int>(SqliteMigrations().size()));
}

TEST(SqliteMigrationsTest, AnExistingFileGetsOnlyTheNewMigrations) {
  testing::TempDir dir;
  std::vector<Migration> v1 = SqliteMigrations();
  {
    SqliteStore store(dir.File("a.db"), {}, v1);
    store.Intake(Hello("m1")).value();
  }
  std::vector<Migration> v2 = v1;
  v2.push_back(
      {v1.back().version + 1, "CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (7);"});
  {
    SqliteStore store(dir.File("a.db"), {}, v2);
    EXPECT_EQ(store.SchemaVersion(), v1.back().version + 1);
    EXPECT_TRUE(store.Intake(Hello("m1")).value().duplicate);  // old rows survive
  }
  SqliteStore again(dir.File("a.db"), {}, v2);  // re-running would insert a second row
  SQLite::Database db(dir.File("a.db"));
  SQLite::Statement q(db, "SELECT COUNT(*) FROM extra");
  q.executeStep();
  EXPECT_EQ(q.getColumn(0).getInt(), 1);
}

TEST(SqliteMigrationsTest, AMigrationNumberedBelowTheHighestAppliedStillRuns) {
  // A file migrated by a build that had 1, 2 and 4 (3 merged later) must still get 3.
  testing::TempDir dir;
  std::vector<Migration> all = SqliteMigrations();
  all.push_back({100, "CREATE TABLE later (x INTEGER);"});
  std::vector<Migration> gap = all;
  gap.erase(gap.end() - 2);  // without the last shipped migration, with 100
  { SqliteStore store(dir.File("a.db"), {}, gap); }
  {
    SqliteStore store(dir.File("a.db"), {}, all);
    EXPECT_TRUE(store.Intake(Hello("m1")).value().ticket_id.empty());  // the full schema works
  }
  SQLite::Database db(dir.File("a.db"));
  SQLite::Statement q(db, "SELECT COUNT(*) FROM schema_migrations");
  q.executeStep();
  EXPECT_EQ(q.getColumn(0).getInt(), static_cast<int>(all.size()));
}

TEST(SqliteMigrationsTest, ABrokenMigrationFailsStartUpAndLeavesTheFileAsItWas) {
  testing::TempDir dir;
  { SqliteStore store(dir.File("a.db"), {}); }
  std::vector<Migration> broken = SqliteMigrations();
  broken.push_back({broken.back().version + 1, "CREATE TABLE ok (x INTEGER); THIS IS NOT SQL;"});
  EXPECT_THROW(SqliteStore(dir.File("a.db"), {}, broken), StoreError);
  SqliteStore store(dir.File("a.db"), {});
  EXPECT_EQ(store.SchemaVersion(), SqliteMigrations().back().version);
  SQLite::Database db(dir.File("a.db"));
  EXPECT_FALSE(db.tableExists("ok"));
}

TEST(SqliteMigrationsTest, TwoStoresStartingTogetherMigrateOnce) {
  testing::TempDir dir;
  std::vector<std::thread> starters;
  std::mutex mu;
  std::vector<std::string> failures;
  for (int i = 0; i < 4; ++i) {
    starters.emplace_back([&] {
      try {
        SqliteStore store(dir.File("a.db"), {});
      } catch (const std::exception& e) {
        std::lock_guard<std::mutex> lock(mu);
        failures.push_back(e.what());
      }
    });
  }
  for (auto& t : starters) t.join();
  EXPECT_TRUE(failures.empty()) << failures.front();
  SQLite::Database db(dir.File("a.db"));
  SQLite::Statement q(db, "SELECT COUNT(*) FROM schema_migrations");
  q.executeStep();
  EXPECT_EQ(q.getColumn(0).getInt(), static_cast<int>(SqliteMigrations().size()));
}

TEST(SqliteStoreTest, TheFileIsInWalMode) {
  testing::TempDir dir;
  SqliteStore store(dir.File("a.db"), {});
  SQLite::Database db(dir.File("a.db"));
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
}

TEST(SqliteStoreTest, TheWalStaysBoundedUnderSustainedConcurrentWrites) {
  testing::TempDir dir;
  StoreOptions options;
  options.checkpoint_interval_ms = 0;  // finish a checkpoint after every batch
  SqliteStore store(dir.File("a.db"), options);
  constexpr int kThreads = 8, kEach = 600;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        IntakeRequest r = Hello("w" + std::to_string(t) + "-" + std::to_string(i));
        r.message.text.assign(600, 'x');  // ~5 frames per intake without any checkpoint
        store.Intake(r).value();
      }
    });
  }
  for (auto& w : writers) w.join();
  // Had the WAL never restarted, every frame of 4,800 intakes would still be in it.
  auto wal = std::filesystem::file_size(dir.File("a.db") + "-wal");
  EXPECT_LT(wal, 2u << 20) << "WAL grew to " << wal << " bytes";
}

}  // namespace
}  // namespace aduan::storage
