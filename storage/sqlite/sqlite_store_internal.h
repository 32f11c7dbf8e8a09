// Private to the SQLite backend: what its .cc files share (one file per group of Store methods).
// Nothing outside storage/sqlite/ includes this.
#ifndef ADUAN_STORAGE_SQLITE_SQLITE_STORE_INTERNAL_H_
#define ADUAN_STORAGE_SQLITE_SQLITE_STORE_INTERNAL_H_

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <unordered_map>
#include <variant>
#include <vector>

#include "media/blob_store.h"
#include "storage/group_commit.h"
#include "storage/record_rows.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/unit_refused.h"

namespace aduan::storage {

// How long a connection waits for another's lock before SQLITE_BUSY.
inline constexpr int kBusyTimeoutMs = 10000;
// Every connection here is used by one thread at a time (the committer's, the checkpointer's,
// or a handler's while it holds a pooled reader), so SQLite's per-connection mutex only cost:
// it was locked and unlocked for every column read, 13% of a handler's time under load.
inline constexpr int kOneThreadAtATime = SQLITE_OPEN_NOMUTEX;
// Busy timeout and foreign keys, for every connection the backend opens.
void ConfigureConnection(SQLite::Database& db);

// The current row of a stepped statement, for the shared mappings in storage/record_rows.h.
struct SqliteRow {
  SQLite::Statement& q;
  std::string Text(int c) const { return q.getColumn(c).getString(); }
  int64_t Int64(int c) const { return q.getColumn(c).getInt64(); }
  double Double(int c) const { return q.getColumn(c).getDouble(); }
  bool Bool(int c) const { return q.getColumn(c).getInt() != 0; }
  bool IsNull(int c) const { return q.getColumn(c).isNull(); }
};

class StatementCache;

// Reads a ticket (and optionally its events) through any connection's statements: the writer
// uses this inside its transaction, readers outside it.
std::optional<TicketRecord> ReadTicket(StatementCache& statements, const std::string& id,
                                       bool with_events);
// The values for a statement's parameters, collected while its SQL is built from the filters
// a query sets. Add returns the numbered placeholder ("?1", "?2", ...) to append: numbered, not
// bare `?`, because the operands of `+` are evaluated in no set order, and with bare `?`
// `"a" + p.Add(x) + "b" + p.Add(y)` could bind y to x's place (a first cut did, and a paging
// query looped forever). A placeholder may be used more than once.
struct SqliteParams {
  std::vector<std::variant<int64_t, std::string>> values;
  std::string Add(int64_t v) {
    values.emplace_back(v);
    return Placeholder();
  }
  std::string Add(std::string v) {
    values.emplace_back(std::move(v));
    return Placeholder();
  }
  // Appended rather than `"?" + std::string`, which trips GCC 12's false -Wrestrict at -O3.
  std::string Placeholder() const {
    std::string p = "?";
    p += std::to_string(values.size());
    return p;
  }
};

// Tickets (without events) selected by `where_order_limit`, the SQL after "FROM tickets",
// with the fields `fields` names (storage/record_rows.h), through a reader's statements.
// `expected_rows` (the query's limit) sizes the result once: a TicketRecord is ~30 strings,
// and growing the vector moved every record read so far.
std::vector<TicketRecord> SelectTickets(StatementCache& statements,
                                        const std::string& where_order_limit,
                                        const SqliteParams& params, TicketFields fields,
                                        size_t expected_rows = 0);
// The SQL after "FROM tickets" that FindTickets, ListTickets and ReadFacts run for `query`, its
// values added to `p`.
std::string TicketQuerySql(const TicketQuery& query, SqliteParams& p);

// The writes Intake and ticket changes both make, on the committer thread inside the caller's
// unit (sqlite_store.cc), as pg_store_internal.h's helpers of the same names do on PostgreSQL.
// One line of a ticket's history at `at_ms` (event.id and event.at_ms are not read).
void InsertEvent(StatementCache& writes, const std::string& ticket_id, int64_t at_ms,
                 const EventRecord& event);
// Queues `draft` for the dispatcher, due at `at_ms`; "" ticket_id: a reply to no ticket (NULL).
void InsertOutbox(StatementCache& writes, const std::string& ticket_id, int64_t at_ms,
                  const OutboxDraft& draft);

// Every change to an existing ticket (sqlite_lifecycle.cc), on the committer thread inside
// the caller's unit, at `now_ms`. Checks all of `change`'s guards first: kNotFound or kStale
// means nothing was written.
ChangeOutcome ApplyTicketChange(StatementCache& writes, const TicketChange& change, int64_t now_ms);
// Intake's conversation writes, on the committer thread inside Intake's unit. Throws
// UnitRefused when a version guard fails, which rolls back the whole unit, and only it.
void WriteConversations(StatementCache& writes, const std::vector<ConversationWrite>& writes_list,
                        int64_t now_ms);
// Intake's media rows (sqlite_media.cc), on the committer thread inside Intake's unit.
void InsertMedia(StatementCache& writes, const std::string& ticket_id, const MessageRecord& m,
                 const std::vector<MediaDraft>& media);
// Intake's journal position (sqlite_journal_records.cc), inside Intake's unit: the first
// outcome when request.journal_id's record was stored before, else nullopt; and its record.
std::optional<IntakeResult> AppliedBefore(StatementCache& writes, const IntakeRequest& request);
void RecordApplied(StatementCache& writes, const IntakeRequest& request,
                   const IntakeResult& result);

// Storage callers see StoreError only, whatever the driver threw. UnitRefused passes through
// for the method that turns it into its Status.
template <class F>
auto Translated(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const StoreError&) {
    throw;
  } catch (const UnitRefused&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError(e.what());
  }
}

// Prepared statements of one connection, kept for its lifetime: parsing SQL for every call
// was the committer thread's largest cost, and 60% of a reader's. Used by one thread at a time
// (the connection's). SQL must bind its values, not embed them, or the cache grows without end.
class StatementCache {
 public:
  void Attach(SQLite::Database* db) { db_ = db; }
  // The statement for `sql`, reset and with no bindings, ready to bind and run. Another Get
  // of the same SQL resets it, so a caller still stepping it must not ask again meanwhile.
  SQLite::Statement& Get(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(*db_, sql)).first;
    } else {
      // tryReset: reset() rethrows the previous run's error, which its caller already handled.
      it->second->tryReset();
      it->second->clearBindings();
    }
    used_.push_back(it->second.get());
    return *it->second;
  }
  // Resets every statement handed out since the last call. A stepped statement left alone
  // holds its read transaction open, which pins the WAL: readers call this when they are
  // handed back to the pool.
  void ResetUsed() {
    for (SQLite::Statement* q : used_) q->tryReset();
    used_.clear();
  }
  void Clear() {
    used_.clear();
    cache_.clear();
  }

 private:
  SQLite::Database* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
  std::vector<SQLite::Statement*> used_;
};

class SqliteBatch : public BatchTransaction {
 public:
  SqliteBatch(SQLite::Database& db, StatementCache& cache, int checkpoint_interval_ms)
      : db_(db), cache_(cache), interval_(checkpoint_interval_ms) {}
  void Begin() override { cache_.Get("BEGIN IMMEDIATE").exec(); }
  // Statements are reset first: one left stepped would hold a read transaction past the
  // commit and keep the WAL from restarting.
  void Commit() override {
    cache_.ResetUsed();
    cache_.Get("COMMIT").exec();
  }
  void Rollback() noexcept override {
    cache_.ResetUsed();
    sqlite3_exec(db_.getHandle(), "ROLLBACK", 0, 0, 0);
  }
  void Savepoint() override { cache_.Get("SAVEPOINT unit").exec(); }
  void ReleaseSavepoint() override { cache_.Get("RELEASE unit").exec(); }
  void RollbackToSavepoint() override {
    cache_.Get("ROLLBACK TO unit").exec();
    cache_.Get("RELEASE unit").exec();
  }
  // The background checkpointer copies frames while commits keep appending, so alone it
  // never catches up with a busy WAL and the WAL never restarts: it would grow without bound
  // and every sync would extend the file. Here, between batches, nothing appends: the
  // checkpoint finishes the little the background pass left, then waits (briefly: readers
  // are short) until no reader still reads from the WAL, so the next commit restarts it from
  // its start, over blocks already allocated. PASSIVE was not enough once each message read
  // several times: with 64 handlers some reader always held the WAL and it grew past 100 MB.
  void AfterBatch() override {
    auto now = std::chrono::steady_clock::now();
    if (now - last_catch_up_ < interval_) return;
    last_catch_up_ = now;
    sqlite3* db = db_.getHandle();
    // SQLite's own busy handler sleeps 1, 2, 5, 10 ms...: with readers always busy the restart
    // took its whole 20 ms while the readers it waited for finish within a millisecond.
    auto deadline = now + std::chrono::milliseconds(kRestartWaitMs);
    sqlite3_busy_handler(db, &SqliteBatch::PollUntil, &deadline);
    sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, nullptr, nullptr);
    sqlite3_busy_timeout(db, kBusyTimeoutMs);  // also puts SQLite's handler back
  }

 private:
  // Busy handler: retry every 100 us until the steady_clock deadline `arg` points to.
  static int PollUntil(void* arg, int /*attempts*/) {
    auto deadline = *static_cast<std::chrono::steady_clock::time_point*>(arg);
    if (std::chrono::steady_clock::now() >= deadline) return 0;
    std::this_thread::sleep_for(std::chrono::microseconds(100));
    return 1;
  }
  // How long a restart waits for readers before the batch after it goes ahead anyway (the
  // WAL then grows a little and the next catch-up tries again).
  static constexpr int kRestartWaitMs = 20;
  SQLite::Database& db_;
  StatementCache& cache_;
  const std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_catch_up_ = std::chrono::steady_clock::now();
};

struct SqliteStore::Impl {
  std::string path;
  // Media bytes, in "<path>.blobs/", created on the first use (most stores never hold a file).
  std::once_flag blobs_once;
  std::unique_ptr<media::FileBlobStore> blobs;
  std::string instance;  // this store's row in health_probe
  std::unique_ptr<SQLite::Database> writer;
  StatementCache writes;
  std::unique_ptr<SqliteBatch> batch;
  std::unique_ptr<GroupCommitter> committer;

  // A read-only connection with its own prepared statements.
  struct ReadConnection {
    std::unique_ptr<SQLite::Database> db;
    StatementCache statements;
  };
  // At most kMaxReaders read connections, borrowed in turn. SQLite's WAL has four read-mark
  // slots (beside the one for "the main file only"): with a connection per request handler
  // (64 and more) readers fought over them while commits moved the WAL on, and a reader that
  // kept losing slept in SQLite's retry loop for up to seconds (p99 2.7 s at 64 connections).
  // Waiting here is in order and short: reads take tens of microseconds.
  static constexpr int kMaxReaders = 4;
  std::mutex readers_mu;
  std::condition_variable readers_cv;
  int open_readers = 0;
  std::vector<std::unique_ptr<ReadConnection>> idle_readers;

  // Checkpoints run here rather than inside a commit: an automatic checkpoint copies pages
  // and syncs the main file while every writer waits, which showed as p99 spikes of hundreds
  // of milliseconds under load. PASSIVE never blocks the writer or readers. It runs often so
  // that the committer's catch-up (SqliteBatch::AfterBatch), which does block writes, finds
  // little left to copy: at 500 ms it copied 10-30 ms of frames once a second.
  static constexpr int kPassiveIntervalMs = 100;
  std::thread checkpointer;
  std::mutex checkpoint_mu;
  std::condition_variable checkpoint_cv;
  bool stopping = false;

  void StartCheckpointer() {
    checkpointer = std::thread([this] {
      pthread_setname_np(pthread_self(), "aduan-ckpt");
      std::unique_ptr<SQLite::Database> db;
      std::unique_lock<std::mutex> lock(checkpoint_mu);
      while (!checkpoint_cv.wait_for(lock, std::chrono::milliseconds(kPassiveIntervalMs),
                                     [this] { return stopping; })) {
        lock.unlock();
        try {
          if (!db) {
            db = std::make_unique<SQLite::Database>(path,
                                                    SQLite::OPEN_READWRITE | kOneThreadAtATime);
            ConfigureConnection(*db);
          }
          db->exec("PRAGMA wal_checkpoint(PASSIVE)");
        } catch (const std::exception&) {
          db.reset();  // try again with a fresh connection next time
        }
        lock.lock();
      }
    });
  }
  void StopCheckpointer() {
    {
      std::lock_guard<std::mutex> lock(checkpoint_mu);
      stopping = true;
    }
    checkpoint_cv.notify_all();
    if (checkpointer.joinable()) checkpointer.join();
  }

  // A read connection borrowed from the pool for one call.
  class Reader {
   public:
    explicit Reader(Impl* impl) : impl_(impl) {
      {
        std::unique_lock<std::mutex> lock(impl_->readers_mu);
        impl_->readers_cv.wait(lock, [impl] {
          return !impl->idle_readers.empty() || impl->open_readers < kMaxReaders;
        });
        if (!impl_->idle_readers.empty()) {
          conn_ = std::move(impl_->idle_readers.back());
          impl_->idle_readers.pop_back();
          return;
        }
        ++impl_->open_readers;
      }
      try {
        conn_ = std::make_unique<ReadConnection>();
        conn_->db = std::make_unique<SQLite::Database>(impl_->path,
                                                       SQLite::OPEN_READONLY | kOneThreadAtATime);
        ConfigureConnection(*conn_->db);
        conn_->statements.Attach(conn_->db.get());
      } catch (...) {
        conn_.reset();
        Release();
        throw;
      }
    }
    ~Reader() {
      if (conn_) {
        conn_->statements.ResetUsed();
        // A read transaction left open (a read that threw between its BEGIN and COMMIT) would
        // serve every later call on this connection a frozen snapshot and keep the WAL from
        // restarting: end it, or drop the connection rather than pool it.
        if (sqlite3_get_autocommit(conn_->db->getHandle()) == 0) {
          try {
            conn_->db->exec("ROLLBACK");
          } catch (...) {
            conn_.reset();
          }
        }
      }
      Release();
    }
    SQLite::Database& db() { return *conn_->db; }
    StatementCache& statements() { return conn_->statements; }
    // The connection's prepared statement for `sql` (see StatementCache::Get).
    SQLite::Statement& Get(const std::string& sql) { return conn_->statements.Get(sql); }

   private:
    // Hands the connection back, or its place in the pool when it could not be opened.
    void Release() {
      {
        std::lock_guard<std::mutex> lock(impl_->readers_mu);
        if (conn_) {
          impl_->idle_readers.push_back(std::move(conn_));
        } else {
          --impl_->open_readers;
        }
      }
      impl_->readers_cv.notify_one();
    }
    Impl* impl_;
    std::unique_ptr<ReadConnection> conn_;
  };
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_SQLITE_SQLITE_STORE_INTERNAL_H_
