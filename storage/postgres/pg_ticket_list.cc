// Ticket lists on PostgreSQL: the agency's and operator's views, keyset-paged by
// (created_at, id), newest first, and the recent tickets the conversation reads (a sender's or
// a cadre's, an agency's for linking). One TicketQuery serves all of them. The SQL is built
// from the filters present, so each shape is one prepared statement that can use the tickets_*
// indexes; the status list is one array parameter, whatever its length.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
// "WHERE ... ORDER BY ... LIMIT ..." for `query`, its values added to `p`.
std::string TicketQuerySql(const TicketQuery& query, PgParams& p) {
  // Only the filters set: an unset one adds no clause, so the planner never weighs a range
  // that selects everything.
  std::string sql;
  if (query.created_since_ms > 0) sql += " AND created_at >= " + p.Add(query.created_since_ms);
  if (query.updated_since_ms > 0) sql += " AND updated_at >= " + p.Add(query.updated_since_ms);
  if (!query.agency.empty()) sql += " AND agency = " + p.Add(query.agency);
  // `<> ''` lets the partial index tickets_relayed_by serve a cadre's list.
  if (!query.relayed_by.empty()) {
    sql += " AND relayed_by <> '' AND relayed_by = " + p.Add(query.relayed_by);
  }
  if (!query.reporter_sender.empty()) {
    sql += " AND channel = " + p.Add(query.reporter_channel);
    sql += " AND reporter_sender = " + p.Add(query.reporter_sender);
  }
  if (query.overdue_only) sql += " AND overdue_since > 0";
  if (!query.statuses.empty()) {
    sql += " AND status = ANY(" + p.Add(PgParam::TextArray(query.statuses)) + "::text[])";
  }
  if (!query.before_id.empty()) {
    const std::string created = p.Add(query.before_created_ms) + "::bigint";
    sql += " AND (created_at < " + created + " OR (created_at = " + created + " AND id < " +
           p.Add(query.before_id) + "))";
  }
  // " AND a AND b" becomes "WHERE a AND b".
  if (!sql.empty()) sql.replace(0, 5, "WHERE ");
  sql += " ORDER BY created_at DESC, id DESC LIMIT " + p.Add(query.limit);
  return sql;
}

std::vector<TicketRecord> PgStore::ListTickets(const TicketQuery& query) {
  PgParams p;
  const std::string sql = TicketQuerySql(query, p);
  auto conn = impl_->readers->Borrow();
  return SelectTickets(*conn, sql, p,
                       query.link_fields_only ? TicketFields::kLinking : TicketFields::kAll);
}

std::vector<TicketRecord> PgStore::FindTickets(const TicketQuery& query) {
  PgParams p;
  const std::string sql = TicketQuerySql(query, p);
  auto conn = impl_->readers->Borrow();
  return SelectTickets(*conn, sql, p, FieldsFor(query));
}

}  // namespace aduan::storage
