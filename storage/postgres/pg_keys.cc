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

std::vector<ApiKeyRecord> PgStore::ListApiKeys() {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(std::string("SELECT ") + kApiKeyColumns +
                          " FROM api_keys ORDER BY created_at DESC, id");
  std::vector<ApiKeyRecord> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back(ApiKeyFromRow(PgRow{q, i}));
  return out;
}

bool PgStore::RevokeApiKey(const std::string& id, int64_t now_ms) {
  return impl_->Write([&](PgConnection& conn) {
    return conn.Exec("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE id = $2",
                     {now_ms, id})
               .affected() > 0;
  });
}

}  // namespace aduan::storage
