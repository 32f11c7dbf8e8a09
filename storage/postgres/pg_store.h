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
//   1. Declare it in storage/store_overrides.inc (both backends include that one list).
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

  // Every Store method (storage/store.h is the contract).
#include "storage/store_overrides.inc"

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
