#include "storage/sqlite/wal_write_batching_vfs.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <string>

#include "temp_dir.h"

namespace aduan::storage {
namespace {

using testing::TempDir;

std::unique_ptr<SQLite::Database> OpenWriter(const std::string& path, bool batching) {
  auto db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE,
                                               5000, batching ? WalWriteBatchingVfs() : "");
  db->exec("PRAGMA journal_mode=WAL");
  db->exec("PRAGMA synchronous=FULL");
  db->exec("PRAGMA wal_autocheckpoint=0");
  db->exec("CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, b BLOB NOT NULL)");
  return db;
}

// A deterministic blob of `size` bytes that differs per (id, round).
std::string Blob(int id, int round, size_t size) {
  std::string b(size, '\0');
  uint32_t x = static_cast<uint32_t>(id) * 2654435761u + static_cast<uint32_t>(round) + 1;
  for (auto& c : b) {
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    c = static_cast<char>(x);
  }
  return b;
}

void Insert(SQLite::Database& db, int id, int round, size_t size) {
  SQLite::Statement q(db, "INSERT OR REPLACE INTO t (id, b) VALUES (?, ?)");
  std::string b = Blob(id, round, size);
  q.bind(1, id);
  q.bind(2, b.data(), static_cast<int>(b.size()));
  q.exec();
}

// How many rows hold exactly the blob Blob(id, round, size) for ids [0, n).
int Matching(SQLite::Database& db, int n, int round, size_t size) {
  SQLite::Statement q(db, "SELECT id, b FROM t WHERE id < ? ORDER BY id");
  q.bind(1, n);
  int matching = 0;
  while (q.executeStep()) {
    SQLite::Column b = q.getColumn(1);
    std::string got(static_cast<const char*>(b.getBlob()), static_cast<size_t>(b.getBytes()));
    if (got == Blob(q.getColumn(0).getInt(), round, size)) ++matching;
  }
  return matching;
}

std::string IntegrityCheck(SQLite::Database& db) {
  return db.execAndGet("PRAGMA integrity_check").getString();
}

TEST(WalWriteBatchingVfsTest, EveryCommitIsVisibleToAnotherConnectionAtOnce) {
  TempDir dir;
  auto writer = OpenWriter(dir.File("a.db"), true);
  SQLite::Database reader(dir.File("a.db"), SQLite::OPEN_READONLY);
  for (int i = 0; i < 300; ++i) {
    SQLite::Transaction tx(*writer);
    Insert(*writer, i, 0, 1500 + static_cast<size_t>(i % 7) * 700);
    tx.commit();
    ASSERT_EQ(reader.execAndGet("SELECT COUNT(*) FROM t").getInt(), i + 1) << "after commit " << i;
    SQLite::Statement last(reader, "SELECT b FROM t WHERE id = ?");
    last.bind(1, i);
    ASSERT_TRUE(last.executeStep());
    SQLite::Column b = last.getColumn(0);
    ASSERT_EQ(std::string(static_cast<const char*>(b.getBlob()), static_cast<size_t>(b.getBytes())),
              Blob(i, 0, 1500 + static_cast<size_t>(i % 7) * 700))
        << "row " << i << " read by another connection right after its commit";
  }
  EXPECT_EQ(IntegrityCheck(reader), "ok");
}

TEST(WalWriteBatchingVfsTest, ATransactionLargerThanItsCacheReadsBackWhatItWrote) {
  // A 40-page cache makes SQLite spill dirty pages into the WAL mid-transaction and read them
  // back, and rewriting every row rewrites frames it already wrote; the transaction holds
  // more than the batching buffer's limit, so the buffer also goes out before the sync.
  TempDir dir;
  auto writer = OpenWriter(dir.File("a.db"), true);
  writer->exec("PRAGMA cache_size=40");
  constexpr int kRows = 2000;
  constexpr size_t kSize = 3000;
  {
    SQLite::Transaction tx(*writer);
    for (int i = 0; i < kRows; ++i) Insert(*writer, i, 1, kSize);
    ASSERT_EQ(Matching(*writer, kRows, 1, kSize), kRows);
    for (int i = 0; i < kRows; i += 2) Insert(*writer, i, 2, kSize);
    int rewritten = 0;
    SQLite::Statement q(*writer, "SELECT id, b FROM t ORDER BY id");
    while (q.executeStep()) {
      int id = q.getColumn(0).getInt();
      SQLite::Column b = q.getColumn(1);
      std::string got(static_cast<const char*>(b.getBlob()), static_cast<size_t>(b.getBytes()));
      if (got == Blob(id, id % 2 == 0 ? 2 : 1, kSize)) ++rewritten;
    }
    ASSERT_EQ(rewritten, kRows) << "the transaction read back something it did not write";
    tx.commit();
  }
  SQLite::Database reader(dir.File("a.db"), SQLite::OPEN_READONLY);
  EXPECT_EQ(Matching(reader, kRows, 1, kSize), kRows / 2);
  EXPECT_EQ(Matching(reader, kRows, 2, kSize), kRows / 2);
  EXPECT_EQ(IntegrityCheck(reader), "ok");
}

TEST(WalWriteBatchingVfsTest, TheWalStartsOverAfterACheckpointAndSurvivesReopening) {
  TempDir dir;
  auto check = [](SQLite::Database& db) {
    EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM t").getInt(), 200);
    EXPECT_EQ(Matching(db, 200, 1, 2000), 67);
    EXPECT_EQ(Matching(db, 200, 0, 2000), 133);
    EXPECT_EQ(IntegrityCheck(db), "ok");
  };
  {
    // Open while the writer closes, so the last frames stay in the WAL and are read there.
    std::unique_ptr<SQLite::Database> keeper;
    {
      auto writer = OpenWriter(dir.File("a.db"), true);
      keeper = std::make_unique<SQLite::Database>(dir.File("a.db"), SQLite::OPEN_READONLY);
      for (int i = 0; i < 100; ++i) Insert(*writer, i, 0, 2000);
      writer->exec("PRAGMA wal_checkpoint(TRUNCATE)");
      for (int i = 100; i < 200; ++i) Insert(*writer, i, 0, 2000);
      writer->exec("PRAGMA wal_checkpoint(RESTART)");
      for (int i = 0; i < 200; i += 3) Insert(*writer, i, 1, 2000);
    }
    check(*keeper);
  }
  // The last connection closed: SQLite checkpointed the WAL into the database file.
  SQLite::Database reopened(dir.File("a.db"), SQLite::OPEN_READONLY);
  check(reopened);
}

// Write system calls this process has made so far (Linux's /proc/self/io).
long WriteCalls() {
  std::ifstream io("/proc/self/io");
  std::string key;
  long value = 0;
  while (io >> key >> value) {
    if (key == "syscw:") return value;
  }
  return -1;
}

long WriteCallsForOneCommit(const std::string& path, bool batching) {
  auto writer = OpenWriter(path, batching);
  Insert(*writer, 0, 0, 100);  // the WAL exists and has its header before counting
  long before = WriteCalls();
  SQLite::Transaction tx(*writer);
  for (int i = 1; i <= 200; ++i) Insert(*writer, i, 0, 3500);
  tx.commit();
  return WriteCalls() - before;
}

TEST(WalWriteBatchingVfsTest, ACommitReachesTheWalInFewWrites) {
  if (WriteCalls() < 0) GTEST_SKIP() << "no /proc/self/io on this system";
  TempDir dir;
  long plain = WriteCallsForOneCommit(dir.File("plain.db"), false);
  long batched = WriteCallsForOneCommit(dir.File("batched.db"), true);
  // About 200 pages, two writes a frame without batching; ~0.8 MB in 124 KiB pieces with it.
  EXPECT_GE(plain, 400);
  EXPECT_LE(batched, 20) << "without batching: " << plain;
}

}  // namespace
}  // namespace aduan::storage
