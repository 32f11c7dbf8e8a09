// Intake and ticket reads on PostgreSQL.
//
// The message row is written first, with ON CONFLICT DO NOTHING: it is the one statement two
// instances race on when a provider delivers one message to both. Waiting inside a batch for
// the other instance's uncommitted row would deadlock two batches that each hold a message the
// other wants, so the insert first takes a transaction-level advisory lock on the message key
// without waiting. The instance that gets it inserts; the other gives the unit up, waits for
// that lock outside any transaction (holding nothing anyone waits for), and runs the unit
// again in a later batch, where ON CONFLICT finds the committed row and reads its ticket.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
namespace {

// Another instance's open transaction is storing this message right now.
class MessageInFlight : public StoreError {
 public:
  explicit MessageInFlight(std::string key)
      : StoreError("message " + key + " is being stored by another instance"),
        key(std::move(key)) {}
  std::string key;
};

constexpr int kInFlightAttempts = 20;

std::string MessageKey(const MessageRecord& m) { return m.channel + "/" + m.provider_message_id; }

// Returns once no transaction holds the message key's advisory lock: the statement takes the
// lock (waiting) in its own implicit transaction, which releases it at once.
void WaitForMessage(PgConnection& conn, const std::string& key) {
  conn.Exec("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", {key});
}

std::optional<IntakeResult> StoredBefore(PgConnection& conn, const std::string& channel,
                                         const std::string& provider_message_id) {
  PgResult q = conn.Exec(
      "SELECT COALESCE(ticket_id, ''), reply FROM messages "
      "WHERE channel = $1 AND provider_message_id = $2",
      {channel, provider_message_id});
  if (q.rows() == 0) return std::nullopt;
  return IntakeResult{true, q.Text(0, 0), q.Text(0, 1)};
}

// The ticket, its "created" event and (when routed) its queue entry, in one round trip.
void InsertTicket(PgConnection& conn, const TicketRecord& t, int64_t at_ms) {
  try {
    conn.Exec(
        "WITH t AS (INSERT INTO tickets(id, status, agency, agency_score, maladministration, "
        "urgent, classification, text, channel, reporter_sender, reporter_name, confidential, "
        "created_at, updated_at, version, reply_address, reporter_contact, relayed_by, "
        "content_private, consent, linked_to, details, topic) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13, 1, $14, $15, $16, "
        "$17, $18, $19, $20, $21) "
        "RETURNING id, status, agency, urgent, created_at), "
        "e AS (INSERT INTO ticket_events(ticket_id, at, actor, kind, to_status, public_note) "
        "SELECT id, created_at, $22, $23, status, '' FROM t) "
        "INSERT INTO queue(ticket_id, agency, urgent, enqueued_at) "
        "SELECT id, agency, urgent, created_at FROM t WHERE status = 'routed'",
        {t.id,
         Column(t.status),
         t.agency,
         t.agency_score,
         JoinCodes(t.maladministration),
         t.urgent,
         t.classification_json,
         t.text,
         t.channel,
         t.reporter_sender,
         t.reporter_name,
         t.confidential,
         at_ms,
         t.reply_address,
         t.reporter_contact,
         t.relayed_by,
         t.content_private,
         t.consent,
         t.linked_to,
         t.details_json,
         t.topic,
         Column(core::Actor::System()),
         Column(core::EventKind::kCreated)});
  } catch (const PgError& e) {
    // The ticket id is the only key here the caller chose.
    if (e.sqlstate() == kUniqueViolation && e.constraint() == "tickets_pkey") {
      throw UnitRefused(
          core::Status::Conflict("ticket_id_taken", "ticket id " + t.id + " is taken"));
    }
    throw;
  }
}

void AttachToTicket(PgConnection& conn, const std::string& ticket_id, const MessageRecord& m) {
  conn.Exec(
      "WITH e AS (INSERT INTO ticket_events(ticket_id, at, actor, kind, public_note) "
      "VALUES ($1, $2, $4, $5, $3)) "
      "UPDATE tickets SET updated_at = $2 WHERE id = $1",
      {ticket_id, m.received_at_ms, m.text, Column(core::Actor::Resident()),
       Column(core::EventKind::kResidentMessage)});
}

}  // namespace

core::Result<IntakeResult> PgStore::Intake(const IntakeRequest& req) {
  for (int attempt = 1;; ++attempt) {
    try {
      return IntakeUnit(req);
    } catch (const UnitRefused& refused) {
      return refused.status();
    } catch (const MessageInFlight& e) {
      if (attempt == kInFlightAttempts) throw StoreError(e.what());
      auto conn = impl_->readers->Borrow();
      WaitForMessage(*conn, e.key);
    }
  }
}

IntakeResult PgStore::IntakeUnit(const IntakeRequest& req) {
  return impl_->Write([&](PgConnection& conn) -> IntakeResult {
    const MessageRecord& m = req.message;
    // The journal record first: its replay must get the first outcome, not "replayed".
    if (auto before = AppliedBefore(conn, req)) return *before;
    if (!req.replay_token.empty()) {
      // The primary key decides between instances: a second insert waits for the first
      // transaction and then conflicts.
      conn.Exec("DELETE FROM replay_tokens WHERE expires_at < $1", {m.received_at_ms});
      PgResult kept = conn.Exec(
          "INSERT INTO replay_tokens(channel, token, expires_at) VALUES ($1, $2, $3) "
          "ON CONFLICT (channel, token) DO NOTHING RETURNING 1",
          {m.channel, req.replay_token, req.replay_expires_at_ms});
      if (kept.rows() == 0) {
        IntakeResult replayed;
        replayed.replayed = true;
        return replayed;
      }
    }
    if (!req.duplicate_if_stored.empty()) {
      // Content keys (messages without a provider id): the message's own key decides first.
      if (auto before = StoredBefore(conn, m.channel, m.provider_message_id)) return *before;
      for (const auto& alias : req.duplicate_if_stored) {
        if (auto before = StoredBefore(conn, m.channel, alias)) return *before;
      }
    }
    std::string ticket_id = req.ticket ? req.ticket->id : req.attach_to_ticket;
    PgResult inserted = conn.Exec(
        "WITH l AS (SELECT pg_try_advisory_xact_lock(hashtextextended($10, 0)) AS got), "
        "m AS (INSERT INTO messages(channel, provider_message_id, sender, display_name, text, "
        "details, ticket_id, reply, received_at) "
        "SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9 FROM l WHERE l.got "
        "ON CONFLICT (channel, provider_message_id) DO NOTHING RETURNING id) "
        "SELECT l.got, (SELECT COUNT(*) FROM m) FROM l",
        {m.channel, m.provider_message_id, m.sender, m.display_name, m.text, m.details_json,
         PgParam::NullIfEmpty(ticket_id), req.reply, m.received_at_ms, MessageKey(m)});
    if (!inserted.Bool(0, 0)) throw MessageInFlight(MessageKey(m));
    if (inserted.Int64(0, 1) == 0) {
      // Stored before: committed by any instance, or earlier in this batch (the advisory
      // lock is ours, so no other open transaction holds this key).
      if (auto before = StoredBefore(conn, m.channel, m.provider_message_id)) return *before;
      throw StoreError("message " + m.channel + "/" + m.provider_message_id +
                       " conflicted but cannot be read back");
    }
    if (req.ticket) {
      InsertTicket(conn, *req.ticket, m.received_at_ms);
    } else if (!req.attach_to_ticket.empty()) {
      AttachToTicket(conn, req.attach_to_ticket, m);
    }
    for (const auto& o : req.outbox) InsertOutbox(conn, ticket_id, m.received_at_ms, o);
    InsertMedia(conn, ticket_id, m, req.media);
    for (const auto& change : req.ticket_changes) {
      if (ApplyTicketChange(conn, change, m.received_at_ms) != ChangeOutcome::kChanged) {
        throw UnitRefused(ConcurrentChangeStatus("ticket " + change.ticket_id +
                                                 " changed before this message was stored"));
      }
    }
    WriteConversations(conn, req.conversations, m.received_at_ms);
    IntakeResult stored{false, ticket_id, req.reply};
    RecordApplied(conn, req, stored);
    return stored;
  });
}

std::optional<TicketRecord> PgStore::GetTicket(const std::string& id) {
  auto conn = impl_->readers->Borrow();
  return ReadTicket(*conn, id, /*with_events=*/true);
}

std::string PgStore::TicketOfMessage(const std::string& channel,
                                     const std::string& provider_message_id) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(
      "SELECT COALESCE(ticket_id, '') FROM messages "
      "WHERE channel = $1 AND provider_message_id = $2",
      {channel, provider_message_id});
  return q.rows() == 0 ? std::string() : q.Text(0, 0);
}

}  // namespace aduan::storage
