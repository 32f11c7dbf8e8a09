// Ticket changes on PostgreSQL: one routine for every change to an existing ticket, whether an
// agency's action (ChangeTicket, its own unit) or what a resident's message changes (inside
// Intake's unit). Several instances may decide on one ticket at once: the change locks the
// ticket row (FOR UPDATE), checks its guards, and updates it only WHERE version is still the
// one it checked. Whichever instance locks second waits for the first's commit, then reads the
// bumped version (or new status) and answers kStale: a change is applied once, and a kChanged
// answer means its batch committed, so it is never lost. Every guard is checked before
// anything is written, so a failed guard leaves the transaction as it found it.
#include <algorithm>

#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
namespace {

// What a change reads of the stored ticket.
struct StoredTicket {
  std::string status;
  std::string agency;
  bool urgent = false;
  int64_t version = 0;
  std::string details;
  std::string consent;
  std::string linked_to;
};

// The status, agency, resident-side fields and SLA marks; a fresh routing (enqueue) restarts
// the agency's clock, as on SQLite: the response and overdue marks belonged to the previous
// routing.
bool UpdateTicket(PgConnection& conn, const TicketChange& c, const StoredTicket& stored,
                  const std::string& to_status, const std::string& agency, int64_t now_ms) {
  const bool enqueue = c.queue == TicketChange::Queue::kEnqueue;
  return conn.Exec(
                 "UPDATE tickets SET status = $1, agency = $2, version = version + 1, "
                 "updated_at = $3::bigint, "
                 "routed_at = CASE WHEN $4::boolean THEN $3::bigint ELSE routed_at END, "
                 "first_response_at = CASE WHEN $4::boolean THEN 0 "
                 "WHEN $5::boolean AND first_response_at = 0 THEN $3::bigint "
                 "ELSE first_response_at END, "
                 "last_response_at = CASE WHEN $4::boolean THEN 0 WHEN $5::boolean THEN $3::bigint "
                 "ELSE last_response_at END, "
                 "overdue_since = CASE WHEN $6::boolean THEN $7::bigint WHEN $4::boolean THEN 0 "
                 "ELSE overdue_since END, "
                 "escalation_level = CASE WHEN $6::boolean THEN $8::integer "
                 "WHEN $4::boolean THEN 0 ELSE escalation_level END, "
                 "details = $11, consent = $12, linked_to = $13 "
                 "WHERE id = $9 AND version = $10::bigint",
                 {to_status, agency, now_ms, enqueue, c.agency_response, c.set_overdue,
                  c.overdue_since_ms, c.escalation_level, c.ticket_id, stored.version,
                  c.details_json.value_or(stored.details), c.consent.value_or(stored.consent),
                  c.linked_to.value_or(stored.linked_to)})
             .affected() == 1;
}

void ApplyQueueChange(PgConnection& conn, const TicketChange& c, const std::string& agency,
                      bool urgent, int64_t now_ms) {
  switch (c.queue) {
    case TicketChange::Queue::kKeep:
      return;
    case TicketChange::Queue::kEnqueue:
      // An upsert: a ticket routed again gets a fresh entry whether or not it had one.
      conn.Exec(
          "INSERT INTO queue(ticket_id, agency, urgent, enqueued_at) VALUES ($1, $2, $3, $4) "
          "ON CONFLICT (ticket_id) DO UPDATE SET agency = excluded.agency, "
          "urgent = excluded.urgent, enqueued_at = excluded.enqueued_at, lease_id = NULL, "
          "lease_expires_at = NULL, lease_count = 0, acked_at = NULL",
          {c.ticket_id, agency, urgent, now_ms});
      return;
    case TicketChange::Queue::kAcknowledge:
      conn.Exec("UPDATE queue SET acked_at = COALESCE(acked_at, $1) WHERE ticket_id = $2",
                {now_ms, c.ticket_id});
      return;
    case TicketChange::Queue::kRemove:
    case TicketChange::Queue::kRemoveUnlessAcked:
      conn.Exec("DELETE FROM queue WHERE ticket_id = $1", {c.ticket_id});
      return;
  }
}

}  // namespace

ChangeOutcome ApplyTicketChange(PgConnection& conn, const TicketChange& c, int64_t now_ms) {
  PgResult q = conn.Exec(
      "SELECT status, agency, urgent, version, details, consent, linked_to FROM tickets "
      "WHERE id = $1 FOR UPDATE",
      {c.ticket_id});
  if (q.rows() == 0) return ChangeOutcome::kNotFound;
  const StoredTicket stored{q.Text(0, 0), q.Text(0, 1), q.Bool(0, 2), q.Int64(0, 3),
                            q.Text(0, 4), q.Text(0, 5), q.Text(0, 6)};
  if (c.expect_version && stored.version != *c.expect_version) return ChangeOutcome::kStale;
  if (!c.only_from_statuses.empty() &&
      std::find(c.only_from_statuses.begin(), c.only_from_statuses.end(),
                TicketStatusFromColumn(stored.status)) == c.only_from_statuses.end()) {
    return ChangeOutcome::kStale;
  }
  if (c.queue == TicketChange::Queue::kRemoveUnlessAcked) {
    // Locked like Ack locks it, so an agency's ack on another instance and this removal
    // happen one after the other, never both.
    PgResult acked = conn.Exec(
        "SELECT acked_at IS NOT NULL FROM queue WHERE ticket_id = $1 FOR UPDATE", {c.ticket_id});
    if (acked.rows() > 0 && acked.Bool(0, 0)) return ChangeOutcome::kStale;
  }
  const std::string to_status = c.new_status ? Column(*c.new_status) : stored.status;
  const std::string agency = c.new_agency.empty() ? stored.agency : c.new_agency;
  // The row is locked and its version checked, so the guarded UPDATE matches; the guard
  // stays in the statement so a change can never land on a version it did not see.
  if (!UpdateTicket(conn, c, stored, to_status, agency, now_ms)) return ChangeOutcome::kStale;
  ApplyQueueChange(conn, c, agency, stored.urgent, now_ms);
  if (c.event) {
    const bool statuses = c.new_status || c.event_statuses_when_kept;
    EventRecord event = *c.event;
    event.from_status = statuses ? stored.status : std::string();
    event.to_status = statuses ? to_status : std::string();
    InsertEvent(conn, c.ticket_id, now_ms, event);
  }
  for (const auto& o : c.outbox) InsertOutbox(conn, c.ticket_id, now_ms, o);
  return ChangeOutcome::kChanged;
}

ChangeOutcome PgStore::ChangeTicket(const TicketChange& c) {
  return impl_->Write(
      [&](PgConnection& conn) -> ChangeOutcome { return ApplyTicketChange(conn, c, c.now_ms); });
}

}  // namespace aduan::storage
