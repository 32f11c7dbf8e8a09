// The connection front under hostile and unlucky clients, over real sockets on 127.0.0.1.
#include "gateway/http/http_front.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "gateway/common/config.h"
#include "gateway/http/held_answer.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

// A raw client socket: what slow, hostile or half-closing clients look like on the wire.
class RawClient {
 public:
  explicit RawClient(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0;
  }
  ~RawClient() {
    if (fd_ >= 0) ::close(fd_);
  }
  RawClient(RawClient&& other) noexcept
      : fd_(other.fd_), connected_(other.connected_), unread_(std::move(other.unread_)) {
    other.fd_ = -1;
  }

  bool connected() const { return connected_; }
  bool Send(const std::string& data) {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::send(fd_, data.data() + done, data.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }
  void ShutdownWrite() { ::shutdown(fd_, SHUT_WR); }

  // Reads until one whole response (headers and Content-Length body) is in, the peer closes,
  // or `timeout_ms` passes. Returns what was read. Bytes past that response (a pipelined
  // answer that arrived in the same segment) are kept for the next call.
  std::string ReadResponse(int timeout_ms = 10'000) {
    std::string got = std::move(unread_);
    unread_.clear();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    for (;;) {
      size_t head_end = got.find("\r\n\r\n");
      if (head_end != std::string::npos) {
        size_t cl = got.find("Content-Length: ");
        size_t length =
            cl == std::string::npos || cl > head_end ? 0 : std::stoul(got.substr(cl + 16));
        size_t end = head_end + 4 + length;
        if (got.size() >= end) {
          unread_ = got.substr(end);
          got.resize(end);
          return got;
        }
      }
      int left = static_cast<int>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                      deadline - std::chrono::steady_clock::now())
                                      .count());
      if (left <= 0) return got;
      pollfd p{fd_, POLLIN, 0};
      if (::poll(&p, 1, left) <= 0) return got;
      char buf[4096];
      ssize_t n = ::recv(fd_, buf, sizeof(buf), 0);
      if (n <= 0) return got;
      got.append(buf, static_cast<size_t>(n));
    }
  }
  // True when the server closed the connection within `timeout_ms`.
  bool ClosedByPeer(int timeout_ms) {
    pollfd p{fd_, POLLIN, 0};
    if (::poll(&p, 1, timeout_ms) <= 0) return false;
    char buf[4096];
    for (;;) {
      ssize_t n = ::recv(fd_, buf, sizeof(buf), MSG_DONTWAIT);
      if (n == 0) return true;
      if (n < 0) return errno != EAGAIN;
      if (::poll(&p, 1, timeout_ms) <= 0) return false;
    }
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
  std::string unread_;
};

int StatusOf(const std::string& response) {
  if (response.rfind("HTTP/1.1 ", 0) != 0 || response.size() < 12) return 0;
  return std::stoi(response.substr(9, 3));
}

json BodyOf(const std::string& response) {
  size_t at = response.find("\r\n\r\n");
  if (at == std::string::npos) return json();
  return json::parse(response.substr(at + 4), nullptr, false);
}

std::string GenericPost(const std::string& body, const std::string& extra_headers = "") {
  return "POST /webhooks/generic HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n" +
         extra_headers + "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

auto Tight(int header_s = 1, int body_s = 2) {
  return [=](gateway::GatewayConfig& c) {
    c.header_timeout_seconds = header_s;
    c.body_timeout_seconds = body_s;
    c.keep_alive_seconds = 30;
    c.http_threads = 4;
  };
}

TEST(HttpFrontTest, ChunkedBodyOverTheLimitIsRefusedBeforeAuthenticationReadsIt) {
  TestServer s;
  RawClient c(s.port());
  ASSERT_TRUE(c.connected());
  // A 64 MiB chunk announced, no key: refused from the chunk header alone.
  ASSERT_TRUE(
      c.Send("POST /api/v1/queue/lease HTTP/1.1\r\nHost: t\r\n"
             "Transfer-Encoding: chunked\r\n\r\n4000000\r\n" +
             std::string(1000, 'a')));
  std::string r = c.ReadResponse();
  EXPECT_EQ(StatusOf(r), 413) << r;
  EXPECT_EQ(BodyOf(r)["error"]["code"], "body_too_large");
}

TEST(HttpFrontTest, ChunkedWebhookOverTheLimitIsRefusedAndNothingIsStored) {
  TestServer s;
  RawClient c(s.port());
  std::string head =
      "POST /webhooks/generic HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\n\r\n";
  ASSERT_TRUE(c.Send(head));
  std::string text(64 * 1024, 'x');
  std::string r;
  for (int i = 0; i < 80 && r.empty(); ++i) {  // 5 MiB in 64 KiB chunks, until refused
    char size[32];
    snprintf(size, sizeof(size), "%zx\r\n", text.size());
    if (!c.Send(size + text + "\r\n")) break;
  }
  r = c.ReadResponse();
  EXPECT_EQ(StatusOf(r), 413) << r.substr(0, 200);
  EXPECT_EQ(s.CountRows("messages"), 0);
}

TEST(HttpFrontTest, ChunkedWebhookWithinTheLimitIsAccepted) {
  TestServer s;
  RawClient c(s.port());
  std::string body =
      R"({"id":"chunk-1","from":"+6281200000001","text":"jalan rusak di gang mawar"})";
  ASSERT_TRUE(
      c.Send("POST /webhooks/generic HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
             "Transfer-Encoding: chunked\r\n\r\n10\r\n" +
             body.substr(0, 16) + "\r\n" +
             [&] {
               char size[16];
               snprintf(size, sizeof(size), "%zx", body.size() - 16);
               return std::string(size);
             }() +
             "\r\n" + body.substr(16) + "\r\n0\r\n\r\n"));
  std::string r = c.ReadResponse();
  ASSERT_EQ(StatusOf(r), 200) << r;
  EXPECT_EQ(s.CountRows("messages"), 1);
}

TEST(HttpFrontTest, HugeOrNegativeContentLengthIsAnsweredAtOnce) {
  TestServer s;
  for (std::string length : {"99999999999", "-5"}) {
    RawClient c(s.port());
    ASSERT_TRUE(
        c.Send("POST /webhooks/generic HTTP/1.1\r\nHost: t\r\nContent-Type: "
               "application/json\r\nContent-Length: " +
               length + "\r\n\r\n"));
    // Answered without waiting for a body: well inside the read timeout's 10 s.
    std::string r = c.ReadResponse(3000);
    EXPECT_TRUE(StatusOf(r) == 413 || StatusOf(r) == 400) << length << ": " << r;
  }
}

TEST(HttpFrontTest, SlowHeaderSendersNeitherStarveOthersNorStayForever) {
  TestServer s({}, Tight());
  std::vector<RawClient> slow;
  for (int i = 0; i < 300; ++i) {
    slow.emplace_back(s.port());
    ASSERT_TRUE(slow.back().connected());
    ASSERT_TRUE(slow.back().Send("P"));  // one byte of a request, then nothing for a while
  }
  // Four workers, three hundred trickling sockets: an honest client is still answered.
  auto client = s.Client();
  client.set_read_timeout(5, 0);
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // And the slow ones are cut off with 408 once the header deadline passes.
  std::string r = slow[0].ReadResponse(5000);
  EXPECT_EQ(StatusOf(r), 408) << r;
  EXPECT_TRUE(slow[299].ClosedByPeer(5000));
}

TEST(HttpFrontTest, IdleKeepAliveConnectionsDoNotHoldWorkers) {
  TestServer s({}, Tight());
  std::vector<RawClient> idle;
  for (int i = 0; i < 40; ++i) {  // ten times the workers, each idle after one request
    idle.emplace_back(s.port());
    ASSERT_TRUE(idle.back().Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
    ASSERT_EQ(StatusOf(idle.back().ReadResponse()), 200);
  }
  auto client = s.Client();
  client.set_read_timeout(5, 0);
  auto res = client.Get("/healthz");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 200);
  // The idle connections still work: keep-alive is kept, not traded for liveness.
  ASSERT_TRUE(idle[7].Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(StatusOf(idle[7].ReadResponse()), 200);
}

TEST(HttpFrontTest, TricklingBodyIsCutOffAtTheBodyDeadline) {
  TestServer s({}, Tight(1, 1));
  RawClient c(s.port());
  ASSERT_TRUE(
      c.Send("POST /webhooks/generic HTTP/1.1\r\nHost: t\r\nContent-Type: "
             "application/json\r\nContent-Length: 100\r\n\r\n{"));
  std::string r = c.ReadResponse(5000);
  EXPECT_EQ(StatusOf(r), 408) << r;
  EXPECT_EQ(s.CountRows("messages"), 0);
}

TEST(HttpFrontTest, HalfClosedClientStillGetsItsAnswer) {
  TestServer s;
  RawClient c(s.port());
  ASSERT_TRUE(c.Send(GenericPost(
      R"({"id":"half-1","from":"+6281200000002","text":"sampah menumpuk di pasar baru"})")));
  c.ShutdownWrite();
  std::string r = c.ReadResponse();
  ASSERT_EQ(StatusOf(r), 200) << r;
  EXPECT_EQ(BodyOf(r)["duplicate"], false);
  // Whether the FIN arrived before or after the request was handed on, the server closes the
  // connection once the answer is out.
  EXPECT_TRUE(c.ClosedByPeer(5000));
}

TEST(HttpFrontTest, APostWithNoBodyAndNoLengthIsAnEmptyBody) {
  // What `curl -X POST URL` sends: neither Content-Length nor a body.
  TestServer s(std::map<std::string, std::string>{{"ADUAN_ADMIN_TOKEN", "op"}});
  for (std::string path : {"/api/v1/sla/scan", "/api/v1/classifier/reload"}) {
    RawClient c(s.port());
    ASSERT_TRUE(
        c.Send("POST " + path + " HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer op\r\n\r\n"));
    std::string r = c.ReadResponse();
    EXPECT_EQ(StatusOf(r), 200) << path << ": " << r;
  }
}

TEST(HttpFrontTest, PipelinedRequestsAreAnsweredInOrder) {
  TestServer s;
  RawClient c(s.port());
  ASSERT_TRUE(
      c.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\nGET /nope HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(StatusOf(c.ReadResponse()), 200);
  EXPECT_EQ(StatusOf(c.ReadResponse()), 404);
}

TEST(HttpFrontTest, ExpectContinueGetsContinueThenTheAnswer) {
  TestServer s;
  RawClient c(s.port());
  std::string body = R"({"id":"cont-1","from":"+6281200000003","text":"lampu jalan mati"})";
  ASSERT_TRUE(
      c.Send("POST /webhooks/generic HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\n"
             "Expect: 100-continue\r\nContent-Length: " +
             std::to_string(body.size()) + "\r\n\r\n"));
  std::string interim = c.ReadResponse(3000);
  ASSERT_EQ(interim.rfind("HTTP/1.1 100 Continue", 0), 0u) << interim;
  ASSERT_TRUE(c.Send(body));
  EXPECT_EQ(StatusOf(c.ReadResponse()), 200);
}

TEST(HttpFrontTest, ConnectionsPerAddressAreCapped) {
  TestServer s({}, [](gateway::GatewayConfig& c) { c.max_connections_per_address = 5; });
  std::vector<RawClient> held;
  for (int i = 0; i < 5; ++i) held.emplace_back(s.port());
  RawClient extra(s.port());
  ASSERT_TRUE(extra.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::string r = extra.ReadResponse();
  EXPECT_EQ(StatusOf(r), 503) << r;
  EXPECT_EQ(BodyOf(r)["error"]["code"], "too_many_connections");
  held.clear();
  // Once the others are gone, the same address is welcome again.
  for (int i = 0; i < 50; ++i) {
    RawClient again(s.port());
    again.Send("GET /healthz HTTP/1.1\r\nHost: t\r\n\r\n");
    if (StatusOf(again.ReadResponse()) == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ADD_FAILURE() << "connections were not counted down after the clients left";
}

TEST(HttpFrontTest, StopCompletesWhileClientsTrickle) {
  auto s = std::make_unique<TestServer>(std::map<std::string, std::string>{}, Tight(30, 30));
  std::vector<RawClient> slow;
  for (int i = 0; i < 20; ++i) {
    slow.emplace_back(s->port());
    slow.back().Send("POST /webhooks/generic HTTP/1.1\r\nContent-Length: 100\r\n\r\n{");
  }
  s.reset();  // stops the server and joins its thread; a hang here fails the test by timeout
  for (auto& c : slow) EXPECT_TRUE(c.ClosedByPeer(1000));
}

// A gate the test opens by hand: tokens are pending until Release() or Fail().
class HandGate final : public gateway::AnswerGate {
 public:
  State Check(uint64_t token) const override {
    std::lock_guard lock(mu_);
    auto it = states_.find(token);
    return it == states_.end() ? State::kPending : it->second;
  }
  void SetWake(std::function<void()> wake) override {
    std::lock_guard lock(mu_);
    wake_ = std::move(wake);
  }
  void Release(uint64_t token) { Set(token, State::kReady); }
  void Fail(uint64_t token) { Set(token, State::kFailed); }

 private:
  void Set(uint64_t token, State state) {
    std::function<void()> wake;
    {
      std::lock_guard lock(mu_);
      states_[token] = state;
      wake = wake_;
    }
    if (wake) wake();
  }
  mutable std::mutex mu_;
  std::map<uint64_t, State> states_;
  std::function<void()> wake_;
};

// A front over routes a subclass registers, with a HandGate, serving on its own thread.
// Subclasses call Start() once their routes are in and Stop() first in their destructor, so no
// route runs on a half-destroyed fixture.
class GatedFront {
 public:
  virtual ~GatedFront() { Stop(); }
  void Stop() {
    if (!thread_.joinable()) return;
    front_->Stop();
    thread_.join();
  }
  int port() const { return port_; }
  HandGate& gate() { return gate_; }

 protected:
  void Start(gateway::FrontLimits limits, gateway::InlineRouteFn inline_route = nullptr) {
    front_ = std::make_unique<gateway::HttpFront>(
        &router_, limits, [](std::string_view, std::string_view) { return size_t{1} << 20; },
        nullptr);
    front_->SetAnswerGate(&gate_);
    if (inline_route) front_->SetInlineRoutes(std::move(inline_route));
    std::string error;
    port_ = front_->Bind("127.0.0.1", 0, &error);
    EXPECT_GT(port_, 0) << error;
    thread_ = std::thread([this] { front_->Serve(); });
  }
  gateway::RoutingServer router_;

 private:
  HandGate gate_;
  std::unique_ptr<gateway::HttpFront> front_;
  int port_ = -1;
  std::thread thread_;
};

// A front with one worker and two routes: /hold/N holds its answer on token N, /plain answers.
class HoldingFront : public GatedFront {
 public:
  HoldingFront() {
    router_.Post(R"(/hold/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      EXPECT_TRUE(gateway::CanHoldAnswer());
      gateway::HoldAnswerUntil(std::stoull(req.matches[1].str()));
      res.set_content(R"({"accepted":true})", "application/json");
    });
    router_.Get("/plain", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(R"({"plain":true})", "application/json");
    });
    gateway::FrontLimits limits;
    limits.workers = 1;  // a worker asleep on a held answer would starve every other request
    Start(limits);
  }
  ~HoldingFront() override { Stop(); }
};

std::string HoldPost(uint64_t token) {
  return "POST /hold/" + std::to_string(token) +
         " HTTP/1.1\r\nHost: t\r\nContent-Length: 2\r\n\r\n{}";
}

TEST(HeldAnswerTest, AHeldAnswerWaitsForItsGateWithoutHoldingTheWorker) {
  HoldingFront front;
  RawClient held(front.port());
  ASSERT_TRUE(held.Send(HoldPost(7)));
  EXPECT_EQ(held.ReadResponse(300), "");  // nothing until the gate releases token 7
  // The only worker is free: another client is answered while token 7 is pending.
  RawClient other(front.port());
  ASSERT_TRUE(other.Send("GET /plain HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::string plain = other.ReadResponse();
  EXPECT_EQ(StatusOf(plain), 200) << plain;
  EXPECT_EQ(BodyOf(plain)["plain"], true);
  front.gate().Release(7);
  std::string answer = held.ReadResponse();
  EXPECT_EQ(StatusOf(answer), 200) << answer;
  EXPECT_EQ(BodyOf(answer)["accepted"], true);
  // The connection is kept alive and serves its next request.
  ASSERT_TRUE(held.Send("GET /plain HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(StatusOf(held.ReadResponse()), 200);
}

TEST(HeldAnswerTest, AFailedGateTurnsTheAnswerIntoA503AndClosesTheConnection) {
  HoldingFront front;
  RawClient client(front.port());
  ASSERT_TRUE(client.Send(HoldPost(3)));
  front.gate().Fail(3);
  std::string answer = client.ReadResponse();
  EXPECT_EQ(StatusOf(answer), 503) << answer;
  EXPECT_EQ(BodyOf(answer)["error"]["code"], "intake_unavailable");
  EXPECT_NE(answer.find("Retry-After: 5"), std::string::npos) << answer;
  EXPECT_TRUE(client.ClosedByPeer(5000));
}

TEST(HeldAnswerTest, PipelinedRequestsAfterAHeldOneAreAnsweredInOrder) {
  HoldingFront front;
  RawClient client(front.port());
  ASSERT_TRUE(client.Send(HoldPost(1) + "GET /plain HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(client.ReadResponse(300), "");  // the second answer may not overtake the first
  front.gate().Release(1);
  std::string first = client.ReadResponse();
  EXPECT_EQ(BodyOf(first)["accepted"], true) << first;
  std::string second = client.ReadResponse();
  EXPECT_EQ(BodyOf(second)["plain"], true) << second;
}

TEST(HeldAnswerTest, StopAnswersHeldRequestsBeforeServeReturns) {
  HoldingFront front;
  RawClient client(front.port());
  ASSERT_TRUE(client.Send(HoldPost(9)));
  EXPECT_EQ(client.ReadResponse(200), "");
  std::thread releaser([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    front.gate().Release(9);
  });
  front.Stop();  // returns only once the held answer went out
  releaser.join();
  std::string answer = client.ReadResponse(1000);
  EXPECT_EQ(StatusOf(answer), 200) << answer;
}

// A front with two event threads and one worker, where paths under /inline/ are routed on the
// event threads: /inline/where says which thread ran it, /inline/hold/N holds its answer on
// token N, /inline/pass asks for a worker whenever it runs on an event thread.
class InlineFront : public GatedFront {
 public:
  InlineFront() {
    router_.Get("/inline/where", [this](const httplib::Request&, httplib::Response& res) {
      {
        std::lock_guard lock(mu_);
        threads_.insert(std::this_thread::get_id());
      }
      res.set_content(json{{"event_thread", gateway::MustNotBlock()}}.dump(), "application/json");
    });
    router_.Post(R"(/inline/hold/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      EXPECT_TRUE(gateway::MustNotBlock());
      gateway::HoldAnswerUntil(std::stoull(req.matches[1].str()));
      res.set_content(R"({"accepted":true})", "application/json");
    });
    router_.Post("/inline/pass", [this](const httplib::Request& req, httplib::Response& res) {
      if (gateway::MustNotBlock()) {
        gateway::PassToWorker();
        res.set_content(R"({"ran":"event thread"})", "application/json");
        return;
      }
      ++worker_runs_;
      res.set_content(json{{"ran", "worker"}, {"body", req.body}}.dump(), "application/json");
    });
    gateway::FrontLimits limits;
    limits.workers = 1;
    limits.event_threads = 2;
    Start(limits,
          [](std::string_view, std::string_view path) { return path.rfind("/inline/", 0) == 0; });
  }
  ~InlineFront() override { Stop(); }
  size_t distinct_threads() {
    std::lock_guard lock(mu_);
    return threads_.size();
  }
  int worker_runs() const { return worker_runs_.load(); }

 private:
  std::mutex mu_;
  std::set<std::thread::id> threads_;
  std::atomic<int> worker_runs_{0};
};

TEST(InlineRouteTest, InlinePathsRunOnTheEventThreadsAndClientsSpreadOverThem) {
  InlineFront front;
  std::vector<RawClient> clients;
  for (int i = 0; i < 6; ++i) clients.emplace_back(front.port());
  for (auto& c : clients) {
    ASSERT_TRUE(c.Send("GET /inline/where HTTP/1.1\r\nHost: t\r\n\r\n"));
    std::string answer = c.ReadResponse();
    ASSERT_EQ(StatusOf(answer), 200) << answer;
    EXPECT_EQ(BodyOf(answer)["event_thread"], true) << answer;
  }
  // Connections are dealt out in turn, so six clients reach both event threads.
  EXPECT_EQ(front.distinct_threads(), 2u);
}

TEST(InlineRouteTest, ARouteThatWouldBlockIsRoutedAgainOnAWorkerAndAnsweredOnce) {
  InlineFront front;
  RawClient client(front.port());
  const std::string pass =
      "POST /inline/pass HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n\r\nhello";
  ASSERT_TRUE(client.Send(pass + "GET /inline/where HTTP/1.1\r\nHost: t\r\n\r\n"));
  std::string first = client.ReadResponse();
  EXPECT_EQ(StatusOf(first), 200) << first;
  EXPECT_EQ(BodyOf(first)["ran"], "worker") << first;
  EXPECT_EQ(BodyOf(first)["body"], "hello") << first;  // the worker read the whole request again
  std::string second = client.ReadResponse();
  EXPECT_EQ(BodyOf(second)["event_thread"], true) << second;
  EXPECT_EQ(client.ReadResponse(300), "");  // nothing of the discarded answer follows
  EXPECT_EQ(front.worker_runs(), 1);
}

TEST(InlineRouteTest, AnAnswerHeldOnAnEventThreadWaitsForTheGateAndKeepsItsOrder) {
  InlineFront front;
  RawClient client(front.port());
  ASSERT_TRUE(
      client.Send("POST /inline/hold/4 HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n"
                  "GET /inline/where HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(client.ReadResponse(300), "");
  // The event thread is free meanwhile: another client is answered.
  RawClient other(front.port());
  ASSERT_TRUE(other.Send("GET /inline/where HTTP/1.1\r\nHost: t\r\n\r\n"));
  EXPECT_EQ(StatusOf(other.ReadResponse()), 200);
  front.gate().Release(4);
  EXPECT_EQ(BodyOf(client.ReadResponse())["accepted"], true);
  EXPECT_EQ(BodyOf(client.ReadResponse())["event_thread"], true);
}

TEST(InlineRouteTest, ALongPipelineOfInlineRequestsIsAnsweredInFull) {
  InlineFront front;
  RawClient client(front.port());
  // Framed and routed one after another from the loop, never by recursion: a deep pipeline
  // must not exhaust the event thread's stack.
  constexpr int kRequests = 3000;
  std::string pipeline;
  for (int i = 0; i < kRequests; ++i) pipeline += "GET /inline/where HTTP/1.1\r\nHost: t\r\n\r\n";
  std::thread sender([&] { client.Send(pipeline); });
  int answered = 0;
  for (; answered < kRequests; ++answered) {
    std::string answer = client.ReadResponse();
    if (StatusOf(answer) != 200) break;
  }
  sender.join();
  EXPECT_EQ(answered, kRequests);
}

}  // namespace
}  // namespace aduan::testing
