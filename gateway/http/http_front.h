// The connection front: accepts and reads HTTP connections itself, and gives cpp-httplib only
// whole requests to route.
//
// cpp-httplib 0.11 serves one connection per pool thread for the connection's whole life and
// reads headers and bodies on that thread. So 300 clients sending a header byte a second, or
// more idle keep-alive clients than threads, leave nobody to answer; a chunked body bypasses
// its size limit; a client that half-closes after its request is never answered. The front
// closes those holes:
//   - event threads (one epoll each; the first accepts and deals connections out in turn) read
//     requests without blocking; a connection costs a buffer and a deadline while it idles or
//     trickles, never a thread;
//   - a request goes to a worker only once it is complete (headers and body, within limits and
//     deadlines: RequestFramer), and the connection comes back to its event thread after the
//     response is written;
//   - a path the server declares inline (SetInlineRoutes) is routed on the event thread itself,
//     with no hand-off to a worker and back: for routes that never block there (acknowledging
//     a webhook into the journal and holding the answer until its sync). Such a route passes
//     the request to a worker when it would block (held_answer.h, PassToWorker);
//   - limits: header bytes, body bytes per path (chunked or not), header and body deadlines,
//     an idle keep-alive deadline, connections in all and per client address, and the bytes
//     all connections may hold at once.
// Refusals that happen before routing are answered with API.md's JSON error and counted in
// /metrics (aduan_http_front_refusals_total{reason=...}).
//
// Thread safety: Bind() and Serve() from one thread; Stop() from any thread (not from a signal
// handler). Serve() returns once the listener is closed, connections that were not handed to a
// worker are closed (nothing of theirs was accepted), and in-flight requests are answered.
#ifndef ADUAN_GATEWAY_HTTP_FRONT_H_
#define ADUAN_GATEWAY_HTTP_FRONT_H_

#include <httplib.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "gateway/http/request_framing.h"

namespace aduan::gateway {

class Metrics;
class AnswerGate;

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
  bool Route(httplib::Stream& strm, bool close_connection, bool* closed);
};

// Whether a request may be routed on an event thread. Called on event threads; must be cheap
// and thread-safe. `path` is the raw path of the request line, without the query.
using InlineRouteFn = std::function<bool(std::string_view method, std::string_view path)>;

class HttpFront {
 public:
  // `router` and `metrics` (may be null) must outlive the front.
  HttpFront(RoutingServer* router, FrontLimits limits, BodyLimitFn body_limit, Metrics* metrics);
  ~HttpFront();
  HttpFront(const HttpFront&) = delete;
  HttpFront& operator=(const HttpFront&) = delete;

  // Lets routes hold their answers until `gate` releases them (held_answer.h). `gate` must
  // outlive the front; call before Serve().
  void SetAnswerGate(AnswerGate* gate);
  // Declares the requests routed on the event threads (see above). Call before Serve().
  void SetInlineRoutes(InlineRouteFn inline_route);

  // Binds host:port (port 0 picks a free one). Returns the bound port, or -1 with *error set.
  int Bind(const std::string& host, int port, std::string* error);
  // Serves until Stop(). Returns false if Bind() did not succeed.
  bool Serve();
  void Stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_HTTP_FRONT_H_
