// Ticket lists on SQLite (issue 6): the agency's and operator's views, keyset-paged.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

std::vector<TicketRecord> SqliteStore::ListTickets(const TicketQuery& query) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    std::string sql =
        std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE updated_at >= ?";
    if (!query.agency.empty()) sql += " AND agency = ?";
    if (query.overdue_only) sql += " AND overdue_since > 0";
    if (!query.statuses.empty()) {
      sql += " AND status IN (";
      for (size_t i = 0; i < query.statuses.size(); ++i) sql += i ? ",?" : "?";
      sql += ")";
    }
    if (!query.before_id.empty()) sql += " AND (created_at < ? OR (created_at = ? AND id < ?))";
    sql += " ORDER BY created_at DESC, id DESC LIMIT ?";
    SQLite::Statement& q = r.Get(sql);
    int n = 0;
    q.bind(++n, query.updated_since_ms);
    if (!query.agency.empty()) q.bind(++n, query.agency);
    for (const auto& s : query.statuses) q.bind(++n, s);
    if (!query.before_id.empty()) {
      q.bind(++n, query.before_created_ms);
      q.bind(++n, query.before_created_ms);
      q.bind(++n, query.before_id);
    }
    q.bind(++n, query.limit);
    std::vector<TicketRecord> out;
    while (q.executeStep()) out.push_back(TicketFromRow(SqliteRow{q}));
    return out;
  });
}

}  // namespace aduan::storage
