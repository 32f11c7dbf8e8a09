#include "gateway/common/pass_loop.h"

#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <exception>
#include <utility>

#include "gateway/common/log.h"

namespace aduan::gateway {

int64_t PassBackoffMs(const PassLoopOptions& options, int failed_passes) {
  const int doublings = std::clamp(failed_passes - 1, 0, 5);
  return std::min<int64_t>(options.idle_poll_ms << doublings, options.max_backoff_ms);
}

PassLoop::PassLoop(PassLoopOptions options, std::function<int()> pass)
    : options_(std::move(options)), pass_(std::move(pass)) {}

PassLoop::~PassLoop() { Stop(); }

void PassLoop::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Run(); });
}

void PassLoop::Run() {
  pthread_setname_np(pthread_self(), options_.thread_name.c_str());
  int failed_passes = 0;  // in a row
  for (;;) {
    int done = 0;
    try {
      done = pass_();
      if (failed_passes > 0) {
        std::string msg = options_.name;
        msg += " passes work again";
        Log(LogLevel::kInfo, msg, {{"failed_passes", failed_passes}});
        failed_passes = 0;
      }
    } catch (const std::exception& e) {
      ++failed_passes;
      if (failed_passes == 1 || failed_passes % 50 == 0) {
        std::string msg = options_.name;
        msg += " pass failed";
        Log(LogLevel::kError, msg, {{"error", e.what()}, {"failed_passes", failed_passes}});
      }
    }
    std::unique_lock<std::mutex> lock(mu_);
    if (stopping_) return;
    if (failed_passes > 0) {
      cv_.wait_for(lock, std::chrono::milliseconds(PassBackoffMs(options_, failed_passes)),
                   [this] { return stopping_; });
    } else if (done == 0) {
      cv_.wait_for(lock, std::chrono::milliseconds(options_.idle_poll_ms),
                   [this] { return stopping_ || woken_; });
    }
    woken_ = false;
    if (stopping_) return;
  }
}

void PassLoop::Wake() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    woken_ = true;
  }
  cv_.notify_all();
}

void PassLoop::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stopping_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace aduan::gateway
