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

  // Every Store method (storage/store.h is the contract).
#include "storage/store_overrides.inc"

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
