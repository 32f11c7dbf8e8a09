// The agency API (API.md): lease, ack, read. Every call is authenticated; an agency sees only
// tickets routed to it, and another agency's ticket is 404 so ids cannot be probed.
#include "gateway/common/api_keys.h"
#include "gateway/common/log.h"
#include "gateway/http/http_util.h"
#include "gateway/http/media_routes.h"
#include "gateway/http/routes.h"
#include "gateway/tickets/ticket_json.h"
#include "gateway/tickets/ticket_number.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

bool ReadInt(const json& body, const char* key, int min, int max, int* out,
             httplib::Response& res) {
  auto it = body.find(key);
  if (it == body.end()) return true;
  if (!it->is_number_integer() || it->get<int64_t>() < min || it->get<int64_t>() > max) {
    WriteError(res, 400, "invalid_field",
               std::string("field '") + key + "' must be an integer from " + std::to_string(min) +
                   " to " + std::to_string(max));
    return false;
  }
  *out = static_cast<int>(it->get<int64_t>());
  return true;
}

}  // namespace

std::optional<std::string> TicketIdFromPath(const httplib::Request& req, httplib::Response& res) {
  const std::string typed = req.matches[1];
  ParsedTicket p = ParseTicketNumber(typed);
  // Messages are appended piece by piece: "literal" + std::string trips GCC 12's false
  // -Wrestrict at -O3.
  std::string message = "ticket number '";
  if (p.status == TicketParse::kBadCheck) {
    message.append(typed.substr(0, 40))
        .append("' has a wrong check character; it was probably mistyped");
    WriteError(res, 400, "bad_check_character", message);
    return std::nullopt;
  }
  if (p.status != TicketParse::kOk) {
    message.append(typed.substr(0, 40)).append("' is not a ticket number like ADU-7K3QX9M4");
    WriteError(res, 400, "invalid_ticket_number", message);
    return std::nullopt;
  }
  return p.canonical;
}

std::optional<Principal> RequireAuth(GatewayContext& ctx, const httplib::Request& req,
                                     httplib::Response& res) {
  auto who = Authenticate(*ctx.deps.store, req.get_header_value("Authorization"), ctx.admin_token);
  if (!who) {
    res.set_header("WWW-Authenticate", "Bearer");
    WriteError(res, 401, "unauthorized",
               "a valid 'Authorization: Bearer <key>' header is required");
  }
  return who;
}

std::optional<TicketCall> OpenTicketCall(GatewayContext& ctx, const httplib::Request& req,
                                         httplib::Response& res) {
  auto who = RequireAuth(ctx, req, res);
  if (!who) return std::nullopt;
  auto id = TicketIdFromPath(req, res);
  if (!id) return std::nullopt;
  return TicketCall{std::move(*who), std::move(*id)};
}

std::optional<TicketBodyCall> OpenTicketBodyCall(GatewayContext& ctx, const httplib::Request& req,
                                                 httplib::Response& res) {
  auto call = OpenTicketCall(ctx, req, res);
  if (!call) return std::nullopt;
  auto body = ReadJsonObject(req, res, /*empty_ok=*/false);
  if (!body) return std::nullopt;
  return TicketBodyCall{std::move(*call), std::move(*body)};
}

std::optional<VisibleTicket> OpenVisibleTicket(GatewayContext& ctx, const httplib::Request& req,
                                               httplib::Response& res, std::string_view missing) {
  auto call = OpenTicketCall(ctx, req, res);
  if (!call) return std::nullopt;
  auto t = ctx.deps.store->GetTicket(call->id);
  if (!t || (call->who.kind != Principal::Kind::kOperator && t->agency != call->who.agency)) {
    std::string message(missing);
    message.append(call->id);
    WriteError(res, 404, "not_found", message);
    return std::nullopt;
  }
  return VisibleTicket{std::move(call->who), std::move(*t)};
}

void RegisterAgencyRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Post("/api/v1/queue/lease", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      auto who = RequireAuth(ctx, req, res);
      if (!who) return;
      if (who->kind != Principal::Kind::kAgency) {
        WriteError(res, 403, "agency_only",
                   "the queue belongs to agencies; operators work GET /api/v1/triage");
        return;
      }
      auto body = ReadJsonObject(req, res, /*empty_ok=*/true);
      if (!body) return;
      const GatewayConfig& cfg = *ctx.deps.config;
      int max = 10, lease_seconds = cfg.default_lease_seconds;
      if (!ReadInt(*body, "max", 1, cfg.max_lease_batch, &max, res)) return;
      if (!ReadInt(*body, "lease_seconds", 1, cfg.max_lease_seconds, &lease_seconds, res)) return;
      auto leased =
          ctx.deps.store->Lease(who->agency, max, int64_t{lease_seconds} * 1000, ctx.deps.clock());
      json tickets = json::array();
      for (const auto& l : leased) {
        json t = AgencyTicketJson(l.ticket, /*with_events=*/false);
        t["lease_id"] = l.lease_id;
        t["lease_expires_at"] = FormatTime(l.lease_expires_at_ms);
        tickets.push_back(std::move(t));
      }
      ctx.metrics.Count("aduan_leased_tickets_total", "agency=\"" + who->agency + "\"",
                        leased.size());
      WriteJson(res, 200, {{"tickets", tickets}});
    });
  });

  server.Post(R"(/api/v1/tickets/([^/]+)/ack)",
              [&ctx](const httplib::Request& req, httplib::Response& res) {
                Guarded(res, [&] {
                  auto call = OpenTicketBodyCall(ctx, req, res);
                  if (!call) return;
                  const Principal* who = &call->who;
                  const std::string* id = &call->id;
                  auto lease = call->body.find("lease_id");
                  if (lease == call->body.end() || !lease->is_string()) {
                    WriteError(res, 400, "missing_field", "field 'lease_id' is required");
                    return;
                  }
                  if (lease->get<std::string>().empty()) {
                    WriteError(res, 400, "invalid_field",
                               "field 'lease_id' is empty; send the lease_id the lease gave");
                    return;
                  }
                  if (who->kind != Principal::Kind::kAgency) {
                    WriteError(res, 403, "agency_only", "only the agency holding the lease acks");
                    return;
                  }
                  auto outcome = ctx.deps.store->Ack(who->agency, *id, lease->get<std::string>(),
                                                     ctx.deps.clock());
                  switch (outcome) {
                    case storage::AckOutcome::kAcked:
                    case storage::AckOutcome::kAlreadyAcked:
                      WriteJson(res, 200, {{"id", *id}, {"acked", true}});
                      break;
                    case storage::AckOutcome::kNotFound:
                      WriteError(res, 404, "not_found", "no ticket " + *id + " in your queue");
                      break;
                    case storage::AckOutcome::kLeaseMismatch:
                      WriteError(res, 409, "lease_mismatch",
                                 "lease_id is not the ticket's current lease (it expired and the "
                                 "ticket was leased again); lease it again");
                      break;
                  }
                });
              });

  server.Get(R"(/api/v1/tickets/([^/]+))",
             [&ctx](const httplib::Request& req, httplib::Response& res) {
               Guarded(res, [&] {
                 auto opened = OpenVisibleTicket(ctx, req, res);
                 if (!opened) return;
                 const storage::TicketRecord* t = &opened->ticket;
                 nlohmann::json j = TicketWithSla(*t, *ctx.deps.config, /*with_events=*/true);
                 j["media"] = TicketMediaJson(*ctx.deps.store, t->id);
                 WriteJson(res, 200, j);
               });
             });
}

}  // namespace aduan::gateway
