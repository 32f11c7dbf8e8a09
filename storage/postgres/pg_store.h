// The PostgreSQL backend: several gateway instances share one database.
//
// Each instance keeps the embedded backend's shape: one write connection owned by the group
// committer's thread (concurrent writes share one transaction, a failing one rolls back alone,
// one WAL flush at COMMIT with synchronous_commit=on), and a bounded pool of read connections
// (StoreOptions::pool_size). What SQLite gets from its single writer, PostgreSQL gets from the
// database across instances:
//   - Intake inserts the message first with ON CONFLICT (channel, provider_message_id)
//     DO NOTHING, under a non-waiting advisory lock on the message key; a second instance
//     storing the same message at the same moment waits for the first one's commit outside
//     its batch, then reads the winner's ticket, so one message makes one ticket.
//   - Lease and ClaimOutbox pick rows with FOR UPDATE SKIP LOCKED and write a lease
//     (lease_expires_at, claimed_until), so no two instances hold one ticket or one reply.
//   - Every ticket change (ChangeTicket, and Intake's) locks the ticket (FOR UPDATE) before
//     checking its guards; a conversation write is an INSERT ... ON CONFLICT DO NOTHING or an
//     UPDATE ... WHERE version = the one read, so of two instances answering one sender at
//     once one wins and the other's Intake answers stale.
//   - Migrations run under pg_advisory_xact_lock: instances starting together migrate once.
// Should two instances' batches still deadlock (each waiting for a row the other locked),
// PostgreSQL aborts one statement; that unit rolls back alone and runs again in a later batch.
//
// Adding a Store method (the next one you add to storage/store.h):
//   1. Declare it below with `override`.
//   2. Implement it in the file of its group: pg_intake.cc (messages, tickets), pg_queue.cc
//      (lease, ack, queue listing), pg_outbox.cc, pg_keys.cc, pg_lifecycle.cc (ticket
//      changes), pg_ticket_list.cc, pg_conversation.cc (conversations), pg_cadres.cc, or a
//      new pg_<group>.cc beside them (the build globs storage/postgres/*.cc). Writes go through
//      impl_->Write(...) (committer thread, a failing unit rolled back alone, deadlock retry; SQL
//      with $n parameters, prepared once); reads borrow a pool connection with
//      impl_->readers.Borrow(). Select records with the shared column lists and mappings of
//      storage/record_rows.h.
//   3. A new table or column is a new numbered migration in pg_migrations.cc with the same
//      number and meaning as the SQLite one (storage/sqlite/sqlite_migrations.cc).
//   4. Test it in tests/storage/store_test.cc (or a sibling suite deriving from StoreTest in
//      tests/storage/store_fixture.h, like lifecycle_store_test.cc; behaviour across two
//      instances in store_instances_test.cc), which runs against both backends: run it on
//      PostgreSQL with `tests/postgres/with-cluster.sh ctest --test-dir build -R Store`.
#ifndef ADUAN_STORAGE_POSTGRES_PG_STORE_H_
#define ADUAN_STORAGE_POSTGRES_PG_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "storage/migrations.h"
#include "storage/store.h"

namespace aduan::storage {

class PgStore : public Store {
 public:
  // Connects to `url` (postgresql://...) and applies the pending `migrations`.
  // Throws StoreError naming the URL (password redacted) and the problem.
  PgStore(const std::string& url, const StoreOptions& options,
          const std::vector<Migration>& migrations = PgMigrations());
  ~PgStore() override;

  core::Result<IntakeResult> Intake(const IntakeRequest& request) override;
  std::optional<TicketRecord> GetTicket(const std::string& id) override;
  std::string TicketOfMessage(const std::string& channel,
                              const std::string& provider_message_id) override;
  std::string TicketOfOutboxRow(int64_t outbox_id) override;
  std::vector<LeasedTicket> Lease(const std::string& agency, int max, int64_t lease_ms,
                                  int64_t now_ms) override;
  AckOutcome Ack(const std::string& agency, const std::string& ticket_id,
                 const std::string& lease_id, int64_t now_ms) override;
  std::vector<OutboxRow> ClaimOutbox(int max, int64_t now_ms, int64_t claim_ms) override;
  void FinishOutbox(int64_t id, const OutboxAttempt& attempt, int64_t now_ms) override;
  bool RecordDeliveryStatus(const std::string& channel, const std::string& provider_message_id,
                            const std::string& status, const std::string& error,
                            int64_t reported_at_ms, int64_t now_ms) override;
  std::vector<OutboxRow> ListOutbox(const std::string& status, int limit) override;
  void InsertApiKey(const ApiKeyRecord& key) override;
  std::optional<ApiKeyRecord> FindApiKey(const std::string& key_hash) override;

  // Agency lifecycle, SLA and push
  ChangeOutcome ChangeTicket(const TicketChange& change) override;
  std::vector<TicketRecord> ListTickets(const TicketQuery& query) override;
  std::vector<QueueEntryRecord> ListQueueEntries(int min_lease_count, int limit) override;
  std::vector<ApiKeyRecord> ListApiKeys() override;
  bool RevokeApiKey(const std::string& id, int64_t now_ms) override;
  // People of the web inbox.
  void InsertUser(const UserRecord& user) override;
  std::optional<UserRecord> FindUser(const std::string& username) override;
  std::vector<UserRecord> ListUsers() override;
  bool SetUserActive(const std::string& username, bool active) override;

  // Conversations and cadres
  std::optional<ConversationRecord> GetConversation(const std::string& channel,
                                                    const std::string& sender) override;
  IntakeFacts ReadFacts(const IntakeFactsQuery& query) override;
  std::vector<TicketRecord> FindTickets(const TicketQuery& query) override;
  void PutCadre(const CadreRecord& cadre) override;
  std::optional<CadreRecord> FindCadre(const std::string& channel,
                                       const std::string& sender) override;
  std::optional<CadreRecord> GetCadre(const std::string& id) override;
  std::vector<CadreRecord> ListCadres() override;

  // Media (sqlite_media.cc / pg_media.cc).
  std::vector<MediaRecord> ClaimMedia(int max, int64_t now_ms, int64_t claim_ms) override;
  void FinishMedia(int64_t id, const MediaAttempt& attempt, int64_t now_ms) override;
  std::vector<MediaRecord> ListMedia(const MediaQuery& query) override;
  std::optional<MediaRecord> GetMedia(int64_t id) override;
  std::string PutBlob(const std::string& bytes) override;
  std::optional<std::string> GetBlob(const std::string& sha256) override;

  std::vector<AppliedJournalRecord> AppliedJournalRecords(const std::string& journal_id,
                                                          uint64_t after_seq) override;
  void ForgetJournalRecords(const std::string& journal_id, uint64_t through_seq) override;

  bool Ping() override;
  void ProbeWrite(int64_t now_ms) override;
  WriteHealth LastWrites() const override;

  // The highest migration applied to the database.
  int SchemaVersion();
  // Group-commit counters of this instance: transactions committed and writes they carried.
  uint64_t CommittedBatches() const;
  uint64_t CommittedWrites() const;

 private:
  // One attempt, in one batch; throws UnitRefused when a guard fails.
  IntakeResult IntakeUnit(const IntakeRequest& request);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_POSTGRES_PG_STORE_H_
