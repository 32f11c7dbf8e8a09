#include "gateway/http/listen_backlog.h"

#include <sys/socket.h>

namespace aduan::gateway {

ListenBacklog::ListenBacklog(httplib::Server& server) {
  server.set_socket_options([this](socket_t sock) {
    httplib::default_socket_options(sock);
    // Several candidate addresses may be tried; the last socket created is the one bound.
    socket_.store(sock);
  });
}

bool ListenBacklog::Raise(int backlog) {
  int sock = socket_.load();
  if (sock < 0) return false;
  int listening = 0;
  socklen_t len = sizeof(listening);
  if (getsockopt(sock, SOL_SOCKET, SO_ACCEPTCONN, &listening, &len) != 0 || !listening) {
    return false;
  }
  return listen(sock, backlog) == 0;
}

}  // namespace aduan::gateway
