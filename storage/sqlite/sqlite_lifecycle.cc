// Ticket changes on SQLite: one transaction per change, guarded by the ticket's
// version, so two gateway instances deciding on the same ticket cannot both act.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

ChangeOutcome SqliteStore::ChangeTicket(const TicketChange& c) {
  return Translated([&] {
    return impl_->committer->Call([&]() -> ChangeOutcome {
      std::string from_status, agency;
      bool urgent = false;
      {
        SQLite::Statement& q =
            impl_->writes.Get("SELECT status, agency, urgent, version FROM tickets WHERE id = ?");
        q.bind(1, c.ticket_id);
        if (!q.executeStep()) return ChangeOutcome::kNotFound;
        from_status = q.getColumn(0).getString();
        agency = q.getColumn(1).getString();
        urgent = q.getColumn(2).getInt() != 0;
        if (q.getColumn(3).getInt64() != c.expect_version) return ChangeOutcome::kStale;
      }
      const std::string to_status = c.new_status ? Column(*c.new_status) : from_status;
      if (!c.new_agency.empty()) agency = c.new_agency;
      const bool enqueue = c.queue == TicketChange::Queue::kEnqueue;
      // A fresh routing restarts the agency's clock: the response and overdue marks belonged
      // to the previous routing.
      SQLite::Statement& u = impl_->writes.Get(
          "UPDATE tickets SET status = ?1, agency = ?2, version = version + 1, updated_at = ?3, "
          "routed_at = CASE WHEN ?4 THEN ?3 ELSE routed_at END, "
          "first_response_at = CASE WHEN ?4 THEN 0 WHEN ?5 AND first_response_at = 0 THEN ?3 "
          "ELSE first_response_at END, "
          "last_response_at = CASE WHEN ?4 THEN 0 WHEN ?5 THEN ?3 ELSE last_response_at END, "
          "overdue_since = CASE WHEN ?6 THEN ?7 WHEN ?4 THEN 0 ELSE overdue_since END, "
          "escalation_level = CASE WHEN ?6 THEN ?8 WHEN ?4 THEN 0 ELSE escalation_level END "
          "WHERE id = ?9");
      u.bind(1, to_status);
      u.bind(2, agency);
      u.bind(3, c.now_ms);
      u.bind(4, enqueue ? 1 : 0);
      u.bind(5, c.agency_response ? 1 : 0);
      u.bind(6, c.set_overdue ? 1 : 0);
      u.bind(7, c.overdue_since_ms);
      u.bind(8, c.escalation_level);
      u.bind(9, c.ticket_id);
      u.exec();
      if (enqueue) {
        SQLite::Statement& q = impl_->writes.Get(
            "INSERT INTO queue(ticket_id, agency, urgent, enqueued_at) VALUES (?,?,?,?) "
            "ON CONFLICT(ticket_id) DO UPDATE SET agency = excluded.agency, "
            "urgent = excluded.urgent, enqueued_at = excluded.enqueued_at, lease_id = NULL, "
            "lease_expires_at = NULL, lease_count = 0, acked_at = NULL");
        q.bind(1, c.ticket_id);
        q.bind(2, agency);
        q.bind(3, urgent ? 1 : 0);
        q.bind(4, c.now_ms);
        q.exec();
      } else if (c.queue == TicketChange::Queue::kAcknowledge) {
        SQLite::Statement& a = impl_->writes.Get(
            "UPDATE queue SET acked_at = COALESCE(acked_at, ?) WHERE ticket_id = ?");
        a.bind(1, c.now_ms);
        a.bind(2, c.ticket_id);
        a.exec();
      } else if (c.queue == TicketChange::Queue::kRemove) {
        SQLite::Statement& d = impl_->writes.Get("DELETE FROM queue WHERE ticket_id = ?");
        d.bind(1, c.ticket_id);
        d.exec();
      }
      SQLite::Statement& ev = impl_->writes.Get(
          "INSERT INTO ticket_events(ticket_id, at, actor, kind, from_status, to_status, "
          "public_note, internal_note) VALUES (?,?,?,?,?,?,?,?)");
      ev.bind(1, c.ticket_id);
      ev.bind(2, c.now_ms);
      ev.bind(3, Column(c.event.actor));
      ev.bind(4, Column(c.event.kind));
      ev.bind(5, from_status);
      ev.bind(6, to_status);
      ev.bind(7, c.event.public_note);
      ev.bind(8, c.event.internal_note);
      ev.exec();
      for (const auto& o : c.outbox) {
        SQLite::Statement& out = impl_->writes.Get(
            "INSERT INTO outbox(ticket_id, channel, recipient, kind, body, details, "
            "next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)");
        out.bind(1, c.ticket_id);
        out.bind(2, o.channel);
        out.bind(3, o.recipient);
        out.bind(4, Column(o.kind));
        out.bind(5, o.body);
        out.bind(6, o.details_json);
        out.bind(7, c.now_ms);
        out.bind(8, c.now_ms);
        out.bind(9, c.now_ms);
        out.exec();
      }
      return ChangeOutcome::kChanged;
    });
  });
}

}  // namespace aduan::storage
