// The web inbox shows a ticket's files as links that only a signed-in person who may see the
// ticket can open: the owning agency's clerk gets the bytes, another agency's clerk 404.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gateway/http/web/passwords.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

const std::string kForm = "application/x-www-form-urlencoded";

// Signs `username` in through the form; returns the "aduan_session=..." cookie.
std::string SignIn(TestServer& server, const std::string& username, const std::string& agency) {
  storage::UserRecord u;
  u.username = username;
  u.name = "Petugas " + username;
  u.agency = agency;
  u.role = "clerk";
  u.password_hash = gateway::web::HashPassword("sandi-" + username);
  server.store().InsertUser(u);
  auto c = server.Client();
  auto page = c.Get("/inbox/login");
  std::string cookie = page->get_header_value("Set-Cookie");
  std::string token = cookie.substr(cookie.find('=') + 1, cookie.find(';') - cookie.find('=') - 1);
  auto ok =
      c.Post("/inbox/login", {{"Cookie", "aduan_login=" + token}},
             "csrf=" + token + "&username=" + username + "&password=sandi-" + username, kForm);
  EXPECT_EQ(ok->status, 303);
  std::string session = ok->get_header_value("Set-Cookie");
  return session.substr(0, session.find(';'));
}

TEST(WebMedia, TheOwningClerkOpensTheFileAnotherAgencyGets404) {
  TestServer server;
  auto c = server.Client();
  auto r = c.Post("/webhooks/generic",
                  nlohmann::json{{"id", "m1"},
                                 {"from", "+6281200000101"},
                                 {"text", "Jalan rusak parah dan berlubang di gang mawar"}}
                      .dump(),
                  "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  std::string ticket = nlohmann::json::parse(r->body)["ticket"];
  std::string agency = server.store().GetTicket(ticket)->agency;
  ASSERT_NE(agency, "TRIAGE");

  // A follow-up carrying a file already kept (as an email attachment is at intake).
  const std::string png("\x89PNG\r\n\x1a\n-not-really-decoded-", 28);
  storage::IntakeRequest more;
  more.message.channel = "generic";
  more.message.provider_message_id = "m2";
  more.message.sender = "+6281200000101";
  more.message.text = "foto";
  more.message.received_at_ms = server.now_ms.load();
  more.attach_to_ticket = ticket;
  storage::MediaDraft file;
  file.status = "stored";
  file.sha256 = server.store().PutBlob(png);
  file.content_type = "image/png";
  file.bytes = static_cast<int64_t>(png.size());
  file.filename = "foto \"rumah\".png";
  more.media.push_back(file);
  server.store().Intake(more).value();

  std::string owner = SignIn(server, "budi", agency);
  std::string other = SignIn(server, "rina", agency == "PUPR" ? "DLH" : "PUPR");
  auto page = c.Get("/inbox/tickets/" + ticket, httplib::Headers{{"Cookie", owner}});
  ASSERT_EQ(page->status, 200);
  storage::MediaQuery q;
  q.ticket_id = ticket;
  auto rows = server.store().ListMedia(q);
  ASSERT_EQ(rows.size(), 1u);
  std::string link = "/inbox/tickets/" + ticket + "/media/" + std::to_string(rows[0].id);
  EXPECT_NE(page->body.find("href=\"" + link + "\""), std::string::npos) << page->body;

  auto file_res = c.Get(link, httplib::Headers{{"Cookie", owner}});
  ASSERT_EQ(file_res->status, 200);
  EXPECT_EQ(file_res->body, png);
  EXPECT_EQ(file_res->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(file_res->get_header_value("X-Content-Type-Options"), "nosniff");
  // The provider's name cannot break out of the header's quotes.
  EXPECT_EQ(file_res->get_header_value("Content-Disposition"),
            "inline; filename=\"foto__rumah_.png\"");

  EXPECT_EQ(c.Get(link, httplib::Headers{{"Cookie", other}})->status, 404);
  EXPECT_EQ(c.Get("/inbox/tickets/" + ticket + "/media/999999", httplib::Headers{{"Cookie", owner}})
                ->status,
            404);
  EXPECT_EQ(c.Get(link)->status, 303);  // not signed in: to the sign-in page
}

}  // namespace
}  // namespace aduan::testing
