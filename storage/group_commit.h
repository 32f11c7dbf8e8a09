// Group commit: many threads' writes share one transaction and one sync.
//
// Each caller hands Run() a unit of work; a single committer thread takes every unit waiting,
// runs them one after another inside one transaction (each under its own savepoint, so one
// failing unit rolls back alone), commits once, and only then releases the callers. While a
// commit syncs, new units queue up and form the next batch: batching comes from load, not from
// an artificial delay, so a lone request is not slowed down.
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
  // StoreError is thrown and none of the batch's changes happened.
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
  void Loop();
  void RunBatch(std::deque<Job>& batch);

  BatchTransaction* tx_;
  const size_t max_batch_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Job> queue_;
  bool stopping_ = false;
  uint64_t batches_ = 0;
  uint64_t units_ = 0;
  std::thread thread_;
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_GROUP_COMMIT_H_
