#include "gateway/http/front_loop.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <nlohmann/json.hpp>

#include "gateway/common/log.h"
#include "gateway/common/metrics.h"

namespace aduan::gateway::front {
namespace {

constexpr uint64_t kListenerId = 0;
constexpr uint64_t kWakeId = 1;

// How long a refused connection is still read (and the bytes dropped) after its error was
// sent, so that closing does not reset the connection before the client has read the error.
constexpr int kLingerMs = 2000;
// Bytes read from one connection per readiness event, so one fast sender cannot starve others.
constexpr size_t kReadPerEvent = 1 << 20;

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

}  // namespace

EventLoop::EventLoop(FrontShared* shared, int index) : s_(*shared), index_(index) {}

EventLoop::~EventLoop() {
  for (auto& [id, c] : conns_) ::close(c->fd);
  for (auto& c : incoming_) ::close(c->fd);
  if (epoll_fd_ >= 0) ::close(epoll_fd_);
  if (wake_fd_ >= 0) ::close(wake_fd_);
}

bool EventLoop::Open() {
  epoll_fd_ = epoll_create1(EPOLL_CLOEXEC);
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (epoll_fd_ < 0 || wake_fd_ < 0) return false;
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = kWakeId;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, wake_fd_, &ev);
  if (index_ == 0) {
    ev.data.u64 = kListenerId;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, s_.listen_fd, &ev);
  }
  return true;
}

void EventLoop::Wake() {
  int fd = wake_fd_.load();
  if (fd < 0) return;
  uint64_t one = 1;
  [[maybe_unused]] ssize_t n = ::write(fd, &one, sizeof(one));
}

void EventLoop::Adopt(std::unique_ptr<Connection> c) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    incoming_.push_back(std::move(c));
  }
  Wake();
}

void EventLoop::Return(Connection* c) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    returned_.push_back(c);
  }
  Wake();
}

void EventLoop::Watch(Connection* c) {
  epoll_event ev{};
  ev.events = EPOLLIN | EPOLLRDHUP;
  ev.data.u64 = c->id;
  epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, c->fd, &ev);
}

void EventLoop::Account(Connection* c) {
  size_t now = c->in.size() + c->framer.held_bytes() + c->request.size();
  s_.buffered.fetch_add(static_cast<int64_t>(now) - static_cast<int64_t>(c->accounted),
                        std::memory_order_relaxed);
  c->accounted = now;
}

// The request is routed: its bytes leave the budget. A large one's buffer is not kept for the
// connection's next, likely small, request.
void EventLoop::DropRequest(Connection* c) {
  c->request.clear();
  if (c->request.capacity() > (64u << 10)) c->request.shrink_to_fit();
  Account(c);
}

void EventLoop::Close(Connection* c) {
  int fd = c->fd;
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, fd, nullptr);
  ::close(fd);
  s_.buffered.fetch_sub(static_cast<int64_t>(c->accounted), std::memory_order_relaxed);
  s_.open_connections.fetch_sub(1, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(s_.address_mu);
    auto it = s_.per_address.find(c->remote_ip);
    if (it != s_.per_address.end() && --it->second <= 0) s_.per_address.erase(it);
  }
  conns_.erase(c->id);
}

// Answers with an error and closes after a short linger (see kLingerMs).
void EventLoop::Refuse(Connection* c, int status, const std::string& code,
                       const std::string& message) {
  s_.CountRefusal(code);
  std::string response = ErrorResponse(status, code, message);
  ::send(c->fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  ::shutdown(c->fd, SHUT_WR);
  c->in.clear();
  c->in.shrink_to_fit();
  c->framer = RequestFramer(s_.limits.max_header_bytes, s_.body_limit);
  c->wait = Connection::Wait::kLinger;
  c->deadline_ms = NowMs() + kLingerMs;
  Account(c);
  if (c->eof) Close(c);
}

// Loop 0: accepts what is waiting and deals the connections out to the loops in turn, so
// clients that all connect at once still spread over every core.
void EventLoop::Accept() {
  for (;;) {
    sockaddr_storage addr{};
    socklen_t len = sizeof(addr);
    int fd = ::accept4(s_.listen_fd, reinterpret_cast<sockaddr*>(&addr), &len,
                       SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno == EINTR || errno == ECONNABORTED) continue;
      if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
        s_.CountRefusal("out_of_descriptors");
        epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, s_.listen_fd, nullptr);
        accept_paused_until_ = NowMs() + 100;
      }
      return;
    }
    auto c = std::make_unique<Connection>(s_.next_id.fetch_add(1), fd, s_.limits.max_header_bytes,
                                          s_.body_limit);
    AddressOf(addr, &c->remote_ip, &c->remote_port);
    sockaddr_storage local{};
    socklen_t local_len = sizeof(local);
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) == 0) {
      AddressOf(local, &c->local_ip, &c->local_port);
    }
    int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    const int open = s_.open_connections.fetch_add(1, std::memory_order_relaxed) + 1;
    int from_address = 0;
    {
      std::lock_guard<std::mutex> lock(s_.address_mu);
      from_address = ++s_.per_address[c->remote_ip];
    }
    // A refused connection lingers here; only one that is served goes to another loop.
    const bool refused =
        open > s_.limits.max_connections || from_address > s_.limits.max_connections_per_address;
    size_t to = refused ? 0 : next_loop_++ % s_.loops.size();
    if (to == static_cast<size_t>(index_)) {
      Connection* raw = c.get();
      Serve(std::move(c));
      if (open > s_.limits.max_connections) {
        Refuse(raw, 503, "too_many_connections", "the server has too many open connections");
      } else if (from_address > s_.limits.max_connections_per_address) {
        Refuse(raw, 503, "too_many_connections",
               "too many open connections from " + raw->remote_ip);
      }
    } else {
      c->loop = static_cast<int>(to);
      s_.loops[to]->Adopt(std::move(c));
    }
  }
}

void EventLoop::Serve(std::unique_ptr<Connection> c) {
  Connection* raw = c.get();
  raw->loop = index_;
  raw->wait = Connection::Wait::kIdle;
  raw->deadline_ms = NowMs() + s_.limits.idle_timeout_ms;
  conns_.emplace(raw->id, std::move(c));
  Watch(raw);
}

void EventLoop::OnReadable(Connection* c) {
  char chunk[64 * 1024];
  size_t got = 0;
  while (got < kReadPerEvent) {
    ssize_t n = ::recv(c->fd, chunk, sizeof(chunk), 0);
    if (n > 0) {
      got += static_cast<size_t>(n);
      if (c->wait != Connection::Wait::kLinger) c->in.append(chunk, static_cast<size_t>(n));
      continue;
    }
    if (n == 0) {
      c->eof = true;
      break;
    }
    if (errno == EINTR) continue;
    if (errno == EAGAIN || errno == EWOULDBLOCK) break;
    Close(c);  // reset by the peer: nothing of this request was accepted
    return;
  }
  if (c->wait == Connection::Wait::kLinger) {
    if (c->eof) Close(c);
    return;
  }
  Account(c);
  Frame(c);
}

// Moves the connection's request along; routes a complete one or hands it to a worker.
void EventLoop::Frame(Connection* c) {
  for (;;) {
    RequestFramer::Step step = c->framer.Advance(&c->in, c->eof);
    switch (step) {
      case RequestFramer::Step::kExpectContinue: {
        static constexpr char kContinue[] = "HTTP/1.1 100 Continue\r\n\r\n";
        ::send(c->fd, kContinue, sizeof(kContinue) - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
        continue;
      }
      case RequestFramer::Step::kError: {
        const FramingError& e = c->framer.error();
        if (c->eof && e.code == "bad_request") {
          s_.CountRefusal("closed_mid_request");
          Close(c);
        } else {
          Refuse(c, e.status, e.code, e.message);
        }
        return;
      }
      case RequestFramer::Step::kComplete:
        c->request = c->framer.TakeRequest();
        Account(c);
        Dispatch(c);
        return;
      case RequestFramer::Step::kNeedMore:
        break;
    }
    break;
  }
  const int64_t now = NowMs();
  if (!c->framer.started()) {
    if (c->eof) {
      Close(c);
      return;
    }
    if (c->wait != Connection::Wait::kIdle) {
      c->wait = Connection::Wait::kIdle;
      c->deadline_ms = now + s_.limits.idle_timeout_ms;
    }
  } else if (c->framer.reading_body()) {
    if (c->wait != Connection::Wait::kBody) {
      c->wait = Connection::Wait::kBody;
      c->deadline_ms = now + s_.limits.body_timeout_ms;
    }
  } else if (c->wait != Connection::Wait::kHeaders) {
    c->wait = Connection::Wait::kHeaders;
    c->deadline_ms = now + s_.limits.header_timeout_ms;
  }
  Account(c);
  if (s_.buffered.load(std::memory_order_relaxed) >
      static_cast<int64_t>(s_.limits.max_buffered_bytes)) {
    Refuse(c, 503, "server_busy", "the server holds too many request bytes; retry later");
  }
}

// A complete request: the connection is not read again until its answer is out.
void EventLoop::Dispatch(Connection* c) {
  epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, c->fd, nullptr);
  c->in_worker = true;
  ++in_worker_;
  if (IsInline(*c)) {
    RouteHere(c);
  } else {
    s_.HandToWorker(c);
  }
}

bool EventLoop::IsInline(const Connection& c) const {
  if (!s_.inline_route) return false;
  std::string_view line = c.request;
  size_t space = line.find(' ');
  if (space == std::string_view::npos) return false;
  std::string_view method = line.substr(0, space);
  std::string_view target = line.substr(space + 1);
  std::string_view path = target.substr(0, target.find_first_of(" ?"));
  return s_.inline_route(method, path);
}

void EventLoop::RouteHere(Connection* c) {
  Routed routed =
      RouteRequest(*s_.router, s_.limits, s_.gate, s_.stopping.load(std::memory_order_relaxed), c,
                   /*on_event_thread=*/true);
  if (routed == Routed::kPassed) {
    s_.HandToWorker(c);
    return;
  }
  DropRequest(c);
  if (routed == Routed::kHeld) {
    holding_.push_back(c);
    return;
  }
  SendAnswer(c);
}

// Sends c->answer without waiting. A socket that does not take it all at once goes to a worker
// to finish, so a client that does not read cannot stall this thread.
void EventLoop::SendAnswer(Connection* c) {
  ssize_t n = ::send(c->fd, c->answer.data(), c->answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  if (n == static_cast<ssize_t>(c->answer.size())) {
    c->answer.clear();
    Resume(c);
    return;
  }
  if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
    c->answer.clear();
    c->close_after = true;
    Resume(c);
    return;
  }
  c->answer.erase(0, n > 0 ? static_cast<size_t>(n) : 0);
  c->finishing_write = true;
  s_.HandToWorker(c);
}

// A connection whose response is out: closes it or waits for its next request.
void EventLoop::Resume(Connection* c) {
  --in_worker_;
  c->in_worker = false;
  if (c->close_after || s_.stopping.load()) {
    Close(c);
    return;
  }
  c->wait = Connection::Wait::kIdle;
  c->deadline_ms = NowMs() + s_.limits.idle_timeout_ms;
  Watch(c);
  // A request pipelined behind the last one is framed from the loop, not from here: routing it
  // inline would come back here, and a long pipeline would recurse as deep as it is long.
  if (!c->in.empty()) reframe_.push_back(c->id);
}

void EventLoop::TakeQueues() {
  std::vector<Connection*> back;
  std::vector<std::unique_ptr<Connection>> fresh;
  {
    std::lock_guard<std::mutex> lock(mu_);
    back.swap(returned_);
    fresh.swap(incoming_);
  }
  for (auto& c : fresh) {
    Connection* raw = c.get();
    Serve(std::move(c));
    if (s_.stopping.load()) Close(raw);  // nothing of it was read: closing loses nothing
  }
  for (Connection* c : back) {
    DropRequest(c);
    if (c->holding) {
      holding_.push_back(c);
      continue;
    }
    Resume(c);
  }
  if (!holding_.empty()) ReleaseHeld();
  while (!reframe_.empty()) {
    uint64_t id = reframe_.front();
    reframe_.pop_front();
    auto it = conns_.find(id);
    if (it != conns_.end() && !it->second->in_worker) Frame(it->second.get());
  }
}

// Sends the held answers the gate has released.
void EventLoop::ReleaseHeld() {
  size_t kept = 0;
  for (size_t i = 0; i < holding_.size(); ++i) {
    Connection* c = holding_[i];
    AnswerGate::State state = s_.gate->Check(c->hold_token);
    if (state == AnswerGate::State::kPending) {
      holding_[kept++] = c;
      continue;
    }
    c->holding = false;
    if (state == AnswerGate::State::kFailed) {
      // What the route prepared said "accepted"; it was not kept, so the sender must retry.
      s_.CountRefusal("intake_unavailable");
      c->answer =
          ErrorResponse(503, "intake_unavailable", "could not store the message; retry later");
      c->close_after = true;
    }
    SendAnswer(c);  // never adds to holding_: a pipelined request waits in reframe_
  }
  holding_.resize(kept);
}

void EventLoop::Sweep(int64_t now) {
  std::vector<Connection*> expired;
  for (auto& [id, c] : conns_) {
    if (!c->in_worker && now >= c->deadline_ms) expired.push_back(c.get());
  }
  for (Connection* c : expired) {
    switch (c->wait) {
      case Connection::Wait::kIdle:
      case Connection::Wait::kLinger:
        Close(c);
        break;
      case Connection::Wait::kHeaders:
        Refuse(c, 408, "request_timeout", "the request headers did not arrive in time");
        break;
      case Connection::Wait::kBody:
        Refuse(c, 408, "request_timeout", "the request body did not arrive in time");
        break;
    }
  }
  if (accept_paused_until_ != 0 && now >= accept_paused_until_ && s_.listen_fd >= 0) {
    accept_paused_until_ = 0;
    epoll_event ev{};
    ev.events = EPOLLIN;
    ev.data.u64 = kListenerId;
    epoll_ctl(epoll_fd_, EPOLL_CTL_ADD, s_.listen_fd, &ev);
  }
  if (index_ != 0) return;
  if (s_.metrics) {
    s_.metrics->Gauge("aduan_http_connections",
                      static_cast<double>(s_.open_connections.load(std::memory_order_relaxed)));
    s_.metrics->Gauge("aduan_http_held_answers",
                      static_cast<double>(s_.held_answers.load(std::memory_order_relaxed)));
    s_.metrics->Gauge("aduan_http_buffered_request_bytes",
                      static_cast<double>(s_.buffered.load(std::memory_order_relaxed)));
  }
  // One line per ten seconds at most, so a flood of bad clients cannot flood the log.
  if (now - last_refusal_log_ < 10'000) return;
  nlohmann::json counts = nlohmann::json::object();
  {
    std::lock_guard<std::mutex> lock(s_.refusal_mu);
    if (s_.refusals_since_log.empty()) return;
    for (const auto& [reason, n] : s_.refusals_since_log) counts[reason] = n;
    s_.refusals_since_log.clear();
  }
  Log(LogLevel::kWarn, "connections refused before routing",
      {{"counts", counts}, {"open_connections", s_.open_connections.load()}});
  last_refusal_log_ = now;
}

void EventLoop::BeginStop() {
  if (index_ == 0 && s_.listen_fd >= 0) {
    // Closed at once, so that new clients are refused instead of waiting in the backlog.
    epoll_ctl(epoll_fd_, EPOLL_CTL_DEL, s_.listen_fd, nullptr);
    ::close(s_.listen_fd);
    s_.listen_fd = -1;
  }
  // Connections not with a worker hold no accepted request: closing them loses nothing.
  std::vector<Connection*> idle;
  for (auto& [id, c] : conns_) {
    if (!c->in_worker) idle.push_back(c.get());
  }
  for (Connection* c : idle) Close(c);
}

void EventLoop::Run() {
  bool stop_begun = false;
  int64_t last_sweep = NowMs();
  int last_held = 0;
  std::vector<epoll_event> events(256);
  for (;;) {
    if (s_.stopping.load() && !stop_begun) {
      stop_begun = true;
      BeginStop();
    }
    if (stop_begun && in_worker_ == 0) break;
    int n = epoll_wait(epoll_fd_, events.data(), static_cast<int>(events.size()), 100);
    for (int i = 0; i < n; ++i) {
      const uint64_t id = events[i].data.u64;
      if (id == kListenerId) {
        if (!s_.stopping.load()) Accept();
      } else if (id == kWakeId) {
        uint64_t count;
        [[maybe_unused]] ssize_t r = ::read(wake_fd_, &count, sizeof(count));
      } else {
        // A connection closed earlier in this batch may still have an event queued.
        auto it = conns_.find(id);
        if (it != conns_.end() && !it->second->in_worker) OnReadable(it->second.get());
      }
    }
    TakeQueues();
    const int held = static_cast<int>(holding_.size());
    if (held != last_held) {
      s_.held_answers.fetch_add(held - last_held, std::memory_order_relaxed);
      last_held = held;
    }
    int64_t now = NowMs();
    if (now - last_sweep >= 100) {
      Sweep(now);
      last_sweep = now;
    }
  }
  s_.held_answers.fetch_sub(last_held, std::memory_order_relaxed);
}

}  // namespace aduan::gateway::front
