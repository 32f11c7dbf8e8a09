// Health, readiness, metrics and the public status page.
#include <memory>

#include "gateway/http_util.h"
#include "gateway/readiness.h"
#include "gateway/routes.h"
#include "gateway/ticket_json.h"
#include "gateway/ticket_number.h"

namespace aduan::gateway {

void RegisterSystemRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    WriteJson(res, 200, {{"status", "ok"}});
  });
  // The probe lives as long as the route (the server's handlers): its thread stops, and
  // waits out a running probe, before the server and then the store go.
  auto readiness = std::make_shared<ReadinessProbe>(ctx.deps.store, ctx.deps.clock);
  server.Get("/readyz", [readiness](const httplib::Request&, httplib::Response& res) {
    Readiness r = readiness->Check();
    if (r.ready) {
      WriteJson(res, 200, {{"status", "ready"}});
    } else {
      res.set_header("Retry-After", "5");
      WriteError(res, 503, r.code, r.message);
    }
  });
  server.Get("/metrics", [&ctx](const httplib::Request&, httplib::Response& res) {
    res.set_content(ctx.metrics.Render(), "text/plain; version=0.0.4");
  });
  server.Get(R"(/api/v1/public/tickets/([^/]+))",
             [&ctx](const httplib::Request& req, httplib::Response& res) {
               std::string raw = req.matches[1];
               ParsedTicket p = ParseTicketNumber(raw);
               if (p.status == TicketParse::kBadCheck) {
                 WriteError(res, 400, "bad_check_character",
                            "ticket number '" + raw + "' has a wrong check character");
                 return;
               }
               if (p.status != TicketParse::kOk) {
                 WriteError(res, 400, "invalid_ticket_number",
                            "'" + raw + "' is not a ticket number like ADU-7K3QX9M4");
                 return;
               }
               try {
                 auto t = ctx.deps.store->GetTicket(p.canonical);
                 if (!t) {
                   WriteError(res, 404, "not_found", "no ticket " + p.canonical);
                   return;
                 }
                 WriteJson(res, 200, PublicTicketJson(*t, *ctx.deps.config));
               } catch (const storage::StoreError&) {
                 WriteError(res, 503, "storage_unavailable", "storage is unavailable");
               }
             });
}

}  // namespace aduan::gateway
