// What the route files share. Internal to gateway/: not part of any contract.
#ifndef ADUAN_GATEWAY_ROUTES_H_
#define ADUAN_GATEWAY_ROUTES_H_

#include <httplib.h>

#include <map>
#include <memory>
#include <string>

#include "channels/adapter.h"
#include "gateway/common/api_keys.h"
#include "gateway/common/log.h"
#include "gateway/common/metrics.h"
#include "gateway/delivery/media_worker.h"
#include "gateway/delivery/outbox_dispatcher.h"
#include "gateway/http/http_util.h"
#include "gateway/http/server_deps.h"
#include "gateway/intake/intake.h"
#include "gateway/intake/intake_processor.h"
#include "gateway/tickets/sla_scanner.h"

namespace aduan::gateway {

// Where the server keeps a multipart webhook's real Content-Type while httplib reads the body.
inline constexpr char kOriginalContentType[] = "X-Aduan-Original-Content-Type";

struct GatewayContext {
  ServerDeps deps;
  std::unique_ptr<IntakePipeline> intake;
  std::map<std::string, std::unique_ptr<channels::ChannelAdapter>, std::less<>> adapters;
  std::string admin_token;
  std::string public_base_url;
  Metrics metrics;
  std::unique_ptr<OutboxDispatcher> dispatcher;
  std::unique_ptr<SlaScanner> sla;
  std::shared_ptr<void> web;  // the web inbox's sessions and sign-in brake (gateway/web/)
  // Fetches residents' files after intake (gateway/media_worker.h).
  std::unique_ptr<MediaWorker> media;
  // Drains deps.journal into `intake`; null when there is no journal. Declared last so it
  // stops before the pipeline and dispatcher it uses go.
  std::unique_ptr<IntakeProcessor> processor;
};

// Authenticates the request; on failure writes 401 and returns nullopt.
std::optional<Principal> RequireAuth(GatewayContext& ctx, const httplib::Request& req,
                                     httplib::Response& res);

// Authenticates and requires the operator token; on failure writes 401/403 and returns false.
bool RequireOperator(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res);

// Resolves the {id} path segment (req.matches[1]); writes 400 and returns nullopt when it is
// not a ticket number.
std::optional<std::string> TicketIdFromPath(const httplib::Request& req, httplib::Response& res);

// The opening the /api/v1/tickets/{id}/... routes share. Each writes the error and returns
// nullopt at the first check that fails, so a route reads: open, then do its own work.
struct TicketCall {
  Principal who;
  std::string id;  // canonical ticket number
};
// The caller's key (401), then the ticket number in the path (400).
std::optional<TicketCall> OpenTicketCall(GatewayContext& ctx, const httplib::Request& req,
                                         httplib::Response& res);

// OpenTicketCall, then the request body as a JSON object (400 when it is empty or not an
// object): the opening of the calls that change a ticket.
struct TicketBodyCall : TicketCall {
  nlohmann::json body;
};
std::optional<TicketBodyCall> OpenTicketBodyCall(GatewayContext& ctx, const httplib::Request& req,
                                                 httplib::Response& res);

struct VisibleTicket {
  Principal who;
  storage::TicketRecord ticket;  // with events
};
// OpenTicketCall, then the ticket as the caller may see it: an operator sees every ticket, an
// agency its own. Anything else is 404 with `missing` + the number: another agency's ticket is
// not found rather than forbidden, so numbers cannot be probed.
std::optional<VisibleTicket> OpenVisibleTicket(GatewayContext& ctx, const httplib::Request& req,
                                               httplib::Response& res,
                                               std::string_view missing = "no ticket ");

// The agency view of a ticket plus its service-level state ("sla": target, due_at, overdue,
// escalation_level).
nlohmann::json TicketWithSla(const storage::TicketRecord& ticket, const GatewayConfig& config,
                             bool with_events);

// Runs a handler body, turning a storage failure into 503 with Retry-After.
template <class F>
void Guarded(httplib::Response& res, F&& f) {
  try {
    f();
  } catch (const storage::StoreError& e) {
    Log(LogLevel::kError, "storage failed in API call", {{"error", e.what()}});
    res.set_header("Retry-After", "5");
    WriteError(res, 503, "storage_unavailable", "storage is unavailable; retry later");
  }
}

void RegisterSystemRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterWebhookRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterAgencyRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterOperatorRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterLifecycleRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterTicketListRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterKeyRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterSlaRoutes(httplib::Server& server, GatewayContext& ctx);
void RegisterCadreRoutes(httplib::Server& server, GatewayContext& ctx);
// The web inbox for agency clerks and the operator's dashboard (gateway/web/).
void RegisterWebRoutes(httplib::Server& server, GatewayContext& ctx);
// Open311 GeoReport v2, read side (open311_routes.cc).
void RegisterOpen311Routes(httplib::Server& server, GatewayContext& ctx);
// Ticket media and the operators' list of unavailable files (media_routes.cc).
void RegisterMediaRoutes(httplib::Server& server, GatewayContext& ctx);
// GET /api/v1/public/receipts/{receipt}: what became of a message the generic webhook
// answered 202 (receipt_routes.cc).
void RegisterReceiptRoutes(httplib::Server& server, GatewayContext& ctx);
// Puts the cadres of config's conversation.cadres file into storage (logged, never fatal).
void SeedConfiguredCadres(GatewayContext& ctx);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_ROUTES_H_
