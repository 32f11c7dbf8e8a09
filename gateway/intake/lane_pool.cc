#include "gateway/intake/lane_pool.h"

namespace aduan::gateway {

LanePool::LanePool(int threads) {
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Worker(); });
}

LanePool::~LanePool() {
  {
    std::lock_guard lock(mu_);
    quit_ = true;
  }
  work_cv_.notify_all();
  for (auto& t : threads_) t.join();
}

void LanePool::RunLanes(size_t count, const std::function<void(size_t)>& job) {
  if (count == 0) return;
  if (count == 1 || threads_.empty()) {
    for (size_t k = 0; k < count; ++k) job(k);
    return;
  }
  std::unique_lock lock(mu_);
  job_ = &job;
  next_ = 0;
  count_ = count;
  finished_ = 0;
  work_cv_.notify_all();
  // This thread works too; it returns once every lane is finished, so no worker touches `job`
  // after it is gone (a worker only runs a lane it took while next_ < count_).
  while (next_ < count_) {
    size_t k = next_++;
    lock.unlock();
    job(k);
    lock.lock();
    ++finished_;
  }
  done_cv_.wait(lock, [&] { return finished_ == count_; });
  job_ = nullptr;
}

void LanePool::Worker() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] { return quit_ || (job_ && next_ < count_); });
    if (quit_) return;
    size_t k = next_++;
    const auto* job = job_;
    lock.unlock();
    (*job)(k);
    lock.lock();
    if (++finished_ == count_) done_cv_.notify_all();
  }
}

}  // namespace aduan::gateway
