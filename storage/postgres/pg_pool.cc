#include "storage/postgres/pg_pool.h"

#include <chrono>

#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {

PgPool::PgPool(std::string url, int size, PgTimeouts timeouts)
    : url_(std::move(url)), size_(size > 0 ? size : 1), timeouts_(timeouts) {}

PgPool::Handle::~Handle() {
  if (conn_) pool_->Return(std::move(conn_));
}

PgPool::Handle PgPool::Borrow() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    auto free = [this] { return !idle_.empty() || open_ < size_; };
    if (timeouts_.statement_ms > 0) {
      if (!cv_.wait_for(lock, std::chrono::milliseconds(timeouts_.statement_ms), free)) {
        throw PgError("postgresql: all " + std::to_string(size_) +
                          " read connections stayed busy for " +
                          std::to_string(timeouts_.statement_ms) + " ms",
                      "", "");
      }
    } else {
      cv_.wait(lock, free);
    }
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Handle(this, std::move(conn));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
  }
  try {
    return Handle(this, OpenPgConnection(url_, timeouts_));
  } catch (...) {
    std::lock_guard<std::mutex> lock(mu_);
    --open_;
    cv_.notify_one();
    throw;
  }
}

void PgPool::Return(std::unique_ptr<PgConnection> conn) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (conn->broken()) {
      --open_;
    } else {
      idle_.push_back(std::move(conn));
    }
  }
  cv_.notify_one();
}

}  // namespace aduan::storage
