// The cadre registry for operators (Bearer $ADUAN_ADMIN_TOKEN): who may relay complaints for
// neighbours, and how many tickets each relayed.
#include <algorithm>
#include <regex>

#include "core/phone.h"
#include "core/random_id.h"
#include "gateway/http/routes.h"
#include "gateway/tickets/recipients.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

// Channels name phone senders in E.164; a cadre registered as "0812..." must still match.
std::string CanonicalSender(const std::string& channel, const std::string& sender) {
  if (ChannelReachesPhones(channel)) {
    std::string phone = core::NormalizePhone(sender);
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

// Reads a cadre's fields from a request body into *c; on a bad body writes 400 and returns
// false. `active` is optional and keeps *c's value when absent.
bool ReadCadreBody(const json& body, storage::CadreRecord* c, httplib::Response& res) {
  for (auto [key, out] : {std::pair{"channel", &c->channel}, std::pair{"sender", &c->sender},
                          std::pair{"name", &c->name}, std::pair{"area", &c->area}}) {
    auto it = body.find(key);
    if (it == body.end() && std::string(key) == "area") continue;
    if (it == body.end() || !it->is_string() || it->get<std::string>().empty()) {
      WriteError(res, 400, it == body.end() ? "missing_field" : "invalid_field",
                 std::string("field '") + key + "' must be a non-empty string");
      return false;
    }
    *out = it->get<std::string>();
  }
  if (auto it = body.find("active"); it != body.end()) {
    if (!it->is_boolean()) {
      WriteError(res, 400, "invalid_field", "field 'active' must be true or false");
      return false;
    }
    c->active = it->get<bool>();
  }
  const auto& known = channels::AllChannels();
  if (std::none_of(known.begin(), known.end(),
                   [&](const channels::ChannelRegistration& r) { return r.name == c->channel; })) {
    std::string names;
    for (const auto& r : known) names += (names.empty() ? "" : ", ") + std::string(r.name);
    WriteError(res, 400, "invalid_field",
               "field 'channel': no channel '" + c->channel.substr(0, 40) + "'; known: " + names);
    return false;
  }
  c->sender = CanonicalSender(c->channel, c->sender);
  return true;
}

// Stores `c` and answers it as stored: `status` on success, 409 when another cadre already
// writes from the same channel and sender.
void StoreCadre(GatewayContext& ctx, storage::CadreRecord c, int status, httplib::Response& res) {
  try {
    ctx.deps.store->PutCadre(c);
  } catch (const storage::CadreConflict& e) {
    WriteError(res, 409, "cadre_conflict", e.what());
    return;
  }
  if (auto stored = ctx.deps.store->GetCadre(c.id)) WriteJson(res, status, CadreJson(*stored));
}

// PUT /api/v1/cadres/{id}: registers (201) or replaces (200) the cadre with this id.
void PutCadre(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!RequireOperator(ctx, req, res)) return;
  auto body = ReadJsonObject(req, res, /*empty_ok=*/false);
  if (!body) return;
  storage::CadreRecord c;
  c.id = req.matches[1];
  if (!ReadCadreBody(*body, &c, res)) return;
  c.created_at_ms = c.updated_at_ms = ctx.deps.clock();
  bool existed = ctx.deps.store->GetCadre(c.id).has_value();
  StoreCadre(ctx, std::move(c), existed ? 200 : 201, res);
}

// POST /api/v1/cadres: registers a new cadre under an id aduan draws.
void PostCadre(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!RequireOperator(ctx, req, res)) return;
  auto body = ReadJsonObject(req, res, /*empty_ok=*/false);
  if (!body) return;
  storage::CadreRecord c;
  c.id = core::RandomId("kdr_");
  if (!ReadCadreBody(*body, &c, res)) return;
  c.created_at_ms = c.updated_at_ms = ctx.deps.clock();
  StoreCadre(ctx, std::move(c), 201, res);
}

// DELETE /api/v1/cadres/{id}: deactivates; the cadre's tickets and history stay. A relay from
// an inactive cadre is treated like one from someone not registered.
void DeactivateCadre(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  if (!RequireOperator(ctx, req, res)) return;
  auto c = ctx.deps.store->GetCadre(req.matches[1]);
  if (!c) {
    WriteError(res, 404, "not_found", "no cadre '" + std::string(req.matches[1]) + "'");
    return;
  }
  c->active = false;
  c->updated_at_ms = ctx.deps.clock();
  StoreCadre(ctx, std::move(*c), 200, res);
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
  server.Post("/api/v1/cadres", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { PostCadre(ctx, req, res); });
  });
  server.Get(kCadrePath, [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      if (auto c = ctx.deps.store->GetCadre(req.matches[1]))
        return WriteJson(res, 200, CadreJson(*c));
      WriteError(res, 404, "not_found", "no cadre '" + std::string(req.matches[1]) + "'");
    });
  });
  server.Delete(kCadrePath, [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { DeactivateCadre(ctx, req, res); });
  });
  server.Put(kCadrePath, [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] { PutCadre(ctx, req, res); });
  });
}

}  // namespace aduan::gateway
