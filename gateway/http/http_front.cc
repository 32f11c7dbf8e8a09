#include "gateway/http/http_front.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>
#include <vector>

#include "gateway/common/log.h"
#include "gateway/common/metrics.h"
#include "gateway/http/front_connection.h"
#include "gateway/http/held_answer.h"

namespace aduan::gateway {

using front::Connection;
using front::FramedStream;
using front::WriteAll;

bool RoutingServer::Route(httplib::Stream& strm, bool close_connection, bool* closed) {
  static const std::function<void(httplib::Request&)> kNoSetup;
  bool connection_closed = false;
  bool ok = process_request(strm, close_connection, connection_closed, kNoSetup);
  *closed = connection_closed;
  return ok;
}

namespace {

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// How long a refused connection is still read (and the bytes dropped) after its error was
// sent, so that closing does not reset the connection before the client has read the error.
constexpr int kLingerMs = 2000;
// Bytes read from one connection per readiness event, so one fast sender cannot starve others.
constexpr size_t kReadPerEvent = 1 << 20;

void AddressOf(const sockaddr_storage& addr, std::string* ip, int* port) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    *port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
    *port = ntohs(in6->sin6_port);
  }
  *ip = text;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

}  // namespace

struct HttpFront::Impl {
  RoutingServer* router = nullptr;
  FrontLimits limits;
  BodyLimitFn body_limit;
  Metrics* metrics = nullptr;
  AnswerGate* gate = nullptr;

  int listen_fd = -1;
  int epoll_fd = -1;
  // Atomic because Stop() may run on another thread while Serve() is still creating it; a
  // Stop() that sees -1 is caught by epoll_wait's timeout instead.
  std::atomic<int> wake_fd{-1};
  std::atomic<bool> stopping{false};
  std::atomic<bool> serving{false};
  int64_t accept_paused_until = 0;  // after EMFILE: the listener rests instead of spinning

  // Event thread only.
  std::unordered_map<uint64_t, std::unique_ptr<Connection>> conns;
  uint64_t next_id = kFirstConnectionId;
  std::unordered_map<std::string, int> per_address;
  size_t buffered = 0;
  int in_worker = 0;
  std::vector<Connection*> holding;  // answers held until the gate releases them
  std::map<std::string, uint64_t> refusals_since_log;
  int64_t last_refusal_log = 0;

  // Hand-off between the event thread and the workers.
  std::mutex mu;
  std::condition_variable work_cv;
  std::deque<Connection*> ready;
  std::vector<Connection*> returned;
  bool workers_quit = false;
  std::vector<std::thread> workers;

  // epoll data of the listener and the wake-up descriptor; connections use their ids.
  static constexpr uint64_t kListenerId = 0;
  static constexpr uint64_t kWakeId = 1;
  static constexpr uint64_t kFirstConnectionId = 2;

  ~Impl() {
    for (auto& [id, c] : conns) ::close(c->fd);
    if (listen_fd >= 0) ::close(listen_fd);
    if (epoll_fd >= 0) ::close(epoll_fd);
    if (wake_fd >= 0) ::close(wake_fd);
  }

  void Wake() {
    int fd = wake_fd.load();
    if (fd < 0) return;
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(fd, &one, sizeof(one));
  }

  void Watch(Connection* c) {
    epoll_event ev{};
    ev.events = EPOLLIN | EPOLLRDHUP;
    ev.data.u64 = c->id;
    epoll_ctl(epoll_fd, EPOLL_CTL_ADD, c->fd, &ev);
  }

  void Account(Connection* c) {
    size_t now = c->in.size() + c->framer.held_bytes() + c->request.size();
    buffered = buffered - c->accounted + now;
    c->accounted = now;
  }

  void Close(Connection* c) {
    int fd = c->fd;
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, fd, nullptr);
    ::close(fd);
    buffered -= c->accounted;
    auto it = per_address.find(c->remote_ip);
    if (it != per_address.end() && --it->second <= 0) per_address.erase(it);
    conns.erase(c->id);
  }

  void CountRefusal(const std::string& reason) {
    if (metrics) metrics->Count("aduan_http_front_refusals_total", "reason=\"" + reason + "\"");
    ++refusals_since_log[reason];
  }

  static std::string ErrorResponse(int status, const std::string& code,
                                   const std::string& message) {
    nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
    std::string text = body.dump();
    std::string out =
        "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) +
        "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
        "\r\nConnection: close\r\n";
    if (status == 503) out += "Retry-After: 5\r\n";
    return out + "\r\n" + text;
  }

  // Answers with an error and closes after a short linger (see kLingerMs).
  void Refuse(Connection* c, int status, const std::string& code, const std::string& message) {
    CountRefusal(code);
    std::string response = ErrorResponse(status, code, message);
    ::send(c->fd, response.data(), response.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
    ::shutdown(c->fd, SHUT_WR);
    c->in.clear();
    c->in.shrink_to_fit();
    c->framer = RequestFramer(limits.max_header_bytes, body_limit);
    c->wait = Connection::Wait::kLinger;
    c->deadline_ms = NowMs() + kLingerMs;
    Account(c);
    if (c->eof) Close(c);
  }

  void Accept() {
    for (;;) {
      sockaddr_storage addr{};
      socklen_t len = sizeof(addr);
      int fd = ::accept4(listen_fd, reinterpret_cast<sockaddr*>(&addr), &len,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
          CountRefusal("out_of_descriptors");
          epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
          accept_paused_until = NowMs() + 100;
        }
        return;
      }
      auto c = std::make_unique<Connection>(next_id++, fd, limits.max_header_bytes, body_limit);
      AddressOf(addr, &c->remote_ip, &c->remote_port);
      sockaddr_storage local{};
      socklen_t local_len = sizeof(local);
      if (getsockname(fd, reinterpret_cast<sockaddr*>(&local), &local_len) == 0) {
        AddressOf(local, &c->local_ip, &c->local_port);
      }
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      Connection* raw = c.get();
      int& from_address = per_address[raw->remote_ip];
      ++from_address;
      conns.emplace(raw->id, std::move(c));
      raw->wait = Connection::Wait::kIdle;
      raw->deadline_ms = NowMs() + limits.idle_timeout_ms;
      Watch(raw);
      if (static_cast<int>(conns.size()) > limits.max_connections) {
        Refuse(raw, 503, "too_many_connections", "the server has too many open connections");
      } else if (from_address > limits.max_connections_per_address) {
        Refuse(raw, 503, "too_many_connections",
               "too many open connections from " + raw->remote_ip);
      }
    }
  }

  void OnReadable(Connection* c) {
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

  // Moves the connection's request along; hands a complete one to a worker.
  void Frame(Connection* c) {
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
            CountRefusal("closed_mid_request");
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
        c->deadline_ms = now + limits.idle_timeout_ms;
      }
    } else if (c->framer.reading_body()) {
      if (c->wait != Connection::Wait::kBody) {
        c->wait = Connection::Wait::kBody;
        c->deadline_ms = now + limits.body_timeout_ms;
      }
    } else if (c->wait != Connection::Wait::kHeaders) {
      c->wait = Connection::Wait::kHeaders;
      c->deadline_ms = now + limits.header_timeout_ms;
    }
    Account(c);
    if (buffered > limits.max_buffered_bytes) {
      Refuse(c, 503, "server_busy", "the server holds too many request bytes; retry later");
    }
  }

  void Dispatch(Connection* c) {
    epoll_ctl(epoll_fd, EPOLL_CTL_DEL, c->fd, nullptr);
    c->in_worker = true;
    ++in_worker;
    HandToWorker(c);
  }

  void HandToWorker(Connection* c) {
    {
      std::lock_guard<std::mutex> lock(mu);
      ready.push_back(c);
    }
    work_cv.notify_one();
  }

  void WorkerLoop() {
    for (;;) {
      Connection* c = nullptr;
      {
        std::unique_lock<std::mutex> lock(mu);
        work_cv.wait(lock, [this] { return workers_quit || !ready.empty(); });
        if (ready.empty()) return;
        c = ready.front();
        ready.pop_front();
      }
      if (c->finishing_write) {
        // The rest of a released answer that the socket would not take at once.
        if (!WriteAll(c->fd, c->answer.data(), c->answer.size(), limits.write_timeout_ms)) {
          c->close_after = true;
        }
        c->answer.clear();
        c->finishing_write = false;
      } else {
        RouteOne(c);
      }
      {
        std::lock_guard<std::mutex> lock(mu);
        returned.push_back(c);
      }
      Wake();
    }
  }

  // Worker thread: routes the connection's request and writes (or holds) the response.
  void RouteOne(Connection* c) {
    const bool last = c->served + 1 >= limits.max_requests_per_connection || c->eof ||
                      stopping.load(std::memory_order_relaxed);
    HeldAnswerScope hold(gate != nullptr);
    FramedStream stream(*c, limits.write_timeout_ms, hold);
    bool client_closed = false;
    bool ok = router->Route(stream, last, &client_closed);
    ++c->served;
    c->close_after = last || client_closed || !ok || stream.failed();
    uint64_t token = 0;
    if (hold.held(&token)) {
      c->holding = true;
      c->hold_token = token;
      c->answer = stream.TakeHeld();
    }
  }

  void TakeReturned() {
    std::vector<Connection*> back;
    {
      std::lock_guard<std::mutex> lock(mu);
      back.swap(returned);
    }
    for (Connection* c : back) {
      c->request.clear();
      if (c->request.capacity() > (64u << 10)) c->request.shrink_to_fit();
      Account(c);
      if (c->holding) {
        holding.push_back(c);
        continue;
      }
      Resume(c);
    }
    if (!holding.empty()) ReleaseHeld();
  }

  // A connection whose response is out: closes it or waits for its next request.
  void Resume(Connection* c) {
    --in_worker;
    c->in_worker = false;
    if (c->close_after || stopping.load()) {
      Close(c);
      return;
    }
    c->wait = Connection::Wait::kIdle;
    c->deadline_ms = NowMs() + limits.idle_timeout_ms;
    Watch(c);
    if (!c->in.empty()) Frame(c);  // a pipelined request arrived with the last one
  }

  // Sends the held answers the gate has released. A socket that does not take a whole answer
  // at once goes to a worker to finish, so a client that does not read cannot stall this thread.
  void ReleaseHeld() {
    size_t kept = 0;
    for (Connection* c : holding) {
      AnswerGate::State state = gate->Check(c->hold_token);
      if (state == AnswerGate::State::kPending) {
        holding[kept++] = c;
        continue;
      }
      c->holding = false;
      if (state == AnswerGate::State::kFailed) {
        // What the route prepared said "accepted"; it was not kept, so the sender must retry.
        CountRefusal("intake_unavailable");
        c->answer =
            ErrorResponse(503, "intake_unavailable", "could not store the message; retry later");
        c->close_after = true;
      }
      ssize_t n = ::send(c->fd, c->answer.data(), c->answer.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
      if (n == static_cast<ssize_t>(c->answer.size())) {
        c->answer.clear();
        Resume(c);
        continue;
      }
      if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
        c->answer.clear();
        c->close_after = true;
        Resume(c);
        continue;
      }
      c->answer.erase(0, n > 0 ? static_cast<size_t>(n) : 0);
      c->finishing_write = true;
      HandToWorker(c);
    }
    holding.resize(kept);
  }

  void Sweep(int64_t now) {
    std::vector<Connection*> expired;
    for (auto& [id, c] : conns) {
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
    if (accept_paused_until != 0 && now >= accept_paused_until && listen_fd >= 0) {
      accept_paused_until = 0;
      epoll_event ev{};
      ev.events = EPOLLIN;
      ev.data.u64 = kListenerId;
      epoll_ctl(epoll_fd, EPOLL_CTL_ADD, listen_fd, &ev);
    }
    if (metrics) {
      metrics->Gauge("aduan_http_connections", static_cast<double>(conns.size()));
      metrics->Gauge("aduan_http_held_answers", static_cast<double>(holding.size()));
      metrics->Gauge("aduan_http_buffered_request_bytes", static_cast<double>(buffered));
    }
    // One line per ten seconds at most, so a flood of bad clients cannot flood the log.
    if (!refusals_since_log.empty() && now - last_refusal_log >= 10'000) {
      nlohmann::json counts = nlohmann::json::object();
      for (const auto& [reason, n] : refusals_since_log) counts[reason] = n;
      Log(LogLevel::kWarn, "connections refused before routing",
          {{"counts", counts}, {"open_connections", conns.size()}});
      refusals_since_log.clear();
      last_refusal_log = now;
    }
  }

  void BeginStop() {
    if (listen_fd >= 0) {
      epoll_ctl(epoll_fd, EPOLL_CTL_DEL, listen_fd, nullptr);
      ::close(listen_fd);
      listen_fd = -1;
    }
    // Connections not with a worker hold no accepted request: closing them loses nothing.
    std::vector<Connection*> idle;
    for (auto& [id, c] : conns) {
      if (!c->in_worker) idle.push_back(c.get());
    }
    for (Connection* c : idle) Close(c);
  }
};

HttpFront::HttpFront(RoutingServer* router, FrontLimits limits, BodyLimitFn body_limit,
                     Metrics* metrics)
    : impl_(std::make_unique<Impl>()) {
  impl_->router = router;
  impl_->limits = limits;
  impl_->body_limit = std::move(body_limit);
  impl_->metrics = metrics;
}

HttpFront::~HttpFront() {
  Stop();
  // The gate may outlive the front: it must not wake a front that is gone.
  if (impl_->gate) impl_->gate->SetWake({});
}

void HttpFront::SetAnswerGate(AnswerGate* gate) {
  impl_->gate = gate;
  Impl* s = impl_.get();
  if (gate) gate->SetWake([s] { s->Wake(); });
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
  AddressOf(bound, &ip, &bound_port);
  impl_->listen_fd = fd;
  return bound_port;
}

bool HttpFront::Serve() {
  Impl& s = *impl_;
  if (s.listen_fd < 0) return false;
  s.epoll_fd = epoll_create1(EPOLL_CLOEXEC);
  s.wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (s.epoll_fd < 0 || s.wake_fd < 0) return false;
  epoll_event ev{};
  ev.events = EPOLLIN;
  ev.data.u64 = Impl::kListenerId;
  epoll_ctl(s.epoll_fd, EPOLL_CTL_ADD, s.listen_fd, &ev);
  ev.data.u64 = Impl::kWakeId;
  epoll_ctl(s.epoll_fd, EPOLL_CTL_ADD, s.wake_fd, &ev);
  s.workers_quit = false;
  for (int i = 0; i < std::max(1, s.limits.workers); ++i) {
    s.workers.emplace_back([&s] { s.WorkerLoop(); });
  }
  s.serving.store(true);

  bool stop_begun = false;
  int64_t last_sweep = NowMs();
  std::vector<epoll_event> events(256);
  for (;;) {
    if (s.stopping.load() && !stop_begun) {
      stop_begun = true;
      s.BeginStop();
    }
    if (stop_begun && s.in_worker == 0) break;
    int n = epoll_wait(s.epoll_fd, events.data(), static_cast<int>(events.size()), 100);
    for (int i = 0; i < n; ++i) {
      const uint64_t id = events[i].data.u64;
      if (id == Impl::kListenerId) {
        if (!s.stopping.load()) s.Accept();
      } else if (id == Impl::kWakeId) {
        uint64_t count;
        [[maybe_unused]] ssize_t r = ::read(s.wake_fd, &count, sizeof(count));
      } else {
        // A connection closed earlier in this batch may still have an event queued.
        auto it = s.conns.find(id);
        if (it != s.conns.end() && !it->second->in_worker) s.OnReadable(it->second.get());
      }
    }
    s.TakeReturned();
    int64_t now = NowMs();
    if (now - last_sweep >= 100) {
      s.Sweep(now);
      last_sweep = now;
    }
  }

  {
    std::lock_guard<std::mutex> lock(s.mu);
    s.workers_quit = true;
  }
  s.work_cv.notify_all();
  for (auto& t : s.workers) t.join();
  s.workers.clear();
  s.serving.store(false);
  return true;
}

void HttpFront::Stop() {
  impl_->stopping.store(true);
  if (impl_->wake_fd >= 0) impl_->Wake();
}

bool HttpFront::running() const { return impl_->serving.load(); }

}  // namespace aduan::gateway
