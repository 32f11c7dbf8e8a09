// A bounded pool of PostgreSQL connections for reads.
//
// Connections open lazily, up to `size`; Borrow() waits while all of them are lent out, so a
// burst of reads queues here instead of opening more server connections than configured.
// A connection found broken when returned is closed, and the next borrower opens a fresh one.
// Borrow() waits for a free connection at most one statement deadline: every lent connection
// is bounded by it, so a longer wait means the database is not answering.
// Thread safety: Borrow() and the returned handles may be used from any thread.
#ifndef ADUAN_STORAGE_POSTGRES_PG_POOL_H_
#define ADUAN_STORAGE_POSTGRES_PG_POOL_H_

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "storage/postgres/pg_connection.h"

namespace aduan::storage {

class PgPool {
 public:
  PgPool(std::string url, int size, PgTimeouts timeouts);

  // A connection lent for one call; goes back to the pool when destroyed.
  class Handle {
   public:
    Handle(PgPool* pool, std::unique_ptr<PgConnection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    ~Handle();
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;
    PgConnection& operator*() { return *conn_; }
    PgConnection* operator->() { return conn_.get(); }

   private:
    PgPool* pool_;
    std::unique_ptr<PgConnection> conn_;
  };

  // Throws PgError when a new connection cannot be opened, or none came free in time.
  Handle Borrow();

 private:
  void Return(std::unique_ptr<PgConnection> conn);

  const std::string url_;
  const int size_;
  const PgTimeouts timeouts_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<PgConnection>> idle_;
  int open_ = 0;  // idle plus lent out
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_POSTGRES_PG_POOL_H_
