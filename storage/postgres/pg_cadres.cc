// The cadre registry on PostgreSQL. One (channel, sender) belongs to one cadre: the
// UNIQUE constraint decides between two instances registering the same identity at once, and
// its violation is the same CadreConflict the up-front check gives.
#include <map>

#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

void PgStore::PutCadre(const CadreRecord& c) {
  impl_->Write([&](PgConnection& conn) {
    PgResult other =
        conn.Exec("SELECT id FROM cadres WHERE channel = $1 AND sender = $2 AND id <> $3",
                  {c.channel, c.sender, c.id});
    const std::string who = c.channel + ":" + c.sender;
    if (other.rows() > 0) {
      throw CadreConflict("cadre " + other.Text(0, 0) + " already writes from " + who);
    }
    try {
      conn.Exec(
          "INSERT INTO cadres(id, channel, sender, name, area, active, created_at, updated_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE "
          "SET channel = excluded.channel, sender = excluded.sender, name = excluded.name, "
          "area = excluded.area, active = excluded.active, updated_at = excluded.updated_at",
          {c.id, c.channel, c.sender, c.name, c.area, c.active, c.created_at_ms, c.updated_at_ms});
    } catch (const PgError& e) {
      if (e.sqlstate() == kUniqueViolation && e.constraint() == "cadres_channel_sender_key") {
        throw CadreConflict("another cadre already writes from " + who);
      }
      throw;
    }
  });
}

std::optional<CadreRecord> PgStore::FindCadre(const std::string& channel,
                                              const std::string& sender) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(
      std::string("SELECT ") + kCadreColumns + " FROM cadres WHERE channel = $1 AND sender = $2",
      {channel, sender});
  if (q.rows() == 0) return std::nullopt;
  return CadreFromRow(PgRow{q, 0});
}

std::optional<CadreRecord> PgStore::GetCadre(const std::string& id) {
  auto conn = impl_->readers->Borrow();
  // One statement, so the cadre and its counts are one snapshot.
  PgResult q = conn->Exec(std::string("SELECT ") + kCadreColumns +
                              ", t.status, t.n FROM cadres LEFT JOIN (SELECT status, COUNT(*) AS n "
                              "FROM tickets WHERE relayed_by = $1 GROUP BY status) t ON true "
                              "WHERE id = $1 ORDER BY t.status COLLATE \"C\"",
                          {id});
  if (q.rows() == 0) return std::nullopt;
  CadreRecord c = CadreFromRow(PgRow{q, 0});
  const int status_col = q.columns() - 2;
  for (int i = 0; i < q.rows(); ++i) {
    if (q.IsNull(i, status_col)) continue;
    c.tickets_by_status.emplace_back(q.Text(i, status_col), q.Int64(i, status_col + 1));
  }
  return c;
}

std::vector<CadreRecord> PgStore::ListCadres() {
  auto conn = impl_->readers->Borrow();
  PgResult q =
      conn->Exec(std::string("SELECT ") + kCadreColumns + " FROM cadres ORDER BY id COLLATE \"C\"");
  std::vector<CadreRecord> out;
  std::map<std::string, size_t> index;
  for (int i = 0; i < q.rows(); ++i) {
    out.push_back(CadreFromRow(PgRow{q, i}));
    index[out.back().id] = out.size() - 1;
  }
  // Every cadre's counts in one statement; byte order of status, as SQLite sorts it.
  PgResult counts = conn->Exec(
      "SELECT relayed_by, status, COUNT(*) FROM tickets WHERE relayed_by <> '' "
      "GROUP BY relayed_by, status ORDER BY relayed_by, status COLLATE \"C\"");
  for (int i = 0; i < counts.rows(); ++i) {
    auto it = index.find(counts.Text(i, 0));
    if (it == index.end()) continue;
    out[it->second].tickets_by_status.emplace_back(counts.Text(i, 1), counts.Int64(i, 2));
  }
  return out;
}

}  // namespace aduan::storage
