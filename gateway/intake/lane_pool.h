// A fixed set of threads that run one batch's lanes at a time: RunLanes(count, job) runs
// job(0) .. job(count - 1), on the pool's threads and the caller's, and returns when all are
// done.
//
// The threads are started once, by the constructor, on the calling thread: they inherit its
// scheduling (the intake processor lowers its own priority first). Starting threads per batch
// cost more CPU than a small batch's work. RunLanes is called from one thread at a time; the
// destructor stops and joins the threads and must not run while RunLanes does.
#ifndef ADUAN_GATEWAY_INTAKE_LANE_POOL_H_
#define ADUAN_GATEWAY_INTAKE_LANE_POOL_H_

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace aduan::gateway {

class LanePool {
 public:
  // `threads` besides the caller's; 0 runs every lane on the caller.
  explicit LanePool(int threads);
  ~LanePool();
  LanePool(const LanePool&) = delete;
  LanePool& operator=(const LanePool&) = delete;

  void RunLanes(size_t count, const std::function<void(size_t)>& job);

 private:
  void Worker();  // a thread's loop, until quit_

  std::vector<std::thread> threads_;
  std::mutex mu_;
  std::condition_variable work_cv_;  // a batch's lanes are there, or quit
  std::condition_variable done_cv_;  // the batch's last lane finished
  // The batch under way and the lanes handed out of it; under mu_.
  const std::function<void(size_t)>* job_ = nullptr;
  size_t next_ = 0, count_ = 0, finished_ = 0;
  bool quit_ = false;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_INTAKE_LANE_POOL_H_
