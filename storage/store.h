// The one storage interface aduan runs on. SQLite is the embedded default; PostgreSQL serves
// several gateway instances sharing one database. Both pass the same test suite.
//
// Durability: every write method returns only after its transaction is durable (committed and
// synced). Concurrent writes are group-committed: they share one transaction and one sync.
// Thread safety: all methods may be called from any number of threads at once.
// Errors: a storage failure (disk full, database unreachable) throws StoreError; the caller
// answers 503 and the provider retries. Nothing a method reported as done is ever lost. A
// precondition that no longer holds (someone else changed the thing first) is not a failure of
// storage: it is an answer (core::Status, ChangeOutcome), and the caller reads again.
#ifndef ADUAN_STORAGE_STORE_H_
#define ADUAN_STORAGE_STORE_H_

#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/status.h"
#include "storage/records.h"

namespace aduan::storage {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Thrown by PutCadre when another cadre already has that (channel, sender).
class CadreConflict : public StoreError {
 public:
  using StoreError::StoreError;
};

// See Store::LastWrites. Times are Unix milliseconds, 0 for never.
struct WriteHealth {
  int64_t last_commit_ms = 0;
  int64_t last_failure_ms = 0;
  std::string last_failure;  // the error of the last failed transaction
};

// Thrown by InsertUser when the username is taken.
class UserConflict : public StoreError {
 public:
  using StoreError::StoreError;
};

// What the intake pipeline reads and writes for a new message: the facts it decides on
// (conversation, rate count, recent tickets) and the one transaction that stores it.
class IntakeStore {
 public:
  virtual ~IntakeStore() = default;

  // Stores a message and, unless it was stored before, its ticket (with a "created" event and,
  // when the ticket is routed, a queue entry) and its outbox rows, all in one transaction.
  // A message already stored under (channel, provider_message_id) changes nothing and returns
  // duplicate=true with the ticket and reply stored the first time.
  // The same transaction applies the request's ticket changes and conversation writes.
  // When it cannot be stored as asked, nothing of the request is written and the Status says
  // what to do: kStale (reason "concurrent_change"): a ticket change's or conversation write's
  // guard no longer holds; read again, decide again, call again. kConflict (reason
  // "ticket_id_taken"): the new ticket's id is taken; draw another id and call again.
  virtual core::Result<IntakeResult> Intake(const IntakeRequest& request) = 0;
  // What a new message is decided on, read at one moment: one read transaction on SQLite, one
  // statement (one round trip) on PostgreSQL. A message from (channel, sender) counts when
  // received at or after messages_since_ms; `tickets` reads as FindTickets would.
  virtual IntakeFacts ReadFacts(const IntakeFactsQuery& query) = 0;
  // The stored conversation of (channel, sender), or nullopt when there is none (a cadre's
  // relay reads the relayed resident's; the sender's own comes with ReadFacts).
  virtual std::optional<ConversationRecord> GetConversation(const std::string& channel,
                                                            const std::string& sender) = 0;
  // Tickets matching `query` (see TicketQuery) as ListTickets, but with linked_count left at 0
  // (one lookup less per row): a cadre's relays, one sender's own tickets, an agency's recent
  // tickets for linking.
  virtual std::vector<TicketRecord> FindTickets(const TicketQuery& query) = 0;
  // The ticket a stored message belongs to, or "" when the message is unknown or has none.
  virtual std::string TicketOfMessage(const std::string& channel,
                                      const std::string& provider_message_id) = 0;
  // Intake journal positions (IntakeRequest::journal_id): the records of journal `journal_id`
  // after `after_seq` that were stored, by seq; the journal's processor reads them once on
  // replay instead of deciding those messages again.
  virtual std::vector<AppliedJournalRecord> AppliedJournalRecords(const std::string& journal_id,
                                                                  uint64_t after_seq) = 0;
  // Forgets `journal_id`'s records up to `through_seq`: the journal's checkpoint passed them,
  // so they are never replayed. Durable when it returns, like every write.
  virtual void ForgetJournalRecords(const std::string& journal_id, uint64_t through_seq) = 0;
};

// Tickets after intake: read one, list many, change one under its version.
class TicketStore {
 public:
  virtual ~TicketStore() = default;

  // The ticket with its events, or nullopt. `id` must already be canonical (see tickets).
  virtual std::optional<TicketRecord> GetTicket(const std::string& id) = 0;
  // Applies `change` in one transaction at change.now_ms: status/agency, the resident-side
  // edits, version + 1, updated_at, the SLA marks asked for, the event, the queue entry and the
  // outbox rows. Nothing is written unless the ticket exists and its guards hold (kStale).
  virtual ChangeOutcome ChangeTicket(const TicketChange& change) = 0;
  // Tickets matching `query` (without events), newest first.
  virtual std::vector<TicketRecord> ListTickets(const TicketQuery& query) = 0;
};

// Each agency's case queue: lease, acknowledge, and the entries leased too often.
class QueueStore {
 public:
  virtual ~QueueStore() = default;

  // Leases up to `max` of `agency`'s waiting tickets for `lease_ms`: urgent first, then oldest.
  // A ticket whose lease expired is waiting again. No ticket is ever under two live leases.
  virtual std::vector<LeasedTicket> Lease(const std::string& agency, int max, int64_t lease_ms,
                                          int64_t now_ms) = 0;
  // Takes a leased ticket off `agency`'s queue for good.
  virtual AckOutcome Ack(const std::string& agency, const std::string& ticket_id,
                         const std::string& lease_id, int64_t now_ms) = 0;
  // Unacked queue entries leased at least `min_lease_count` times, most leased first.
  virtual std::vector<QueueEntryRecord> ListQueueEntries(int min_lease_count, int limit) = 0;
};

// Replies, notices and pushes waiting to be sent, and what providers report back.
class OutboxStore {
 public:
  virtual ~OutboxStore() = default;

  // Claims up to `max` pending outbox rows that are due, for `claim_ms`: until the claim runs
  // out no other dispatcher (in this process or another) gets them. Oldest first.
  virtual std::vector<OutboxRow> ClaimOutbox(int max, int64_t now_ms, int64_t claim_ms) = 0;
  // Records an attempt on a claimed row and releases the claim. A row once sent or dead is
  // never claimed again.
  virtual void FinishOutbox(int64_t id, const OutboxAttempt& attempt, int64_t now_ms) = 0;
  // Applies a provider delivery report (made at `reported_at_ms`) to the row it sent, if it is
  // news (storage/delivery_order.h: status only moves forward); false when no row matches.
  virtual bool RecordDeliveryStatus(const std::string& channel,
                                    const std::string& provider_message_id,
                                    const std::string& status, const std::string& error,
                                    int64_t reported_at_ms, int64_t now_ms) = 0;
  // Rows with `status` ("pending", "sent", "dead"), newest first.
  virtual std::vector<OutboxRow> ListOutbox(const std::string& status, int limit) = 0;
  // The ticket an outbox row was written for, or "".
  virtual std::string TicketOfOutboxRow(int64_t outbox_id) = 0;
};

// Who may call: API keys, cadres, and the people of the web inbox.
class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;

  virtual void InsertApiKey(const ApiKeyRecord& key) = 0;
  // The key with this hash, revoked or not, or nullopt.
  virtual std::optional<ApiKeyRecord> FindApiKey(const std::string& key_hash) = 0;
  // Every key, newest first (hashes included; callers show ids only).
  virtual std::vector<ApiKeyRecord> ListApiKeys() = 0;
  // Marks the key revoked; false when no key has this id. Revoking twice keeps the first time.
  virtual bool RevokeApiKey(const std::string& id, int64_t now_ms) = 0;
  // Inserts or replaces the cadre with `cadre.id` (created_at kept from the first insert).
  // Throws CadreConflict when another id holds the same (channel, sender).
  virtual void PutCadre(const CadreRecord& cadre) = 0;
  // The cadre writing from (channel, sender), active or not, or nullopt.
  virtual std::optional<CadreRecord> FindCadre(const std::string& channel,
                                               const std::string& sender) = 0;
  // The cadre with this id, active or not, with its tickets counted by status; or nullopt.
  virtual std::optional<CadreRecord> GetCadre(const std::string& id) = 0;
  // Every cadre by id, with its tickets counted by status.
  virtual std::vector<CadreRecord> ListCadres() = 0;
  // People of the web inbox (clerks and operators): storage/*/..._users.cc.
  // Inserts a new user; throws UserConflict when the username is taken.
  virtual void InsertUser(const UserRecord& user) = 0;
  // The user with this username, active or not, or nullopt.
  virtual std::optional<UserRecord> FindUser(const std::string& username) = 0;
  // Every user by username.
  virtual std::vector<UserRecord> ListUsers() = 0;
  // Sets whether the user may sign in; false when no user has this username.
  virtual bool SetUserActive(const std::string& username, bool active) = 0;
};

// Residents' files: the fetch jobs and the content-addressed bytes.
class MediaStore {
 public:
  virtual ~MediaStore() = default;

  // Rows are written by Intake (IntakeRequest::media); storage/*/..._media.cc.
  // Claims up to `max` pending media rows that are due, for `claim_ms`, as ClaimOutbox does.
  virtual std::vector<MediaRecord> ClaimMedia(int max, int64_t now_ms, int64_t claim_ms) = 0;
  // Records a fetch of a claimed row and releases the claim. A row once stored or unavailable
  // is never claimed again. Stored: `attempt.sha256` must already be in the blob store.
  virtual void FinishMedia(int64_t id, const MediaAttempt& attempt, int64_t now_ms) = 0;
  // Rows matching `query` (see MediaQuery).
  virtual std::vector<MediaRecord> ListMedia(const MediaQuery& query) = 0;
  // The row with this id, or nullopt.
  virtual std::optional<MediaRecord> GetMedia(int64_t id) = 0;
  // Content-addressed file bytes: SQLite keeps them in "<db file>.blobs/", PostgreSQL in the
  // media_blobs table so that every instance sees them. PutBlob returns the SHA-256 (hex) and
  // is durable when it returns; storing bytes already present writes nothing. GetBlob returns
  // nullopt when absent (or damaged on disk).
  virtual std::string PutBlob(const std::string& bytes) = 0;
  virtual std::optional<std::string> GetBlob(const std::string& sha256) = 0;
};

// Readiness: a round trip, a probe write, and what the last writes did.
class HealthStore {
 public:
  virtual ~HealthStore() = default;

  // Cheap round trip to the database, for /readyz. Returns false instead of throwing.
  virtual bool Ping() = 0;
  // Readiness (/readyz): writes one tiny row (this instance's line in health_probe) through
  // the path every write takes: the group committer, the write connection, a durable commit.
  // Throws StoreError when that fails: disk full, a read-only file, a database that is down
  // or does not answer within the statement deadline.
  virtual void ProbeWrite(int64_t now_ms) = 0;
  // When write transactions last committed and last failed as a whole (not one request's own
  // error such as a conflict), and why; for /readyz's memory between probes.
  virtual WriteHealth LastWrites() const = 0;
};

// Everything a backend provides. A backend implements all of it in one class; each caller
// takes the narrow interface it needs (an OutboxStore& for the dispatcher, a MediaStore& for the
// media worker), so what a part of the gateway may touch is written in its signature.
// Thread-safety: every method may be called from any thread at once.
class Store : public IntakeStore,
              public TicketStore,
              public QueueStore,
              public OutboxStore,
              public DirectoryStore,
              public MediaStore,
              public HealthStore {
 public:
  ~Store() override = default;
};

struct StoreOptions {
  int max_batch = 256;  // group commit: most requests sharing one transaction
  // SQLite: how often the committer finishes a checkpoint between batches so the WAL
  // restarts (see SqliteBatch::AfterBatch). 0 = after every batch.
  int checkpoint_interval_ms = 1000;
  // PostgreSQL: read connections per instance (the group committer holds one more for writes).
  int pool_size = 8;
  // PostgreSQL: how long connecting, and each statement, may take before the call fails with
  // StoreError (the caller answers 503) and the connection is replaced; 0 = no limit. A frozen
  // or unreachable server then costs a request this long, not as long as the outage.
  int connect_timeout_ms = 2000;
  int statement_timeout_ms = 3000;
  // PostgreSQL: when the server cannot be reached at all, open anyway instead of throwing:
  // every call fails with StoreError until it answers, and the first write batch that reaches
  // it applies the pending migrations first. For a gateway whose intake journal keeps what it
  // acknowledges meanwhile. (A server that answers but refuses a migration still throws.)
  bool open_while_unreachable = false;
};

// Opens the store a URL names: "sqlite:PATH" (PATH's folder is created if missing) or
// "postgresql://..." / "postgres://...". Applies pending migrations before returning.
// Throws StoreError naming the URL and the problem.
std::unique_ptr<Store> OpenStore(const std::string& url, const StoreOptions& options = {});

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_STORE_H_
