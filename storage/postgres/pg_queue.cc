// The agency queue on PostgreSQL. Several instances lease from one table: candidates are
// picked with FOR UPDATE SKIP LOCKED, so a ticket another instance is leasing right now is
// skipped rather than waited for, and a ticket whose lease was written is filtered out by its
// lease_expires_at once that instance commits. No ticket is ever under two live leases.
#include "core/random_id.h"
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

std::vector<LeasedTicket> PgStore::Lease(const std::string& agency, int max, int64_t lease_ms,
                                         int64_t now_ms) {
  return impl_->Write([&](PgConnection& conn) {
    PgResult picked = conn.Exec(
        "SELECT ticket_id FROM queue WHERE agency = $1 AND acked_at IS NULL "
        "AND (lease_expires_at IS NULL OR lease_expires_at <= $2) "
        "ORDER BY urgent DESC, enqueued_at, ticket_id LIMIT $3 FOR UPDATE SKIP LOCKED",
        {agency, now_ms, max});
    std::vector<LeasedTicket> leased;
    for (int i = 0; i < picked.rows(); ++i) {
      LeasedTicket l;
      l.lease_id = core::RandomId("lease_");
      l.lease_expires_at_ms = now_ms + lease_ms;
      std::string id = picked.Text(i, 0);
      conn.Exec(
          "UPDATE queue SET lease_id = $1, lease_expires_at = $2, "
          "lease_count = lease_count + 1 WHERE ticket_id = $3",
          {l.lease_id, l.lease_expires_at_ms, id});
      auto t = ReadTicket(conn, id, /*with_events=*/false);
      if (!t) continue;
      l.ticket = std::move(*t);
      leased.push_back(std::move(l));
    }
    return leased;
  });
}

AckOutcome PgStore::Ack(const std::string& agency, const std::string& ticket_id,
                        const std::string& lease_id, int64_t now_ms) {
  return impl_->Write([&](PgConnection& conn) {
    PgResult q = conn.Exec(
        "SELECT COALESCE(lease_id, ''), acked_at IS NOT NULL FROM queue "
        "WHERE ticket_id = $1 AND agency = $2 FOR UPDATE",
        {ticket_id, agency});
    if (q.rows() == 0) return AckOutcome::kNotFound;
    std::string current = q.Text(0, 0);
    if (current.empty() || current != lease_id) return AckOutcome::kLeaseMismatch;
    if (q.Bool(0, 1)) return AckOutcome::kAlreadyAcked;
    conn.Exec(
        "WITH q AS (UPDATE queue SET acked_at = $2 WHERE ticket_id = $1), "
        "e AS (INSERT INTO ticket_events(ticket_id, at, actor, kind) "
        "VALUES ($1, $2, $3, $4)) "
        "UPDATE tickets SET updated_at = $2 WHERE id = $1",
        {ticket_id, now_ms, Column(core::Actor::Agency(agency)), Column(core::EventKind::kAcked)});
    return AckOutcome::kAcked;
  });
}

std::vector<QueueEntryRecord> PgStore::ListQueueEntries(int min_lease_count, int limit) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(std::string("SELECT ") + kQueueEntryColumns +
                              " FROM queue WHERE acked_at IS NULL AND lease_count >= $1 "
                              "ORDER BY lease_count DESC, enqueued_at LIMIT $2",
                          {min_lease_count, limit});
  std::vector<QueueEntryRecord> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back(QueueEntryFromRow(PgRow{q, i}));
  return out;
}

}  // namespace aduan::storage
