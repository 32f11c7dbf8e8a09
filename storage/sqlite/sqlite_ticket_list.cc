// Ticket lists on SQLite: the agency's and operator's views, keyset-paged by (created_at, id),
// newest first, and the recent tickets the conversation reads (a sender's or a cadre's, an
// agency's for linking). One TicketQuery serves all of them. The SQL is built from the filters
// present, so each shape is one prepared statement that can use the tickets_* indexes.
#include <algorithm>

#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

std::vector<TicketRecord> SelectTickets(StatementCache& statements,
                                        const std::string& where_order_limit,
                                        const SqliteParams& params, TicketFields fields,
                                        size_t expected_rows) {
  SQLite::Statement& q = statements.Get(std::string("SELECT ") + TicketColumnsFor(fields) +
                                        " FROM tickets " + where_order_limit);
  int n = 0;
  for (const auto& v : params.values) {
    if (const auto* i = std::get_if<int64_t>(&v)) {
      q.bind(++n, *i);
    } else {
      q.bind(++n, std::get<std::string>(v));
    }
  }
  std::vector<TicketRecord> out;
  out.reserve(std::min<size_t>(expected_rows, 64));  // a page of a list may ask for more
  while (q.executeStep()) out.push_back(TicketFromRow(SqliteRow{q}, fields));
  return out;
}

// "WHERE ... ORDER BY ... LIMIT ..." for `query`, its values added to `p`.
std::string TicketQuerySql(const TicketQuery& query, SqliteParams& p) {
  // Only the filters set: an unset one adds no clause, so the planner never weighs a range
  // that selects everything.
  std::string sql;
  if (query.created_since_ms > 0) sql += " AND created_at >= " + p.Add(query.created_since_ms);
  if (query.updated_since_ms > 0) sql += " AND updated_at >= " + p.Add(query.updated_since_ms);
  if (!query.agency.empty()) sql += " AND agency = " + p.Add(query.agency);
  // `<> ''` lets the partial index tickets_relayed_by serve a cadre's list.
  if (!query.relayed_by.empty()) {
    sql += " AND relayed_by = " + p.Add(query.relayed_by) + " AND relayed_by <> ''";
  }
  if (!query.reporter_sender.empty()) {
    sql += " AND channel = " + p.Add(query.reporter_channel) +
           " AND reporter_sender = " + p.Add(query.reporter_sender);
  }
  if (query.overdue_only) sql += " AND overdue_since > 0";
  if (!query.statuses.empty()) {
    sql += " AND status IN (";
    for (size_t i = 0; i < query.statuses.size(); ++i) {
      sql += i ? "," : "";
      sql += p.Add(query.statuses[i]);
    }
    sql += ")";
  }
  if (!query.before_id.empty()) {
    const std::string created = p.Add(query.before_created_ms);
    sql += " AND (created_at < " + created + " OR (created_at = " + created + " AND id < " +
           p.Add(query.before_id) + "))";
  }
  // " AND a AND b" becomes "WHERE a AND b".
  if (!sql.empty()) sql.replace(0, 5, "WHERE ");
  sql += " ORDER BY created_at DESC, id DESC LIMIT " + p.Add(query.limit);
  return sql;
}

std::vector<TicketRecord> SqliteStore::ListTickets(const TicketQuery& query) {
  SqliteParams p;
  const std::string sql = TicketQuerySql(query, p);
  return Translated([&] {
    Impl::Reader r(impl_.get());
    return SelectTickets(r.statements(), sql, p,
                         query.link_fields_only ? TicketFields::kLinking : TicketFields::kAll,
                         static_cast<size_t>(query.limit));
  });
}

std::vector<TicketRecord> SqliteStore::FindTickets(const TicketQuery& query) {
  SqliteParams p;
  const std::string sql = TicketQuerySql(query, p);
  return Translated([&] {
    Impl::Reader r(impl_.get());
    return SelectTickets(r.statements(), sql, p, FieldsFor(query),
                         static_cast<size_t>(query.limit));
  });
}

}  // namespace aduan::storage
