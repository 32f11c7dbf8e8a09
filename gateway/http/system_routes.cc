// Health, readiness, metrics and the public status page.
#include <algorithm>
#include <memory>

#include "gateway/http/http_util.h"
#include "gateway/http/readiness.h"
#include "gateway/http/routes.h"
#include "gateway/tickets/ticket_json.h"
#include "gateway/tickets/ticket_number.h"

namespace aduan::gateway {

void RegisterSystemRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) {
    WriteJson(res, 200, {{"status", "ok"}});
  });
  // The probe lives as long as the route (the server's handlers): its thread stops, and
  // waits out a running probe, before the server and then the store go.
  auto readiness = std::make_shared<ReadinessProbe>(ctx.deps.store, ctx.deps.clock);
  server.Get("/readyz", [readiness, &ctx](const httplib::Request&, httplib::Response& res) {
    Readiness r = readiness->Check();
    if (ctx.processor) {
      // With a journal, complaints are taken while the database is away: the instance stays
      // in rotation and says it is degraded, and how far behind its tickets are.
      ProcessorHealth h = ctx.processor->Health();
      int64_t oldest_ms = h.journal.oldest_time_ms
                              ? std::max<int64_t>(0, ctx.deps.clock() - h.journal.oldest_time_ms)
                              : 0;
      nlohmann::json journal = {{"backlog", h.journal.depth},
                                {"oldest_unprocessed_age_seconds", oldest_ms / 1000.0},
                                {"bytes", h.journal.bytes},
                                {"max_bytes", h.journal.max_bytes}};
      bool full = h.journal.bytes >= h.journal.max_bytes;
      if (r.ready && h.storage_ok && !full) {
        WriteJson(res, 200, {{"status", "ready"}, {"journal", journal}});
        return;
      }
      nlohmann::json body = {{"status", full ? "full" : "degraded"},
                             {"accepting_webhooks", !full},
                             {"journal", journal}};
      body["error"] = {{"code", !r.ready ? r.code
                                : full   ? "intake_full"
                                         : "intake_retrying"},
                       {"message", !r.ready ? r.message
                                   : full   ? "the intake journal is full"
                                            : "tickets wait: " + h.last_error}};
      res.set_header("Retry-After", "5");
      WriteJson(res, full ? 503 : 200, body);
      return;
    }
    if (r.ready) {
      WriteJson(res, 200, {{"status", "ready"}});
    } else {
      res.set_header("Retry-After", "5");
      WriteError(res, 503, r.code, r.message);
    }
  });
  server.Get("/metrics", [&ctx](const httplib::Request&, httplib::Response& res) {
    if (ctx.processor) ctx.processor->PublishGauges();
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
