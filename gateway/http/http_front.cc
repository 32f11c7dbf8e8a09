#include "gateway/http/http_front.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>
#include <thread>
#include <vector>

#include "gateway/common/metrics.h"
#include "gateway/http/front_loop.h"

namespace aduan::gateway {

void front::FrontShared::CountRefusal(const std::string& reason) {
  if (metrics) metrics->Count("aduan_http_front_refusals_total", "reason=\"" + reason + "\"");
  std::lock_guard<std::mutex> lock(refusal_mu);
  ++refusals_since_log[reason];
}

void front::FrontShared::HandToWorker(Connection* c) {
  {
    std::lock_guard<std::mutex> lock(work_mu);
    ready.push_back(c);
  }
  work_cv.notify_one();
}

void front::FrontShared::WorkerLoop() {
  for (;;) {
    Connection* c = nullptr;
    {
      std::unique_lock<std::mutex> lock(work_mu);
      work_cv.wait(lock, [this] { return workers_quit || !ready.empty(); });
      if (ready.empty()) return;
      c = ready.front();
      ready.pop_front();
    }
    if (c->finishing_write) {
      // The rest of an answer that the socket would not take at once.
      if (!WriteAll(c->fd, c->answer.data(), c->answer.size(), limits.write_timeout_ms)) {
        c->close_after = true;
      }
      c->answer.clear();
      c->finishing_write = false;
    } else {
      RouteRequest(*router, limits, gate, stopping.load(std::memory_order_relaxed), c,
                   /*on_event_thread=*/false);
    }
    loops[static_cast<size_t>(c->loop)]->Return(c);
  }
}

void front::FrontShared::WakeAll() {
  for (auto& loop : loops) loop->Wake();
}

struct HttpFront::Impl {
  front::FrontShared shared;
  std::atomic<bool> serving{false};
};

HttpFront::HttpFront(RoutingServer* router, FrontLimits limits, BodyLimitFn body_limit,
                     Metrics* metrics)
    : impl_(std::make_unique<Impl>()) {
  front::FrontShared& s = impl_->shared;
  s.router = router;
  s.limits = limits;
  s.body_limit = std::move(body_limit);
  s.metrics = metrics;
  const int loops = std::max(1, limits.event_threads);
  for (int i = 0; i < loops; ++i) s.loops.push_back(std::make_unique<front::EventLoop>(&s, i));
}

HttpFront::~HttpFront() {
  Stop();
  // The gate may outlive the front: it must not wake a front that is gone.
  if (impl_->shared.gate) impl_->shared.gate->SetWake({});
  if (impl_->shared.listen_fd >= 0) ::close(impl_->shared.listen_fd);
}

void HttpFront::SetAnswerGate(AnswerGate* gate) {
  front::FrontShared* s = &impl_->shared;
  s->gate = gate;
  if (gate) gate->SetWake([s] { s->WakeAll(); });
}

void HttpFront::SetInlineRoutes(InlineRouteFn inline_route) {
  impl_->shared.inline_route = std::move(inline_route);
}

int HttpFront::Bind(const std::string& host, int port, std::string* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  std::string service = std::to_string(port);
  int rc = getaddrinfo(host.empty() ? nullptr : host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0) {
    if (error) *error = "cannot resolve " + host + ": " + gai_strerror(rc);
    return -1;
  }
  int fd = -1;
  std::string last_error = "no address";
  for (addrinfo* a = found; a != nullptr; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    // A burst of new clients (64 keep-alive clients starting together, a provider's retries)
    // must not overflow the accept queue: dropped handshakes wait 1 s, then 3 s.
    if (::bind(fd, a->ai_addr, a->ai_addrlen) == 0 && ::listen(fd, 4096) == 0) break;
    last_error = std::strerror(errno);
    ::close(fd);
    fd = -1;
  }
  freeaddrinfo(found);
  if (fd < 0) {
    if (error) *error = "cannot listen on " + host + ":" + service + ": " + last_error;
    return -1;
  }
  sockaddr_storage bound{};
  socklen_t len = sizeof(bound);
  getsockname(fd, reinterpret_cast<sockaddr*>(&bound), &len);
  std::string ip;
  int bound_port = 0;
  front::AddressOf(bound, &ip, &bound_port);
  impl_->shared.listen_fd = fd;
  return bound_port;
}

bool HttpFront::Serve() {
  front::FrontShared& s = impl_->shared;
  if (s.listen_fd < 0) return false;
  for (auto& loop : s.loops) {
    if (!loop->Open()) return false;
  }
  s.workers_quit = false;
  std::vector<std::thread> workers;
  for (int i = 0; i < std::max(1, s.limits.workers); ++i) {
    workers.emplace_back([&s] { s.WorkerLoop(); });
  }
  impl_->serving.store(true);
  std::vector<std::thread> loops;
  for (size_t i = 1; i < s.loops.size(); ++i) {
    loops.emplace_back([&s, i] { s.loops[i]->Run(); });
  }
  s.loops[0]->Run();
  for (auto& t : loops) t.join();
  {
    std::lock_guard<std::mutex> lock(s.work_mu);
    s.workers_quit = true;
  }
  s.work_cv.notify_all();
  for (auto& t : workers) t.join();
  impl_->serving.store(false);
  return true;
}

void HttpFront::Stop() {
  impl_->shared.stopping.store(true);
  impl_->shared.WakeAll();
}

bool HttpFront::running() const { return impl_->serving.load(); }

}  // namespace aduan::gateway
