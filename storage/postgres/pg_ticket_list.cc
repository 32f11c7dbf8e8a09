// Ticket lists on PostgreSQL (issue 6): the agency's and operator's views, keyset-paged by
// (created_at, id), newest first. The SQL is built from the filters present, so each shape is
// one prepared statement that can use the tickets_* indexes; the status list is one array
// parameter, whatever its length.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

std::vector<TicketRecord> PgStore::ListTickets(const TicketQuery& query) {
  std::string sql =
      std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE updated_at >= $1";
  std::vector<PgParam> params = {query.updated_since_ms};
  auto next = [&](PgParam p) {
    params.push_back(std::move(p));
    return "$" + std::to_string(params.size());
  };
  if (!query.agency.empty()) sql += " AND agency = " + next(query.agency);
  if (query.overdue_only) sql += " AND overdue_since > 0";
  if (!query.statuses.empty()) {
    sql += " AND status = ANY(" + next(PgParam::TextArray(query.statuses)) + "::text[])";
  }
  if (!query.before_id.empty()) {
    const std::string created = next(query.before_created_ms) + "::bigint";
    sql += " AND (created_at < " + created + " OR (created_at = " + created + " AND id < " +
           next(query.before_id) + "))";
  }
  sql += " ORDER BY created_at DESC, id DESC LIMIT " + next(query.limit);
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(sql, params);
  std::vector<TicketRecord> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back(TicketFromRow(PgRow{q, i}));
  return out;
}

}  // namespace aduan::storage
