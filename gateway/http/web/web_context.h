// What the web inbox's route files share: the signed-in sessions, the password brake, and the
// helpers every page uses (cookies, forms, HTML answers, the current person).
#ifndef ADUAN_GATEWAY_WEB_WEB_CONTEXT_H_
#define ADUAN_GATEWAY_WEB_WEB_CONTEXT_H_

#include <httplib.h>

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "gateway/http/routes.h"
#include "gateway/http/web/sessions.h"

namespace aduan::gateway::web {

inline constexpr char kSessionCookie[] = "aduan_session";
inline constexpr char kLoginCookie[] = "aduan_login";  // the sign-in form's CSRF token

struct WebContext {
  GatewayContext* gw = nullptr;
  SessionStore sessions{8LL * 3600 * 1000, 12LL * 3600 * 1000};  // a working day at most
  LoginThrottle throttle;
  bool secure_cookies = false;  // ADUAN_PUBLIC_BASE_URL is https
};

using Form = std::map<std::string, std::string>;

// The value of cookie `name` in the request, or "".
std::string CookieValue(const httplib::Request& req, const std::string& name);
// An application/x-www-form-urlencoded body ('+' is a space).
Form ParseForm(const std::string& body);
std::string FormValue(const Form& form, const std::string& key);
// "name=value; Path=/inbox; HttpOnly; SameSite=Strict[; Secure]; Max-Age=..."
std::string CookieHeader(const WebContext& w, const std::string& name, const std::string& value,
                         int64_t max_age_seconds);

// Answers with an HTML page and the headers every page carries (no caching, no framing, no
// resource from another origin).
void SendHtml(httplib::Response& res, int status, const std::string& html);
void Redirect(httplib::Response& res, const std::string& location);
// A page with one message (errors, refusals), in the layout.
void SendMessage(httplib::Response& res, int status, const std::string& heading,
                 const std::string& message, const std::string& back,
                 const std::optional<Session>& me);

// The signed-in person, still active in storage; nullopt when not signed in.
std::optional<Session> CurrentSession(WebContext& w, const httplib::Request& req);
// As CurrentSession, but answers a redirect to the sign-in page when there is none.
std::optional<Session> RequireSession(WebContext& w, const httplib::Request& req,
                                      httplib::Response& res);
// True when the form carries the session's CSRF token; otherwise answers 403.
bool CheckCsrf(const Session& me, const Form& form, httplib::Response& res);

// {"name", "role_label", "csrf", "operator"} for the page header.
nlohmann::json MeJson(const Session& me);

// Runs a page handler; a storage failure becomes a 503 page asking to try again.
template <class F>
void GuardedPage(httplib::Response& res, F&& f) {
  try {
    f();
  } catch (const storage::StoreError& e) {
    Log(LogLevel::kError, "storage failed on a web page", {{"error", e.what()}});
    res.set_header("Retry-After", "5");
    SendMessage(res, 503, "Sedang gangguan",
                "Penyimpanan data sedang tidak tersedia. Tidak ada yang berubah; coba lagi "
                "sebentar lagi.",
                "/inbox", std::nullopt);
  }
}

void RegisterInboxRoutes(httplib::Server& server, WebContext& w);
void RegisterTicketPageRoutes(httplib::Server& server, WebContext& w);
void RegisterOperatorPageRoutes(httplib::Server& server, WebContext& w);

}  // namespace aduan::gateway::web

#endif  // ADUAN_GATEWAY_WEB_WEB_CONTEXT_H_
