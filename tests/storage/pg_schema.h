// A fresh, empty schema in the test database ADUAN_TEST_POSTGRES_URL names, dropped with
// everything in it on destruction. Each test gets its own, so test processes that ctest runs
// in parallel never see each other's rows.
#ifndef ADUAN_TESTS_STORAGE_PG_SCHEMA_H_
#define ADUAN_TESTS_STORAGE_PG_SCHEMA_H_

#include <optional>
#include <string>

namespace aduan::testing {

// The test database's URL, or nullopt when ADUAN_TEST_POSTGRES_URL is unset (PostgreSQL tests
// then skip). tests/postgres/with-cluster.sh sets it.
std::optional<std::string> TestPostgresUrl();

// Why PostgreSQL tests skip, for GTEST_SKIP().
inline constexpr const char* kNoPostgres =
    "ADUAN_TEST_POSTGRES_URL is unset; run under tests/postgres/with-cluster.sh to test "
    "PostgreSQL";

class PgSchema {
 public:
  // Requires TestPostgresUrl(). Throws std::runtime_error when the schema cannot be made.
  PgSchema();
  ~PgSchema();
  PgSchema(const PgSchema&) = delete;
  PgSchema& operator=(const PgSchema&) = delete;

  const std::string& name() const { return name_; }
  // A URL whose connections use this schema (search_path), for OpenStore and `aduan --db`.
  const std::string& url() const { return url_; }

 private:
  std::string name_;
  std::string url_;
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_STORAGE_PG_SCHEMA_H_
