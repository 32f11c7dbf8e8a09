// ReadFacts on SQLite: the rate count, the conversation and the recent tickets a new message is
// decided on, in one read transaction on one reader, so all three see the same commit.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {
namespace {

// A read transaction through the reader's cached BEGIN and COMMIT. SQLite::Transaction parses
// both anew on every call, which was 2% of a new complaint's CPU.
class SnapshotRead {
 public:
  explicit SnapshotRead(StatementCache& statements) : statements_(statements) {
    statements_.Get("BEGIN").exec();
  }
  ~SnapshotRead() {
    if (open_) {
      try {
        statements_.Get("ROLLBACK").exec();
      } catch (...) {  // the connection's next BEGIN reports what is wrong with it
      }
    }
  }
  SnapshotRead(const SnapshotRead&) = delete;
  SnapshotRead& operator=(const SnapshotRead&) = delete;
  void End() {
    statements_.Get("COMMIT").exec();  // nothing was written: this only ends the read
    open_ = false;
  }

 private:
  StatementCache& statements_;
  bool open_ = true;
};

}  // namespace

IntakeFacts SqliteStore::ReadFacts(const IntakeFactsQuery& query) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SnapshotRead snapshot(r.statements());
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
    snapshot.End();
    return facts;
  });
}

}  // namespace aduan::storage
