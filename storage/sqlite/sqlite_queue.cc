// The agency queue on SQLite: lease and ack run on the committer thread, so one writer decides
// every lease and no ticket can be under two live leases.
#include "core/random_id.h"
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

std::vector<LeasedTicket> SqliteStore::Lease(const std::string& agency, int max, int64_t lease_ms,
                                             int64_t now_ms) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      std::vector<std::string> ids;
      {
        SQLite::Statement& q = impl_->writes.Get(
            "SELECT ticket_id FROM queue WHERE agency = ? AND acked_at IS NULL "
            "AND (lease_expires_at IS NULL OR lease_expires_at <= ?) "
            "ORDER BY urgent DESC, enqueued_at, ticket_id LIMIT ?");
        q.bind(1, agency);
        q.bind(2, now_ms);
        q.bind(3, max);
        while (q.executeStep()) ids.push_back(q.getColumn(0).getString());
      }
      std::vector<LeasedTicket> leased;
      for (const auto& id : ids) {
        LeasedTicket l;
        l.lease_id = core::RandomId("lease_");
        l.lease_expires_at_ms = now_ms + lease_ms;
        SQLite::Statement& u = impl_->writes.Get(
            "UPDATE queue SET lease_id = ?, lease_expires_at = ?, "
            "lease_count = lease_count + 1 WHERE ticket_id = ?");
        u.bind(1, l.lease_id);
        u.bind(2, l.lease_expires_at_ms);
        u.bind(3, id);
        u.exec();
        auto t = ReadTicket(impl_->writes, id, /*with_events=*/false);
        if (!t) continue;
        l.ticket = std::move(*t);
        leased.push_back(std::move(l));
      }
      return leased;
    });
  });
}

AckOutcome SqliteStore::Ack(const std::string& agency, const std::string& ticket_id,
                            const std::string& lease_id, int64_t now_ms) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Statement& q = impl_->writes.Get(
          "SELECT COALESCE(lease_id, ''), acked_at IS NOT NULL FROM queue "
          "WHERE ticket_id = ? AND agency = ?");
      q.bind(1, ticket_id);
      q.bind(2, agency);
      if (!q.executeStep()) return AckOutcome::kNotFound;
      std::string current = q.getColumn(0).getString();
      bool acked = q.getColumn(1).getInt() != 0;
      if (current.empty() || current != lease_id) return AckOutcome::kLeaseMismatch;
      if (acked) return AckOutcome::kAlreadyAcked;
      SQLite::Statement& u = impl_->writes.Get("UPDATE queue SET acked_at = ? WHERE ticket_id = ?");
      u.bind(1, now_ms);
      u.bind(2, ticket_id);
      u.exec();
      SQLite::Statement& ev = impl_->writes.Get(
          "INSERT INTO ticket_events(ticket_id, at, actor, kind) "
          "VALUES (?, ?, ?, ?)");
      ev.bind(1, ticket_id);
      ev.bind(2, now_ms);
      ev.bind(3, Column(core::Actor::Agency(agency)));
      ev.bind(4, Column(core::EventKind::kAcked));
      ev.exec();
      SQLite::Statement& t = impl_->writes.Get("UPDATE tickets SET updated_at = ? WHERE id = ?");
      t.bind(1, now_ms);
      t.bind(2, ticket_id);
      t.exec();
      return AckOutcome::kAcked;
    });
  });
}

std::vector<QueueEntryRecord> SqliteStore::ListQueueEntries(int min_lease_count, int limit) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get(std::string("SELECT ") + kQueueEntryColumns +
                                 " FROM queue WHERE acked_at IS NULL AND lease_count >= ? "
                                 "ORDER BY lease_count DESC, enqueued_at LIMIT ?");
    q.bind(1, min_lease_count);
    q.bind(2, limit);
    std::vector<QueueEntryRecord> out;
    while (q.executeStep()) out.push_back(QueueEntryFromRow(SqliteRow{q}));
    return out;
  });
}

}  // namespace aduan::storage
