// The agency API over HTTP: keys, lease, ack, read, and what an agency must never see.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gateway/common/api_keys.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

class AgencyApiTest : public ::testing::Test {
 protected:
  AgencyApiTest()
      : s_(std::map<std::string, std::string>{{"ADUAN_ADMIN_TOKEN", "operator-secret"}}) {}

  std::string Complaint(const std::string& id, const std::string& text) {
    json body = {{"id", id}, {"from", "081234567890"}, {"name", "Budi"}, {"text", text}};
    auto r = s_.Client().Post("/webhooks/generic", body.dump(), "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body)["ticket"];
  }
  std::string Key(const std::string& agency) {
    return gateway::IssueApiKey(s_.store(), agency, s_.now_ms.load()).secret;
  }
  httplib::Result Call(const std::string& method, const std::string& path, const std::string& key,
                       const std::string& body = "") {
    auto c = s_.Client();
    httplib::Headers h;
    if (!key.empty()) h.emplace("Authorization", "Bearer " + key);
    if (method == "GET") return c.Get(path, h);
    return c.Post(path, h, body, "application/json");
  }

  TestServer s_;
};

TEST_F(AgencyApiTest, LeaseReadAndAckATicket) {
  std::string ticket = Complaint("a1", kRoad);
  std::string key = Key("PUPR");
  auto lease = Call("POST", "/api/v1/queue/lease", key, R"({"max": 10, "lease_seconds": 60})");
  ASSERT_EQ(lease->status, 200) << lease->body;
  json leased = json::parse(lease->body)["tickets"];
  ASSERT_EQ(leased.size(), 1u);
  EXPECT_EQ(leased[0]["id"], ticket);
  EXPECT_EQ(leased[0]["agency"], "PUPR");
  EXPECT_EQ(leased[0]["text"], kRoad);
  EXPECT_EQ(leased[0]["reporter"]["name"], "Budi");
  std::string lease_id = leased[0]["lease_id"];
  // Agencies never receive the resident's phone number in any form.
  EXPECT_EQ(lease->body.find("81234567890"), std::string::npos);

  auto get = Call("GET", "/api/v1/tickets/" + ticket, key);
  ASSERT_EQ(get->status, 200);
  json t = json::parse(get->body);
  EXPECT_EQ(t["status"], "routed");
  EXPECT_EQ(t["events"][0]["kind"], "created");
  EXPECT_TRUE(t["classification"]["matched"].is_array());
  EXPECT_EQ(get->body.find("81234567890"), std::string::npos);

  auto ack =
      Call("POST", "/api/v1/tickets/" + ticket + "/ack", key, json{{"lease_id", lease_id}}.dump());
  ASSERT_EQ(ack->status, 200) << ack->body;
  EXPECT_TRUE(json::parse(ack->body)["acked"].get<bool>());
  auto after = Call("POST", "/api/v1/queue/lease", key, "{}");
  EXPECT_TRUE(json::parse(after->body)["tickets"].empty());
  auto events = json::parse(Call("GET", "/api/v1/tickets/" + ticket, key)->body)["events"];
  EXPECT_EQ(events.back()["kind"], "acked");
}

TEST_F(AgencyApiTest, AnExpiredLeaseComesBackAndTheOldLeaseCannotAck) {
  std::string ticket = Complaint("a1", kRoad);
  std::string key = Key("PUPR");
  json first = json::parse(
      Call("POST", "/api/v1/queue/lease", key, R"({"lease_seconds": 30})")->body)["tickets"];
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(json::parse(Call("POST", "/api/v1/queue/lease", key, "{}")->body)["tickets"].empty());
  s_.now_ms += 31'000;
  json second = json::parse(Call("POST", "/api/v1/queue/lease", key, "{}")->body)["tickets"];
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0]["id"], ticket);
  auto stale = Call("POST", "/api/v1/tickets/" + ticket + "/ack", key,
                    json{{"lease_id", first[0]["lease_id"]}}.dump());
  EXPECT_EQ(stale->status, 409);
  EXPECT_EQ(json::parse(stale->body)["error"]["code"], "lease_mismatch");
}

TEST_F(AgencyApiTest, AnotherAgencysTicketIs404AndItsQueueIsEmpty) {
  std::string ticket = Complaint("a1", kRoad);
  std::string dlh = Key("DLH");
  auto get = Call("GET", "/api/v1/tickets/" + ticket, dlh);
  EXPECT_EQ(get->status, 404);
  EXPECT_EQ(json::parse(get->body)["error"]["code"], "not_found");
  EXPECT_TRUE(json::parse(Call("POST", "/api/v1/queue/lease", dlh, "{}")->body)["tickets"].empty());
  auto ack = Call("POST", "/api/v1/tickets/" + ticket + "/ack", dlh, R"({"lease_id":"lease_x"})");
  EXPECT_EQ(ack->status, 404);
}

TEST_F(AgencyApiTest, TheOperatorReadsAnyTicket) {
  std::string ticket = Complaint("a1", kRoad);
  auto get = Call("GET", "/api/v1/tickets/" + ticket, "operator-secret");
  ASSERT_EQ(get->status, 200);
  EXPECT_EQ(json::parse(get->body)["id"], ticket);
}

TEST_F(AgencyApiTest, MissingWrongAndMalformedCredentialsAre401) {
  std::string ticket = Complaint("a1", kRoad);
  for (const std::string& key :
       {std::string(), std::string("adk_wrong"), std::string("operator")}) {
    auto r = Call("GET", "/api/v1/tickets/" + ticket, key);
    EXPECT_EQ(r->status, 401) << key;
    EXPECT_EQ(json::parse(r->body)["error"]["code"], "unauthorized");
    EXPECT_EQ(r->get_header_value("WWW-Authenticate"), "Bearer");
  }
  auto c = s_.Client();
  auto basic = c.Get("/api/v1/tickets/" + ticket, {{"Authorization", "Basic Zm9vOmJhcg=="}});
  EXPECT_EQ(basic->status, 401);
}

TEST_F(AgencyApiTest, BadRequestsNameTheProblem) {
  std::string ticket = Complaint("a1", kRoad);
  std::string key = Key("PUPR");
  struct Case {
    std::string path, body;
    int status;
    std::string code;
  };
  std::string typo = ticket;
  typo[5] = typo[5] == 'A' ? 'B' : 'A';
  const std::vector<Case> cases = {
      {"/api/v1/queue/lease", R"({"max": 0})", 400, "invalid_field"},
      {"/api/v1/queue/lease", R"({"max": "ten"})", 400, "invalid_field"},
      {"/api/v1/queue/lease", R"({"lease_seconds": 999999})", 400, "invalid_field"},
      {"/api/v1/queue/lease", "[1]", 400, "malformed_json"},
      {"/api/v1/tickets/" + ticket + "/ack", "{}", 400, "missing_field"},
      {"/api/v1/tickets/" + ticket + "/ack", "", 400, "malformed_json"},
      {"/api/v1/tickets/" + typo + "/ack", R"({"lease_id":"x"})", 400, "bad_check_character"},
      {"/api/v1/tickets/hello/ack", R"({"lease_id":"x"})", 400, "invalid_ticket_number"},
  };
  for (const auto& c : cases) {
    auto r = Call("POST", c.path, key, c.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, c.status) << c.path << " " << c.body << " -> " << r->body;
    EXPECT_EQ(json::parse(r->body)["error"]["code"], c.code) << c.path << " " << c.body;
  }
}

}  // namespace
}  // namespace aduan::testing
