// Agency API keys for the operator: issue, list, revoke. A key's secret is shown once,
// in the answer to POST; lists show ids, agencies and dates, never hashes.
#include "gateway/http/routes.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

json KeyJson(const storage::ApiKeyRecord& k) {
  json j = {{"id", k.id},
            {"agency", k.agency},
            {"created_at", FormatTime(k.created_at_ms)},
            {"revoked", k.revoked_at_ms.has_value()}};
  if (k.revoked_at_ms) j["revoked_at"] = FormatTime(*k.revoked_at_ms);
  return j;
}

}  // namespace

void RegisterKeyRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Get("/api/v1/keys", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      json keys = json::array();
      for (const auto& k : ctx.deps.store->ListApiKeys()) keys.push_back(KeyJson(k));
      WriteJson(res, 200, {{"keys", keys}});
    });
  });

  server.Post("/api/v1/keys", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      auto body = ReadJsonObject(req, res, /*empty_ok=*/false);
      if (!body) return;
      auto agency = body->find("agency");
      if (agency == body->end() || !agency->is_string() ||
          !ctx.deps.config->FindAgency(agency->get<std::string>()) ||
          *agency == classifier::kTriage) {
        WriteError(res, 400, "unknown_agency",
                   "field 'agency' must be one of the configured agency codes (not TRIAGE)");
        return;
      }
      IssuedKey key = IssueApiKey(*ctx.deps.store, *agency, ctx.deps.clock());
      WriteJson(res, 201, {{"id", key.id}, {"agency", *agency}, {"key", key.secret}});
    });
  });

  server.Delete(R"(/api/v1/keys/([^/]+))",
                [&ctx](const httplib::Request& req, httplib::Response& res) {
                  Guarded(res, [&] {
                    if (!RequireOperator(ctx, req, res)) return;
                    std::string id = req.matches[1];
                    if (!ctx.deps.store->RevokeApiKey(id, ctx.deps.clock())) {
                      WriteError(res, 404, "not_found", "no key " + id);
                      return;
                    }
                    WriteJson(res, 200, {{"id", id}, {"revoked", true}});
                  });
                });
}

}  // namespace aduan::gateway
