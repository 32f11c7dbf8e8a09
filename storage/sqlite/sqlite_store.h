// The embedded SQLite backend: one file, WAL, synchronous=FULL.
//
// One write connection, owned by the group committer's thread, serialises every write, which
// is what makes "never leased twice" trivially true here. Reads use a pool of read-only
// connections that WAL lets run beside the writer.
#ifndef ADUAN_STORAGE_SQLITE_SQLITE_STORE_H_
#define ADUAN_STORAGE_SQLITE_SQLITE_STORE_H_

#include <memory>
#include <string>
#include <vector>

#include "storage/migrations.h"
#include "storage/store.h"

namespace aduan::storage {

class SqliteStore : public Store {
 public:
  // Opens or creates the database at `path` and applies the pending `migrations`.
  // Throws StoreError naming the path and the problem.
  SqliteStore(const std::string& path, const StoreOptions& options,
              const std::vector<Migration>& migrations = SqliteMigrations());
  ~SqliteStore() override;

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
  // Conversations and cadres: sqlite_conversation.cc, sqlite_cadres.cc.
  std::optional<ConversationRecord> GetConversation(const std::string& channel,
                                                    const std::string& sender) override;
  IntakeFacts ReadFacts(const IntakeFactsQuery& query) override;
  std::vector<TicketRecord> FindTickets(const TicketQuery& query) override;
  void PutCadre(const CadreRecord& cadre) override;
  std::optional<CadreRecord> FindCadre(const std::string& channel,
                                       const std::string& sender) override;
  std::optional<CadreRecord> GetCadre(const std::string& id) override;
  std::vector<CadreRecord> ListCadres() override;

  // The highest migration applied to the file.
  int SchemaVersion();
  // Group-commit counters: transactions committed and writes they carried.
  uint64_t CommittedBatches() const;
  uint64_t CommittedWrites() const;
  // Rows the idle read connections' statements have stepped through in full scans (of a table
  // or a whole index) since they were prepared: reads that grow with the file. For tests and
  // diagnosis; counts only connections not lent out at the moment.
  uint64_t ReaderFullScanSteps();

 private:
  // Intake as one unit of the group committer; throws UnitRefused when a guard fails.
  IntakeResult IntakeUnit(const IntakeRequest& request);

  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_SQLITE_SQLITE_STORE_H_
