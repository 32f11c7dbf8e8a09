#include "gateway/http/readiness.h"

#include <pthread.h>

#include "gateway/common/log.h"

namespace aduan::gateway {

ReadinessProbe::ReadinessProbe(storage::Store* store, std::function<int64_t()> now_ms,
                               std::chrono::milliseconds wait, std::chrono::milliseconds reuse)
    : store_(store), now_ms_(std::move(now_ms)), wait_(wait), reuse_(reuse) {
  thread_ = std::thread([this] {
    pthread_setname_np(pthread_self(), "aduan-ready");
    Loop();
  });
}

ReadinessProbe::~ReadinessProbe() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

Readiness ReadinessProbe::Check() {
  std::unique_lock<std::mutex> lock(mu_);
  bool fresh =
      completed_ > 0 && !running_ && std::chrono::steady_clock::now() - last_done_ < reuse_;
  if (!fresh) {
    // A probe already under way started before this call and finishes as completed_ + 1.
    uint64_t target = completed_ + 1;
    if (!running_) {
      running_ = true;
      cv_.notify_all();
    }
    if (!cv_.wait_for(lock, wait_, [&] { return completed_ >= target || stopping_; })) {
      return {false, "storage_timeout",
              "storage did not complete a write within " + std::to_string(wait_.count()) +
                  " ms; the database may be stopped, overloaded or unreachable"};
    }
  }
  Readiness r = last_;
  lock.unlock();
  return WithWriteMemory(std::move(r));
}

Readiness ReadinessProbe::WithWriteMemory(Readiness r) const {
  if (!r.ready) return r;
  storage::WriteHealth h = store_->LastWrites();
  if (h.last_failure_ms > h.last_commit_ms) {
    return {false, "storage_write_failed",
            "the last write transaction failed at " + FormatTime(h.last_failure_ms) + ": " +
                h.last_failure};
  }
  return r;
}

Readiness ReadinessProbe::RunProbe() {
  if (!store_->Ping()) {
    return {false, "storage_unavailable", "storage does not answer a read"};
  }
  try {
    store_->ProbeWrite(now_ms_());
    return {true, "", ""};
  } catch (const std::exception& e) {
    return {false, "storage_write_failed", std::string("a test write failed: ") + e.what()};
  }
}

void ReadinessProbe::Loop() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    cv_.wait(lock, [this] { return stopping_ || running_; });
    if (stopping_) return;
    lock.unlock();
    Readiness r = RunProbe();
    if (!r.ready) Log(LogLevel::kWarn, "not ready", {{"code", r.code}, {"reason", r.message}});
    lock.lock();
    last_ = std::move(r);
    last_done_ = std::chrono::steady_clock::now();
    ++completed_;
    running_ = false;
    cv_.notify_all();
  }
}

}  // namespace aduan::gateway
