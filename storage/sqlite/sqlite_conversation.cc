// Conversations on SQLite: conversation state per (channel, sender) and the reads the
// conversation needs (the ticket changes a message causes are sqlite_lifecycle.cc's). (The ticket
// columns for privacy, relays, consent and linking are read by the shared mapping,
// storage/record_rows.h.)
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

void WriteConversations(StatementCache& writes, const std::vector<ConversationWrite>& list,
                        int64_t now_ms) {
  for (const auto& w : list) {
    const ConversationRecord& r = w.record;
    SQLite::Statement& find =
        writes.Get("SELECT version FROM conversations WHERE channel = ? AND sender = ?");
    find.bind(1, r.channel);
    find.bind(2, r.sender);
    int64_t stored = find.executeStep() ? find.getColumn(0).getInt64() : 0;
    find.tryReset();
    if (w.expect_version && *w.expect_version != stored) {
      throw UnitRefused(
          ConcurrentChangeStatus("conversation of " + r.channel + ":" + r.sender + " moved on"));
    }
    SQLite::Statement& put = writes.Get(
        "INSERT INTO conversations(channel, sender, state, version, updated_at) "
        "VALUES (?,?,?,?,?) ON CONFLICT(channel, sender) DO UPDATE SET state = excluded.state, "
        "version = excluded.version, updated_at = excluded.updated_at");
    put.bind(1, r.channel);
    put.bind(2, r.sender);
    put.bind(3, r.state_json);
    put.bind(4, stored + 1);
    put.bind(5, now_ms);
    put.exec();
  }
}

std::optional<ConversationRecord> SqliteStore::GetConversation(const std::string& channel,
                                                               const std::string& sender) {
  return Translated([&]() -> std::optional<ConversationRecord> {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get(
        "SELECT state, version, updated_at FROM conversations "
        "WHERE channel = ? AND sender = ?");
    q.bind(1, channel);
    q.bind(2, sender);
    if (!q.executeStep()) return std::nullopt;
    ConversationRecord c;
    c.channel = channel;
    c.sender = sender;
    c.state_json = q.getColumn(0).getString();
    c.version = q.getColumn(1).getInt64();
    c.updated_at_ms = q.getColumn(2).getInt64();
    return c;
  });
}

}  // namespace aduan::storage
