// The outbox on PostgreSQL. Dispatchers of several instances claim from one table: due rows
// are picked with FOR UPDATE SKIP LOCKED and stamped with claimed_until in the same statement,
// so two instances never hold a claim on one row and never send one reply twice while the
// claim lasts.
#include <algorithm>

#include "storage/delivery_order.h"
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

std::string PgStore::TicketOfOutboxRow(int64_t outbox_id) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec("SELECT COALESCE(ticket_id, '') FROM outbox WHERE id = $1", {outbox_id});
  return q.rows() == 0 ? std::string() : q.Text(0, 0);
}

std::vector<OutboxRow> PgStore::ClaimOutbox(int max, int64_t now_ms, int64_t claim_ms) {
  return impl_->Write([&](PgConnection& conn) {
    PgResult q = conn.Exec(
        std::string("UPDATE outbox SET claimed_until = $2 WHERE id IN ("
                    "SELECT id FROM outbox WHERE status = 'pending' AND next_attempt_at <= $1 "
                    "AND (claimed_until IS NULL OR claimed_until <= $1) "
                    "ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING ") +
            kOutboxColumns,
        {now_ms, now_ms + claim_ms, max});
    std::vector<OutboxRow> rows;
    for (int i = 0; i < q.rows(); ++i) rows.push_back(OutboxFromRow(PgRow{q, i}));
    // RETURNING keeps no order; the contract is oldest first.
    std::sort(rows.begin(), rows.end(), [](const OutboxRow& a, const OutboxRow& b) {
      return std::tie(a.next_attempt_at_ms, a.id) < std::tie(b.next_attempt_at_ms, b.id);
    });
    return rows;
  });
}

void PgStore::FinishOutbox(int64_t id, const OutboxAttempt& a, int64_t now_ms) {
  impl_->Write([&](PgConnection& conn) {
    const char* status = a.result == OutboxAttempt::Result::kSent   ? "sent"
                         : a.result == OutboxAttempt::Result::kDead ? "dead"
                                                                    : "pending";
    conn.Exec(
        "UPDATE outbox SET status = $1, attempts = attempts + 1, "
        "claimed_until = NULL, next_attempt_at = $2, last_error = $3, "
        "provider_message_id = COALESCE(NULLIF($4, ''), provider_message_id), "
        "updated_at = $5 WHERE id = $6 AND status = 'pending'",
        {status, a.result == OutboxAttempt::Result::kRetry ? a.next_attempt_at_ms : now_ms, a.error,
         a.provider_message_id, now_ms, id});
  });
}

bool PgStore::RecordDeliveryStatus(const std::string& channel,
                                   const std::string& provider_message_id,
                                   const std::string& status, const std::string& error,
                                   int64_t reported_at_ms, int64_t now_ms) {
  // A stale report still matches its row (the caller counts it as matched) but changes nothing.
  static const std::string kAdvances = DeliveryReportAdvances("$1::text", "$2::bigint");
  static const std::string kSql =
      "UPDATE outbox SET delivery_status = CASE WHEN " + kAdvances +
      " THEN $1::text ELSE delivery_status END, delivery_status_at = CASE WHEN " + kAdvances +
      " THEN $2::bigint ELSE delivery_status_at END, last_error = CASE WHEN $3::text <> '' AND " +
      kAdvances + " THEN $3::text ELSE last_error END, updated_at = CASE WHEN " + kAdvances +
      " THEN $4 ELSE updated_at END WHERE channel = $5 AND provider_message_id = $6";
  return impl_->Write([&](PgConnection& conn) {
    return conn.Exec(kSql, {status, reported_at_ms, error, now_ms, channel, provider_message_id})
               .affected() > 0;
  });
}

std::vector<OutboxRow> PgStore::ListOutbox(const std::string& status, int limit) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(std::string("SELECT ") + kOutboxColumns +
                              " FROM outbox WHERE status = $1 ORDER BY id DESC LIMIT $2",
                          {status, limit});
  std::vector<OutboxRow> rows;
  for (int i = 0; i < q.rows(); ++i) rows.push_back(OutboxFromRow(PgRow{q, i}));
  return rows;
}

}  // namespace aduan::storage
