// Agency API keys on SQLite.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

void SqliteStore::InsertApiKey(const ApiKeyRecord& key) {
  Translated([&] {
    return impl_->committer->Run([&] {
      SQLite::Statement& ins = impl_->writes.Get(
          "INSERT INTO api_keys(id, key_hash, agency, created_at) VALUES (?,?,?,?)");
      ins.bind(1, key.id);
      ins.bind(2, key.key_hash);
      ins.bind(3, key.agency);
      ins.bind(4, key.created_at_ms);
      ins.exec();
    });
  });
}

std::optional<ApiKeyRecord> SqliteStore::FindApiKey(const std::string& key_hash) {
  try {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q =
        r.Get(std::string("SELECT ") + kApiKeyColumns + " FROM api_keys WHERE key_hash = ?");
    q.bind(1, key_hash);
    if (!q.executeStep()) return std::nullopt;
    return ApiKeyFromRow(SqliteRow{q});
  } catch (const SQLite::Exception& e) {
    throw StoreError(std::string("reading api key: ") + e.what());
  }
}

std::vector<ApiKeyRecord> SqliteStore::ListApiKeys() {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get(std::string("SELECT ") + kApiKeyColumns +
                                 " FROM api_keys ORDER BY created_at DESC, id");
    std::vector<ApiKeyRecord> out;
    while (q.executeStep()) out.push_back(ApiKeyFromRow(SqliteRow{q}));
    return out;
  });
}

bool SqliteStore::RevokeApiKey(const std::string& id, int64_t now_ms) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Statement& u = impl_->writes.Get(
          "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?");
      u.bind(1, now_ms);
      u.bind(2, id);
      return u.exec() > 0;
    });
  });
}

}  // namespace aduan::storage
