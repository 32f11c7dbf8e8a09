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

#include "gateway/http/front_limits.h"
#include "gateway/http/request_framing.h"

namespace aduan::gateway {

class Metrics;
class AnswerGate;

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
