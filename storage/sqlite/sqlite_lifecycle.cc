// Ticket changes on SQLite: one routine for every change to an existing ticket, whether an
// agency's action (ChangeTicket, its own unit) or what a resident's message changes (inside
// Intake's unit). Every guard is checked before anything is written, so a failed guard leaves
// the transaction as it found it; the committer thread runs one unit at a time, so nothing
// changes between the check and the write.
#include <algorithm>

#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

ChangeOutcome ApplyTicketChange(StatementCache& writes, const TicketChange& c, int64_t now_ms) {
  std::string from_status, agency, details, consent, linked_to;
  bool urgent = false;
  {
    SQLite::Statement& q = writes.Get(
        "SELECT status, agency, urgent, version, details, consent, linked_to FROM tickets "
        "WHERE id = ?");
    q.bind(1, c.ticket_id);
    if (!q.executeStep()) return ChangeOutcome::kNotFound;
    from_status = q.getColumn(0).getString();
    agency = q.getColumn(1).getString();
    urgent = q.getColumn(2).getInt() != 0;
    const int64_t version = q.getColumn(3).getInt64();
    details = q.getColumn(4).getString();
    consent = q.getColumn(5).getString();
    linked_to = q.getColumn(6).getString();
    q.tryReset();
    if (c.expect_version && version != *c.expect_version) return ChangeOutcome::kStale;
  }
  if (!c.only_from_statuses.empty() &&
      std::find(c.only_from_statuses.begin(), c.only_from_statuses.end(),
                TicketStatusFromColumn(from_status)) == c.only_from_statuses.end()) {
    return ChangeOutcome::kStale;
  }
  if (c.queue == TicketChange::Queue::kRemoveUnlessAcked) {
    SQLite::Statement& acked =
        writes.Get("SELECT acked_at IS NOT NULL FROM queue WHERE ticket_id = ?");
    acked.bind(1, c.ticket_id);
    const bool was_acked = acked.executeStep() && acked.getColumn(0).getInt() != 0;
    acked.tryReset();
    if (was_acked) return ChangeOutcome::kStale;
  }
  const std::string to_status = c.new_status ? Column(*c.new_status) : from_status;
  if (!c.new_agency.empty()) agency = c.new_agency;
  const bool enqueue = c.queue == TicketChange::Queue::kEnqueue;
  // A fresh routing restarts the agency's clock: the response and overdue marks belonged
  // to the previous routing.
  SQLite::Statement& u = writes.Get(
      "UPDATE tickets SET status = ?1, agency = ?2, version = version + 1, updated_at = ?3, "
      "routed_at = CASE WHEN ?4 THEN ?3 ELSE routed_at END, "
      "first_response_at = CASE WHEN ?4 THEN 0 WHEN ?5 AND first_response_at = 0 THEN ?3 "
      "ELSE first_response_at END, "
      "last_response_at = CASE WHEN ?4 THEN 0 WHEN ?5 THEN ?3 ELSE last_response_at END, "
      "overdue_since = CASE WHEN ?6 THEN ?7 WHEN ?4 THEN 0 ELSE overdue_since END, "
      "escalation_level = CASE WHEN ?6 THEN ?8 WHEN ?4 THEN 0 ELSE escalation_level END, "
      "details = ?10, consent = ?11, linked_to = ?12 "
      "WHERE id = ?9");
  u.bind(1, to_status);
  u.bind(2, agency);
  u.bind(3, now_ms);
  u.bind(4, enqueue ? 1 : 0);
  u.bind(5, c.agency_response ? 1 : 0);
  u.bind(6, c.set_overdue ? 1 : 0);
  u.bind(7, c.overdue_since_ms);
  u.bind(8, c.escalation_level);
  u.bind(9, c.ticket_id);
  u.bind(10, c.details_json.value_or(details));
  u.bind(11, c.consent.value_or(consent));
  u.bind(12, c.linked_to.value_or(linked_to));
  u.exec();
  switch (c.queue) {
    case TicketChange::Queue::kKeep:
      break;
    case TicketChange::Queue::kEnqueue: {
      SQLite::Statement& q = writes.Get(
          "INSERT INTO queue(ticket_id, agency, urgent, enqueued_at) VALUES (?,?,?,?) "
          "ON CONFLICT(ticket_id) DO UPDATE SET agency = excluded.agency, "
          "urgent = excluded.urgent, enqueued_at = excluded.enqueued_at, lease_id = NULL, "
          "lease_expires_at = NULL, lease_count = 0, acked_at = NULL");
      q.bind(1, c.ticket_id);
      q.bind(2, agency);
      q.bind(3, urgent ? 1 : 0);
      q.bind(4, now_ms);
      q.exec();
      break;
    }
    case TicketChange::Queue::kAcknowledge: {
      SQLite::Statement& a =
          writes.Get("UPDATE queue SET acked_at = COALESCE(acked_at, ?) WHERE ticket_id = ?");
      a.bind(1, now_ms);
      a.bind(2, c.ticket_id);
      a.exec();
      break;
    }
    case TicketChange::Queue::kRemove:
    case TicketChange::Queue::kRemoveUnlessAcked: {
      SQLite::Statement& d = writes.Get("DELETE FROM queue WHERE ticket_id = ?");
      d.bind(1, c.ticket_id);
      d.exec();
      break;
    }
  }
  if (c.event) {
    const bool statuses = c.new_status || c.event_statuses_when_kept;
    EventRecord event = *c.event;
    event.from_status = statuses ? from_status : std::string();
    event.to_status = statuses ? to_status : std::string();
    InsertEvent(writes, c.ticket_id, now_ms, event);
  }
  for (const auto& o : c.outbox) InsertOutbox(writes, c.ticket_id, now_ms, o);
  return ChangeOutcome::kChanged;
}

ChangeOutcome SqliteStore::ChangeTicket(const TicketChange& c) {
  return Translated([&] {
    return impl_->committer->Call([&] { return ApplyTicketChange(impl_->writes, c, c.now_ms); });
  });
}

}  // namespace aduan::storage
