// What only the PostgreSQL backend has: migrations shared by instances starting together,
// connection errors that never show a password. The Store contract itself is tested for both
// backends in store_test.cc.
#include "storage/postgres/pg_store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "pg_schema.h"
#include "storage/postgres/pg_connection.h"

namespace aduan::storage {
namespace {

int CountRows(const std::string& url, const std::string& table) {
  return static_cast<int>(PgConnection(url).Exec("SELECT COUNT(*) FROM " + table).Int64(0, 0));
}

class PgStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!testing::TestPostgresUrl()) GTEST_SKIP() << testing::kNoPostgres;
    schema_ = std::make_unique<testing::PgSchema>();
  }
  std::unique_ptr<testing::PgSchema> schema_;
};

TEST_F(PgStoreTest, InstancesStartingTogetherApplyEachMigrationOnce) {
  constexpr int kInstances = 6;
  std::vector<std::unique_ptr<PgStore>> stores(kInstances);
  std::vector<std::string> errors(kInstances);
  std::vector<std::thread> threads;
  for (int i = 0; i < kInstances; ++i) {
    threads.emplace_back([&, i] {
      try {
        stores[i] = std::make_unique<PgStore>(schema_->url(), StoreOptions{});
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (auto& t : threads) t.join();
  for (int i = 0; i < kInstances; ++i) {
    EXPECT_EQ(errors[i], "") << "instance " << i;
    if (stores[i]) {
      EXPECT_EQ(stores[i]->SchemaVersion(), PgMigrations().back().version);
    }
  }
  EXPECT_EQ(CountRows(schema_->url(), "schema_migrations"),
            static_cast<int>(PgMigrations().size()));
}

TEST_F(PgStoreTest, AnExistingDatabaseGetsOnlyTheNewMigrations) {
  IntakeRequest hello;
  hello.message = {"generic", "m1", "+6281111111111", "", "halo", "{}", 1};
  hello.reply = "halo juga";
  std::vector<Migration> v1 = PgMigrations();
  {
    PgStore store(schema_->url(), {}, v1);
    store.Intake(hello).value();
  }
  std::vector<Migration> v2 = v1;
  v2.push_back(
      {v1.back().version + 1, "CREATE TABLE extra (x INTEGER); INSERT INTO extra VALUES (7);"});
  {
    PgStore store(schema_->url(), {}, v2);
    EXPECT_EQ(store.SchemaVersion(), v1.back().version + 1);
    EXPECT_TRUE(store.Intake(hello).value().duplicate);  // old rows survive
  }
  PgStore again(schema_->url(), {}, v2);  // re-running would insert a second row
  EXPECT_EQ(CountRows(schema_->url(), "extra"), 1);
}

// Issues land in any order: a database migrated without 3 (but with 4) by one build gets 3 from
// the next build, although 3 is below the highest version it has.
TEST_F(PgStoreTest, AMigrationMergedBelowTheHighestAppliedOneIsStillApplied) {
  std::vector<Migration> without3;
  for (const auto& m : PgMigrations()) {
    if (m.version != 3) without3.push_back(m);
  }
  ASSERT_LT(without3.size(), PgMigrations().size());
  { PgStore store(schema_->url(), {}, without3); }
  EXPECT_THROW(CountRows(schema_->url(), "conversations"), StoreError);
  PgStore store(schema_->url(), {});
  EXPECT_EQ(CountRows(schema_->url(), "conversations"), 0);
  EXPECT_EQ(CountRows(schema_->url(), "schema_migrations"),
            static_cast<int>(PgMigrations().size()));
  EXPECT_FALSE(store.GetConversation("sms", "+6281"));
}

TEST_F(PgStoreTest, ABrokenMigrationChangesNothingAndNamesTheProblem) {
  std::vector<Migration> broken = PgMigrations();
  broken.push_back({broken.back().version + 1, "CREATE TABLE extra (x INTEGER); SELEC 1;"});
  try {
    PgStore store(schema_->url(), {}, broken);
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("syntax error"), std::string::npos) << e.what();
  }
  EXPECT_THROW(CountRows(schema_->url(), "schema_migrations"), StoreError);  // all rolled back
  PgStore store(schema_->url(), {});
  EXPECT_EQ(store.SchemaVersion(), PgMigrations().back().version);
}

TEST_F(PgStoreTest, ReadsNeverOpenMoreConnectionsThanThePoolSize) {
  constexpr int kPoolSize = 3, kReaders = 12;
  std::string app = "aduan_pool_" + schema_->name();
  StoreOptions options;
  options.pool_size = kPoolSize;
  PgStore store(schema_->url() + "&application_name=" + app, options);
  IntakeRequest hello;
  hello.message = {"generic", "m1", "+6281111111111", "", "halo", "{}", 1};
  store.Intake(hello).value();
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0};
  std::vector<std::thread> readers;
  for (int i = 0; i < kReaders; ++i) {
    readers.emplace_back([&] {
      while (!stop) {
        EXPECT_EQ(store.TicketOfMessage("generic", "m1"), "");
        ++reads;
      }
    });
  }
  PgConnection observer(schema_->url());
  int most = 0;
  for (int i = 0; i < 200 || reads < 500; ++i) {
    most = std::max(most, static_cast<int>(observer
                                               .Exec("SELECT COUNT(*) FROM pg_stat_activity "
                                                     "WHERE application_name = $1",
                                                     {app})
                                               .Int64(0, 0)));
  }
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_LE(most, kPoolSize + 1);  // the pool plus the committer's write connection
  EXPECT_GE(most, 2);              // the readers did run beside the writer
}

TEST(PgConnectionTest, AnUnreachableServerIsAStoreErrorWithoutThePassword) {
  try {
    OpenStore("postgresql://aduan:s3cret-pw@/nodb?host=/nonexistent-dir&connect_timeout=2");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    std::string what = e.what();
    EXPECT_EQ(what.find("s3cret-pw"), std::string::npos) << what;
    EXPECT_NE(what.find("postgresql://aduan:***@/nodb"), std::string::npos) << what;
  }
}

TEST(PgConnectionTest, RedactedUrlHidesEveryPasswordForm) {
  EXPECT_EQ(RedactedUrl("postgresql://u:pw@db.example:5432/aduan"),
            "postgresql://u:***@db.example:5432/aduan");
  EXPECT_EQ(RedactedUrl("postgres://u@h/d?sslmode=require&password=pw"),
            "postgres://u@h/d?sslmode=require&password=***");
  EXPECT_EQ(RedactedUrl("host=h dbname=d password=pw user=u"),
            "host=h dbname=d password=*** user=u");
  EXPECT_EQ(RedactedUrl("postgresql://u@h/d"), "postgresql://u@h/d");
}

}  // namespace
}  // namespace aduan::storage
