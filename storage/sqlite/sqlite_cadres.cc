// The cadre registry on SQLite.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {
void SqliteStore::PutCadre(const CadreRecord& c) {
  Translated([&] {
    impl_->committer->Run([&] {
      SQLite::Statement& other =
          impl_->writes.Get("SELECT id FROM cadres WHERE channel = ? AND sender = ? AND id <> ?");
      other.bind(1, c.channel);
      other.bind(2, c.sender);
      other.bind(3, c.id);
      if (other.executeStep()) {
        throw CadreConflict("cadre " + other.getColumn(0).getString() + " already writes from " +
                            c.channel + ":" + c.sender);
      }
      other.tryReset();
      SQLite::Statement& put = impl_->writes.Get(
          "INSERT INTO cadres(id, channel, sender, name, area, active, created_at, updated_at) "
          "VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET channel = excluded.channel, "
          "sender = excluded.sender, name = excluded.name, area = excluded.area, "
          "active = excluded.active, updated_at = excluded.updated_at");
      put.bind(1, c.id);
      put.bind(2, c.channel);
      put.bind(3, c.sender);
      put.bind(4, c.name);
      put.bind(5, c.area);
      put.bind(6, c.active ? 1 : 0);
      put.bind(7, c.created_at_ms);
      put.bind(8, c.updated_at_ms);
      put.exec();
    });
  });
}

std::optional<CadreRecord> SqliteStore::FindCadre(const std::string& channel,
                                                  const std::string& sender) {
  return Translated([&]() -> std::optional<CadreRecord> {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get(std::string("SELECT ") + kCadreColumns +
                                 " FROM cadres WHERE channel = ? AND sender = ?");
    q.bind(1, channel);
    q.bind(2, sender);
    if (!q.executeStep()) return std::nullopt;
    return CadreFromRow(SqliteRow{q});
  });
}

namespace {

// `relayed_by <> ''` is what lets the partial index tickets_relayed_by serve this.
constexpr char kRelayedCountsSql[] =
    "SELECT status, COUNT(*) FROM tickets WHERE relayed_by = ? AND relayed_by <> '' "
    "GROUP BY status ORDER BY status";

// Fills c->tickets_by_status by running `counts`, the prepared kRelayedCountsSql.
void CountRelayedTickets(SQLite::Statement& counts, CadreRecord* c) {
  counts.reset();
  counts.bind(1, c->id);
  while (counts.executeStep()) {
    c->tickets_by_status.emplace_back(counts.getColumn(0).getString(),
                                      counts.getColumn(1).getInt64());
  }
}

}  // namespace

std::optional<CadreRecord> SqliteStore::GetCadre(const std::string& id) {
  return Translated([&]() -> std::optional<CadreRecord> {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q =
        r.Get(std::string("SELECT ") + kCadreColumns + " FROM cadres WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    CadreRecord c = CadreFromRow(SqliteRow{q});
    CountRelayedTickets(r.Get(kRelayedCountsSql), &c);
    return c;
  });
}

std::vector<CadreRecord> SqliteStore::ListCadres() {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    std::vector<CadreRecord> out;
    SQLite::Statement& q =
        r.Get(std::string("SELECT ") + kCadreColumns + " FROM cadres ORDER BY id");
    while (q.executeStep()) out.push_back(CadreFromRow(SqliteRow{q}));
    SQLite::Statement& counts = r.Get(kRelayedCountsSql);
    for (auto& c : out) CountRelayedTickets(counts, &c);
    return out;
  });
}

}  // namespace aduan::storage
