#include "storage/sqlite/sqlite_store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "storage/group_commit.h"
#include "storage/random_id.h"

namespace aduan::storage {
namespace {

constexpr int kBusyTimeoutMs = 10000;

std::string JoinCodes(const std::vector<std::string>& codes) {
  return nlohmann::json(codes).dump();
}

std::vector<std::string> SplitCodes(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

void Configure(SQLite::Database& db) {
  db.setBusyTimeout(kBusyTimeoutMs);
  db.exec("PRAGMA foreign_keys=ON");
}

// Reads a ticket (and optionally its events) through any connection: the writer uses this
// inside its transaction, readers outside it.
std::optional<TicketRecord> ReadTicket(SQLite::Database& db, const std::string& id,
                                       bool with_events) {
  SQLite::Statement q(db,
                      "SELECT id, status, agency, agency_score, maladministration, urgent, "
                      "classification, text, channel, reporter_sender, reporter_name, "
                      "confidential, created_at, updated_at, version FROM tickets WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  TicketRecord t;
  t.id = q.getColumn(0).getString();
  t.status = q.getColumn(1).getString();
  t.agency = q.getColumn(2).getString();
  t.agency_score = q.getColumn(3).getDouble();
  t.maladministration = SplitCodes(q.getColumn(4).getString());
  t.urgent = q.getColumn(5).getInt() != 0;
  t.classification_json = q.getColumn(6).getString();
  t.text = q.getColumn(7).getString();
  t.channel = q.getColumn(8).getString();
  t.reporter_sender = q.getColumn(9).getString();
  t.reporter_name = q.getColumn(10).getString();
  t.confidential = q.getColumn(11).getInt() != 0;
  t.created_at_ms = q.getColumn(12).getInt64();
  t.updated_at_ms = q.getColumn(13).getInt64();
  t.version = q.getColumn(14).getInt64();
  if (with_events) {
    SQLite::Statement e(db,
                        "SELECT id, at, actor, kind, from_status, to_status, public_note, "
                        "internal_note FROM ticket_events WHERE ticket_id = ? ORDER BY id");
    e.bind(1, id);
    while (e.executeStep()) {
      EventRecord ev;
      ev.id = e.getColumn(0).getInt64();
      ev.at_ms = e.getColumn(1).getInt64();
      ev.actor = e.getColumn(2).getString();
      ev.kind = e.getColumn(3).getString();
      ev.from_status = e.getColumn(4).getString();
      ev.to_status = e.getColumn(5).getString();
      ev.public_note = e.getColumn(6).getString();
      ev.internal_note = e.getColumn(7).getString();
      t.events.push_back(std::move(ev));
    }
  }
  return t;
}

int CurrentVersion(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  q.executeStep();
  return q.getColumn(0).getInt();
}

// Applies pending migrations in one immediate transaction, so two processes starting on one
// file at once apply each migration exactly once (the second waits, then finds nothing to do).
void ApplyMigrations(SQLite::Database& db, const std::vector<Migration>& migrations) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "applied_at INTEGER NOT NULL)");
  int current = CurrentVersion(db);
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    db.exec(std::string(m.sql));
    SQLite::Statement ins(db,
                          "INSERT INTO schema_migrations(version, applied_at) "
                          "VALUES (?, CAST(strftime('%s','now') AS INTEGER) * 1000)");
    ins.bind(1, m.version);
    ins.exec();
  }
  tx.commit();
}

// Storage callers see StoreError only, whatever the driver threw.
template <class F>
auto Translated(F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError(e.what());
  }
}

}  // namespace

// Prepared statements of the write connection, kept for its lifetime: parsing SQL for every
// write was the committer thread's largest cost. Used only on the committer thread.
class StatementCache {
 public:
  void Attach(SQLite::Database* db) { db_ = db; }
  // The statement for `sql`, reset and with no bindings, ready to bind and run.
  SQLite::Statement& Get(const std::string& sql) {
    auto it = cache_.find(sql);
    if (it == cache_.end()) {
      it = cache_.emplace(sql, std::make_unique<SQLite::Statement>(*db_, sql)).first;
    } else {
      // tryReset: reset() rethrows the previous run's error, which its caller already handled.
      it->second->tryReset();
      it->second->clearBindings();
    }
    return *it->second;
  }
  void Clear() { cache_.clear(); }

 private:
  SQLite::Database* db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>> cache_;
};

class SqliteBatch : public BatchTransaction {
 public:
  SqliteBatch(SQLite::Database& db, StatementCache& cache, int checkpoint_interval_ms)
      : db_(db), cache_(cache), interval_(checkpoint_interval_ms) {}
  void Begin() override { cache_.Get("BEGIN IMMEDIATE").exec(); }
  void Commit() override { cache_.Get("COMMIT").exec(); }
  void Rollback() noexcept override { sqlite3_exec(db_.getHandle(), "ROLLBACK", 0, 0, 0); }
  void Savepoint() override { cache_.Get("SAVEPOINT unit").exec(); }
  void ReleaseSavepoint() override { cache_.Get("RELEASE unit").exec(); }
  void RollbackToSavepoint() override {
    cache_.Get("ROLLBACK TO unit").exec();
    cache_.Get("RELEASE unit").exec();
  }
  // The background checkpointer copies frames while commits keep appending, so alone it
  // never catches up with a busy WAL and the WAL never restarts: it would grow without bound
  // and every sync would extend the file. Here, between batches, nothing appends: a passive
  // checkpoint finishes the little the background pass left, and the next commit restarts
  // the WAL from its start, over blocks already allocated.
  void AfterBatch() override {
    auto now = std::chrono::steady_clock::now();
    if (now - last_catch_up_ < interval_) return;
    last_catch_up_ = now;
    sqlite3_wal_checkpoint_v2(db_.getHandle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr,
                              nullptr);
  }

 private:
  SQLite::Database& db_;
  StatementCache& cache_;
  const std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_catch_up_ = std::chrono::steady_clock::now();
};

struct SqliteStore::Impl {
  std::string path;
  std::unique_ptr<SQLite::Database> writer;
  StatementCache writes;
  std::unique_ptr<SqliteBatch> batch;
  std::unique_ptr<GroupCommitter> committer;

  std::mutex readers_mu;
  std::vector<std::unique_ptr<SQLite::Database>> idle_readers;

  // Checkpoints run here rather than inside a commit: an automatic checkpoint copies pages
  // and syncs the main file while every writer waits, which showed as p99 spikes of hundreds
  // of milliseconds under load. PASSIVE never blocks the writer or readers.
  std::thread checkpointer;
  std::mutex checkpoint_mu;
  std::condition_variable checkpoint_cv;
  bool stopping = false;

  void StartCheckpointer() {
    checkpointer = std::thread([this] {
      pthread_setname_np(pthread_self(), "aduan-ckpt");
      std::unique_ptr<SQLite::Database> db;
      std::unique_lock<std::mutex> lock(checkpoint_mu);
      while (!checkpoint_cv.wait_for(lock, std::chrono::milliseconds(500),
                                     [this] { return stopping; })) {
        lock.unlock();
        try {
          if (!db) {
            db = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
            Configure(*db);
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
        std::lock_guard<std::mutex> lock(impl_->readers_mu);
        if (!impl_->idle_readers.empty()) {
          db_ = std::move(impl_->idle_readers.back());
          impl_->idle_readers.pop_back();
        }
      }
      if (!db_) {
        db_ = std::make_unique<SQLite::Database>(impl_->path, SQLite::OPEN_READONLY);
        Configure(*db_);
      }
    }
    ~Reader() {
      std::lock_guard<std::mutex> lock(impl_->readers_mu);
      impl_->idle_readers.push_back(std::move(db_));
    }
    SQLite::Database& db() { return *db_; }

   private:
    Impl* impl_;
    std::unique_ptr<SQLite::Database> db_;
  };
};

SqliteStore::SqliteStore(const std::string& path, const StoreOptions& options,
                         const std::vector<Migration>& migrations)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  try {
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    impl_->writer =
        std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    Configure(*impl_->writer);
    // WAL lets readers run beside the single writer; FULL syncs the WAL on every commit, which
    // is what "answered 200 means durable" needs. Group commit pays that sync once per batch.
    impl_->writer->exec("PRAGMA journal_mode=WAL");
    impl_->writer->exec("PRAGMA synchronous=FULL");
    impl_->writer->exec("PRAGMA wal_autocheckpoint=0");  // the checkpointer thread does it
    impl_->writer->exec("PRAGMA cache_size=-65536");     // 64 MiB: index pages stay in memory
    ApplyMigrations(*impl_->writer, migrations);
  } catch (const std::exception& e) {
    throw StoreError("sqlite:" + path + ": " + e.what());
  }
  impl_->writes.Attach(impl_->writer.get());
  impl_->batch =
      std::make_unique<SqliteBatch>(*impl_->writer, impl_->writes, options.checkpoint_interval_ms);
  impl_->StartCheckpointer();
  impl_->committer = std::make_unique<GroupCommitter>(impl_->batch.get(), options.max_batch);
}

SqliteStore::~SqliteStore() {
  impl_->committer.reset();  // drain pending writes before the connection closes
  impl_->StopCheckpointer();
  impl_->writes.Clear();
}

IntakeResult SqliteStore::Intake(const IntakeRequest& req) {
  return Translated([&] {
    return impl_->committer->Call([&]() -> IntakeResult {
      const MessageRecord& m = req.message;
      IntakeResult result;
      {
        SQLite::Statement& find = impl_->writes.Get(
            "SELECT COALESCE(ticket_id, ''), reply FROM messages "
            "WHERE channel = ? AND provider_message_id = ?");
        std::vector<std::string> keys = {m.provider_message_id};
        keys.insert(keys.end(), req.duplicate_if_stored.begin(), req.duplicate_if_stored.end());
        for (const auto& key : keys) {
          find.reset();
          find.bind(1, m.channel);
          find.bind(2, key);
          if (find.executeStep()) {
            result.duplicate = true;
            result.ticket_id = find.getColumn(0).getString();
            result.reply = find.getColumn(1).getString();
            return result;
          }
        }
      }
      if (req.ticket) {
        const TicketRecord& t = *req.ticket;
        SQLite::Statement& ins = impl_->writes.Get(
            "INSERT INTO tickets(id, status, agency, agency_score, maladministration, urgent, "
            "classification, text, channel, reporter_sender, reporter_name, confidential, "
            "created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1)");
        ins.bind(1, t.id);
        ins.bind(2, t.status);
        ins.bind(3, t.agency);
        ins.bind(4, t.agency_score);
        ins.bind(5, JoinCodes(t.maladministration));
        ins.bind(6, t.urgent ? 1 : 0);
        ins.bind(7, t.classification_json);
        ins.bind(8, t.text);
        ins.bind(9, t.channel);
        ins.bind(10, t.reporter_sender);
        ins.bind(11, t.reporter_name);
        ins.bind(12, t.confidential ? 1 : 0);
        ins.bind(13, m.received_at_ms);
        ins.bind(14, m.received_at_ms);
        try {
          ins.exec();
        } catch (const SQLite::Exception& e) {
          // The ticket insert is the only statement here with a key the caller chose.
          int code = sqlite3_extended_errcode(impl_->writer->getHandle());
          if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY ||
              code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE) {
            throw TicketIdTaken("ticket id " + t.id + " is taken");
          }
          throw;
        }
        SQLite::Statement& ev = impl_->writes.Get(
            "INSERT INTO ticket_events(ticket_id, at, actor, kind, to_status, "
            "public_note) VALUES (?, ?, 'system', 'created', ?, '')");
        ev.bind(1, t.id);
        ev.bind(2, m.received_at_ms);
        ev.bind(3, t.status);
        ev.exec();
        if (t.status == "routed") {
          SQLite::Statement& q = impl_->writes.Get(
              "INSERT INTO queue(ticket_id, agency, urgent, enqueued_at) VALUES (?,?,?,?)");
          q.bind(1, t.id);
          q.bind(2, t.agency);
          q.bind(3, t.urgent ? 1 : 0);
          q.bind(4, m.received_at_ms);
          q.exec();
        }
        result.ticket_id = t.id;
      } else if (!req.attach_to_ticket.empty()) {
        SQLite::Statement& ev = impl_->writes.Get(
            "INSERT INTO ticket_events(ticket_id, at, actor, kind, public_note) "
            "VALUES (?, ?, 'resident', 'resident_message', ?)");
        ev.bind(1, req.attach_to_ticket);
        ev.bind(2, m.received_at_ms);
        ev.bind(3, m.text);
        ev.exec();
        SQLite::Statement& t = impl_->writes.Get("UPDATE tickets SET updated_at = ? WHERE id = ?");
        t.bind(1, m.received_at_ms);
        t.bind(2, req.attach_to_ticket);
        t.exec();
        result.ticket_id = req.attach_to_ticket;
      }
      SQLite::Statement& msg = impl_->writes.Get(
          "INSERT INTO messages(channel, provider_message_id, sender, display_name, text, "
          "details, ticket_id, reply, received_at) VALUES (?,?,?,?,?,?,?,?,?)");
      msg.bind(1, m.channel);
      msg.bind(2, m.provider_message_id);
      msg.bind(3, m.sender);
      msg.bind(4, m.display_name);
      msg.bind(5, m.text);
      msg.bind(6, m.details_json);
      if (result.ticket_id.empty()) {
        msg.bind(7);
      } else {
        msg.bind(7, result.ticket_id);
      }
      msg.bind(8, req.reply);
      msg.bind(9, m.received_at_ms);
      msg.exec();
      for (const auto& o : req.outbox) {
        SQLite::Statement& out = impl_->writes.Get(
            "INSERT INTO outbox(ticket_id, channel, recipient, kind, body, details, "
            "next_attempt_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?)");
        if (result.ticket_id.empty()) {
          out.bind(1);
        } else {
          out.bind(1, result.ticket_id);
        }
        out.bind(2, o.channel);
        out.bind(3, o.recipient);
        out.bind(4, o.kind);
        out.bind(5, o.body);
        out.bind(6, o.details_json);
        out.bind(7, m.received_at_ms);
        out.bind(8, m.received_at_ms);
        out.bind(9, m.received_at_ms);
        out.exec();
      }
      result.reply = req.reply;
      return result;
    });
  });
}

std::optional<TicketRecord> SqliteStore::GetTicket(const std::string& id) {
  try {
    Impl::Reader r(impl_.get());
    return ReadTicket(r.db(), id, /*with_events=*/true);
  } catch (const SQLite::Exception& e) {
    throw StoreError(std::string("reading ticket: ") + e.what());
  }
}

std::string SqliteStore::TicketOfMessage(const std::string& channel,
                                         const std::string& provider_message_id) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement q(r.db(),
                        "SELECT COALESCE(ticket_id, '') FROM messages "
                        "WHERE channel = ? AND provider_message_id = ?");
    q.bind(1, channel);
    q.bind(2, provider_message_id);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  });
}

std::string SqliteStore::TicketOfOutboxRow(int64_t outbox_id) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement q(r.db(), "SELECT COALESCE(ticket_id, '') FROM outbox WHERE id = ?");
    q.bind(1, outbox_id);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  });
}

std::vector<LeasedTicket> SqliteStore::Lease(const std::string& agency, int max, int64_t lease_ms,
                                             int64_t now_ms) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Database& db = *impl_->writer;
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
        l.lease_id = RandomId("lease_");
        l.lease_expires_at_ms = now_ms + lease_ms;
        SQLite::Statement& u = impl_->writes.Get(
            "UPDATE queue SET lease_id = ?, lease_expires_at = ?, "
            "lease_count = lease_count + 1 WHERE ticket_id = ?");
        u.bind(1, l.lease_id);
        u.bind(2, l.lease_expires_at_ms);
        u.bind(3, id);
        u.exec();
        auto t = ReadTicket(db, id, /*with_events=*/false);
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
          "VALUES (?, ?, ?, 'acked')");
      ev.bind(1, ticket_id);
      ev.bind(2, now_ms);
      ev.bind(3, "agency:" + agency);
      ev.exec();
      SQLite::Statement& t = impl_->writes.Get("UPDATE tickets SET updated_at = ? WHERE id = ?");
      t.bind(1, now_ms);
      t.bind(2, ticket_id);
      t.exec();
      return AckOutcome::kAcked;
    });
  });
}

void SqliteStore::InsertApiKey(const ApiKeyRecord& key) {
  Translated([&] {
    return impl_->committer->Run([&] {
      SQLite::Statement& ins = impl_->writes.Get(
          "INSERT INTO api_keys(id, key_hash, agency, created_at) VALUES (?,?,?,?)");
      ins.bind(1, key.id);
      ins.bind(2, key.key_hash);
      ins.bind(3, key.agency);
      ins.bind(4, key.created_at_ms);
      ins.exec();
    });
  });
}

std::optional<ApiKeyRecord> SqliteStore::FindApiKey(const std::string& key_hash) {
  try {
    Impl::Reader r(impl_.get());
    SQLite::Statement q(r.db(),
                        "SELECT id, key_hash, agency, created_at, revoked_at FROM api_keys "
                        "WHERE key_hash = ?");
    q.bind(1, key_hash);
    if (!q.executeStep()) return std::nullopt;
    ApiKeyRecord k;
    k.id = q.getColumn(0).getString();
    k.key_hash = q.getColumn(1).getString();
    k.agency = q.getColumn(2).getString();
    k.created_at_ms = q.getColumn(3).getInt64();
    if (!q.getColumn(4).isNull()) k.revoked_at_ms = q.getColumn(4).getInt64();
    return k;
  } catch (const SQLite::Exception& e) {
    throw StoreError(std::string("reading api key: ") + e.what());
  }
}

bool SqliteStore::Ping() {
  try {
    Impl::Reader r(impl_.get());
    SQLite::Statement q(r.db(), "SELECT 1");
    return q.executeStep();
  } catch (const std::exception&) {
    return false;
  }
}

int SqliteStore::SchemaVersion() {
  Impl::Reader r(impl_.get());
  return CurrentVersion(r.db());
}

uint64_t SqliteStore::CommittedBatches() const { return impl_->committer->batches(); }
uint64_t SqliteStore::CommittedWrites() const { return impl_->committer->units(); }

}  // namespace aduan::storage

namespace aduan::storage {
namespace {

constexpr const char* kOutboxColumns =
    "id, COALESCE(ticket_id, ''), channel, recipient, kind, body, details, status, attempts, "
    "next_attempt_at, COALESCE(provider_message_id, ''), delivery_status, last_error, "
    "created_at, updated_at";

OutboxRow ReadOutboxRow(SQLite::Statement& q) {
  OutboxRow r;
  r.id = q.getColumn(0).getInt64();
  r.ticket_id = q.getColumn(1).getString();
  r.channel = q.getColumn(2).getString();
  r.recipient = q.getColumn(3).getString();
  r.kind = q.getColumn(4).getString();
  r.body = q.getColumn(5).getString();
  r.details_json = q.getColumn(6).getString();
  r.status = q.getColumn(7).getString();
  r.attempts = q.getColumn(8).getInt();
  r.next_attempt_at_ms = q.getColumn(9).getInt64();
  r.provider_message_id = q.getColumn(10).getString();
  r.delivery_status = q.getColumn(11).getString();
  r.last_error = q.getColumn(12).getString();
  r.created_at_ms = q.getColumn(13).getInt64();
  r.updated_at_ms = q.getColumn(14).getInt64();
  return r;
}

}  // namespace

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
      while (q.executeStep()) rows.push_back(ReadOutboxRow(q));
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
                                       int64_t now_ms) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Statement& u = impl_->writes.Get(
          "UPDATE outbox SET delivery_status = ?, "
          "last_error = CASE WHEN ? = '' THEN last_error ELSE ? END, "
          "updated_at = ? WHERE channel = ? AND provider_message_id = ?");
      u.bind(1, status);
      u.bind(2, error);
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
    SQLite::Statement q(r.db(), std::string("SELECT ") + kOutboxColumns +
                                    " FROM outbox WHERE status = ? ORDER BY id DESC LIMIT ?");
    q.bind(1, status);
    q.bind(2, limit);
    std::vector<OutboxRow> rows;
    while (q.executeStep()) rows.push_back(ReadOutboxRow(q));
    return rows;
  });
}

}  // namespace aduan::storage
