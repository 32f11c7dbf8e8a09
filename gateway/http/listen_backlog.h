// The listen backlog of a cpp-httplib server.
//
// cpp-httplib 0.11 listens with a backlog of 5. When more clients connect at once than its
// accept thread takes in (64 keep-alive clients starting together, a provider's burst of
// retries), the kernel drops the extra handshakes and those clients wait 1 s, then 3 s, before
// trying again: seconds of latency on a server that is otherwise idle. Linux lets a second
// listen() on the same socket raise the backlog, so this remembers the socket cpp-httplib
// creates and raises it once bound.
#ifndef ADUAN_GATEWAY_LISTEN_BACKLOG_H_
#define ADUAN_GATEWAY_LISTEN_BACKLOG_H_

#include <httplib.h>

#include <atomic>

namespace aduan::gateway {

class ListenBacklog {
 public:
  // Installs a socket-options hook on `server` (keeping cpp-httplib's defaults). `server`
  // must outlive this object's use; construct before binding.
  explicit ListenBacklog(httplib::Server& server);

  // After bind_to_port/bind_to_any_port succeeded: raises the listening socket's backlog to
  // `backlog` (the kernel caps it at net.core.somaxconn). False when there is no listening
  // socket or the kernel refused; the server then keeps working with cpp-httplib's backlog.
  bool Raise(int backlog = 4096);

 private:
  std::atomic<int> socket_{-1};
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_LISTEN_BACKLOG_H_
