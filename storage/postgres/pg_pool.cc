#include "storage/postgres/pg_pool.h"

namespace aduan::storage {

PgPool::PgPool(std::string url, int size) : url_(std::move(url)), size_(size > 0 ? size : 1) {}

PgPool::Handle::~Handle() {
  if (conn_) pool_->Return(std::move(conn_));
}

PgPool::Handle PgPool::Borrow() {
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [this] { return !idle_.empty() || open_ < size_; });
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return Handle(this, std::move(conn));
    }
    ++open_;  // reserve the slot, then connect without holding the lock
  }
  try {
    return Handle(this, std::make_unique<PgConnection>(url_));
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
