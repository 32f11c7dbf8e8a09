// Private to the PostgreSQL backend: what its .cc files share (one file per group of Store
// methods). Nothing outside storage/postgres/ includes this.
#ifndef ADUAN_STORAGE_POSTGRES_PG_STORE_INTERNAL_H_
#define ADUAN_STORAGE_POSTGRES_PG_STORE_INTERNAL_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <type_traits>

#include "storage/group_commit.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_pool.h"
#include "storage/postgres/pg_store.h"
#include "storage/record_rows.h"
#include "storage/unit_refused.h"

namespace aduan::storage {

// Reads a ticket (and optionally its events) through any connection: the writer inside its
// batch, readers outside it.
std::optional<TicketRecord> ReadTicket(PgConnection& conn, const std::string& id, bool with_events);

// A statement's parameters, numbered as filters add them: Add returns the placeholder ("$3").
struct PgParams {
  std::vector<PgParam> values;
  std::string Add(PgParam p) {
    values.push_back(std::move(p));
    std::string placeholder = "$";  // appended: "$" + std::string trips GCC 12's -Wrestrict
    placeholder += std::to_string(values.size());
    return placeholder;
  }
};

// Tickets (without events) selected by `where_order_limit`, the SQL after "FROM tickets",
// with the fields `fields` names (storage/record_rows.h).
std::vector<TicketRecord> SelectTickets(PgConnection& conn, const std::string& where_order_limit,
                                        const PgParams& params, TicketFields fields);
// The SQL after "FROM tickets" that FindTickets, ListTickets and ReadFacts run for `query`, its
// values added to `p`.
std::string TicketQuerySql(const TicketQuery& query, PgParams& p);

// Appends `event` (its actor, kind, statuses and notes) to the ticket's history at `at_ms`.
void InsertEvent(PgConnection& conn, const std::string& ticket_id, int64_t at_ms,
                 const EventRecord& event);

// Queues `draft` for the dispatcher, due at `at_ms`; "" ticket_id: a reply to no ticket.
void InsertOutbox(PgConnection& conn, const std::string& ticket_id, int64_t at_ms,
                  const OutboxDraft& draft);

// Every change to an existing ticket (pg_lifecycle.cc), inside the caller's unit, at `now_ms`.
// Locks the ticket row and checks all of `change`'s guards first: kNotFound or kStale means
// nothing was written.
ChangeOutcome ApplyTicketChange(PgConnection& conn, const TicketChange& change, int64_t now_ms);
// Intake's media rows (pg_media.cc), inside Intake's unit.
void InsertMedia(PgConnection& conn, const std::string& ticket_id, const MessageRecord& m,
                 const std::vector<MediaDraft>& media);
// Intake's journal position (pg_journal_records.cc), inside Intake's unit: the first outcome
// when request.journal_id's record was stored before, else nullopt; and its record.
std::optional<IntakeResult> AppliedBefore(PgConnection& conn, const IntakeRequest& request);
void RecordApplied(PgConnection& conn, const IntakeRequest& request, const IntakeResult& result);
// Intake's conversation writes (pg_conversation.cc), inside Intake's unit. Throws UnitRefused
// when a version guard no longer holds, so the whole request rolls back (alone).
void WriteConversations(PgConnection& conn, const std::vector<ConversationWrite>& list,
                        int64_t now_ms);

// Opens a connection for the backend within `timeouts`: the URL's settings plus the session
// settings every aduan connection needs (synchronous_commit=on: a COMMIT returns only once it
// is flushed; statement_timeout = timeouts.statement_ms, so the server itself ends a statement
// the client has stopped waiting for).
std::unique_ptr<PgConnection> OpenPgConnection(const std::string& url, PgTimeouts timeouts);

// The group committer's transaction verbs over the write connection. The connection is
// replaced at the next Begin() when the server dropped it, so a database restart costs the
// batches in flight, not the instance.
class PgBatch : public BatchTransaction {
 public:
  PgBatch(std::string url, PgTimeouts timeouts) : url_(std::move(url)), timeouts_(timeouts) {}
  PgConnection& conn() { return *conn_; }
  void Connect() { conn_ = OpenPgConnection(url_, timeouts_); }

  void Begin() override {
    if (!conn_ || conn_->broken()) Connect();
    if (before_first_) {
      before_first_(*conn_);  // throws, and stays set, until it succeeds once
      before_first_ = nullptr;
    }
    conn_->Run("BEGIN");
  }
  // Runs `work` on the write connection before the next batch, once it succeeds (the store
  // opened while the server was unreachable: its migrations). Before the committer starts.
  void RunBeforeFirstBatch(std::function<void(PgConnection&)> work) {
    before_first_ = std::move(work);
  }
  void Commit() override {
    // COMMIT of a transaction that failed answers ROLLBACK instead of an error.
    if (conn_->Run("COMMIT").command() != "COMMIT") {
      throw StoreError("postgresql: the transaction was rolled back at COMMIT");
    }
  }
  void Rollback() noexcept override {
    try {
      if (conn_ && !conn_->broken()) conn_->Run("ROLLBACK");
    } catch (...) {
      // The connection is gone or unusable; Begin() replaces it.
    }
  }
  void Savepoint() override { conn_->Run("SAVEPOINT unit"); }
  void ReleaseSavepoint() override { conn_->Run("RELEASE SAVEPOINT unit"); }
  void RollbackToSavepoint() override {
    conn_->Run("ROLLBACK TO SAVEPOINT unit");
    conn_->Run("RELEASE SAVEPOINT unit");
  }

 private:
  std::string url_;
  PgTimeouts timeouts_;
  std::unique_ptr<PgConnection> conn_;
  std::function<void(PgConnection&)> before_first_;
};

// A random pause of up to attempt x 2 ms before a deadlocked unit runs again.
int64_t RetryJitterMicros(int attempt);

struct PgStore::Impl {
  std::string url;
  std::string instance;  // this store's row in health_probe
  std::unique_ptr<PgPool> readers;
  std::unique_ptr<PgBatch> batch;
  std::unique_ptr<GroupCommitter> committer;

  // Runs `work(writer)` as one unit of the next batch and returns its result once the batch
  // committed. A unit chosen as a deadlock victim (two instances' batches each waiting on rows
  // the other's earlier units locked) is rolled back alone and runs again in a later batch: once
  // this batch commits, its locks are gone and the other batch goes ahead. Running it again inside
  // the same batch (as this once did) kept those locks and could meet the same deadlock every time.
  template <class F>
  auto Write(F&& work) -> std::invoke_result_t<F, PgConnection&> {
    using R = std::invoke_result_t<F, PgConnection&>;
    auto unit = [&]() -> R { return work(batch->conn()); };
    constexpr int kAttempts = 8;
    for (int attempt = 1;; ++attempt) {
      try {
        if constexpr (std::is_void_v<R>) {
          committer->Run(unit);
          return;
        } else {
          return committer->Call(unit);
        }
      } catch (const PgError& e) {
        if (e.sqlstate() != kDeadlockDetected || attempt == kAttempts) throw;
        // Jitter, so two instances retrying together do not meet in step again.
        std::this_thread::sleep_for(std::chrono::microseconds(RetryJitterMicros(attempt)));
      }
    }
  }
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_POSTGRES_PG_STORE_INTERNAL_H_
