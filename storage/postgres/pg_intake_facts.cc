// ReadFacts on PostgreSQL: the rate count, the conversation and the recent tickets a new message
// is decided on, as one statement (one round trip, one snapshot). Each result row carries the
// count and the conversation beside one ticket; with no ticket asked for or found there is one
// row whose ticket columns are NULL.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
namespace {

// A PgRow whose column 0 is column `first` of the result: the ticket's columns after the
// count's and the conversation's, so the shared mapping (record_rows.h) reads them unchanged.
struct PgRowFrom {
  const PgResult& r;
  int row;
  int first;
  std::string Text(int c) const { return r.Text(row, first + c); }
  int64_t Int64(int c) const { return r.Int64(row, first + c); }
  double Double(int c) const { return r.Double(row, first + c); }
  bool Bool(int c) const { return r.Bool(row, first + c); }
  bool IsNull(int c) const { return r.IsNull(row, first + c); }
};

constexpr int kTicketColumn = 5;  // after n, has_conversation, state, version, updated_at

}  // namespace

IntakeFacts PgStore::ReadFacts(const IntakeFactsQuery& query) {
  PgParams p;
  const std::string channel = p.Add(query.channel);
  const std::string sender = p.Add(query.sender);
  std::string sql =
      "WITH n AS (SELECT COUNT(*) AS n FROM messages WHERE channel = " + channel +
      " AND sender = " + sender + " AND received_at >= " + p.Add(query.messages_since_ms) +
      "), c AS (SELECT state, version, updated_at FROM conversations WHERE channel = " + channel +
      " AND sender = " + sender +
      ") SELECT n.n, c.version IS NOT NULL, COALESCE(c.state, ''), COALESCE(c.version, 0), "
      "COALESCE(c.updated_at, 0)";
  if (query.tickets) {
    sql += ", t.* FROM n LEFT JOIN c ON true LEFT JOIN (SELECT ";
    sql += TicketColumnsFor(FieldsFor(*query.tickets));
    sql += " FROM tickets " + TicketQuerySql(*query.tickets, p);
    sql += ") AS t ON true ORDER BY t.created_at DESC, t.id DESC";
  } else {
    sql += " FROM n LEFT JOIN c ON true";
  }
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(sql, p.values);
  IntakeFacts facts;
  if (q.rows() == 0) return facts;  // cannot happen: n always has its one row
  facts.messages_since = q.Int64(0, 0);
  if (q.Bool(0, 1)) {
    facts.conversation =
        ConversationRecord{query.channel, query.sender, q.Text(0, 2), q.Int64(0, 3), q.Int64(0, 4)};
  }
  if (query.tickets) {
    const TicketFields fields = FieldsFor(*query.tickets);
    for (int i = 0; i < q.rows(); ++i) {
      if (q.IsNull(i, kTicketColumn)) continue;  // no ticket matched: the one NULL row
      facts.tickets.push_back(TicketFromRow(PgRowFrom{q, i, kTicketColumn}, fields));
    }
  }
  return facts;
}

}  // namespace aduan::storage
