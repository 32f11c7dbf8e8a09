// Numbered schema migrations. Each backend keeps its own list (the SQL dialects differ) with the
// same numbers and the same meaning, so one version number describes one schema everywhere.
#ifndef ADUAN_STORAGE_MIGRATIONS_H_
#define ADUAN_STORAGE_MIGRATIONS_H_

#include <string_view>
#include <vector>

namespace aduan::storage {

struct Migration {
  int version;           // 1, 2, 3 ... never reused, never edited once shipped
  std::string_view sql;  // one or more statements
};

const std::vector<Migration>& SqliteMigrations();
const std::vector<Migration>& PgMigrations();

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_MIGRATIONS_H_
