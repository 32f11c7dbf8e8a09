#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace aduan::storage {

std::unique_ptr<Store> OpenStore(const std::string& url, const StoreOptions& options) {
  if (url.rfind("sqlite:", 0) == 0) {
    std::string path = url.substr(7);
    if (path.empty()) throw StoreError("storage URL '" + url + "' names no file");
    return std::make_unique<SqliteStore>(path, options);
  }
  if (url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0) {
    return std::make_unique<PgStore>(url, options);
  }
  throw StoreError("storage URL '" + url + "' must start with sqlite: or postgresql://");
}

}  // namespace aduan::storage
