// The operator API (Bearer $ADUAN_ADMIN_TOKEN): what the complaint desk's staff work with.
#include "gateway/common/log.h"
#include "gateway/http/routes.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

json OutboxJson(const storage::OutboxRow& r) {
  json j = {{"id", r.id},
            {"channel", r.channel},
            {"kind", r.kind},
            {"status", r.status},
            {"attempts", r.attempts},
            {"recipient", r.recipient},
            {"body", r.body},
            {"last_error", r.last_error},
            {"created_at", FormatTime(r.created_at_ms)},
            {"updated_at", FormatTime(r.updated_at_ms)}};
  if (!r.ticket_id.empty()) j["ticket"] = r.ticket_id;
  if (!r.provider_message_id.empty()) j["provider_message_id"] = r.provider_message_id;
  if (!r.delivery_status.empty()) j["delivery_status"] = r.delivery_status;
  if (r.status == "pending") j["next_attempt_at"] = FormatTime(r.next_attempt_at_ms);
  return j;
}

}  // namespace

bool RequireOperator(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto who = RequireAuth(ctx, req, res);
  if (!who) return false;
  if (who->kind != Principal::Kind::kOperator) {
    WriteError(res, 403, "operator_only", "this call needs the operator token");
    return false;
  }
  return true;
}

void RegisterOperatorRoutes(httplib::Server& server, GatewayContext& ctx) {
  // The same as SIGHUP, for operators who cannot signal the process (containers, remote desks).
  server.Post(
      "/api/v1/classifier/reload", [&ctx](const httplib::Request& req, httplib::Response& res) {
        if (!RequireOperator(ctx, req, res)) return;
        std::string error;
        if (!ctx.deps.classifier->Reload(&error)) {
          Log(LogLevel::kError, "classifier reload failed; old rules stay", {{"error", error}});
          WriteError(res, 422, "invalid_rules", error + " (the previous rules stay)");
          return;
        }
        Log(LogLevel::kInfo, "classifier rules reloaded by the operator");
        WriteJson(res, 200, {{"reloaded", true}});
      });

  server.Get("/api/v1/outbox", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      std::string status = req.has_param("status") ? req.get_param_value("status") : "dead";
      if (status != "pending" && status != "sent" && status != "dead") {
        WriteError(res, 400, "invalid_field", "status must be pending, sent or dead");
        return;
      }
      int limit = 100;
      if (req.has_param("limit")) {
        try {
          limit = std::stoi(req.get_param_value("limit"));
        } catch (const std::exception&) {
          limit = -1;
        }
        if (limit < 1 || limit > 1000) {
          WriteError(res, 400, "invalid_field", "limit must be an integer from 1 to 1000");
          return;
        }
      }
      json rows = json::array();
      for (const auto& r : ctx.deps.store->ListOutbox(status, limit)) rows.push_back(OutboxJson(r));
      WriteJson(res, 200, {{"outbox", rows}});
    });
  });
}

}  // namespace aduan::gateway
