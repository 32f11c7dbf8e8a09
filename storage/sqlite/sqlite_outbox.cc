// The outbox on SQLite: claims, attempts and delivery reports.
#include "storage/delivery_order.h"
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

std::string SqliteStore::TicketOfOutboxRow(int64_t outbox_id) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get("SELECT COALESCE(ticket_id, '') FROM outbox WHERE id = ?");
    q.bind(1, outbox_id);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  });
}

std::vector<OutboxRow> SqliteStore::ClaimOutbox(int max, int64_t now_ms, int64_t claim_ms) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Statement& q =
          impl_->writes.Get(std::string("SELECT ") + kOutboxColumns +
                            " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ? "
                            "AND (claimed_until IS NULL OR claimed_until <= ?) "
                            "ORDER BY next_attempt_at, id LIMIT ?");
      q.bind(1, now_ms);
      q.bind(2, now_ms);
      q.bind(3, max);
      std::vector<OutboxRow> rows;
      while (q.executeStep()) rows.push_back(OutboxFromRow(SqliteRow{q}));
      SQLite::Statement& claim =
          impl_->writes.Get("UPDATE outbox SET claimed_until = ? WHERE id = ?");
      for (const auto& r : rows) {
        claim.reset();
        claim.bind(1, now_ms + claim_ms);
        claim.bind(2, r.id);
        claim.exec();
      }
      return rows;
    });
  });
}

void SqliteStore::FinishOutbox(int64_t id, const OutboxAttempt& a, int64_t now_ms) {
  Translated([&] {
    impl_->committer->Run([&] {
      const char* status = a.result == OutboxAttempt::Result::kSent   ? "sent"
                           : a.result == OutboxAttempt::Result::kDead ? "dead"
                                                                      : "pending";
      SQLite::Statement& u = impl_->writes.Get(
          "UPDATE outbox SET status = ?, attempts = attempts + 1, "
          "claimed_until = NULL, next_attempt_at = ?, last_error = ?, "
          "provider_message_id = COALESCE(NULLIF(?, ''), provider_message_id), "
          "updated_at = ? WHERE id = ? AND status = 'pending'");
      u.bind(1, status);
      u.bind(2, a.result == OutboxAttempt::Result::kRetry ? a.next_attempt_at_ms : now_ms);
      u.bind(3, a.error);
      u.bind(4, a.provider_message_id);
      u.bind(5, now_ms);
      u.bind(6, id);
      u.exec();
    });
    return 0;
  });
}

bool SqliteStore::RecordDeliveryStatus(const std::string& channel,
                                       const std::string& provider_message_id,
                                       const std::string& status, const std::string& error,
                                       int64_t reported_at_ms, int64_t now_ms) {
  // A stale report still matches its row (the caller counts it as matched) but changes nothing.
  static const std::string kAdvances = DeliveryReportAdvances("?1", "?2");
  static const std::string kSql =
      "UPDATE outbox SET delivery_status = CASE WHEN " + kAdvances +
      " THEN ?1 ELSE delivery_status END, delivery_status_at = CASE WHEN " + kAdvances +
      " THEN ?2 ELSE delivery_status_at END, last_error = CASE WHEN ?3 <> '' AND " + kAdvances +
      " THEN ?3 ELSE last_error END, updated_at = CASE WHEN " + kAdvances +
      " THEN ?4 ELSE updated_at END WHERE channel = ?5 AND provider_message_id = ?6";
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Statement& u = impl_->writes.Get(kSql);
      u.bind(1, status);
      u.bind(2, reported_at_ms);
      u.bind(3, error);
      u.bind(4, now_ms);
      u.bind(5, channel);
      u.bind(6, provider_message_id);
      return u.exec() > 0;
    });
  });
}

std::vector<OutboxRow> SqliteStore::ListOutbox(const std::string& status, int limit) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get(std::string("SELECT ") + kOutboxColumns +
                                 " FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?");
    q.bind(1, status);
    q.bind(2, limit);
    std::vector<OutboxRow> rows;
    while (q.executeStep()) rows.push_back(OutboxFromRow(SqliteRow{q}));
    return rows;
  });
}

}  // namespace aduan::storage
