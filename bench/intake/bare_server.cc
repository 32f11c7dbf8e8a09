// The yardstick for intake throughput: a cpp-httplib server tuned exactly like the gateway
// (thread pool, TCP_NODELAY, keep-alive, listen backlog) whose webhook does nothing but answer. The
// intake bench reports the gateway's durable throughput as a ratio of this one's.
#include <httplib.h>
#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <iostream>

#include "gateway/http/listen_backlog.h"

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: bare_server PORT_FILE [THREADS]\n";
    return 2;
  }
  int threads = argc > 2 ? std::atoi(argv[2]) : 256;
  httplib::Server server;
  aduan::gateway::ListenBacklog backlog(server);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_tcp_nodelay(true);
  server.set_keep_alive_max_count(10000);
  server.set_keep_alive_timeout(5);
  server.Post("/webhooks/generic", [](const httplib::Request&, httplib::Response& res) {
    res.set_content(R"({"ticket":"ADU-00000000","duplicate":false,"reply":"ok"})",
                    "application/json; charset=utf-8");
  });
  int port = server.bind_to_any_port("127.0.0.1");
  backlog.Raise();
  std::ofstream(argv[1]) << port << "\n";
  signal(SIGPIPE, SIG_IGN);
  server.listen_after_bind();
  return 0;
}
