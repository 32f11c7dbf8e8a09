// The agency API's side of evidence: a ticket's files, served only to the agency that owns the
// ticket and to operators (anyone else gets 404, so ids cannot be probed), and the operators'
// list of files given up on.
#include "gateway/http/media_routes.h"

#include <nlohmann/json.hpp>

#include "channels/util.h"
#include "gateway/http/http_util.h"
#include "gateway/http/routes.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

json MediaRowJson(const storage::MediaRecord& m) {
  return {{"id", m.id},         {"content_type", m.content_type}, {"bytes", m.bytes},
          {"sha256", m.sha256}, {"message_id", m.message_id},     {"status", m.status}};
}

// A filename safe inside a quoted Content-Disposition: what the provider named it with
// anything outside printable ASCII, quotes and backslashes replaced, or one made from the id.
std::string DispositionName(const storage::MediaRecord& m) {
  std::string name;
  for (char c : m.filename.substr(0, 100)) {
    bool plain = c > 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' && c != ';';
    name.push_back(plain ? c : '_');
  }
  if (name.empty() || name.find_first_not_of("._") == std::string::npos) {
    name = "media-" + std::to_string(m.id);
  }
  return name;
}

}  // namespace

bool ServeTicketMedia(storage::Store& store, const storage::TicketRecord& ticket,
                      const std::string& media_id, httplib::Response& res) {
  auto id = channels::ParseInt64(media_id);
  std::optional<storage::MediaRecord> m;
  if (id) m = store.GetMedia(*id);
  if (!m || m->ticket_id != ticket.id) return false;
  if (m->status != "stored") {
    WriteError(res, 409, "media_" + m->status,
               "the file is " + m->status + (m->last_error.empty() ? "" : ": " + m->last_error));
    return true;
  }
  auto bytes = store.GetBlob(m->sha256);
  if (!bytes) throw storage::StoreError("media blob " + m->sha256 + " is missing or damaged");
  // Images are shown inline; anything else is a download, never rendered.
  bool image = m->content_type.rfind("image/", 0) == 0;
  res.set_header("Content-Disposition", std::string(image ? "inline" : "attachment") +
                                            "; filename=\"" + DispositionName(*m) + "\"");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Cache-Control", "private, no-store");
  res.set_content(std::move(*bytes), m->content_type);
  return true;
}

json TicketMediaJson(storage::Store& store, const std::string& ticket_id) {
  storage::MediaQuery q;
  q.ticket_id = ticket_id;
  q.limit = 1000;
  json list = json::array();
  for (const auto& m : store.ListMedia(q)) list.push_back(MediaRowJson(m));
  return list;
}

void RegisterMediaRoutes(httplib::Server& server, GatewayContext& ctx) {
  server.Get(R"(/api/v1/tickets/([^/]+)/media/([^/]+))", [&ctx](const httplib::Request& req,
                                                                httplib::Response& res) {
    Guarded(res, [&] {
      auto opened = OpenVisibleTicket(ctx, req, res, "no such media on ticket ");
      if (!opened) return;
      if (!ServeTicketMedia(*ctx.deps.store, opened->ticket, req.matches[2].str(), res)) {
        std::string message = "no such media on ticket ";
        message.append(opened->ticket.id);
        WriteError(res, 404, "not_found", message);
      }
    });
  });

  server.Get("/api/v1/media", [&ctx](const httplib::Request& req, httplib::Response& res) {
    Guarded(res, [&] {
      if (!RequireOperator(ctx, req, res)) return;
      storage::MediaQuery q;
      q.status = req.has_param("status") ? req.get_param_value("status") : "unavailable";
      if (q.status != "pending" && q.status != "stored" && q.status != "unavailable") {
        WriteError(res, 400, "bad_status", "status must be pending, stored or unavailable");
        return;
      }
      q.limit = 100;
      json list = json::array();
      for (const auto& m : ctx.deps.store->ListMedia(q)) {
        json j = MediaRowJson(m);
        j["ticket_id"] = m.ticket_id;
        j["channel"] = m.channel;
        j["attempts"] = m.attempts;
        j["last_error"] = m.last_error;
        list.push_back(std::move(j));
      }
      WriteJson(res, 200, {{"media", list}});
    });
  });
}

}  // namespace aduan::gateway
