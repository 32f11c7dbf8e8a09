// Group commit: many threads' writes share one transaction and one sync.
//
// Each caller hands Run() a unit of work; a single committer thread takes every unit waiting,
// runs them one after another inside one transaction (each under its own savepoint, so one
// failing unit rolls back alone), commits once, and releases the callers only once the batch
// is durable. While a commit syncs, new units queue up and form the next batch: batching comes
// from load, not from an artificial delay, so a lone request is not slowed down.
//
// A backend may split "committed" from "durable" (BatchTransaction::SyncsAfterCommit): then a
// second thread syncs while the committer already runs the next batch, so the disk's flush
// overlaps the next batch's SQL instead of following it, and one sync may cover several
// batches. Callers are still released only after the sync that covers their batch.
//
// Thread safety: Run() may be called from any thread. Work runs on the committer thread only,
// so it may use the backend's write connection without locking.
#ifndef ADUAN_STORAGE_GROUP_COMMIT_H_
#define ADUAN_STORAGE_GROUP_COMMIT_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <mutex>
#include <optional>
#include <thread>
#include <type_traits>
#include <vector>

namespace aduan::storage {

// The backend's transaction verbs, called only on the committer thread.
class BatchTransaction {
 public:
  virtual ~BatchTransaction() = default;
  virtual void Begin() = 0;
  // Returns when the batch is committed (durable too, unless SyncsAfterCommit()); throws on
  // failure.
  virtual void Commit() = 0;
  virtual void Rollback() noexcept = 0;
  virtual void Savepoint() = 0;
  virtual void ReleaseSavepoint() = 0;
  virtual void RollbackToSavepoint() = 0;
  // Called after a batch's callers were released, outside any transaction: housekeeping
  // that must not delay an answer but must not race the next batch either.
  virtual void AfterBatch() {}
  // True when Commit() leaves the batch committed but not yet durable, and Sync() makes it so.
  virtual bool SyncsAfterCommit() const { return false; }
  // Makes every batch whose Commit() returned before this call durable; throws on failure.
  // Runs on the committer's sync thread while the committer thread may be inside the next
  // batch, so it must not use the write connection.
  virtual void Sync() {}
};

class GroupCommitter {
 public:
  // `tx` must outlive the committer. `max_batch` bounds one transaction's size.
  GroupCommitter(BatchTransaction* tx, int max_batch);
  ~GroupCommitter();  // finishes queued work, then stops the threads
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Runs `work` in the next batch and returns once that batch is durable. If `work` throws,
  // its changes are rolled back and the exception is rethrown here; if the commit fails,
  // StoreError is thrown and none of the batch's changes happened; if the sync after the commit
  // fails, StoreError is thrown though the changes may have been kept (so callers must treat
  // it like any failed write: the client retries, and dedupe finds what was kept).
  void Run(std::function<void()> work);

  // Run() for work that returns a value.
  template <class F>
  auto Call(F&& f) -> std::invoke_result_t<F> {
    std::optional<std::invoke_result_t<F>> result;
    Run([&] { result.emplace(f()); });
    return std::move(*result);
  }

  // Batches committed so far and units of work in them (for metrics and tests).
  uint64_t batches() const;
  uint64_t units() const;
  // Units waiting for the next batch right now.
  size_t queued() const;

 private:
  struct Job {
    std::function<void()> work;
    std::promise<void> done;
  };
  // A committed batch waiting for its sync: each job's own error, if its work threw.
  struct Committed {
    std::deque<Job> jobs;
    std::vector<std::exception_ptr> errors;
  };
  void Loop();
  void RunBatch(std::deque<Job>& batch);
  void SyncLoop();
  // Answers every caller of `c`: its work's error, else `failure` (a failed sync), else done.
  static void Release(Committed& c, const std::exception_ptr& failure);

  BatchTransaction* tx_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  uint64_t batches_ = 0;
  uint64_t units_ = 0;
  std::thread thread_;

  // Committed batches waiting for the sync thread (only when tx_->SyncsAfterCommit()).
  std::mutex sync_mu_;
  std::condition_variable sync_cv_;
  std::deque<Committed> to_sync_;
  bool sync_stopping_ = false;
  std::thread syncer_;
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_GROUP_COMMIT_H_
