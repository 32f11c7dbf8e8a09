// What the agency-side API tests share: a real server with an operator token, complaints sent
// through the generic webhook, agency keys, and authenticated calls.
#ifndef ADUAN_TESTS_GATEWAY_AGENCY_FIXTURE_H_
#define ADUAN_TESTS_GATEWAY_AGENCY_FIXTURE_H_

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gateway/api_keys.h"
#include "test_server.h"

namespace aduan::testing {

inline constexpr char kOperator[] = "operator-secret";
inline constexpr char kRoadComplaint[] =
    "Jalan raya Cibeber rusak parah dan berlubang, banyak motor jatuh";
inline constexpr char kVagueComplaint[] = "Ada masalah di sini tolong dicek";

class AgencyFixture : public ::testing::Test {
 protected:
  explicit AgencyFixture(std::map<std::string, std::string> env = {},
                         std::function<void(gateway::GatewayConfig&)> tweak = nullptr)
      : s_(WithOperator(std::move(env)), std::move(tweak)) {}

  // Sends a complaint through the generic webhook; returns its ticket number.
  std::string Complaint(const std::string& id, const std::string& text,
                        const std::string& from = "081234567890") {
    nlohmann::json body = {{"id", id}, {"from", from}, {"name", "Budi"}, {"text", text}};
    auto r = s_.Client().Post("/webhooks/generic", body.dump(), "application/json");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    return nlohmann::json::parse(r->body)["ticket"];
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
    if (method == "DELETE") return c.Delete(path, h);
    return c.Post(path, h, body, "application/json");
  }
  // A call expected to answer `status`; returns its JSON body.
  nlohmann::json Expect(int status, const std::string& method, const std::string& path,
                        const std::string& key, const nlohmann::json& body = nullptr) {
    auto r = Call(method, path, key, body.is_null() ? "" : body.dump());
    EXPECT_TRUE(r) << method << " " << path << ": no answer";
    if (!r) return {};
    EXPECT_EQ(r->status, status) << method << " " << path << " -> " << r->body;
    return nlohmann::json::parse(r->body, nullptr, false);
  }
  nlohmann::json SetStatus(int expect, const std::string& ticket, const std::string& key,
                           const std::string& status, const std::string& note = "") {
    return Expect(expect, "POST", "/api/v1/tickets/" + ticket + "/status", key,
                  {{"status", status}, {"note", note}});
  }

  TestServer s_;

 private:
  static std::map<std::string, std::string> WithOperator(std::map<std::string, std::string> env) {
    env.emplace("ADUAN_ADMIN_TOKEN", kOperator);
    return env;
  }
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_GATEWAY_AGENCY_FIXTURE_H_
