// Conversations on PostgreSQL: conversation state per (channel, sender) and the reads the
// conversation needs (the ticket changes a message causes are pg_lifecycle.cc's).
//
// The writes run inside Intake's unit, so a failed version guard (UnitRefused) rolls the whole
// request back, and only it (see storage/group_commit.h). Across instances the guard holds
// because it is a single guarded statement: an INSERT that finds no row or an UPDATE WHERE
// version = the expected one, so of two instances answering one sender at once the second
// waits, then finds it lost.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

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
      throw UnitRefused(
          ConcurrentChangeStatus("conversation of " + r.channel + ":" + r.sender + " moved on"));
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
