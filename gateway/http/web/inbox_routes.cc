// Signing in and out, and the queue: /inbox/login, /inbox/logout, /inbox, /inbox/export.csv.
#include <algorithm>
#include <set>

#include "core/crypto.h"
#include "core/random_id.h"
#include "gateway/http/web/labels.h"
#include "gateway/http/web/passwords.h"
#include "gateway/http/web/render.h"
#include "gateway/http/web/web_context.h"
#include "gateway/tickets/ticket_number.h"

namespace aduan::gateway::web {
namespace {

using nlohmann::json;

void SendLogin(WebContext& w, httplib::Response& res, int status, const std::string& error,
               const std::string& username) {
  // Before a session exists the form's token is a cookie of its own (double submit).
  std::string token = core::RandomToken();
  res.set_header("Set-Cookie", CookieHeader(w, kLoginCookie, token, 3600));
  SendHtml(
      res, status,
      RenderPage("Masuk", "login", {{"csrf", token}, {"error", error}, {"username", username}}));
}

void Login(WebContext& w, const httplib::Request& req, httplib::Response& res) {
  Form form = ParseForm(req.body);
  const std::string cookie = CookieValue(req, kLoginCookie);
  const std::string token = FormValue(form, "csrf");
  if (cookie.empty() || token.empty() || !core::ConstantTimeEquals(cookie, token)) {
    SendLogin(w, res, 403, "Formulir kedaluwarsa. Silakan coba masuk lagi.", "");
    return;
  }
  std::string username = FormValue(form, "username");
  std::transform(username.begin(), username.end(), username.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  const std::string password = FormValue(form, "password");
  const int64_t now = w.gw->deps.clock();
  const std::string user_key = "user:" + username, addr_key = "addr:" + req.remote_addr;
  int64_t wait = std::max(w.throttle.WaitMs(user_key, now), w.throttle.WaitMs(addr_key, now));
  if (wait > 0) {
    res.set_header("Retry-After", std::to_string((wait + 999) / 1000));
    SendLogin(w, res, 429,
              "Terlalu banyak percobaan yang salah. Coba lagi dalam " +
                  std::to_string((wait + 999) / 1000) + " detik.",
              username);
    return;
  }
  auto user = username.empty() ? std::nullopt : w.gw->deps.store->FindUser(username);
  // A missing user costs a hash too, so timing does not tell which usernames exist.
  static const std::string kDummy = HashPassword("aduan-dummy-password");
  bool ok = VerifyPassword(user ? user->password_hash : kDummy, password) && user && user->active;
  if (!ok) {
    w.throttle.Failed(user_key, now);
    w.throttle.Failed(addr_key, now);
    Log(LogLevel::kWarn, "web sign-in refused",
        {{"username", username}, {"remote", req.remote_addr}});
    SendLogin(w, res, 401, "Nama pengguna atau kata sandi salah.", username);
    return;
  }
  w.throttle.Succeeded(user_key);
  w.throttle.Succeeded(addr_key);
  Session s;
  s.username = user->username;
  s.name = user->name;
  s.agency = user->agency;
  s.role = user->role;
  std::string id = w.sessions.Create(s, now);
  res.set_header("Set-Cookie", CookieHeader(w, kSessionCookie, id, 12 * 3600));
  Redirect(res, user->role == "operator" ? "/inbox/operator" : "/inbox");
}

// The queue's filters, read from the query string.
struct QueueFilter {
  std::string status = "open";  // open, new, in_progress, waiting, triage, done, all
  std::string sla = "any";      // any, overdue, on_time
  std::string mal;
  std::string topic;   // a service topic code
  std::string agency;  // the operator's choice; a clerk's is fixed
  bool urgent = false;
  std::string q;
};

QueueFilter ReadFilter(const httplib::Request& req, const Session& me) {
  QueueFilter f;
  auto get = [&](const char* k) { return req.has_param(k) ? req.get_param_value(k) : ""; };
  if (!get("status").empty()) f.status = get("status");
  if (!get("sla").empty()) f.sla = get("sla");
  f.mal = get("mal");
  f.topic = get("topic").substr(0, 80);
  f.urgent = get("urgent") == "1";
  f.q = get("q").substr(0, 200);
  f.agency = me.role == "operator" ? get("agency") : me.agency;
  return f;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// The tickets the filter selects, newest first (at most 500 are looked at).
std::vector<storage::TicketRecord> Select(WebContext& w, const QueueFilter& f) {
  storage::Store& store = *w.gw->deps.store;
  // A ticket number in the search box opens that ticket's row alone.
  if (ParsedTicket p = ParseTicketNumber(f.q); p.status == TicketParse::kOk) {
    auto t = store.GetTicket(p.canonical);
    if (t && (f.agency.empty() || t->agency == f.agency)) return {*t};
    return {};
  }
  storage::TicketQuery q;
  q.agency = f.agency;
  q.limit = 500;
  static const std::map<std::string, std::vector<std::string>> kStatuses = {
      {"open", {"routed", "in_progress"}},
      {"new", {"routed"}},
      {"in_progress", {"in_progress"}},
      {"waiting", {"in_progress"}},
      {"triage", {"triage"}},
      {"done", {"resolved", "rejected", "closed"}}};
  if (auto it = kStatuses.find(f.status); it != kStatuses.end()) q.statuses = it->second;
  q.overdue_only = f.sla == "overdue";
  std::vector<std::string> words;
  for (size_t pos = 0; pos < f.q.size();) {
    size_t end = f.q.find(' ', pos);
    if (end == std::string::npos) end = f.q.size();
    if (end > pos) words.push_back(Lower(f.q.substr(pos, end - pos)));
    pos = end + 1;
  }
  std::vector<storage::TicketRecord> out;
  for (auto& t : store.ListTickets(q)) {
    if (f.urgent && !t.urgent) continue;
    if (!f.topic.empty() && t.topic != f.topic) continue;
    // Waiting on the resident: the agency spoke last (a reply or a status note), and nothing
    // came after it.
    if (f.status == "waiting" &&
        !(t.last_response_at_ms > 0 && t.last_response_at_ms >= t.updated_at_ms)) {
      continue;
    }
    if (f.sla == "on_time" && t.overdue_since_ms > 0) continue;
    if (!f.mal.empty() && std::find(t.maladministration.begin(), t.maladministration.end(),
                                    f.mal) == t.maladministration.end()) {
      continue;
    }
    // Words are searched in the text the agency sees (a confidential reporter cut out).
    std::string text = Lower(TicketWithSla(t, *w.gw->deps.config, false).value("text", ""));
    bool all = std::all_of(words.begin(), words.end(), [&](const std::string& word) {
      return text.find(word) != std::string::npos;
    });
    if (all) out.push_back(std::move(t));
  }
  return out;
}

json Options(const std::vector<std::pair<std::string, std::string>>& values,
             const std::string& selected) {
  json out = json::array();
  for (const auto& [value, label] : values) {
    out.push_back({{"value", value}, {"label", label}, {"selected", value == selected}});
  }
  return out;
}

std::string QueryOf(const httplib::Request& req) {
  std::string out;
  for (const auto& [k, v] : req.params) {
    // Appended piece by piece: "literal" + std::string trips GCC 12's false -Wrestrict at -O3.
    out += out.empty() ? '?' : '&';
    out += httplib::detail::encode_query_param(k);
    out += '=';
    out += httplib::detail::encode_query_param(v);
  }
  return out;
}

void Queue(WebContext& w, const httplib::Request& req, httplib::Response& res) {
  auto me = RequireSession(w, req, res);
  if (!me) return;
  const GatewayConfig& cfg = *w.gw->deps.config;
  QueueFilter f = ReadFilter(req, *me);
  auto tickets = Select(w, f);
  const int64_t now = w.gw->deps.clock();
  json rows = json::array();
  std::set<std::string> mal_types, topic_codes;
  for (const auto& t : tickets) {
    rows.push_back(QueueRow(t, cfg, now));
    mal_types.insert(t.maladministration.begin(), t.maladministration.end());
    if (!t.topic.empty()) topic_codes.insert(t.topic);
  }
  if (!f.mal.empty()) mal_types.insert(f.mal);
  if (!f.topic.empty()) topic_codes.insert(f.topic);
  std::vector<std::pair<std::string, std::string>> topics = {{"", "semua"}};
  for (const auto& code : topic_codes) topics.emplace_back(code, code);
  std::vector<std::pair<std::string, std::string>> mal = {{"", "semua"}};
  for (const auto& m : mal_types) mal.emplace_back(m, m);
  std::vector<std::pair<std::string, std::string>> agencies = {{"", "semua instansi"}};
  for (const auto& a : cfg.agencies) agencies.emplace_back(a.code, a.name);
  static const std::map<std::string, std::string> kFlash = {
      {"not_our_authority", "Tiket dikembalikan ke meja triase."},
      {"reroute", "Tiket dialihkan ke instansi lain."}};
  std::string flash;
  if (req.has_param("done")) {
    if (auto it = kFlash.find(req.get_param_value("done")); it != kFlash.end()) flash = it->second;
  }
  json view = {
      {"me", MeJson(*me)},
      {"operator", me->role == "operator"},
      {"agency_name", f.agency.empty() ? "semua instansi" : AgencyName(cfg, f.agency)},
      {"flash", flash},
      {"statuses", Options({{"open", "terbuka"},
                            {"new", "baru"},
                            {"in_progress", "diproses"},
                            {"waiting", "menunggu warga"},
                            {"triage", "triase"},
                            {"done", "selesai/ditolak"},
                            {"all", "semua"}},
                           f.status)},
      {"sla_states",
       Options({{"any", "semua"}, {"overdue", "terlambat"}, {"on_time", "tepat waktu"}}, f.sla)},
      {"mal_types", Options(mal, f.mal)},
      {"topics", Options(topics, f.topic)},
      {"agencies", Options(agencies, f.agency)},
      {"urgent_only", f.urgent},
      {"q", f.q},
      {"count", std::to_string(rows.size())},
      {"export_url", "/inbox/export.csv" + QueryOf(req)},
      {"tickets", rows}};
  SendHtml(res, 200, RenderPage("Kotak masuk", "inbox", view));
}

std::string CsvField(const std::string& s) {
  std::string v = s;
  // A cell starting with = + - @ is a formula to a spreadsheet: keep it text.
  if (!v.empty() && std::string("=+-@").find(v[0]) != std::string::npos) v = "'" + v;
  std::string out = "\"";
  for (char c : v) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

void Export(WebContext& w, const httplib::Request& req, httplib::Response& res) {
  auto me = RequireSession(w, req, res);
  if (!me) return;
  const GatewayConfig& cfg = *w.gw->deps.config;
  QueueFilter f = ReadFilter(req, *me);
  const int64_t now = w.gw->deps.clock();
  std::string csv =
      "id,status,agency,created_at,due,overdue,urgent,maladministration,anonymous,text\r\n";
  for (const auto& t : Select(w, f)) {
    json v = TicketWithSla(t, cfg, false);
    std::string mal;
    for (const auto& m : t.maladministration) mal += (mal.empty() ? "" : ";") + m;
    csv += CsvField(t.id) + "," + CsvField(std::string(core::Name(t.status))) + "," +
           CsvField(t.agency) + "," + CsvField(v.value("created_at", "")) + "," +
           CsvField(DueText(t, cfg, now)) + "," + (t.overdue_since_ms ? "yes" : "no") + "," +
           (t.urgent ? "yes" : "no") + "," + CsvField(mal) + "," + (t.confidential ? "yes" : "no") +
           "," + CsvField(v.value("text", "")) + "\r\n";
  }
  res.set_header("Content-Disposition", "attachment; filename=\"aduan.csv\"");
  res.set_header("Cache-Control", "no-store");
  res.set_content(csv, "text/csv; charset=utf-8");
}

}  // namespace

void RegisterInboxRoutes(httplib::Server& server, WebContext& w) {
  server.Get("/inbox/login", [&w](const httplib::Request& req, httplib::Response& res) {
    GuardedPage(res, [&] {
      if (CurrentSession(w, req)) return Redirect(res, "/inbox");
      SendLogin(w, res, 200, "", "");
    });
  });
  server.Post("/inbox/login", [&w](const httplib::Request& req, httplib::Response& res) {
    GuardedPage(res, [&] { Login(w, req, res); });
  });
  server.Post("/inbox/logout", [&w](const httplib::Request& req, httplib::Response& res) {
    GuardedPage(res, [&] {
      auto me = RequireSession(w, req, res);
      if (!me || !CheckCsrf(*me, ParseForm(req.body), res)) return;
      w.sessions.Remove(CookieValue(req, kSessionCookie));
      res.set_header("Set-Cookie", CookieHeader(w, kSessionCookie, "", 0));
      Redirect(res, "/inbox/login");
    });
  });
  server.Get("/inbox", [&w](const httplib::Request& req, httplib::Response& res) {
    GuardedPage(res, [&] { Queue(w, req, res); });
  });
  server.Get("/inbox/export.csv", [&w](const httplib::Request& req, httplib::Response& res) {
    GuardedPage(res, [&] { Export(w, req, res); });
  });
}

}  // namespace aduan::gateway::web
