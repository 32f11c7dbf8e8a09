// The cadre registry for operators (Bearer $ADUAN_ADMIN_TOKEN): who may relay complaints for
// neighbours, and how many tickets each relayed.
#include <regex>

#include "channels/phone.h"
#include "gateway/recipients.h"
#include "gateway/routes.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

// Channels name phone senders in E.164; a cadre registered as "0812..." must still match.
std::string CanonicalSender(const std::string& channel, const std::string& sender) {
  if (ChannelReachesPhones(channel)) {
    std::string phone = channels::NormalizePhone(sender);
    if (!phone.empty()) return phone;
  }
  return sender;
}

json CadreJson(const storage::CadreRecord& c) {
  json counts = json::object();
  int64_t total = 0;
  for (const auto& [status, n] : c.tickets_by_status) {
    counts[status] = n;
    total += n;
  }
  return {{"id", c.id},
          {"channel", c.channel},
          {"sender", c.sender},
          {"name", c.name},
          {"area", c.area},
          {"active", c.active},
          {"tickets", total},
          {"tickets_by_status", counts},
          {"created_at", FormatTime(c.created_at_ms)},
          {"updated_at", FormatTime(c.updated_at_ms)}};
}

void PutCadre(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!RequireOperator(ctx, req, res)) return;
  auto body = ReadJsonObject(req, res, /*empty_ok=*/false);
  if (!body) return;
  storage::CadreRecord c;
  c.id = req.matches[1];
  for (auto [key, out] : {std::pair{"channel", &c.channel}, std::pair{"sender", &c.sender},
                          std::pair{"name", &c.name}, std::pair{"area", &c.area}}) {
    auto it = body->find(key);
    if (it == body->end() && std::string(key) == "area") continue;
    if (it == body->end() || !it->is_string() || it->get<std::string>().empty()) {
      WriteError(res, 400, it == body->end() ? "missing_field" : "invalid_field",
                 std::string("field '") + key + "' must be a non-empty string");
      return;
    }
    *out = it->get<std::string>();
  }
  if (auto it = body->find("active"); it != body->end()) {
    if (!it->is_boolean()) {
      WriteError(res, 400, "invalid_field", "field 'active' must be true or false");
      return;
    }
    c.active = it->get<bool>();
  }
  c.sender = CanonicalSender(c.channel, c.sender);
  int64_t now = ctx.deps.clock();
  c.created_at_ms = now;
  c.updated_at_ms = now;
  bool existed = false;
  for (const auto& known : ctx.deps.store->ListCadres()) existed = existed || known.id == c.id;
  try {
    ctx.deps.store->PutCadre(c);
  } catch (const storage::CadreConflict& e) {
    WriteError(res, 409, "cadre_conflict", e.what());
    return;
  }
  for (const auto& stored : ctx.deps.store->ListCadres()) {
    if (stored.id == c.id) WriteJson(res, existed ? 200 : 201, CadreJson(stored));
  }
}

}  // namespace

void SeedConfiguredCadres(GatewayContext& ctx) {
  int64_t now = ctx.deps.clock();
  for (const auto& cfg : ctx.deps.config->conversation.cadres) {
    storage::CadreRecord c{cfg.id,   cfg.channel, CanonicalSender(cfg.channel, cfg.sender),
                           cfg.name, cfg.area,    cfg.active,
                           now,      now,         {}};
    try {
      ctx.deps.store->PutCadre(c);
    } catch (const storage::StoreError& e) {
      Log(LogLevel::kError, "could not register a configured cadre",
          {{"cadre", cfg.id}, {"error", e.what()}});
    }
  }
}

void RegisterCadreRoutes(httplib::Server& server, GatewayContext& ctx) {
  static const char kCadrePath[] = R"(/api/v1/cadres/([A-Za-z0-9_.-]{1,64}))";
  server.Get("/api/v1/cadres", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      json list = json::array();
      for (const auto& c : ctx.deps.store->ListCadres()) list.push_back(CadreJson(c));
      WriteJson(res, 200, {{"cadres", list}});
    });
  });
  server.Get(kCadrePath, [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      for (const auto& c : ctx.deps.store->ListCadres()) {
        if (c.id == req.matches[1]) return WriteJson(res, 200, CadreJson(c));
      }
      WriteError(res, 404, "not_found", "no cadre '" + std::string(req.matches[1]) + "'");
    });
  });
  server.Put(kCadrePath, [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { PutCadre(ctx, req, res); });
  });
}

}  // namespace aduan::gateway
