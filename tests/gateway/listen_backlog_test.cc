#include "gateway/http/listen_backlog.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <vector>

namespace aduan::gateway {
namespace {

// Opens `n` connections to 127.0.0.1:port at once, while nothing accepts them, and counts
// those whose handshake completes within `wait_ms`: what a full accept queue lets through.
int HandshakesCompleted(int port, int n, int wait_ms) {
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  std::vector<int> socks;
  for (int i = 0; i < n; ++i) {
    int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    connect(s, reinterpret_cast<sockaddr*>(&addr), sizeof(addr));
    socks.push_back(s);
  }
  // One deadline for all of them: poll the whole set until every handshake is in or time
  // is up.
  std::vector<pollfd> pending;
  for (int s : socks) pending.push_back({s, POLLOUT, 0});
  int done = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  while (!pending.empty()) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                    deadline - std::chrono::steady_clock::now())
                    .count();
    if (left <= 0 || poll(pending.data(), pending.size(), static_cast<int>(left)) <= 0) break;
    std::vector<pollfd> still;
    for (const pollfd& p : pending) {
      if (p.revents == 0) {
        still.push_back({p.fd, POLLOUT, 0});
        continue;
      }
      int err = 0;
      socklen_t len = sizeof(err);
      if (getsockopt(p.fd, SOL_SOCKET, SO_ERROR, &err, &len) == 0 && err == 0) ++done;
    }
    pending = std::move(still);
  }
  for (int s : socks) close(s);
  return done;
}

TEST(ListenBacklogTest, ABurstOfConnectionsIsQueuedNotDropped) {
  httplib::Server server;
  ListenBacklog backlog(server);
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  ASSERT_TRUE(backlog.Raise(256));
  // Nobody accepts (listen_after_bind never runs): every handshake must wait in the queue.
  EXPECT_EQ(HandshakesCompleted(port, 64, 500), 64);
}

TEST(ListenBacklogTest, WithoutItTheBurstOverflowsCppHttplibsBacklog) {
  httplib::Server server;
  int port = server.bind_to_any_port("127.0.0.1");
  ASSERT_GT(port, 0);
  EXPECT_LT(HandshakesCompleted(port, 64, 500), 64);
}

TEST(ListenBacklogTest, RaiseFailsBeforeBind) {
  httplib::Server server;
  ListenBacklog backlog(server);
  EXPECT_FALSE(backlog.Raise());
}

}  // namespace
}  // namespace aduan::gateway
