// Agency API keys on PostgreSQL.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

void PgStore::InsertApiKey(const ApiKeyRecord& key) {
  impl_->Write([&](PgConnection& conn) {
    conn.Exec("INSERT INTO api_keys(id, key_hash, agency, created_at) VALUES ($1, $2, $3, $4)",
              {key.id, key.key_hash, key.agency, key.created_at_ms});
  });
}

std::optional<ApiKeyRecord> PgStore::FindApiKey(const std::string& key_hash) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(
      std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE key_hash = $1", {key_hash});
  if (q.rows() == 0) return std::nullopt;
  return ApiKeyFromRow(PgRow{q, 0});
}

}  // namespace aduan::storage
