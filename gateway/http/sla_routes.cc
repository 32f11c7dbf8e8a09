// Service levels over HTTP: the escalation export an Ombudsman or SP4N-LAPOR! desk
// can take over, and an on-demand SLA pass for the operator.
#include "gateway/http/routes.h"
#include "gateway/tickets/reporter_privacy.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

}  // namespace

void RegisterSlaRoutes(httplib::Server& server, GatewayContext& ctx) {
  // The record an external complaint desk needs to take the case over: the complaint, who had
  // it and when it was due, and the history proving the agency was asked first.
  server.Get(R"(/api/v1/tickets/([^/]+)/export)", [&ctx](const httplib::Request& req,
                                                         httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      auto id = TicketIdFromPath(req, res);
      if (!id) return;
      auto t = ctx.deps.store->GetTicket(*id);
      if (!t) {
        WriteError(res, 404, "not_found", "no ticket " + *id);
        return;
      }
      const GatewayConfig& cfg = *ctx.deps.config;
      const AgencyConfig* agency = cfg.FindAgency(t->agency);
      json history = json::array();
      bool agency_was_asked = false;
      for (const auto& e : t->events) {
        if (e.kind == core::EventKind::kCreated || e.kind == core::EventKind::kRouted ||
            e.kind == core::EventKind::kReroute) {
          agency_was_asked = agency_was_asked || e.to_status == "routed";
        }
        json ev = {{"at", FormatTime(e.at_ms)}, {"actor", e.actor.Name()}, {"kind", e.kind}};
        if (!e.from_status.empty()) ev["from"] = e.from_status;
        if (!e.to_status.empty()) ev["to"] = e.to_status;
        // The export leaves aduan: it carries no more than the agency view does.
        if (!e.public_note.empty()) ev["note"] = AgencyVisibleText(e.public_note, *t);
        if (!e.internal_note.empty()) {
          ev["internal_note"] = AgencyVisibleText(e.internal_note, *t);
        }
        history.push_back(std::move(ev));
      }
      json reporter = t->confidential ? json{{"confidential", true}}
                                      : json{{"name", t->reporter_name},
                                             {"channel", t->channel},
                                             {"contact", t->reporter_sender}};
      json out = {{"format", "aduan-escalation/1"},
                  {"ticket", t->id},
                  {"complaint", AgencyVisibleText(t->text, *t)},
                  {"received_at", FormatTime(t->created_at_ms)},
                  {"reporter", reporter},
                  {"agency",
                   {{"code", t->agency},
                    {"name", agency ? agency->name : t->agency},
                    {"inspektorat", agency ? agency->inspektorat : ""}}},
                  {"maladministration", t->maladministration},
                  {"status", t->status},
                  {"complained_to_agency_first", agency_was_asked},
                  {"sla", TicketWithSla(*t, cfg, false)["sla"]},
                  {"history", history}};
      WriteJson(res, 200, out);
    });
  });

  server.Post("/api/v1/sla/scan", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      SlaScanReport r = ctx.sla->RunOnce(ctx.deps.clock());
      ctx.dispatcher->Wake();
      WriteJson(res, 200,
                {{"escalated", r.escalated}, {"closed", r.closed}, {"overdue", r.overdue}});
    });
  });
}

}  // namespace aduan::gateway
