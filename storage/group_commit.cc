#include "storage/group_commit.h"

#include <pthread.h>

#include <chrono>
#include <string>

#include "storage/store.h"

namespace aduan::storage {

GroupCommitter::GroupCommitter(BatchTransaction* tx, int max_batch)
    : tx_(tx), max_batch_(max_batch > 0 ? static_cast<size_t>(max_batch) : 1) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "aduan-commit");  // visible in top -H and perf
    Loop();
  });
}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void GroupCommitter::Run(std::function<void()> work) {
  std::future<void> done;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (stopping_) throw StoreError("store is shutting down");
    queue_.push_back(Job{std::move(work), {}});
    done = queue_.back().done.get_future();
  }
  cv_.notify_one();
  done.get();  // rethrows the work's or the commit's exception
}

uint64_t GroupCommitter::batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return batches_;
}

uint64_t GroupCommitter::units() const {
  std::lock_guard<std::mutex> lock(mu_);
  return units_;
}

uint64_t GroupCommitter::rerun_batches() const {
  std::lock_guard<std::mutex> lock(mu_);
  return rerun_batches_;
}

size_t GroupCommitter::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

int64_t GroupCommitter::last_commit_ms() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_commit_ms_;
}

int64_t GroupCommitter::last_failure_ms() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_failure_ms_;
}

std::string GroupCommitter::last_failure() const {
  std::lock_guard<std::mutex> lock(mu_);
  return last_failure_;
}

namespace {
int64_t UnixMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

void GroupCommitter::Loop() {
  for (;;) {
    std::deque<Job> batch;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything queued has been served
      while (!queue_.empty() && batch.size() < max_batch_) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
    }
    RunBatch(batch);
  }
}

GroupCommitter::BatchEnd GroupCommitter::TryBatch(std::deque<Job>& batch, bool isolate_units,
                                                  std::vector<std::exception_ptr>& errors,
                                                  std::exception_ptr* failure) {
  try {
    tx_->Begin();
  } catch (const std::exception& e) {
    *failure = std::make_exception_ptr(StoreError(std::string("cannot begin: ") + e.what()));
    return BatchEnd::kFailed;
  }
  try {
    for (size_t i = 0; i < batch.size(); ++i) {
      if (errors[i]) continue;  // failed in the first try, against this same state
      if (!isolate_units) {
        try {
          batch[i].work();
        } catch (...) {
          errors[i] = std::current_exception();
          tx_->Rollback();
          return BatchEnd::kUnitFailed;
        }
        continue;
      }
      tx_->Savepoint();
      try {
        batch[i].work();
        tx_->ReleaseSavepoint();
      } catch (...) {
        errors[i] = std::current_exception();
        tx_->RollbackToSavepoint();
      }
    }
    tx_->Commit();
  } catch (const std::exception& e) {
    // A failed savepoint or commit leaves no unit durable: every caller hears about it.
    tx_->Rollback();
    *failure = std::make_exception_ptr(StoreError(std::string("commit failed: ") + e.what()));
    return BatchEnd::kFailed;
  }
  return BatchEnd::kCommitted;
}

void GroupCommitter::RunBatch(std::deque<Job>& batch) {
  std::vector<std::exception_ptr> errors(batch.size());
  std::exception_ptr failure;
  BatchEnd end = TryBatch(batch, /*isolate_units=*/false, errors, &failure);
  if (end == BatchEnd::kUnitFailed && batch.size() == 1) {
    batch[0].done.set_exception(errors[0]);  // rolled back, and nothing else to commit
    return;
  }
  if (end == BatchEnd::kUnitFailed) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      ++rerun_batches_;
    }
    end = TryBatch(batch, /*isolate_units=*/true, errors, &failure);
  }
  if (end == BatchEnd::kFailed) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      last_failure_ms_ = UnixMs();
      try {
        std::rethrow_exception(failure);
      } catch (const std::exception& e) {
        last_failure_ = e.what();
      }
    }
    for (auto& job : batch) job.done.set_exception(failure);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++batches_;
    units_ += batch.size();
    last_commit_ms_ = UnixMs();
  }
  for (size_t i = 0; i < batch.size(); ++i) {
    if (errors[i]) {
      batch[i].done.set_exception(errors[i]);
    } else {
      batch[i].done.set_value();
    }
  }
  try {
    tx_->AfterBatch();
  } catch (const std::exception&) {
    // Housekeeping failures (a checkpoint that could not finish) are retried next batch.
  }
}

}  // namespace aduan::storage
