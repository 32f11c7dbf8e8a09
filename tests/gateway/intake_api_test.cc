// The generic webhook end to end: a real server, real rules, a real SQLite file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "gateway/tickets/ticket_number.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

constexpr const char* kRoadBody =
    R"({"id":"m1","from":"+6281234567890","text":"Jalan di depan SDN 3 Cilegon rusak parah, berlubang besar, sudah 3 bulan"})";

httplib::Result PostGeneric(const TestServer& s, const std::string& body,
                            const std::string& type = "application/json") {
  return s.Client().Post("/webhooks/generic", body, type);
}

json ErrorOf(const httplib::Result& r) { return json::parse(r->body)["error"]; }

TEST(IntakeApiTest, HealthAndReadiness) {
  TestServer s;
  auto h = s.Client().Get("/healthz");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->status, 200);
  auto r = s.Client().Get("/readyz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

TEST(IntakeApiTest, AComplaintGetsATicketAndARetryGetsTheSameOne) {
  TestServer s;
  auto r = PostGeneric(s, kRoadBody);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json first = json::parse(r->body);
  std::string ticket = first["ticket"];
  EXPECT_EQ(ticket.rfind("ADU-", 0), 0u);
  EXPECT_FALSE(first["duplicate"].get<bool>());
  EXPECT_NE(first["reply"].get<std::string>().find(ticket), std::string::npos);

  auto again = PostGeneric(s, kRoadBody);
  ASSERT_EQ(again->status, 200);
  json second = json::parse(again->body);
  EXPECT_EQ(second["ticket"], ticket);
  EXPECT_TRUE(second["duplicate"].get<bool>());
  EXPECT_EQ(second["reply"], first["reply"]);
  EXPECT_EQ(s.CountRows("tickets"), 1);
  EXPECT_EQ(s.CountRows("messages"), 1);

  auto pub = s.Client().Get("/api/v1/public/tickets/" + ticket);
  ASSERT_EQ(pub->status, 200) << pub->body;
  json p = json::parse(pub->body);
  EXPECT_EQ(p["id"], ticket);
  EXPECT_EQ(p["agency"], "PUPR");
  EXPECT_EQ(p["status"], "routed");
  EXPECT_FALSE(p.contains("text"));  // the public view carries no content
  EXPECT_FALSE(p.contains("reporter"));
  EXPECT_EQ(pub->body.find("6281234567890"), std::string::npos);
}

TEST(IntakeApiTest, PublicLookupAcceptsTypedFormsAndRejectsTypos) {
  TestServer s;
  std::string ticket = json::parse(PostGeneric(s, kRoadBody)->body)["ticket"];
  std::string typed = "adu%20" + ticket.substr(4, 4) + "%20" + ticket.substr(8);
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto ok = s.Client().Get("/api/v1/public/tickets/" + typed);
  ASSERT_EQ(ok->status, 200) << typed;
  EXPECT_EQ(json::parse(ok->body)["id"], ticket);

  std::string typo = ticket;
  typo[6] = typo[6] == 'A' ? 'B' : 'A';
  auto bad = s.Client().Get("/api/v1/public/tickets/" + typo);
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(ErrorOf(bad)["code"], "bad_check_character");
  auto junk = s.Client().Get("/api/v1/public/tickets/hello");
  EXPECT_EQ(junk->status, 400);
  EXPECT_EQ(ErrorOf(junk)["code"], "invalid_ticket_number");
}

TEST(IntakeApiTest, AnUnknownTicketIs404) {
  TestServer s;
  std::string body = "ZZZZZZZ";
  // Build a valid-looking number nobody was given.
  auto r = s.Client().Get("/api/v1/public/tickets/ADU-" + body +
                          std::string(1, gateway::TicketCheckChar(body)));
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r)["code"], "not_found");
}

TEST(IntakeApiTest, BadInputIsRefusedByNameAndWritesNothing) {
  TestServer s([] { return std::map<std::string, std::string>{}; }(),
               [](gateway::GatewayConfig& c) { c.max_text_chars = 50; });
  struct Case {
    std::string body;
    std::string type;
    int status;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"{not json", "application/json", 400, "malformed_json"},
      {R"({"from":"+6281234567890","text":"jalan rusak"})", "application/json", 400,
       "missing_field"},
      {R"({"id":"x1","text":"jalan rusak"})", "application/json", 400, "missing_field"},
      {R"({"id":"x1","from":"+6281234567890"})", "application/json", 400, "missing_field"},
      {R"({"id":"x1","from":"+6281234567890","text":"  \t "})", "application/json", 400,
       "empty_text"},
      {R"({"id":"x1","from":"+6281234567890","text":")" + std::string(51, 'a') + "\"}",
       "application/json", 413, "text_too_long"},
      {"{\"id\":\"x1\",\"from\":\"+6281234567890\",\"text\":\"rusak \xc3\x28\"}",
       "application/json", 400, "malformed_json"},
      {R"({"id":"x1","from":"+6281234567890","text":"jalan rusak"})", "text/plain", 415,
       "unsupported_media_type"},
  };
  for (const auto& c : cases) {
    auto r = PostGeneric(s, c.body, c.type);
    ASSERT_TRUE(r) << c.body;
    EXPECT_EQ(r->status, c.status) << c.body << " -> " << r->body;
    EXPECT_EQ(ErrorOf(r)["code"], c.code) << c.body;
    EXPECT_FALSE(ErrorOf(r)["message"].get<std::string>().empty());
  }
  EXPECT_EQ(s.CountRows("messages"), 0);
  EXPECT_EQ(s.CountRows("tickets"), 0);
  // And the server still works.
  EXPECT_EQ(PostGeneric(s, R"({"id":"ok","from":"+6281234567890","text":"jalan rusak"})")->status,
            200);
}

TEST(IntakeApiTest, AnOversizeBodyIs413WithAJsonError) {
  TestServer s;
  std::string big =
      R"({"id":"big","from":"+6281234567890","text":")" + std::string(2 * 1024 * 1024, 'a') + "\"}";
  auto r = PostGeneric(s, big);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 413);
  EXPECT_EQ(ErrorOf(r)["code"], "body_too_large");
  EXPECT_EQ(s.CountRows("messages"), 0);
}

TEST(IntakeApiTest, UnknownAndDisabledChannelsAre404) {
  TestServer s;
  for (const char* path : {"/webhooks/carrier-pigeon", "/webhooks/whatsapp"}) {
    auto r = s.Client().Post(path, "{}", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(ErrorOf(r)["code"], "unknown_channel") << path;
  }
  auto r = s.Client().Get("/no/such/path");
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(ErrorOf(r)["code"], "not_found");
}

TEST(IntakeApiTest, ConcurrentSendersEachGetTheirOwnDurableTicket) {
  // Every message here is a new complaint: no follow-up window joins them, no rate limit.
  TestServer s({}, [](gateway::GatewayConfig& c) {
    c.conversation.followup_window_seconds = 0;
    c.conversation.rate_limit_messages = 100000;
  });
  constexpr int kThreads = 8, kEach = 25;
  std::mutex mu;
  std::map<std::string, std::set<std::string>> tickets;  // message id -> tickets answered
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto client = s.Client();
      for (int i = 0; i < kEach; ++i) {
        // Threads pair up on the same ids, as two provider retries racing each other would.
        std::string id = "c" + std::to_string(t / 2) + "-" + std::to_string(i);
        json body = {{"id", id},
                     {"from", "+62812000" + std::to_string(t / 2)},
                     {"text", "Sampah menumpuk di TPS pasar tidak diangkut " + id}};
        auto r = client.Post("/webhooks/generic", body.dump(), "application/json");
        if (!r || r->status != 200) {
          ++failures;
          continue;
        }
        std::lock_guard<std::mutex> lock(mu);
        tickets[id].insert(json::parse(r->body)["ticket"].get<std::string>());
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  ASSERT_EQ(tickets.size(), static_cast<size_t>(kThreads / 2 * kEach));
  for (const auto& [id, answered] : tickets) EXPECT_EQ(answered.size(), 1u) << id;
  EXPECT_EQ(s.CountRows("tickets"), kThreads / 2 * kEach);
  EXPECT_EQ(s.CountRows("messages"), kThreads / 2 * kEach);
}

TEST(IntakeApiTest, MetricsCountWhatHappened) {
  TestServer s;
  PostGeneric(s, kRoadBody);
  PostGeneric(s, kRoadBody);
  PostGeneric(s, "{bad");
  auto m = s.Client().Get("/metrics");
  ASSERT_EQ(m->status, 200);
  EXPECT_NE(m->body.find("aduan_tickets_created_total{channel=\"generic\"} 1"), std::string::npos)
      << m->body;
  EXPECT_NE(m->body.find("aduan_duplicate_messages_total{channel=\"generic\"} 1"),
            std::string::npos);
  EXPECT_NE(m->body.find("aduan_webhook_requests_total{channel=\"generic\",code=\"400\"} 1"),
            std::string::npos);
}

}  // namespace
}  // namespace aduan::testing
