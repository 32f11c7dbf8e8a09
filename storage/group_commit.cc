#include "storage/group_commit.h"

#include <pthread.h>

#include <string>

#include "storage/store.h"

namespace aduan::storage {

GroupCommitter::GroupCommitter(BatchTransaction* tx, int max_batch)
    : tx_(tx), max_batch_(max_batch > 0 ? static_cast<size_t>(max_batch) : 1) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "aduan-commit");  // visible in top -H and perf
    Loop();
  });
  if (tx_->SyncsAfterCommit()) {
    syncer_ = std::thread([this] {
      pthread_setname_np(pthread_self(), "aduan-sync");
      SyncLoop();
    });
  }
}

GroupCommitter::~GroupCommitter() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();  // every queued unit is committed; the syncer still owes some their answer
  if (syncer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(sync_mu_);
      sync_stopping_ = true;
    }
    sync_cv_.notify_all();
    syncer_.join();
  }
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

size_t GroupCommitter::queued() const {
  std::lock_guard<std::mutex> lock(mu_);
  return queue_.size();
}

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

void GroupCommitter::RunBatch(std::deque<Job>& batch) {
  std::vector<std::exception_ptr> errors(batch.size());
  try {
    tx_->Begin();
  } catch (const std::exception& e) {
    auto err = std::make_exception_ptr(StoreError(std::string("cannot begin: ") + e.what()));
    for (auto& job : batch) job.done.set_exception(err);
    return;
  }
  try {
    for (size_t i = 0; i < batch.size(); ++i) {
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
    auto err = std::make_exception_ptr(StoreError(std::string("commit failed: ") + e.what()));
    for (auto& job : batch) job.done.set_exception(err);
    return;
  }
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++batches_;
    units_ += batch.size();
  }
  Committed committed{std::move(batch), std::move(errors)};
  if (tx_->SyncsAfterCommit()) {
    {
      std::lock_guard<std::mutex> lock(sync_mu_);
      to_sync_.push_back(std::move(committed));
    }
    sync_cv_.notify_one();
  } else {
    Release(committed, nullptr);
  }
  try {
    tx_->AfterBatch();
  } catch (const std::exception&) {
    // Housekeeping failures (a checkpoint that could not finish) are retried next batch.
  }
}

void GroupCommitter::SyncLoop() {
  for (;;) {
    std::deque<Committed> synced;
    {
      std::unique_lock<std::mutex> lock(sync_mu_);
      sync_cv_.wait(lock, [this] { return sync_stopping_ || !to_sync_.empty(); });
      if (to_sync_.empty()) return;  // stopping, and every committed batch has been answered
      synced.swap(to_sync_);         // one sync covers every batch committed so far
    }
    std::exception_ptr failure;
    try {
      tx_->Sync();
    } catch (const std::exception& e) {
      failure = std::make_exception_ptr(StoreError(std::string("sync failed: ") + e.what()));
    }
    for (auto& c : synced) Release(c, failure);
  }
}

void GroupCommitter::Release(Committed& c, const std::exception_ptr& failure) {
  for (size_t i = 0; i < c.jobs.size(); ++i) {
    if (c.errors[i]) {
      c.jobs[i].done.set_exception(c.errors[i]);
    } else if (failure) {
      c.jobs[i].done.set_exception(failure);
    } else {
      c.jobs[i].done.set_value();
    }
  }
}

}  // namespace aduan::storage
