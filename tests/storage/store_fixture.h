// The fixture every backend-parameterised storage suite shares: which backends exist, a fresh
// database for each test, and the complaint most tests store.
#ifndef ADUAN_TESTS_STORAGE_STORE_FIXTURE_H_
#define ADUAN_TESTS_STORAGE_STORE_FIXTURE_H_

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "pg_schema.h"
#include "storage/store.h"
#include "temp_dir.h"

namespace aduan::storage {

// Where one test's database lives: SQLite's file in a temp dir, or a PostgreSQL schema.
struct Scratch {
  testing::TempDir dir;
  std::unique_ptr<testing::PgSchema> schema;
};

struct Backend {
  std::string name;
  // Opens a store on the test's database. Called again, it opens a second store on the same
  // database: another gateway instance.
  std::function<std::unique_ptr<Store>(Scratch&)> open;
  std::string skip_reason;  // non-empty: this machine cannot run the backend (GTEST_SKIP)
  // Several gateway instances may share one database (StoreInstancesTest runs).
  bool shared_by_instances = false;
};

// ctest lists parameterised tests with their parameter: show the backend's name, not bytes.
inline void PrintTo(const Backend& backend, std::ostream* os) { *os << backend.name; }

// SQLite always; PostgreSQL too, skipped with a reason when ADUAN_TEST_POSTGRES_URL is unset.
std::vector<Backend> Backends();

// A routed complaint (message, ticket, ack outbox row) with the given ids.
IntakeRequest Complaint(const std::string& msg_id, const std::string& ticket_id,
                        const std::string& agency = "PUPR", bool urgent = false,
                        int64_t at_ms = 1000);

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (!GetParam().skip_reason.empty()) GTEST_SKIP() << GetParam().skip_reason;
    store_ = GetParam().open(scratch_);
  }
  std::unique_ptr<Store> OpenAnotherInstance() { return GetParam().open(scratch_); }

  Scratch scratch_;  // declared first: outlives the stores on it
  std::unique_ptr<Store> store_;
};

}  // namespace aduan::storage

#endif  // ADUAN_TESTS_STORAGE_STORE_FIXTURE_H_
