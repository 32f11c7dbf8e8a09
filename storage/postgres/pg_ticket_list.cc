// Ticket lists on PostgreSQL: the agency's and operator's views, keyset-paged by
// (created_at, id), newest first, and the recent tickets the conversation links against
//. The SQL is built from the filters present, so each shape is one prepared
// statement that can use the tickets_* indexes; the status list is one array parameter,
// whatever its length.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

std::vector<TicketRecord> PgStore::ListTickets(const TicketQuery& query) {
  PgParams p;
  std::string sql = "WHERE updated_at >= " + p.Add(query.updated_since_ms);
  if (!query.agency.empty()) sql += " AND agency = " + p.Add(query.agency);
  if (query.overdue_only) sql += " AND overdue_since > 0";
  if (!query.statuses.empty()) {
    sql += " AND status = ANY(" + p.Add(PgParam::TextArray(query.statuses)) + "::text[])";
  }
  if (!query.before_id.empty()) {
    const std::string created = p.Add(query.before_created_ms) + "::bigint";
    sql += " AND (created_at < " + created + " OR (created_at = " + created + " AND id < " +
           p.Add(query.before_id) + "))";
  }
  sql += " ORDER BY created_at DESC, id DESC LIMIT " + p.Add(query.limit);
  auto conn = impl_->readers->Borrow();
  return SelectTickets(*conn, sql, p, TicketFields::kAll);
}

std::string RecentTicketsSql(const RecentTicketQuery& query, PgParams& p) {
  std::string sql = "WHERE created_at >= " + p.Add(query.created_since_ms);
  if (!query.agency.empty()) sql += " AND agency = " + p.Add(query.agency);
  // `<> ''` lets the partial index tickets_relayed_by serve a cadre's list.
  if (!query.relayed_by.empty())
    sql += " AND relayed_by <> '' AND relayed_by = " + p.Add(query.relayed_by);
  if (!query.reporter_sender.empty()) {
    sql += " AND channel = " + p.Add(query.reporter_channel);
    sql += " AND reporter_sender = " + p.Add(query.reporter_sender);
  }
  sql += " ORDER BY created_at DESC, id LIMIT " + p.Add(query.limit);
  return sql;
}

std::vector<TicketRecord> PgStore::FindTickets(const RecentTicketQuery& query) {
  PgParams p;
  std::string sql = RecentTicketsSql(query, p);
  auto conn = impl_->readers->Borrow();
  return SelectTickets(*conn, sql, p, FieldsFor(query));
}

}  // namespace aduan::storage
