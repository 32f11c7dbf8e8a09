// One ticket's page and the actions on it: /inbox/tickets/{id} and POST .../{action}. The page
// is built from the agency API's view of the ticket (TicketWithSla), so it never shows more
// than the API; changes go through the same lifecycle rules with the person named as actor.
#include "gateway/http/media_routes.h"
#include "gateway/http/web/labels.h"
#include "gateway/http/web/render.h"
#include "gateway/http/web/web_context.h"
#include "gateway/tickets/lifecycle.h"
#include "gateway/tickets/ticket_number.h"

namespace aduan::gateway::web {
namespace {

using nlohmann::json;

void NotFound(httplib::Response& res, const Session& me) {
  SendMessage(res, 404, "Tiket tidak ditemukan",
              "Tiket itu tidak ada, atau bukan tiket instansi Anda.", "/inbox", me);
}

// The ticket `me` may see, or nullopt after answering 404.
std::optional<storage::TicketRecord> Visible(WebContext& w, const Session& me,
                                             const std::string& raw, httplib::Response& res) {
  ParsedTicket p = ParseTicketNumber(raw);
  std::optional<storage::TicketRecord> t;
  if (p.status == TicketParse::kOk) t = w.gw->deps.store->GetTicket(p.canonical);
  if (!t || (me.role != "operator" && t->agency != me.agency)) {
    NotFound(res, me);
    return std::nullopt;
  }
  return t;
}

json TicketView(WebContext& w, const Session& me, const storage::TicketRecord& t) {
  const GatewayConfig& cfg = *w.gw->deps.config;
  const int64_t now = w.gw->deps.clock();
  json j = TicketWithSla(t, cfg, /*with_events=*/true);
  std::string reporter = "tanpa nama";
  if (j.contains("reporter")) {
    reporter = j["reporter"].value("confidential", false) ? "dirahasiakan"
                                                          : j["reporter"].value("name", reporter);
  }
  std::string relayed;
  if (j.contains("relayed_by")) {
    relayed = j["relayed_by"].value("confidential", false) ? "dirahasiakan"
                                                           : j["relayed_by"].value("cadre", "");
  }
  json events = json::array();
  for (const auto& e : j.value("events", json::array())) {
    std::string change;
    if (e.contains("from") && e.contains("to") && e["from"] != e["to"]) {
      change = StatusLabel(e["from"].get<std::string>()) + " → " +
               StatusLabel(e["to"].get<std::string>());
    }
    events.push_back({{"at", e.value("at", "")},
                      {"actor", e.value("actor", "")},
                      {"label", EventLabel(e.value("kind", ""))},
                      {"change", change},
                      {"note", e.value("note", "")},
                      {"internal_note", e.value("internal_note", "")}});
  }
  json matched = json::array();
  if (j.contains("classification") && j["classification"].contains("matched")) {
    for (const auto& m : j["classification"]["matched"]) {
      matched.push_back({{"target", m.value("target", "")},
                         {"rule", m.value("rule", "")},
                         {"weight", m.contains("weight") ? m["weight"].dump() : ""}});
    }
  }
  // The resident's files, each a link the signed-in person may open (served below).
  json media = json::array();
  for (const auto& m : TicketMediaJson(*w.gw->deps.store, t.id)) {
    std::string id = std::to_string(m["id"].get<int64_t>());
    std::string status = m["status"];
    std::string label = status == "stored"
                            ? m["content_type"].get<std::string>() + ", " +
                                  std::to_string(m["bytes"].get<int64_t>() / 1024 + 1) + " KB"
                        : status == "pending" ? "sedang diambil dari penyedia"
                                              : "tidak tersedia";
    media.push_back(
        {{"label", "Lampiran " + id + " (" + label + ")"},
         {"url", status == "stored" ? "/inbox/tickets/" + t.id + "/media/" + id : std::string()}});
  }
  std::string mal;
  for (const auto& m : t.maladministration) mal += (mal.empty() ? "" : ", ") + m;
  json agencies = json::array();
  for (const auto& a : cfg.agencies) {
    if (a.code != t.agency && a.code != "TRIAGE") {
      agencies.push_back({{"value", a.code}, {"label", a.name}});
    }
  }
  const bool open =
      t.status == core::TicketStatus::kRouted || t.status == core::TicketStatus::kInProgress;
  const bool op = me.role == "operator";
  return {{"me", MeJson(me)},
          {"csrf", me.csrf},
          {"t", j},
          {"version", std::to_string(t.version)},
          {"status_label", StatusLabel(t.status)},
          {"agency_name", AgencyName(cfg, t.agency)},
          {"overdue", t.overdue_since_ms > 0},
          {"reporter", reporter},
          {"relayed", relayed},
          {"due", DueText(t, cfg, now)},
          {"place", PlaceText(j)},
          {"topic", j.contains("topic") && j["topic"].is_string() ? j["topic"] : json("")},
          {"mal", mal.empty() ? "-" : mal},
          {"events", events},
          {"matched", matched},
          {"media", media},
          {"has_media", !media.empty()},
          {"agencies", agencies},
          {"clerk", !op},
          {"can_act", open || (op && t.status == core::TicketStatus::kTriage)},
          {"can_ack", t.status == core::TicketStatus::kRouted}};
}

void Page(WebContext& w, const httplib::Request& req, httplib::Response& res) {
  auto me = RequireSession(w, req, res);
  if (!me) return;
  auto t = Visible(w, *me, req.matches[1], res);
  if (!t) return;
  json view = TicketView(w, *me, *t);
  static const std::map<std::string, std::string> kFlash = {
      {"acknowledge", "Tiket diterima; warga sudah diberi tahu."},
      {"status", "Status disimpan; warga diberi tahu."},
      {"reply", "Balasan dikirim ke warga."},
      {"reroute", "Tiket dialihkan."}};
  if (req.has_param("done")) {
    if (auto it = kFlash.find(req.get_param_value("done")); it != kFlash.end()) {
      view["flash"] = it->second;
    }
  }
  SendHtml(res, 200, RenderPage(t->id, "ticket", view));
}

// The lifecycle's refusal in words a clerk can act on.
std::string RefusalText(const core::Status& r, const storage::TicketRecord& t) {
  if (r.reason() == "stale_version") {
    return "Tiket ini sudah diubah orang lain setelah Anda membukanya. Perubahan Anda tidak "
           "disimpan. Buka lagi tiketnya untuk melihat yang terbaru, lalu ulangi bila perlu.";
  }
  if (r.reason() == "illegal_transition") {
    return "Tindakan ini tidak bisa dilakukan pada tiket berstatus " + StatusLabel(t.status) + ".";
  }
  if (r.reason() == "missing_field") return "Catatan wajib diisi untuk tindakan ini.";
  if (r.reason() == "unknown_agency") return "Pilih instansi tujuan dari daftar.";
  if (r.reason() == "same_agency") return "Tiket ini sudah berada di instansi itu.";
  return "Tindakan ditolak: " + r.message();
}

void Act(WebContext& w, const httplib::Request& req, httplib::Response& res) {
  auto me = RequireSession(w, req, res);
  if (!me) return;
  Form form = ParseForm(req.body);
  if (!CheckCsrf(*me, form, res)) return;
  auto t = Visible(w, *me, req.matches[1], res);
  if (!t) return;
  const std::string verb = req.matches[2];
  LifecycleAction a;
  a.note = FormValue(form, "note").substr(0, 4000);
  if (verb == "acknowledge") {
    a.action = "in_progress";
    if (a.note.empty()) a.note = "Aduan Anda sudah kami terima dan sedang kami tangani.";
  } else if (verb == "status") {
    a.action = FormValue(form, "status");
    if (a.action != "in_progress" && a.action != "resolved" && a.action != "rejected") {
      SendMessage(res, 400, "Status tidak dikenal", "Pilih status dari daftar.",
                  "/inbox/tickets/" + t->id, *me);
      return;
    }
  } else if (verb == "reply" || verb == "not_our_authority" || verb == "reroute") {
    a.action = verb;
    a.agency = FormValue(form, "agency");
  } else {
    SendMessage(res, 404, "Tindakan tidak dikenal", "Tidak ada tindakan itu.",
                "/inbox/tickets/" + t->id, *me);
    return;
  }
  try {
    a.expect_version = std::stoll(FormValue(form, "version"));
  } catch (const std::exception&) {
    a.expect_version = -1;  // a form without the version it was made from is stale
  }
  core::Actor actor = me->role == "operator" ? core::Actor::Operator(me->name)
                                             : core::Actor::Agency(me->agency, me->name);
  auto r =
      ApplyLifecycle(*w.gw->deps.config, *w.gw->deps.store, t->id, actor, a, w.gw->deps.clock());
  if (!r.ok()) {
    if (r.status().code() == core::StatusCode::kNotFound) return NotFound(res, *me);
    SendMessage(res, HttpStatusOf(r.status().code()), "Tidak disimpan", RefusalText(r.status(), *t),
                "/inbox/tickets/" + t->id, *me);
    return;
  }
  w.gw->metrics.Count("aduan_ticket_changes_total", "action=\"" + a.action + "\"");
  w.gw->dispatcher->Wake();
  if (FormValue(form, "back") == "operator") return Redirect(res, "/inbox/operator?done=routed");
  // A ticket that left the clerk's agency is no longer theirs to open.
  if (me->role != "operator" && r.value().agency != me->agency) {
    return Redirect(res, "/inbox?done=" + verb);
  }
  Redirect(res, "/inbox/tickets/" + t->id + "?done=" + verb);
}

// A file of a ticket the signed-in person may see, with the agency API's headers.
void Media(WebContext& w, const httplib::Request& req, httplib::Response& res) {
  auto me = RequireSession(w, req, res);
  if (!me) return;
  auto t = Visible(w, *me, req.matches[1], res);
  if (!t) return;
  if (!ServeTicketMedia(*w.gw->deps.store, *t, req.matches[2].str(), res)) NotFound(res, *me);
}

}  // namespace

void RegisterTicketPageRoutes(httplib::Server& server, WebContext& w) {
  server.Get(R"(/inbox/tickets/([^/]+)/media/([0-9]+))",
             [&w](const httplib::Request& req, httplib::Response& res) {
               GuardedPage(res, [&] { Media(w, req, res); });
             });
  server.Get(R"(/inbox/tickets/([^/]+))",
             [&w](const httplib::Request& req, httplib::Response& res) {
               GuardedPage(res, [&] { Page(w, req, res); });
             });
  server.Post(R"(/inbox/tickets/([^/]+)/([a-z_]+))",
              [&w](const httplib::Request& req, httplib::Response& res) {
                GuardedPage(res, [&] { Act(w, req, res); });
              });
}

}  // namespace aduan::gateway::web
