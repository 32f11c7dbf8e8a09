// Opening the PostgreSQL store: connections, migrations, the group committer; and Ping.
#include "storage/postgres/pg_store.h"

#include <algorithm>
#include <set>

#include "core/random_id.h"
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

int64_t RetryJitterMicros(int attempt) { return core::RandomBetween(0, int64_t{attempt} * 2000); }
namespace {

// One advisory lock key for "aduan is migrating this database" (any constant works; this one
// reads "aduan" in ASCII).
constexpr int64_t kMigrationLockKey = 0x616475616e;

constexpr int64_t kProbeRowLifetimeMs = int64_t{7} * 24 * 3600 * 1000;

int CurrentVersion(PgConnection& conn) {
  return static_cast<int>(
      conn.Exec("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Int64(0, 0));
}

// Applies pending migrations in one transaction under a transaction-scoped advisory lock: an
// instance starting beside another waits for the lock, then finds nothing left to do. DDL is
// transactional in PostgreSQL, so a failed migration leaves the schema as it was.
// "Pending" is every migration not recorded, not only those above the highest recorded: branches
// merge in any order, so a database migrated to 4 by one build can meet a later build that
// also has 3 (a lower-numbered migration merged after a higher one).
void ApplyMigrations(PgConnection& conn, const std::vector<Migration>& migrations) {
  // A migration may rewrite a large table, and the lock may be held by an instance that is
  // migrating: neither is a server that stopped answering, so they get a longer deadline than
  // a request's statement.
  constexpr int kMigrationTimeoutMs = 10 * 60 * 1000;
  struct Lift {
    PgConnection& conn;
    int saved = conn.statement_timeout_ms();
    ~Lift() { conn.set_statement_timeout_ms(saved); }
  } lift{conn};
  conn.set_statement_timeout_ms(kMigrationTimeoutMs);
  conn.Run("BEGIN");
  try {
    conn.Run("SET LOCAL statement_timeout = " + std::to_string(kMigrationTimeoutMs));
    conn.Exec("SELECT pg_advisory_xact_lock($1::bigint)", {kMigrationLockKey});
    conn.Run(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
        "applied_at BIGINT NOT NULL)");
    std::set<int> applied;
    PgResult done = conn.Exec("SELECT version FROM schema_migrations");
    for (int i = 0; i < done.rows(); ++i) applied.insert(static_cast<int>(done.Int64(i, 0)));
    std::vector<const Migration*> pending;
    for (const auto& m : migrations) {
      if (!applied.count(m.version)) pending.push_back(&m);
    }
    std::sort(pending.begin(), pending.end(),
              [](const Migration* a, const Migration* b) { return a->version < b->version; });
    for (const Migration* m : pending) {
      conn.Run(std::string(m->sql));
      conn.Exec(
          "INSERT INTO schema_migrations(version, applied_at) "
          "VALUES ($1::integer, (extract(epoch FROM now()) * 1000)::bigint)",
          {m->version});
    }
    if (conn.Run("COMMIT").command() != "COMMIT") {
      throw StoreError("postgresql: the migration transaction was rolled back");
    }
  } catch (...) {
    if (!conn.broken()) conn.Run("ROLLBACK");
    throw;
  }
}

}  // namespace

std::unique_ptr<PgConnection> OpenPgConnection(const std::string& url, PgTimeouts timeouts) {
  auto conn = std::make_unique<PgConnection>(url, timeouts);
  conn->Run("SET synchronous_commit = on; SET statement_timeout = " +
            std::to_string(std::max(0, timeouts.statement_ms)));
  return conn;
}

std::optional<TicketRecord> ReadTicket(PgConnection& conn, const std::string& id,
                                       bool with_events) {
  PgResult q =
      conn.Exec(std::string("SELECT ") + kTicketColumns + " FROM tickets WHERE id = $1", {id});
  if (q.rows() == 0) return std::nullopt;
  TicketRecord t = TicketFromRow(PgRow{q, 0});
  if (with_events) {
    PgResult e = conn.Exec(std::string("SELECT ") + kEventColumns +
                               " FROM ticket_events WHERE ticket_id = $1 ORDER BY id",
                           {id});
    for (int i = 0; i < e.rows(); ++i) t.events.push_back(EventFromRow(PgRow{e, i}));
  }
  return t;
}

std::vector<TicketRecord> SelectTickets(PgConnection& conn, const std::string& where_order_limit,
                                        const PgParams& params, TicketFields fields) {
  PgResult q = conn.Exec(
      std::string("SELECT ") + TicketColumnsFor(fields) + " FROM tickets " + where_order_limit,
      params.values);
  std::vector<TicketRecord> out;
  for (int i = 0; i < q.rows(); ++i) out.push_back(TicketFromRow(PgRow{q, i}, fields));
  return out;
}

void InsertEvent(PgConnection& conn, const std::string& ticket_id, int64_t at_ms,
                 const EventRecord& e) {
  conn.Exec(
      "INSERT INTO ticket_events(ticket_id, at, actor, kind, from_status, to_status, "
      "public_note, internal_note) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      {ticket_id, at_ms, Column(e.actor), Column(e.kind), e.from_status, e.to_status, e.public_note,
       e.internal_note});
}

void InsertOutbox(PgConnection& conn, const std::string& ticket_id, int64_t at_ms,
                  const OutboxDraft& o) {
  conn.Exec(
      "INSERT INTO outbox(ticket_id, channel, recipient, kind, body, details, "
      "next_attempt_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $7)",
      {PgParam::NullIfEmpty(ticket_id), o.channel, o.recipient, Column(o.kind), o.body,
       o.details_json, at_ms});
}

PgStore::PgStore(const std::string& url, const StoreOptions& options,
                 const std::vector<Migration>& migrations)
    : impl_(std::make_unique<Impl>()) {
  impl_->url = url;
  impl_->instance = core::RandomId("ins_");
  PgTimeouts timeouts{options.connect_timeout_ms, options.statement_timeout_ms};
  impl_->batch = std::make_unique<PgBatch>(url, timeouts);
  bool connected = false;
  try {
    impl_->batch->Connect();
    connected = true;
    ApplyMigrations(impl_->batch->conn(), migrations);
  } catch (const std::exception& e) {
    if (!connected && options.open_while_unreachable) {
      // Every write fails with StoreError until the server answers; the first batch that
      // reaches it migrates first, so nothing is written to an old schema.
      impl_->batch->RunBeforeFirstBatch(
          [migrations](PgConnection& conn) { ApplyMigrations(conn, migrations); });
    } else {
      // PgError messages already name the redacted URL when the connection itself failed.
      std::string what = e.what();
      throw StoreError(
          what.find(RedactedUrl(url)) == std::string::npos ? RedactedUrl(url) + ": " + what : what);
    }
  }
  impl_->readers = std::make_unique<PgPool>(url, options.pool_size, timeouts);
  impl_->committer = std::make_unique<GroupCommitter>(impl_->batch.get(), options.max_batch);
}

PgStore::~PgStore() {
  impl_->committer.reset();  // drain pending writes before the connection closes
}

bool PgStore::Ping() {
  try {
    auto conn = impl_->readers->Borrow();
    return conn->Exec("SELECT 1").rows() == 1;
  } catch (const std::exception&) {
    return false;
  }
}

void PgStore::ProbeWrite(int64_t now_ms) {
  impl_->Write([&](PgConnection& conn) {
    conn.Exec(
        "INSERT INTO health_probe(instance, probed_at) VALUES ($1, $2) "
        "ON CONFLICT (instance) DO UPDATE SET probed_at = EXCLUDED.probed_at",
        {impl_->instance, now_ms});
    // Each start is a new instance id: rows of instances gone for a week go.
    conn.Exec("DELETE FROM health_probe WHERE probed_at < $1", {now_ms - kProbeRowLifetimeMs});
  });
}

WriteHealth PgStore::LastWrites() const {
  return {impl_->committer->last_commit_ms(), impl_->committer->last_failure_ms(),
          impl_->committer->last_failure()};
}

int PgStore::SchemaVersion() {
  auto conn = impl_->readers->Borrow();
  return CurrentVersion(*conn);
}

uint64_t PgStore::CommittedBatches() const { return impl_->committer->batches(); }
uint64_t PgStore::CommittedWrites() const { return impl_->committer->units(); }

}  // namespace aduan::storage
