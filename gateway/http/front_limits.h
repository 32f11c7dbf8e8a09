// What the connection front (http_front.h) is configured with, and the router it hands whole
// requests to. A header of its own so that the front's parts (front_loop.h,
// front_connection.h) need not include the front itself.
#ifndef ADUAN_GATEWAY_HTTP_FRONT_LIMITS_H_
#define ADUAN_GATEWAY_HTTP_FRONT_LIMITS_H_

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <string_view>

namespace aduan::gateway {

struct FrontLimits {
  int workers = 16;                        // threads that run routes
  int event_threads = 1;                   // threads that read requests (one epoll each)
  size_t max_header_bytes = 64 * 1024;     // request line and headers
  int header_timeout_ms = 10'000;          // first byte of a request to the end of its headers
  int body_timeout_ms = 60'000;            // end of headers to the last body byte
  int idle_timeout_ms = 5'000;             // a keep-alive connection waiting for a request
  int write_timeout_ms = 10'000;           // one response write making no progress
  int max_connections = 4096;              // open connections in all
  int max_connections_per_address = 128;   // open connections from one client address
  size_t max_buffered_bytes = 512u << 20;  // request bytes all connections hold at once
  int max_requests_per_connection = 10'000;
};

// A cpp-httplib server used as a router: the front hands it one framed request at a time.
class RoutingServer : public httplib::Server {
 public:
  // Routes the one request `strm` reads and writes the response to it. `close_connection`
  // adds "Connection: close"; *closed is set when the client asked for that itself.
  bool Route(httplib::Stream& strm, bool close_connection, bool* closed) {
    static const std::function<void(httplib::Request&)> kNoSetup;
    bool connection_closed = false;
    bool ok = process_request(strm, close_connection, connection_closed, kNoSetup);
    *closed = connection_closed;
    return ok;
  }
};

// Whether a request may be routed on an event thread. Called on event threads; must be cheap
// and thread-safe. `path` is the raw path of the request line, without the query.
using InlineRouteFn = std::function<bool(std::string_view method, std::string_view path)>;

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_HTTP_FRONT_LIMITS_H_
