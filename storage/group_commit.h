// Group commit: many threads' writes share one transaction and one sync.
//
// Each caller hands Run() a unit of work; a single committer thread takes every unit waiting,
// runs them one after another inside one transaction, commits once, and only then releases the
// callers. While a commit syncs, new units queue up and form the next batch: batching comes
// from load, not from an artificial delay, so a lone request is not slowed down.
//
// Units rarely fail, so a batch first runs without savepoints (SQLite copies every page a
// savepoint's unit changes, which was a fifth of the committer's time). If a unit throws, the
// whole transaction is rolled back and the batch runs again with each other unit under its own
// savepoint, so the others commit; the failed unit is not run again (it would meet the same
// state), and its caller gets its exception.
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
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace aduan::storage {

// The backend's transaction verbs, called only on the committer thread.
class BatchTransaction {
 public:
  virtual ~BatchTransaction() = default;
  virtual void Begin() = 0;
  virtual void Commit() = 0;  // returns when the batch is durable; throws on failure
  virtual void Rollback() noexcept = 0;
  virtual void Savepoint() = 0;
  virtual void ReleaseSavepoint() = 0;
  virtual void RollbackToSavepoint() = 0;
  // Called after a batch's callers were released, outside any transaction: housekeeping
  // that must not delay an answer but must not race the next batch either.
  virtual void AfterBatch() {}
};

class GroupCommitter {
 public:
  // `tx` must outlive the committer. `max_batch` bounds one transaction's size.
  GroupCommitter(BatchTransaction* tx, int max_batch);
  ~GroupCommitter();  // finishes queued work, then stops the thread
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  // Runs `work` in the next batch and returns once that batch committed. If `work` throws,
  // its changes are rolled back and the exception is rethrown here; if the commit fails,
  // StoreError is thrown and none of the batch's changes happened. `work` may run twice (see
  // above), the first run's changes rolled back: apart from its result it must have no effect
  // outside the transaction.
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
  // Batches that ran a second time, unit by unit, because a unit failed.
  uint64_t rerun_batches() const;
  // Units waiting for the next batch right now.
  size_t queued() const;
  // When a batch last committed and last failed as a whole (Begin or Commit failed), and the
  // failure's message: Unix milliseconds, 0 for never.
  int64_t last_commit_ms() const;
  int64_t last_failure_ms() const;
  std::string last_failure() const;

 private:
  struct Job {
    std::function<void()> work;
    std::promise<void> done;
  };
  enum class BatchEnd { kCommitted, kUnitFailed, kFailed };
  void Loop();
  void RunBatch(std::deque<Job>& batch);
  // One try at the batch, skipping units that already have an error. Without `isolate_units`
  // the first failing unit ends it: its error goes in `errors`, the transaction is rolled back,
  // kUnitFailed. With it, each failure is kept in `errors` and the rest commit. kFailed: the
  // transaction itself failed, `*failure` says why.
  BatchEnd TryBatch(std::deque<Job>& batch, bool isolate_units,
                    std::vector<std::exception_ptr>& errors, std::exception_ptr* failure);

  BatchTransaction* tx_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  uint64_t batches_ = 0;
  uint64_t units_ = 0;
  uint64_t rerun_batches_ = 0;
  int64_t last_commit_ms_ = 0;
  int64_t last_failure_ms_ = 0;
  std::string last_failure_;
  std::thread thread_;
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_GROUP_COMMIT_H_
