#include "pg_schema.h"

#include <cstdlib>
#include <stdexcept>

#include "core/random_id.h"
#include "storage/postgres/pg_connection.h"

namespace aduan::testing {

std::optional<std::string> TestPostgresUrl() {
  const char* url = std::getenv("ADUAN_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

PgSchema::PgSchema() {
  auto base = TestPostgresUrl();
  if (!base) throw std::runtime_error(kNoPostgres);
  name_ = core::RandomId("t_");
  storage::PgConnection(*base).Run("CREATE SCHEMA " + name_);
  // libpq passes `options` to the server as command-line settings: -c search_path=<schema>.
  url_ = *base + (base->find('?') == std::string::npos ? "?" : "&") + "options=-csearch_path%3D" +
         name_;
}

PgSchema::~PgSchema() {
  try {
    storage::PgConnection(*TestPostgresUrl()).Run("DROP SCHEMA " + name_ + " CASCADE");
  } catch (const std::exception&) {
    // The cluster is thrown away after the run anyway.
  }
}

}  // namespace aduan::testing
