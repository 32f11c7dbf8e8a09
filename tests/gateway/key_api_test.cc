// Agency keys through the operator API: issued once, listed without secrets, revoked at once.
#include <gtest/gtest.h>

#include "agency_fixture.h"

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
  EXPECT_EQ(list->body.find(gateway::Sha256Hex(key)), std::string::npos);

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

}  // namespace
}  // namespace aduan::testing
