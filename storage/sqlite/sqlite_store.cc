#include "storage/sqlite/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <thread>

#include "core/random_id.h"
#include "storage/sqlite/sqlite_store_internal.h"
#include "storage/sqlite/wal_write_batching_vfs.h"

namespace aduan::storage {

void ConfigureConnection(SQLite::Database& db) {
  db.setBusyTimeout(kBusyTimeoutMs);
  db.exec("PRAGMA foreign_keys=ON");
}

std::optional<TicketRecord> ReadTicket(StatementCache& statements, const std::string& id,
                                       bool with_events) {
  SQLite::Statement& q =
      statements.Get(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = ?");
  q.bind(1, id);
  if (!q.executeStep()) return std::nullopt;
  TicketRecord t = TicketFromRow(SqliteRow{q});
  if (with_events) {
    SQLite::Statement& e = statements.Get(std::string("SELECT ") + kEventColumns +
                                          " FROM ticket_events WHERE ticket_id = ? ORDER BY id");
    e.bind(1, id);
    while (e.executeStep()) t.events.push_back(EventFromRow(SqliteRow{e}));
  }
  return t;
}

void InsertEvent(StatementCache& writes, const std::string& ticket_id, int64_t at_ms,
                 const EventRecord& e) {
  SQLite::Statement& ev = writes.Get(
      "INSERT INTO ticket_events(ticket_id, at, actor, kind, from_status, to_status, "
      "public_note, internal_note) VALUES (?,?,?,?,?,?,?,?)");
  ev.bind(1, ticket_id);
  ev.bind(2, at_ms);
  ev.bind(3, Column(e.actor));
  ev.bind(4, Column(e.kind));
  ev.bind(5, e.from_status);
  ev.bind(6, e.to_status);
  ev.bind(7, e.public_note);
  ev.bind(8, e.internal_note);
  ev.exec();
}

void InsertOutbox(StatementCache& writes, const std::string& ticket_id, int64_t at_ms,
                  const OutboxDraft& o) {
  SQLite::Statement& out = writes.Get(
      "INSERT INTO outbox(ticket_id, channel, recipient, kind, body, details, "
      "next_attempt_at, created_at, updated_at) VALUES (?1,?2,?3,?4,?5,?6,?7,?7,?7)");
  if (ticket_id.empty()) {
    out.bind(1);
  } else {
    out.bind(1, ticket_id);
  }
  out.bind(2, o.channel);
  out.bind(3, o.recipient);
  out.bind(4, Column(o.kind));
  out.bind(5, o.body);
  out.bind(6, o.details_json);
  out.bind(7, at_ms);
  out.exec();
}

namespace {

int CurrentVersion(SQLite::Database& db) {
  SQLite::Statement q(db, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations");
  q.executeStep();
  return q.getColumn(0).getInt();
}

// Puts the file in WAL mode. The switch takes the file's exclusive lock, and SQLite answers
// SQLITE_BUSY at once, without calling the busy handler, when another connection holds the
// file: two stores starting together on a fresh file failed here ("database is locked")
// within milliseconds. So this retries for as long as the busy timeout would have waited.
void EnterWalMode(SQLite::Database& db) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kBusyTimeoutMs);
  auto pause = std::chrono::milliseconds(1);
  while (true) {
    try {
      db.exec("PRAGMA journal_mode=WAL");
      return;
    } catch (const SQLite::Exception& e) {
      if ((e.getErrorCode() & 0xff) != SQLITE_BUSY ||
          std::chrono::steady_clock::now() + pause > deadline) {
        throw;
      }
    }
    std::this_thread::sleep_for(pause);
    pause = std::min(pause * 2, std::chrono::milliseconds(50));
  }
}

// Applies pending migrations in one immediate transaction, so two processes starting on one
// file at once apply each migration exactly once (the second waits, then finds nothing to do).
void ApplyMigrations(SQLite::Database& db, const std::vector<Migration>& migrations) {
  SQLite::Transaction tx(db, SQLite::TransactionBehavior::IMMEDIATE);
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
      "applied_at INTEGER NOT NULL)");
  // Every migration without a record runs, not only those above the highest: branches that
  // were merged in another order than they were numbered leave gaps (4 applied before 3).
  std::set<int> applied;
  {
    SQLite::Statement q(db, "SELECT version FROM schema_migrations");
    while (q.executeStep()) applied.insert(q.getColumn(0).getInt());
  }
  for (const auto& m : migrations) {
    if (applied.count(m.version) != 0) continue;
    db.exec(std::string(m.sql));
    SQLite::Statement ins(db,
                          "INSERT INTO schema_migrations(version, applied_at) "
                          "VALUES (?, CAST(strftime('%s','now') AS INTEGER) * 1000)");
    ins.bind(1, m.version);
    ins.exec();
  }
  tx.commit();
}

}  // namespace

SqliteStore::SqliteStore(const std::string& path, const StoreOptions& options,
                         const std::vector<Migration>& migrations)
    : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->instance = core::RandomId("ins_");
  try {
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent);
    // The writer's WAL writes go out in one write per commit (see wal_write_batching_vfs.h);
    // readers and the checkpointer read the file through the default VFS.
    impl_->writer = std::make_unique<SQLite::Database>(
        path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | kOneThreadAtATime, 0,
        WalWriteBatchingVfs());
    ConfigureConnection(*impl_->writer);
    // SQLite opens a file it may not write read-only without a word, and every write would
    // then fail while reads (and once /readyz) looked fine: refuse to start instead.
    if (sqlite3_db_readonly(impl_->writer->getHandle(), "main") == 1) {
      throw StoreError(
          "the database file is read-only for this user; make it and its folder "
          "writable");
    }
    // WAL lets readers run beside the single writer; FULL syncs the WAL on every commit, which
    // is what "answered 200 means durable" needs. Group commit pays that sync once per batch.
    EnterWalMode(*impl_->writer);
    impl_->writer->exec("PRAGMA synchronous=FULL");
    // The batching VFS is only safe when every commit syncs the WAL before publishing it.
    if (impl_->writer->execAndGet("PRAGMA synchronous").getInt() < 2) {
      throw StoreError("sqlite:" + path + ": synchronous=FULL did not take");
    }
    impl_->writer->exec("PRAGMA wal_autocheckpoint=0");  // the checkpointer thread does it
    impl_->writer->exec("PRAGMA cache_size=-65536");     // 64 MiB: index pages stay in memory
    // When a batch runs again unit by unit (a unit failed: see group_commit.h), each unit runs
    // inside a savepoint, and SQLite keeps a copy of every page the unit changes so it can
    // roll the unit back alone. By default that copy spills to a file in /var/tmp past 64 KiB,
    // which one intake exceeds (three pwrites for every WAL one, measured when every batch
    // took savepoints). In memory it is a memcpy and is freed when the batch ends.
    impl_->writer->exec("PRAGMA temp_store=MEMORY");
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

core::Result<IntakeResult> SqliteStore::Intake(const IntakeRequest& req) {
  try {
    return IntakeUnit(req);
  } catch (const UnitRefused& refused) {
    return refused.status();
  }
}

IntakeResult SqliteStore::IntakeUnit(const IntakeRequest& req) {
  return Translated([&] {
    return impl_->committer->Call([&]() -> IntakeResult {
      const MessageRecord& m = req.message;
      // The journal record first: its replay must get the first outcome, not "replayed".
      if (auto before = AppliedBefore(impl_->writes, req)) return *before;
      IntakeResult result;
      if (!req.replay_token.empty()) {
        SQLite::Statement& seen =
            impl_->writes.Get("SELECT 1 FROM replay_tokens WHERE channel = ? AND token = ?");
        seen.bind(1, m.channel);
        seen.bind(2, req.replay_token);
        if (seen.executeStep()) {
          result.replayed = true;
          return result;
        }
        SQLite::Statement& forget =
            impl_->writes.Get("DELETE FROM replay_tokens WHERE expires_at < ?");
        forget.bind(1, m.received_at_ms);
        forget.exec();
        SQLite::Statement& keep = impl_->writes.Get(
            "INSERT INTO replay_tokens(channel, token, expires_at) VALUES (?,?,?)");
        keep.bind(1, m.channel);
        keep.bind(2, req.replay_token);
        keep.bind(3, req.replay_expires_at_ms);
        keep.exec();
      }
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
            "created_at, updated_at, version, reply_address, reporter_contact, relayed_by, "
            "content_private, consent, linked_to, details, topic) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?,?,?,?,?,?,?,?)");
        ins.bind(1, t.id);
        ins.bind(2, Column(t.status));
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
        ins.bind(15, t.reply_address);
        ins.bind(16, t.reporter_contact);
        ins.bind(17, t.relayed_by);
        ins.bind(18, t.content_private ? 1 : 0);
        ins.bind(19, t.consent);
        ins.bind(20, t.linked_to);
        ins.bind(21, t.details_json);
        ins.bind(22, t.topic);
        try {
          ins.exec();
        } catch (const SQLite::Exception& e) {
          // The ticket insert is the only statement here with a key the caller chose.
          int code = sqlite3_extended_errcode(impl_->writer->getHandle());
          if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_PRIMARYKEY ||
              code == SQLITE_CONSTRAINT_PRIMARYKEY || code == SQLITE_CONSTRAINT_UNIQUE) {
            throw UnitRefused(
                core::Status::Conflict("ticket_id_taken", "ticket id " + t.id + " is taken"));
          }
          throw;
        }
        EventRecord created;
        created.actor = core::Actor::System();
        created.kind = core::EventKind::kCreated;
        created.to_status = Column(t.status);
        InsertEvent(impl_->writes, t.id, m.received_at_ms, created);
        if (t.status == core::TicketStatus::kRouted) {
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
        EventRecord message;
        message.actor = core::Actor::Resident();
        message.kind = core::EventKind::kResidentMessage;
        message.public_note = m.text;
        InsertEvent(impl_->writes, req.attach_to_ticket, m.received_at_ms, message);
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
        InsertOutbox(impl_->writes, result.ticket_id, m.received_at_ms, o);
      }
      InsertMedia(impl_->writes, result.ticket_id, m, req.media);
      for (const auto& change : req.ticket_changes) {
        if (ApplyTicketChange(impl_->writes, change, m.received_at_ms) != ChangeOutcome::kChanged) {
          throw UnitRefused(ConcurrentChangeStatus("ticket " + change.ticket_id +
                                                   " changed before this message was stored"));
        }
      }
      WriteConversations(impl_->writes, req.conversations, m.received_at_ms);
      result.reply = req.reply;
      RecordApplied(impl_->writes, req, result);
      return result;
    });
  });
}

std::optional<TicketRecord> SqliteStore::GetTicket(const std::string& id) {
  try {
    Impl::Reader r(impl_.get());
    return ReadTicket(r.statements(), id, /*with_events=*/true);
  } catch (const SQLite::Exception& e) {
    throw StoreError(std::string("reading ticket: ") + e.what());
  }
}

std::string SqliteStore::TicketOfMessage(const std::string& channel,
                                         const std::string& provider_message_id) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get(
        "SELECT COALESCE(ticket_id, '') FROM messages "
        "WHERE channel = ? AND provider_message_id = ?");
    q.bind(1, channel);
    q.bind(2, provider_message_id);
    return q.executeStep() ? q.getColumn(0).getString() : std::string();
  });
}

bool SqliteStore::Ping() {
  try {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q = r.Get("SELECT 1");
    return q.executeStep();
  } catch (const std::exception&) {
    return false;
  }
}

void SqliteStore::ProbeWrite(int64_t now_ms) {
  constexpr int64_t kProbeRowLifetimeMs = int64_t{7} * 24 * 3600 * 1000;
  Translated([&] {
    impl_->committer->Run([&] {
      SQLite::Statement& up = impl_->writes.Get(
          "INSERT INTO health_probe(instance, probed_at) VALUES (?1, ?2) "
          "ON CONFLICT (instance) DO UPDATE SET probed_at = excluded.probed_at");
      up.bind(1, impl_->instance);
      up.bind(2, now_ms);
      up.exec();
      // Each start is a new instance id: rows of instances gone for a week go.
      SQLite::Statement& old = impl_->writes.Get("DELETE FROM health_probe WHERE probed_at < ?1");
      old.bind(1, now_ms - kProbeRowLifetimeMs);
      old.exec();
    });
  });
}

WriteHealth SqliteStore::LastWrites() const {
  return {impl_->committer->last_commit_ms(), impl_->committer->last_failure_ms(),
          impl_->committer->last_failure()};
}

int SqliteStore::SchemaVersion() {
  Impl::Reader r(impl_.get());
  return CurrentVersion(r.db());
}

uint64_t SqliteStore::ReaderFullScanSteps() {
  std::lock_guard<std::mutex> lock(impl_->readers_mu);
  uint64_t steps = 0;
  for (const auto& reader : impl_->idle_readers) {
    sqlite3* db = reader->db->getHandle();
    for (sqlite3_stmt* q = sqlite3_next_stmt(db, nullptr); q; q = sqlite3_next_stmt(db, q)) {
      steps += static_cast<uint64_t>(sqlite3_stmt_status(q, SQLITE_STMTSTATUS_FULLSCAN_STEP, 0));
    }
  }
  return steps;
}

uint64_t SqliteStore::CommittedBatches() const { return impl_->committer->batches(); }
uint64_t SqliteStore::CommittedWrites() const { return impl_->committer->units(); }

}  // namespace aduan::storage
