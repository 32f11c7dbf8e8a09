// Intake journal positions on PostgreSQL (applied_journal_records, migration 11). Each
// instance has its own journal id, so no two instances ever write the same key.
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

std::optional<IntakeResult> AppliedBefore(PgConnection& conn, const IntakeRequest& req) {
  if (req.journal_id.empty()) return std::nullopt;
  PgResult q = conn.Exec(
      "SELECT ticket_id, reply FROM applied_journal_records WHERE journal_id = $1 AND seq = $2",
      {req.journal_id, static_cast<int64_t>(req.journal_seq)});
  if (q.rows() == 0) return std::nullopt;
  return IntakeResult{true, q.Text(0, 0), q.Text(0, 1)};
}

void RecordApplied(PgConnection& conn, const IntakeRequest& req, const IntakeResult& result) {
  if (req.journal_id.empty()) return;
  conn.Exec(
      "INSERT INTO applied_journal_records(journal_id, seq, ticket_id, reply) "
      "VALUES ($1, $2, $3, $4)",
      {req.journal_id, static_cast<int64_t>(req.journal_seq), result.ticket_id, result.reply});
}

std::vector<AppliedJournalRecord> PgStore::AppliedJournalRecords(const std::string& journal_id,
                                                                 uint64_t after_seq) {
  auto conn = impl_->readers->Borrow();
  PgResult q = conn->Exec(
      "SELECT seq, ticket_id, reply FROM applied_journal_records "
      "WHERE journal_id = $1 AND seq > $2 ORDER BY seq",
      {journal_id, static_cast<int64_t>(after_seq)});
  std::vector<AppliedJournalRecord> out;
  for (int i = 0; i < q.rows(); ++i) {
    out.push_back({static_cast<uint64_t>(q.Int64(i, 0)), q.Text(i, 1), q.Text(i, 2)});
  }
  return out;
}

void PgStore::ForgetJournalRecords(const std::string& journal_id, uint64_t through_seq) {
  impl_->Write([&](PgConnection& conn) {
    conn.Exec("DELETE FROM applied_journal_records WHERE journal_id = $1 AND seq <= $2",
              {journal_id, static_cast<int64_t>(through_seq)});
  });
}

}  // namespace aduan::storage
