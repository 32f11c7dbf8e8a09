// People of the web inbox on SQLite.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

void SqliteStore::InsertUser(const UserRecord& u) {
  Translated([&] {
    impl_->committer->Run([&] {
      SQLite::Statement& ins = impl_->writes.Get(
          "INSERT INTO users(username, name, agency, role, password_hash, active, created_at) "
          "VALUES (?,?,?,?,?,?,?) ON CONFLICT(username) DO NOTHING");
      ins.bind(1, u.username);
      ins.bind(2, u.name);
      ins.bind(3, u.agency);
      ins.bind(4, u.role);
      ins.bind(5, u.password_hash);
      ins.bind(6, u.active ? 1 : 0);
      ins.bind(7, u.created_at_ms);
      if (ins.exec() == 0) throw UserConflict("username '" + u.username + "' is taken");
    });
  });
}

std::optional<UserRecord> SqliteStore::FindUser(const std::string& username) {
  return Translated([&]() -> std::optional<UserRecord> {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q =
        r.Get(std::string("SELECT ") + kUserColumns + " FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return std::nullopt;
    return UserFromRow(SqliteRow{q});
  });
}

std::vector<UserRecord> SqliteStore::ListUsers() {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q =
        r.Get(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY username");
    std::vector<UserRecord> out;
    while (q.executeStep()) out.push_back(UserFromRow(SqliteRow{q}));
    return out;
  });
}

bool SqliteStore::SetUserActive(const std::string& username, bool active) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Statement& u = impl_->writes.Get("UPDATE users SET active = ? WHERE username = ?");
      u.bind(1, active ? 1 : 0);
      u.bind(2, username);
      return u.exec() > 0;
    });
  });
}

}  // namespace aduan::storage
