// Intake journal positions on SQLite (applied_journal_records, migration 11).
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {

std::optional<IntakeResult> AppliedBefore(StatementCache& writes, const IntakeRequest& req) {
  if (req.journal_id.empty()) return std::nullopt;
  SQLite::Statement& q = writes.Get(
      "SELECT ticket_id, reply FROM applied_journal_records WHERE journal_id = ? AND seq = ?");
  q.bind(1, req.journal_id);
  q.bind(2, static_cast<int64_t>(req.journal_seq));
  if (!q.executeStep()) return std::nullopt;
  IntakeResult before;
  before.duplicate = true;
  before.ticket_id = q.getColumn(0).getString();
  before.reply = q.getColumn(1).getString();
  return before;
}

void RecordApplied(StatementCache& writes, const IntakeRequest& req, const IntakeResult& result) {
  if (req.journal_id.empty()) return;
  SQLite::Statement& ins = writes.Get(
      "INSERT INTO applied_journal_records(journal_id, seq, ticket_id, reply) VALUES (?,?,?,?)");
  ins.bind(1, req.journal_id);
  ins.bind(2, static_cast<int64_t>(req.journal_seq));
  ins.bind(3, result.ticket_id);
  ins.bind(4, result.reply);
  ins.exec();
}

std::vector<AppliedJournalRecord> SqliteStore::AppliedJournalRecords(const std::string& journal_id,
                                                                     uint64_t after_seq) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get(
        "SELECT seq, ticket_id, reply FROM applied_journal_records "
        "WHERE journal_id = ? AND seq > ? ORDER BY seq");
    q.bind(1, journal_id);
    q.bind(2, static_cast<int64_t>(after_seq));
    std::vector<AppliedJournalRecord> out;
    while (q.executeStep()) {
      out.push_back({static_cast<uint64_t>(q.getColumn(0).getInt64()), q.getColumn(1).getString(),
                     q.getColumn(2).getString()});
    }
    return out;
  });
}

void SqliteStore::ForgetJournalRecords(const std::string& journal_id, uint64_t through_seq) {
  Translated([&] {
    return impl_->committer->Run([&] {
      SQLite::Statement& del = impl_->writes.Get(
          "DELETE FROM applied_journal_records WHERE journal_id = ? AND seq <= ?");
      del.bind(1, journal_id);
      del.bind(2, static_cast<int64_t>(through_seq));
      del.exec();
    });
  });
}

}  // namespace aduan::storage
