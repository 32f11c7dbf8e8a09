// /readyz's decision: can this instance take a complaint right now?
//
// Ready means a write just went through the path every complaint takes (Store::ProbeWrite:
// group commit, write connection, durable commit) and no write transaction has failed since
// the last one that committed. A database that answers reads but refuses writes (disk full, a
// read-only file) is therefore not ready, and neither is one that does not answer at all.
//
// Check() answers within `wait` whatever the database does: the probe runs on this object's
// own thread, and a caller that runs out of time is told so while the probe goes on. Probes
// are shared: callers arriving while one runs wait for it, and a result is reused for `reuse`,
// so a load balancer polling /readyz many times a second costs one small write per `reuse`.
// Thread safety: Check() may be called from any number of threads. The destructor waits for a
// running probe (at most the store's statement deadline).
#ifndef ADUAN_GATEWAY_READINESS_H_
#define ADUAN_GATEWAY_READINESS_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "storage/store.h"

namespace aduan::gateway {

struct Readiness {
  bool ready = false;
  std::string code;     // when not ready: storage_timeout, storage_write_failed, ...
  std::string message;  // when not ready: what failed, for the operator
};

class ReadinessProbe {
 public:
  ReadinessProbe(storage::Store* store, std::function<int64_t()> now_ms,
                 std::chrono::milliseconds wait = std::chrono::milliseconds(800),
                 std::chrono::milliseconds reuse = std::chrono::milliseconds(1000));
  ~ReadinessProbe();
  ReadinessProbe(const ReadinessProbe&) = delete;
  ReadinessProbe& operator=(const ReadinessProbe&) = delete;

  Readiness Check();

 private:
  void Loop();
  Readiness RunProbe();
  // Not ready when a write transaction failed after the last commit (a probe's included).
  Readiness WithWriteMemory(Readiness r) const;

  storage::Store* store_;
  std::function<int64_t()> now_ms_;
  const std::chrono::milliseconds wait_;
  const std::chrono::milliseconds reuse_;

  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool running_ = false;    // a probe is under way (or asked for)
  uint64_t completed_ = 0;  // probes finished so far
  Readiness last_;          // the latest finished probe's result
  std::chrono::steady_clock::time_point last_done_;
  std::thread thread_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_READINESS_H_
