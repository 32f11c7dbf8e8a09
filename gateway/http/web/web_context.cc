#include "gateway/http/web/web_context.h"

#include "core/crypto.h"
#include "gateway/common/api_keys.h"
#include "gateway/http/web/render.h"

namespace aduan::gateway::web {

std::string CookieValue(const httplib::Request& req, const std::string& name) {
  const std::string header = req.get_header_value("Cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t first = part.find_first_not_of(' ');
    if (first != std::string::npos) part = part.substr(first);
    if (part.size() > name.size() && part.compare(0, name.size(), name) == 0 &&
        part[name.size()] == '=') {
      return part.substr(name.size() + 1);
    }
    pos = end + 1;
  }
  return "";
}

Form ParseForm(const std::string& body) {
  Form form;
  size_t pos = 0;
  while (pos <= body.size()) {
    size_t end = body.find('&', pos);
    if (end == std::string::npos) end = body.size();
    std::string pair = body.substr(pos, end - pos);
    if (!pair.empty()) {
      size_t eq = pair.find('=');
      std::string key = httplib::detail::decode_url(pair.substr(0, eq), true);
      std::string value =
          eq == std::string::npos ? "" : httplib::detail::decode_url(pair.substr(eq + 1), true);
      form.emplace(std::move(key), std::move(value));
    }
    pos = end + 1;
  }
  return form;
}

std::string FormValue(const Form& form, const std::string& key) {
  auto it = form.find(key);
  return it == form.end() ? "" : it->second;
}

std::string CookieHeader(const WebContext& w, const std::string& name, const std::string& value,
                         int64_t max_age_seconds) {
  std::string c = name + "=" + value + "; Path=/inbox; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age_seconds);
  if (w.secure_cookies) c += "; Secure";
  return c;
}

void SendHtml(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  // Inline style and the one inline script are ours; nothing may load from elsewhere.
  res.set_header("Content-Security-Policy",
                 "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
                 "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'");
  res.set_content(html, "text/html; charset=utf-8");
}

void Redirect(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
  res.set_header("Cache-Control", "no-store");
  res.set_content("", "text/plain");
}

void SendMessage(httplib::Response& res, int status, const std::string& heading,
                 const std::string& message, const std::string& back,
                 const std::optional<Session>& me) {
  nlohmann::json view = {{"heading", heading}, {"message", message}, {"back", back}};
  if (me) view["me"] = MeJson(*me);
  SendHtml(res, status, RenderPage(heading, "message", view));
}

std::optional<Session> CurrentSession(WebContext& w, const httplib::Request& req) {
  const std::string id = CookieValue(req, kSessionCookie);
  if (id.empty()) return std::nullopt;
  auto s = w.sessions.Find(id, w.gw->deps.clock());
  if (!s) return std::nullopt;
  // A person disabled with `aduan users disable` loses the session at the next request.
  auto user = w.gw->deps.store->FindUser(s->username);
  if (!user || !user->active) {
    w.sessions.Remove(id);
    return std::nullopt;
  }
  return s;
}

std::optional<Session> RequireSession(WebContext& w, const httplib::Request& req,
                                      httplib::Response& res) {
  auto s = CurrentSession(w, req);
  if (!s) Redirect(res, "/inbox/login");
  return s;
}

bool CheckCsrf(const Session& me, const Form& form, httplib::Response& res) {
  const std::string token = FormValue(form, "csrf");
  if (!token.empty() && core::ConstantTimeEquals(token, me.csrf)) return true;
  SendMessage(res, 403, "Formulir ditolak",
              "Formulir ini tidak membawa token keamanan yang sah (mungkin halaman sudah "
              "kedaluwarsa). Tidak ada yang berubah. Buka halamannya lagi lalu ulangi.",
              "/inbox", me);
  return false;
}

nlohmann::json MeJson(const Session& me) {
  return {{"name", me.name},
          {"role_label", me.role == "operator" ? "operator" : "petugas " + me.agency},
          {"csrf", me.csrf},
          {"operator", me.role == "operator"}};
}

}  // namespace aduan::gateway::web
