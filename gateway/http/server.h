// The HTTP face of aduan: provider webhooks, the agency API, public status and health.
//
// Lifetime: the server borrows everything in ServerDeps; they must outlive it. Bind() once,
// then Serve() blocks until Stop(), which lets in-flight requests finish before Serve returns.
// Stop() is thread-safe (call it from a signal-handling thread, never from a signal handler).
#ifndef ADUAN_GATEWAY_SERVER_H_
#define ADUAN_GATEWAY_SERVER_H_

#include <memory>
#include <string>

#include "gateway/delivery/media_worker.h"
#include "gateway/delivery/outbox_dispatcher.h"
#include "gateway/http/server_deps.h"
#include "gateway/tickets/sla_scanner.h"

namespace aduan::gateway {

class GatewayServer {
 public:
  explicit GatewayServer(ServerDeps deps);
  ~GatewayServer();
  GatewayServer(const GatewayServer&) = delete;
  GatewayServer& operator=(const GatewayServer&) = delete;

  // Binds host:port; port 0 picks a free one. Returns the bound port, or -1 with *error set.
  int Bind(const std::string& host, int port, std::string* error);
  // Serves until Stop(). Returns false if the server could not run.
  bool Serve();
  void Stop();

  // The enabled channels' names, for the start-up log.
  std::vector<std::string> EnabledChannels() const;

  // The outbox dispatcher; tests drive it with RunOnce() when run_dispatcher is false.
  OutboxDispatcher& dispatcher();
  // The media worker; runs with the dispatcher (run_dispatcher), tests drive it with RunOnce().
  MediaWorker& media_worker();
  // The service-level scanner; tests call RunOnce(time) on it.
  SlaScanner& sla_scanner();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Splits "host:port" ("[::1]:8080" for IPv6). Returns false when it is not of that form.
bool SplitHostPort(const std::string& listen, std::string* host, int* port);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_SERVER_H_
