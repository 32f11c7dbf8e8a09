// ReadFacts on SQLite: the rate count, the conversation and the recent tickets a new message is
// decided on, in one read transaction on one reader, so all three see the same commit.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

IntakeFacts SqliteStore::ReadFacts(const IntakeFactsQuery& query) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    // BEGIN and COMMIT through the reader's prepared statements: SQLite::Transaction parses
    // both anew on every call, which was 2% of a new complaint's CPU. A read that throws
    // leaves the transaction to ~Reader, which ends it before the connection is pooled again.
    r.Get("BEGIN").exec();
    IntakeFacts facts;
    SQLite::Statement& count = r.Get(
        "SELECT COUNT(*) FROM messages "
        "WHERE channel = ? AND sender = ? AND received_at >= ?");
    count.bind(1, query.channel);
    count.bind(2, query.sender);
    count.bind(3, query.messages_since_ms);
    count.executeStep();
    facts.messages_since = count.getColumn(0).getInt64();
    count.reset();
    SQLite::Statement& conv = r.Get(
        "SELECT state, version, updated_at FROM conversations "
        "WHERE channel = ? AND sender = ?");
    conv.bind(1, query.channel);
    conv.bind(2, query.sender);
    if (conv.executeStep()) {
      facts.conversation =
          ConversationRecord{query.channel, query.sender, conv.getColumn(0).getString(),
                             conv.getColumn(1).getInt64(), conv.getColumn(2).getInt64()};
    }
    conv.reset();
    if (query.tickets) {
      SqliteParams p;
      std::string sql = TicketQuerySql(*query.tickets, p);
      facts.tickets = SelectTickets(r.statements(), sql, p, FieldsFor(*query.tickets),
                                    static_cast<size_t>(query.tickets->limit));
    }
    r.Get("COMMIT").exec();  // nothing was written: this only ends the read
    return facts;
  });
}

}  // namespace aduan::storage
