// People of the web inbox on PostgreSQL.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

void PgStore::InsertUser(const UserRecord& u) {
  impl_->Write([&](PgConnection& conn) {
    PgResult r = conn.Exec(
        "INSERT INTO users(username, name, agency, role, password_hash, active, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (username) DO NOTHING",
        {u.username, u.name, u.agency, u.role, u.password_hash, u.active, u.created_at_ms});
    if (r.affected() == 0) throw UserConflict("username '" + u.username + "' is taken");
  });
}

std::optional<UserRecord> PgStore::FindUser(const std::string& username) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = $1",
                          {username});
  if (q.rows() == 0) return std::nullopt;
  return UserFromRow(PgRow{q, 0});
}

std::vector<UserRecord> PgStore::ListUsers() {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username");
  std::vector<UserRecord> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back(UserFromRow(PgRow{q, i}));
  return out;
}

bool PgStore::SetUserActive(const std::string& username, bool active) {
  return impl_->Write([&](PgConnection& conn) {
    return conn.Exec("UPDATE users SET active = $1 WHERE username = $2", {active, username})
               .affected() > 0;
  });
}

}  // namespace aduan::storage
