// The connection front's event loops and what they share with its workers (http_front.h).
// Internal to the front.
//
// Ownership: FrontShared owns the loops; each loop owns its connections. A connection handed
// to a worker stays in its loop's table but is touched only by that worker until the worker
// gives it back (EventLoop::Return). Fields of FrontShared set before Serve() are read-only
// while serving; the rest are atomics or guarded by the mutex named beside them.
#ifndef ADUAN_GATEWAY_HTTP_FRONT_LOOP_H_
#define ADUAN_GATEWAY_HTTP_FRONT_LOOP_H_

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "gateway/http/front_connection.h"
#include "gateway/http/front_limits.h"
#include "gateway/http/request_framing.h"

namespace aduan::gateway {
class Metrics;
}  // namespace aduan::gateway

namespace aduan::gateway::front {

class EventLoop;

struct FrontShared {
  RoutingServer* router = nullptr;
  FrontLimits limits;
  BodyLimitFn body_limit;
  InlineRouteFn inline_route;
  Metrics* metrics = nullptr;
  AnswerGate* gate = nullptr;
  int listen_fd = -1;  // watched and closed by loop 0 only

  std::atomic<bool> stopping{false};
  std::atomic<uint64_t> next_id{2};  // 0 and 1 name each epoll's listener and wake descriptor
  std::atomic<int> open_connections{0};
  std::atomic<int64_t> buffered{0};  // request bytes all connections hold
  std::atomic<int> held_answers{0};

  std::mutex address_mu;
  std::unordered_map<std::string, int> per_address;  // guarded by address_mu

  std::mutex refusal_mu;
  std::map<std::string, uint64_t> refusals_since_log;  // guarded by refusal_mu

  // The worker pool: connections with a complete request, or the rest of an answer to write.
  std::mutex work_mu;
  std::condition_variable work_cv;
  std::deque<Connection*> ready;  // guarded by work_mu
  bool workers_quit = false;      // guarded by work_mu

  std::vector<std::unique_ptr<EventLoop>> loops;  // fixed from construction on

  void CountRefusal(const std::string& reason);
  void HandToWorker(Connection* c);
  // A worker thread's life: routes requests and finishes writes until told to quit.
  void WorkerLoop();
  void WakeAll();
};

class EventLoop {
 public:
  EventLoop(FrontShared* shared, int index);
  ~EventLoop();
  EventLoop(const EventLoop&) = delete;
  EventLoop& operator=(const EventLoop&) = delete;

  // Creates the epoll and wake descriptors (loop 0 also watches the listener). False on error.
  bool Open();
  // Serves until the front stops and no connection of this loop is with a worker.
  void Run();
  // Any thread: makes Run() look at its queues and the stop flag.
  void Wake();
  // Any thread: a connection accepted by loop 0 for this loop to serve.
  void Adopt(std::unique_ptr<Connection> c);
  // A worker thread: gives back a connection whose request it routed or whose answer it wrote.
  void Return(Connection* c);

 private:
  void Watch(Connection* c);
  void Account(Connection* c);
  void DropRequest(Connection* c);
  void Close(Connection* c);
  void Refuse(Connection* c, int status, const std::string& code, const std::string& message);
  void Accept();
  void Serve(std::unique_ptr<Connection> c);
  void OnReadable(Connection* c);
  void Frame(Connection* c);
  void Dispatch(Connection* c);
  bool IsInline(const Connection& c) const;
  void RouteHere(Connection* c);
  void SendAnswer(Connection* c);
  void Resume(Connection* c);
  void TakeQueues();
  void ReleaseHeld();
  void Sweep(int64_t now);
  void BeginStop();

  FrontShared& s_;
  const int index_;
  int epoll_fd_ = -1;
  std::atomic<int> wake_fd_{-1};     // Wake() may run before Open() or after the loop ends
  int64_t accept_paused_until_ = 0;  // after EMFILE: the listener rests instead of spinning
  size_t next_loop_ = 0;             // loop 0: where the next accepted connection goes
  int64_t last_refusal_log_ = 0;

  // This loop's thread only.
  std::unordered_map<uint64_t, std::unique_ptr<Connection>> conns_;
  int in_worker_ = 0;  // connections not watched: with a worker, holding, or finishing a write
  std::vector<Connection*> holding_;  // answers held until the gate releases them
  std::deque<uint64_t> reframe_;      // connections whose next request was already read

  std::mutex mu_;
  std::vector<Connection*> returned_;                  // guarded by mu_
  std::vector<std::unique_ptr<Connection>> incoming_;  // guarded by mu_
};

}  // namespace aduan::gateway::front

#endif  // ADUAN_GATEWAY_HTTP_FRONT_LOOP_H_
