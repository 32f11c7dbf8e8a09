// Agency keys through the operator API: issued once, listed without secrets, revoked at once.
#include <gtest/gtest.h>

#include "agency_fixture.h"
#include "core/crypto.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

class KeyApiTest : public AgencyFixture {};

TEST_F(KeyApiTest, IssueListAndRevokeAKey) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  json issued = Expect(201, "POST", "/api/v1/keys", kOperator, {{"agency", "PUPR"}});
  std::string key = issued["key"], id = issued["id"];
  EXPECT_EQ(issued["agency"], "PUPR");
  Expect(200, "GET", "/api/v1/tickets/" + ticket, key);

  auto list = Call("GET", "/api/v1/keys", kOperator);
  ASSERT_EQ(list->status, 200);
  json keys = json::parse(list->body)["keys"];
  ASSERT_EQ(keys.size(), 1u);
  EXPECT_EQ(keys[0]["id"], id);
  EXPECT_EQ(keys[0]["revoked"], false);
  EXPECT_EQ(list->body.find(key), std::string::npos) << "the secret is shown once only";
  EXPECT_EQ(list->body.find(core::Sha256Hex(key)), std::string::npos);

  EXPECT_EQ(Expect(200, "DELETE", "/api/v1/keys/" + id, kOperator)["revoked"], true);
  // Refused on the very next request: nothing is cached.
  EXPECT_EQ(Expect(401, "GET", "/api/v1/tickets/" + ticket, key)["error"]["code"], "unauthorized");
  Expect(401, "POST", "/api/v1/queue/lease", key, json::object());
  Expect(401, "POST", "/api/v1/tickets/" + ticket + "/status", key, {{"status", "in_progress"}});
  keys = Expect(200, "GET", "/api/v1/keys", kOperator)["keys"];
  EXPECT_EQ(keys[0]["revoked"], true);
  EXPECT_TRUE(keys[0].contains("revoked_at"));
  Expect(200, "DELETE", "/api/v1/keys/" + id, kOperator);  // revoking again is harmless
}

TEST_F(KeyApiTest, BadKeyRequestsAreRefused) {
  std::string agency = Key("PUPR");
  Expect(403, "GET", "/api/v1/keys", agency);
  Expect(403, "POST", "/api/v1/keys", agency, {{"agency", "PUPR"}});
  Expect(403, "DELETE", "/api/v1/keys/key_x", agency);
  Expect(401, "GET", "/api/v1/keys", "");
  EXPECT_EQ(Expect(404, "DELETE", "/api/v1/keys/key_nope", kOperator)["error"]["code"],
            "not_found");
  for (const json& body : {json{{"agency", "NOPE"}}, json{{"agency", "TRIAGE"}}, json::object(),
                           json{{"agency", 7}}}) {
    EXPECT_EQ(Expect(400, "POST", "/api/v1/keys", kOperator, body)["error"]["code"],
              "unknown_agency")
        << body;
  }
}

TEST_F(KeyApiTest, EveryAgencySideCallChecksTheKey) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string agency = Key("PUPR");
  struct Call {
    std::string method, path;
    json body;
    bool operator_only;
  };
  const std::vector<Call> calls = {
      {"POST", "/api/v1/queue/lease", json::object(), false},
      {"POST", "/api/v1/tickets/" + ticket + "/ack", {{"lease_id", "lease_x"}}, false},
      {"POST", "/api/v1/tickets/" + ticket + "/status", {{"status", "in_progress"}}, false},
      {"POST", "/api/v1/tickets/" + ticket + "/reroute", {{"agency", "DLH"}}, false},
      {"GET", "/api/v1/tickets/" + ticket, nullptr, false},
      {"GET", "/api/v1/tickets", nullptr, false},
      {"GET", "/api/v1/triage", nullptr, true},
      {"POST", "/api/v1/tickets/" + ticket + "/reopen", json::object(), true},
      {"GET", "/api/v1/tickets/" + ticket + "/export", nullptr, true},
      {"GET", "/api/v1/queue/flagged", nullptr, true},
      {"POST", "/api/v1/sla/scan", json::object(), true},
      {"GET", "/api/v1/outbox?status=dead", nullptr, true},
  };
  for (const auto& c : calls) {
    for (const std::string& wrong : {std::string(), std::string("adk_wrong"), std::string("x")}) {
      EXPECT_EQ(Expect(401, c.method, c.path, wrong, c.body)["error"]["code"], "unauthorized")
          << c.method << " " << c.path;
    }
    if (c.operator_only) {
      EXPECT_EQ(Expect(403, c.method, c.path, agency, c.body)["error"]["code"], "operator_only")
          << c.method << " " << c.path;
    }
  }
  // Nothing the refused calls carried was applied.
  EXPECT_EQ(Expect(200, "GET", "/api/v1/tickets/" + ticket, agency)["status"], "routed");
}

}  // namespace
}  // namespace aduan::testing
