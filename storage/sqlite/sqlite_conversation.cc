// Conversations on SQLite: conversation state per (channel, sender), the ticket
// changes a message causes, and the reads the conversation needs. (The ticket columns for
// privacy, relays, consent and linking are read by the shared mapping, storage/record_rows.h.)
#include <algorithm>

#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

void ApplyTicketChanges(StatementCache& writes, const std::vector<TicketAmendment>& changes,
                        int64_t now_ms) {
  for (const auto& c : changes) {
    auto current = ReadTicket(writes, c.ticket_id, /*with_events=*/false);
    if (!current) throw ConcurrentChange("ticket " + c.ticket_id + " does not exist");
    if (!c.only_from_statuses.empty() &&
        std::find(c.only_from_statuses.begin(), c.only_from_statuses.end(), current->status) ==
            c.only_from_statuses.end()) {
      throw ConcurrentChange("ticket " + c.ticket_id + " is now " + Column(current->status));
    }
    if (c.dequeue) {
      SQLite::Statement& acked =
          writes.Get("SELECT acked_at IS NOT NULL FROM queue WHERE ticket_id = ?");
      acked.bind(1, c.ticket_id);
      if (acked.executeStep() && acked.getColumn(0).getInt() != 0) {
        throw ConcurrentChange("ticket " + c.ticket_id + " was already picked up");
      }
      acked.tryReset();
      SQLite::Statement& del = writes.Get("DELETE FROM queue WHERE ticket_id = ?");
      del.bind(1, c.ticket_id);
      del.exec();
    }
    SQLite::Statement& u = writes.Get(
        "UPDATE tickets SET status = ?, details = ?, consent = ?, linked_to = ?, updated_at = ?, "
        "version = version + 1 WHERE id = ?");
    u.bind(1, Column(c.to_status.value_or(current->status)));
    u.bind(2, c.details_json.value_or(current->details_json));
    u.bind(3, c.consent.value_or(current->consent));
    u.bind(4, c.linked_to.value_or(current->linked_to));
    u.bind(5, now_ms);
    u.bind(6, c.ticket_id);
    u.exec();
    if (c.event) {
      SQLite::Statement& ev = writes.Get(
          "INSERT INTO ticket_events(ticket_id, at, actor, kind, from_status, to_status, "
          "public_note, internal_note) VALUES (?,?,?,?,?,?,?,?)");
      ev.bind(1, c.ticket_id);
      ev.bind(2, now_ms);
      ev.bind(3, Column(c.event->actor));
      ev.bind(4, Column(c.event->kind));
      ev.bind(5, c.to_status ? Column(current->status) : std::string());
      ev.bind(6, c.to_status ? Column(*c.to_status) : std::string());
      ev.bind(7, c.event->public_note);
      ev.bind(8, c.event->internal_note);
      ev.exec();
    }
  }
}

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
      throw ConcurrentChange("conversation of " + r.channel + ":" + r.sender + " moved on");
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
