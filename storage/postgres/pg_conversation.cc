// Conversations on PostgreSQL: conversation state per (channel, sender), the ticket
// changes a message causes, and the reads the conversation needs.
//
// Both writes run inside Intake's unit, so a failed precondition (ConcurrentChange) rolls the
// whole request back, and only it (see storage/group_commit.h). Across instances the guards hold
// because each one is a row lock or a single guarded statement: a ticket is changed under FOR
// UPDATE, a conversation is written by an INSERT that finds no row or an UPDATE WHERE version = the
// expected one, so of two instances answering one sender at once the second waits, then finds it
// lost.
#include <algorithm>

#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

void ApplyTicketAmendments(PgConnection& conn, const std::vector<TicketAmendment>& changes,
                           int64_t now_ms) {
  for (const auto& c : changes) {
    PgResult q = conn.Exec(
        "SELECT status, details, consent, linked_to FROM tickets WHERE id = $1 FOR UPDATE",
        {c.ticket_id});
    if (q.rows() == 0) throw ConcurrentChange("ticket " + c.ticket_id + " does not exist");
    const std::string status = q.Text(0, 0);
    if (!c.only_from_statuses.empty() &&
        std::find(c.only_from_statuses.begin(), c.only_from_statuses.end(),
                  TicketStatusFromColumn(status)) == c.only_from_statuses.end()) {
      throw ConcurrentChange("ticket " + c.ticket_id + " is now " + status);
    }
    if (c.dequeue) {
      // Locked like Ack locks it, so an agency's ack on another instance and this dequeue
      // happen one after the other, never both.
      PgResult acked = conn.Exec(
          "SELECT acked_at IS NOT NULL FROM queue WHERE ticket_id = $1 FOR UPDATE", {c.ticket_id});
      if (acked.rows() > 0 && acked.Bool(0, 0)) {
        throw ConcurrentChange("ticket " + c.ticket_id + " was already picked up");
      }
      conn.Exec("DELETE FROM queue WHERE ticket_id = $1", {c.ticket_id});
    }
    conn.Exec(
        "UPDATE tickets SET status = $1, details = $2, consent = $3, linked_to = $4, "
        "updated_at = $5, version = version + 1 WHERE id = $6",
        {c.to_status ? Column(*c.to_status) : status, c.details_json.value_or(q.Text(0, 1)),
         c.consent.value_or(q.Text(0, 2)), c.linked_to.value_or(q.Text(0, 3)), now_ms,
         c.ticket_id});
    if (c.event) {
      EventRecord e = *c.event;
      e.from_status = c.to_status ? status : std::string();
      e.to_status = c.to_status ? Column(*c.to_status) : std::string();
      InsertEvent(conn, c.ticket_id, now_ms, e);
    }
  }
}

void WriteConversations(PgConnection& conn, const std::vector<ConversationWrite>& list,
                        int64_t now_ms) {
  for (const auto& w : list) {
    const ConversationRecord& r = w.record;
    int64_t written = 0;
    if (!w.expect_version) {
      written = conn.Exec(
                        "INSERT INTO conversations(channel, sender, state, version, updated_at) "
                        "VALUES ($1, $2, $3, 1, $4) ON CONFLICT (channel, sender) DO UPDATE "
                        "SET state = excluded.state, version = conversations.version + 1, "
                        "updated_at = excluded.updated_at",
                        {r.channel, r.sender, r.state_json, now_ms})
                    .affected();
    } else if (*w.expect_version == 0) {
      // Another instance inserting the first row at the same moment: this statement waits for
      // its commit and then inserts nothing.
      written = conn.Exec(
                        "INSERT INTO conversations(channel, sender, state, version, updated_at) "
                        "VALUES ($1, $2, $3, 1, $4) ON CONFLICT (channel, sender) DO NOTHING",
                        {r.channel, r.sender, r.state_json, now_ms})
                    .affected();
    } else {
      written = conn.Exec(
                        "UPDATE conversations SET state = $3, version = version + 1, "
                        "updated_at = $4 WHERE channel = $1 AND sender = $2 AND version = $5",
                        {r.channel, r.sender, r.state_json, now_ms, *w.expect_version})
                    .affected();
    }
    if (written != 1) {
      throw ConcurrentChange("conversation of " + r.channel + ":" + r.sender + " moved on");
    }
  }
}

std::optional<ConversationRecord> PgStore::GetConversation(const std::string& channel,
                                                           const std::string& sender) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(
      "SELECT state, version, updated_at FROM conversations WHERE channel = $1 AND sender = $2",
      {channel, sender});
  if (q.rows() == 0) return std::nullopt;
  return ConversationRecord{channel, sender, q.Text(0, 0), q.Int64(0, 1), q.Int64(0, 2)};
}

}  // namespace aduan::storage
