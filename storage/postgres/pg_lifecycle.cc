// Ticket changes on PostgreSQL. Several instances may decide on one ticket at once:
// the change locks the ticket row (FOR UPDATE), compares its version, and updates it only
// WHERE version is still the one the caller decided on. Whichever instance locks second waits
// for the first's commit, then reads the bumped version and answers kStale: a change is
// applied once, and a kChanged answer means its batch committed, so it is never lost.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
namespace {

// The status, agency and SLA marks; a fresh routing (enqueue) restarts the agency's clock, as
// on SQLite: the response and overdue marks belonged to the previous routing.
bool UpdateTicket(PgConnection& conn, const TicketChange& c, const std::string& to_status,
                  const std::string& agency, bool enqueue) {
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
                 "WHEN $4::boolean THEN 0 ELSE escalation_level END "
                 "WHERE id = $9 AND version = $10::bigint",
                 {to_status, agency, c.now_ms, enqueue, c.agency_response, c.set_overdue,
                  c.overdue_since_ms, c.escalation_level, c.ticket_id, c.expect_version})
             .affected() == 1;
}

void ApplyQueueChange(PgConnection& conn, const TicketChange& c, const std::string& agency,
                      bool urgent) {
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
          {c.ticket_id, agency, urgent, c.now_ms});
      return;
    case TicketChange::Queue::kAcknowledge:
      conn.Exec("UPDATE queue SET acked_at = COALESCE(acked_at, $1) WHERE ticket_id = $2",
                {c.now_ms, c.ticket_id});
      return;
    case TicketChange::Queue::kRemove:
      conn.Exec("DELETE FROM queue WHERE ticket_id = $1", {c.ticket_id});
      return;
  }
}

}  // namespace

ChangeOutcome PgStore::ChangeTicket(const TicketChange& c) {
  return impl_->Write([&](PgConnection& conn) -> ChangeOutcome {
    PgResult q =
        conn.Exec("SELECT status, agency, urgent, version FROM tickets WHERE id = $1 FOR UPDATE",
                  {c.ticket_id});
    if (q.rows() == 0) return ChangeOutcome::kNotFound;
    if (q.Int64(0, 3) != c.expect_version) return ChangeOutcome::kStale;
    const std::string from_status = q.Text(0, 0);
    const std::string to_status = c.new_status ? Column(*c.new_status) : from_status;
    const std::string agency = c.new_agency.empty() ? q.Text(0, 1) : c.new_agency;
    const bool enqueue = c.queue == TicketChange::Queue::kEnqueue;
    // The row is locked and its version checked, so the guarded UPDATE matches; the guard
    // stays in the statement so a change can never land on a version it did not see.
    if (!UpdateTicket(conn, c, to_status, agency, enqueue)) return ChangeOutcome::kStale;
    ApplyQueueChange(conn, c, agency, q.Bool(0, 2));
    EventRecord event = c.event;
    event.from_status = from_status;
    event.to_status = to_status;
    InsertEvent(conn, c.ticket_id, c.now_ms, event);
    for (const auto& o : c.outbox) InsertOutbox(conn, c.ticket_id, c.now_ms, o);
    return ChangeOutcome::kChanged;
  });
}

}  // namespace aduan::storage
