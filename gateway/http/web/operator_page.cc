// The operator's dashboard, /inbox/operator: the triage desk with the classifier's candidates
// and one action to route, the per-agency compliance table, charts and the cadres.
#include <algorithm>
#include <map>

#include "gateway/http/web/charts.h"
#include "gateway/http/web/labels.h"
#include "gateway/http/web/render.h"
#include "gateway/http/web/web_context.h"
#include "gateway/tickets/sla.h"

namespace aduan::gateway::web {
namespace {

using nlohmann::json;

// The classifier's agencies for a ticket, best first: the summed weights of matched rules.
std::vector<std::pair<std::string, double>> Candidates(const storage::TicketRecord& t,
                                                       const GatewayConfig& cfg) {
  std::map<std::string, double> score;
  auto c = json::parse(t.classification_json, nullptr, false);
  if (c.is_object() && c.contains("matched") && c["matched"].is_array()) {
    for (const auto& m : c["matched"]) {
      std::string target = m.value("target", "");
      if (cfg.FindAgency(target) && target != "TRIAGE") score[target] += m.value("weight", 0.0);
    }
  }
  std::vector<std::pair<std::string, double>> out(score.begin(), score.end());
  std::sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.second > b.second; });
  if (out.size() > 3) out.resize(3);
  return out;
}

json TriageRows(WebContext& w, const Session& me) {
  const GatewayConfig& cfg = *w.gw->deps.config;
  storage::TicketQuery q;
  q.statuses = {"triage"};
  q.limit = 100;
  json rows = json::array();
  const int64_t now = w.gw->deps.clock();
  for (const auto& t : w.gw->deps.store->ListTickets(q)) {
    json row = QueueRow(t, cfg, now);
    auto cands = Candidates(t, cfg);
    json cj = json::array();
    for (const auto& [code, s] : cands) {
      char buf[32];
      snprintf(buf, sizeof buf, "%.2f", s);
      cj.push_back({{"label", AgencyName(cfg, code)}, {"score", buf}});
    }
    json options = json::array();
    const std::string best = cands.empty() ? "" : cands[0].first;
    for (const auto& a : cfg.agencies) {
      if (a.code == "TRIAGE") continue;
      options.push_back({{"value", a.code}, {"label", a.name}, {"selected", a.code == best}});
    }
    // Who sent it back, and why, is in the events (only the full read has them).
    std::string returned;
    if (auto full = w.gw->deps.store->GetTicket(t.id)) {
      for (const auto& e : full->events) {
        if (e.kind == core::EventKind::kNotOurAuthority) {
          returned = e.actor.Name() + ": " + e.internal_note;
        }
      }
    }
    row["candidates"] = cj;
    row["options"] = options;
    row["returned"] = returned;
    row["csrf"] = me.csrf;
    row["version"] = std::to_string(t.version);
    rows.push_back(row);
  }
  return rows;
}

std::string Duration(int64_t ms) {
  if (ms < 0) return "-";
  int64_t hours = ms / 3600000;
  if (hours < 48) return std::to_string(hours) + " jam";
  return std::to_string(hours / 24) + " hari";
}

void Dashboard(WebContext& w, const httplib::Request& req, httplib::Response& res) {
  auto me = RequireSession(w, req, res);
  if (!me) return;
  if (me->role != "operator") {
    SendMessage(res, 403, "Khusus operator", "Halaman ini hanya untuk operator kota.", "/inbox",
                *me);
    return;
  }
  const GatewayConfig& cfg = *w.gw->deps.config;
  const int64_t now = w.gw->deps.clock();
  json triage = TriageRows(w, *me);

  storage::TicketQuery all;
  all.limit = 5000;  // the dashboard reads the most recent 5000 tickets
  struct Stats {
    int open = 0, overdue = 0, resolved = 0, responded = 0, on_time = 0;
    std::vector<int64_t> first_response;
    std::vector<int> daily = std::vector<int>(14, 0);
  };
  std::map<std::string, Stats> by_agency;
  std::map<std::string, int> mal;
  const int64_t today = cfg.sla.calendar.LocalDay(now);
  for (const auto& t : w.gw->deps.store->ListTickets(all)) {
    Stats& s = by_agency[t.agency];
    bool open =
        t.status == core::TicketStatus::kRouted || t.status == core::TicketStatus::kInProgress;
    s.open += open;
    s.overdue += open && t.overdue_since_ms > 0;
    s.resolved +=
        t.status == core::TicketStatus::kResolved || t.status == core::TicketStatus::kClosed;
    if (t.first_response_at_ms) {
      int64_t routed = t.routed_at_ms ? t.routed_at_ms : t.created_at_ms;
      s.first_response.push_back(t.first_response_at_ms - routed);
      const AgencyConfig* a = cfg.FindAgency(t.agency);
      int days = a ? a->sla.response_days : cfg.sla.defaults.response_days;
      ++s.responded;
      s.on_time += t.first_response_at_ms <= cfg.sla.calendar.AddWorkingDays(routed, days);
    }
    int64_t age = today - cfg.sla.calendar.LocalDay(t.created_at_ms);
    if (age >= 0 && age < 14) ++s.daily[13 - age];
    for (const auto& m : t.maladministration) ++mal[m];
  }
  json agencies = json::array();
  std::vector<std::pair<std::string, std::vector<int>>> series;
  for (auto& [code, s] : by_agency) {
    std::string median = "-";
    if (!s.first_response.empty()) {
      auto mid = s.first_response.begin() + s.first_response.size() / 2;
      std::nth_element(s.first_response.begin(), mid, s.first_response.end());
      median = Duration(*mid);
    }
    std::string share =
        s.responded ? std::to_string(s.on_time * 100 / s.responded) + "%" : std::string("-");
    agencies.push_back({{"name", AgencyName(cfg, code)},
                        {"open", std::to_string(s.open)},
                        {"overdue", std::to_string(s.overdue)},
                        {"resolved", std::to_string(s.resolved)},
                        {"median_first_response", median},
                        {"within_sla", share}});
    series.emplace_back(code, s.daily);
  }
  std::vector<std::pair<std::string, int>> mal_bars(mal.begin(), mal.end());
  std::sort(mal_bars.begin(), mal_bars.end(), [](auto& a, auto& b) { return a.second > b.second; });
  json cadres = json::array();
  for (const auto& c : w.gw->deps.store->ListCadres()) {
    int64_t n = 0;
    for (const auto& [status, count] : c.tickets_by_status) n += count;
    cadres.push_back({{"name", c.name}, {"area", c.area}, {"tickets", std::to_string(n)}});
  }
  std::string flash = req.has_param("done") && req.get_param_value("done") == "routed"
                          ? "Tiket diarahkan; instansi tujuan sudah bisa melihatnya."
                          : "";
  json view = {{"me", MeJson(*me)},
               {"flash", flash},
               {"triage", triage},
               {"triage_count", std::to_string(triage.size())},
               {"agencies", agencies},
               {"volume_svg", DailySeriesSvg(series)},
               {"mal_svg", BarChartSvg(mal_bars)},
               {"cadres", cadres}};
  SendHtml(res, 200, RenderPage("Dasbor operator", "operator", view));
}

}  // namespace

void RegisterOperatorPageRoutes(httplib::Server& server, WebContext& w) {
  server.Get("/inbox/operator", [&w](const httplib::Request& req, httplib::Response& res) {
    GuardedPage(res, [&] { Dashboard(w, req, res); });
  });
}

}  // namespace aduan::gateway::web
