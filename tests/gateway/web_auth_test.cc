// The web inbox's sign-in pieces without a browser: password hashes, the guessing brake,
// sessions, users in storage, and the sign-in form over real HTTP.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gateway/common/api_keys.h"
#include "gateway/http/web/passwords.h"
#include "gateway/http/web/sessions.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using gateway::web::HashPassword;
using gateway::web::LoginThrottle;
using gateway::web::Session;
using gateway::web::SessionStore;
using gateway::web::VerifyPassword;

TEST(WebPasswords, Argon2idHashesAreSaltedAndVerify) {
  std::string a = HashPassword("kata-sandi-rahasia");
  std::string b = HashPassword("kata-sandi-rahasia");
  EXPECT_EQ(a.rfind("$argon2id$", 0), 0u) << a;
  EXPECT_NE(a, b);  // a fresh salt each time
  EXPECT_TRUE(VerifyPassword(a, "kata-sandi-rahasia"));
  EXPECT_FALSE(VerifyPassword(a, "kata-sandi-rahasiA"));
  EXPECT_FALSE(VerifyPassword("not a hash", "kata-sandi-rahasia"));
  EXPECT_FALSE(VerifyPassword("", ""));
}

TEST(WebThrottle, WrongPasswordsSlowDownAndSuccessClears) {
  LoginThrottle t(/*free_tries=*/3, /*max_wait_ms=*/8000, /*forget_ms=*/60000);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(t.WaitMs("user:budi", 1000), 0);
    t.Failed("user:budi", 1000);
  }
  EXPECT_EQ(t.WaitMs("user:budi", 1000), 1000);
  t.Failed("user:budi", 2000);
  EXPECT_EQ(t.WaitMs("user:budi", 2000), 2000);  // doubles
  EXPECT_EQ(t.WaitMs("user:dewi", 2000), 0);     // per key
  for (int i = 0; i < 10; ++i) t.Failed("user:budi", 3000);
  EXPECT_EQ(t.WaitMs("user:budi", 3000), 8000);       // capped
  EXPECT_EQ(t.WaitMs("user:budi", 3000 + 60001), 0);  // forgotten after a quiet hour
  t.Failed("user:budi", 100000);
  t.Succeeded("user:budi");
  EXPECT_EQ(t.WaitMs("user:budi", 100000), 0);
}

TEST(WebSessions, ExpireWhenIdleOrOldAndEndAtLogout) {
  SessionStore store(/*idle_ms=*/1000, /*max_ms=*/5000);
  Session s;
  s.username = "budi";
  std::string id = store.Create(s, 0);
  auto found = store.Find(id, 900);
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->csrf.empty());
  EXPECT_TRUE(store.Find(id, 1800));   // the idle timer restarted at 900
  EXPECT_FALSE(store.Find(id, 2900));  // idle too long
  std::string old = store.Create(s, 0);
  for (int64_t t = 900; t < 5000; t += 900) ASSERT_TRUE(store.Find(old, t));
  EXPECT_FALSE(store.Find(old, 5400));  // past the maximum however active
  std::string gone = store.Create(s, 0);
  store.Remove(gone);
  EXPECT_FALSE(store.Find(gone, 1));
  EXPECT_FALSE(store.Find("made-up", 1));
}

TEST(WebUsers, StoredOnceAndDisabled) {
  TestServer server;
  storage::UserRecord u;
  u.username = "budi";
  u.name = "Budi Santoso";
  u.agency = "PUPR";
  u.role = "clerk";
  u.password_hash = HashPassword("kata-sandi-rahasia");
  u.created_at_ms = 5;
  server.store().InsertUser(u);
  EXPECT_THROW(server.store().InsertUser(u), storage::UserConflict);
  auto found = server.store().FindUser("budi");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Budi Santoso");
  EXPECT_EQ(found->agency, "PUPR");
  EXPECT_TRUE(found->active);
  EXPECT_TRUE(VerifyPassword(found->password_hash, "kata-sandi-rahasia"));
  EXPECT_TRUE(server.store().SetUserActive("budi", false));
  EXPECT_FALSE(server.store().FindUser("budi")->active);
  EXPECT_FALSE(server.store().SetUserActive("nobody", false));
  EXPECT_EQ(server.store().ListUsers().size(), 1u);
}

TEST(WebSignIn, FormNeedsItsTokenAndRightPassword) {
  TestServer server;
  storage::UserRecord u;
  u.username = "budi";
  u.name = "Budi Santoso";
  u.agency = "PUPR";
  u.role = "clerk";
  u.password_hash = HashPassword("kata-sandi-rahasia");
  server.store().InsertUser(u);
  auto c = server.Client();
  // Not signed in: the inbox sends to the sign-in page.
  auto inbox = c.Get("/inbox");
  EXPECT_EQ(inbox->status, 303);
  EXPECT_EQ(inbox->get_header_value("Location"), "/inbox/login");
  auto page = c.Get("/inbox/login");
  ASSERT_EQ(page->status, 200);
  std::string cookie = page->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  httplib::Headers with_cookie = {{"Cookie", "aduan_login=" + token}};
  const std::string form = "application/x-www-form-urlencoded";
  // Without the form's token: refused, no session.
  auto no_token =
      c.Post("/inbox/login", with_cookie, "username=budi&password=kata-sandi-rahasia", form);
  EXPECT_EQ(no_token->status, 403);
  EXPECT_EQ(no_token->get_header_value("Set-Cookie").find("aduan_session"), std::string::npos);
  auto wrong = c.Post("/inbox/login", with_cookie,
                      "csrf=" + token + "&username=budi&password=salah-sandi", form);
  EXPECT_EQ(wrong->status, 401);
  auto ok = c.Post("/inbox/login", with_cookie,
                   "csrf=" + token + "&username=BUDI&password=kata-sandi-rahasia", form);
  ASSERT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location"), "/inbox");
  std::string session = ok->get_header_value("Set-Cookie");
  ASSERT_EQ(session.rfind("aduan_session=", 0), 0u) << session;
  session = session.substr(0, session.find(';'));
  auto queue = c.Get("/inbox", httplib::Headers{{"Cookie", session}});
  ASSERT_EQ(queue->status, 200);
  EXPECT_NE(queue->body.find("Budi Santoso"), std::string::npos);
  // "Waiting on the resident": the agency spoke last. Two complaints; the agency answers one.
  auto complain = [&](const std::string& id, const std::string& from) {
    auto r = c.Post(
        "/webhooks/generic",
        nlohmann::json{
            {"id", id}, {"from", from}, {"text", "Jalan rusak parah dan berlubang di gang " + id}}
            .dump(),
        "application/json");
    return nlohmann::json::parse(r->body)["ticket"].get<std::string>();
  };
  std::string answered = complain("w1", "+6281200000101");
  std::string silent = complain("w2", "+6281200000102");
  std::string key = gateway::IssueApiKey(server.store(), "PUPR", server.now_ms.load()).secret;
  auto change = c.Post("/api/v1/tickets/" + answered + "/status",
                       httplib::Headers{{"Authorization", "Bearer " + key}},
                       R"({"status": "in_progress", "note": "Mohon kirim foto lokasinya."})",
                       "application/json");
  ASSERT_EQ(change->status, 200) << change->body;
  server.now_ms += 1000;
  auto waiting = c.Get("/inbox?status=waiting", httplib::Headers{{"Cookie", session}});
  ASSERT_EQ(waiting->status, 200);
  EXPECT_NE(waiting->body.find(answered), std::string::npos);
  EXPECT_EQ(waiting->body.find(silent), std::string::npos);  // nobody answered it yet
  // The resident answers: the ticket is no longer waiting on them.
  complain("w1-more", "+6281200000101");
  auto after = c.Get("/inbox?status=waiting", httplib::Headers{{"Cookie", session}});
  EXPECT_EQ(after->body.find(answered), std::string::npos);

  // Disabled: the session ends at the next request.
  server.store().SetUserActive("budi", false);
  EXPECT_EQ(c.Get("/inbox", httplib::Headers{{"Cookie", session}})->status, 303);
}

}  // namespace
}  // namespace aduan::testing
