// Ticket lifecycle over HTTP: status changes, rerouting (disposition) and reopening.
// The rules live in lifecycle.h; these handlers only authenticate, read the body and answer.
#include "gateway/http/routes.h"
#include "gateway/tickets/lifecycle.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

constexpr size_t kMaxNoteChars = 4000;

// Reads an optional string field; writes 400 and returns false when it has the wrong type.
bool ReadText(const json& body, const char* key, std::string* out, httplib::Response& res) {
  auto it = body.find(key);
  if (it == body.end() || it->is_null()) return true;
  if (!it->is_string() || it->get<std::string>().size() > kMaxNoteChars) {
    WriteError(res, 400, "invalid_field",
               std::string("field '") + key + "' must be a string of at most " +
                   std::to_string(kMaxNoteChars) + " bytes");
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

// The shared body of the three calls: `fill` turns the JSON body into the action.
template <class Fill>
void HandleAction(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res,
                  Fill&& fill) {
  Guarded(res, [&] {
    auto call = OpenTicketBodyCall(ctx, req, res);
    if (!call) return;
    const json& body = call->body;
    LifecycleAction action;
    if (!ReadText(body, "note", &action.note, res)) return;
    if (!ReadText(body, "internal_note", &action.internal_note, res)) return;
    if (!fill(body, &action)) return;
    const Principal& who = call->who;
    core::Actor actor = who.kind == Principal::Kind::kOperator ? core::Actor::Operator()
                                                               : core::Actor::Agency(who.agency);
    auto r = ApplyLifecycle(*ctx.deps.config, *ctx.deps.store, call->id, actor, action,
                            ctx.deps.clock());
    if (!r.ok()) {
      WriteError(res, r.status());
      return;
    }
    ctx.metrics.Count("aduan_ticket_changes_total", "action=\"" + action.action + "\"");
    ctx.dispatcher->Wake();
    WriteJson(res, 200, TicketWithSla(r.value(), *ctx.deps.config, /*with_events=*/true));
  });
}

}  // namespace

void RegisterLifecycleRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Post(R"(/api/v1/tickets/([^/]+)/status)",
              [&ctx](const httplib::Request& req, httplib::Response& res) {
                HandleAction(ctx, req, res, [&](const json& body, LifecycleAction* a) {
                  auto it = body.find("status");
                  if (it == body.end() || !it->is_string() || it->empty()) {
                    WriteError(res, 400, "missing_field",
                               "field 'status' is required: in_progress, resolved, rejected or "
                               "not_our_authority");
                    return false;
                  }
                  a->action = it->get<std::string>();
                  if (a->action == "reroute" || a->action == "reopen" || a->action == "close" ||
                      a->action == "reply") {
                    WriteError(res, 400, "invalid_status",
                               "status must be in_progress, resolved, rejected or "
                               "not_our_authority; reroute and reopen have their own calls");
                    return false;
                  }
                  return true;
                });
              });

  server.Post(R"(/api/v1/tickets/([^/]+)/reroute)",
              [&ctx](const httplib::Request& req, httplib::Response& res) {
                HandleAction(ctx, req, res, [&](const json& body, LifecycleAction* a) {
                  a->action = "reroute";
                  auto it = body.find("agency");
                  if (it == body.end() || !it->is_string() || it->empty()) {
                    WriteError(res, 400, "missing_field",
                               "field 'agency' (the agency code to route to) is required");
                    return false;
                  }
                  a->agency = it->get<std::string>();
                  return true;
                });
              });

  server.Post(R"(/api/v1/tickets/([^/]+)/reopen)",
              [&ctx](const httplib::Request& req, httplib::Response& res) {
                HandleAction(ctx, req, res, [&](const json&, LifecycleAction* a) {
                  a->action = "reopen";
                  return true;
                });
              });
}

}  // namespace aduan::gateway
