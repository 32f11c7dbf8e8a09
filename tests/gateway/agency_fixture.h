// What the agency-side API tests share: a real server with an operator token, complaints sent
// through the SMS gateway webhook (a channel that can hear back about status changes), agency
// keys, and authenticated calls.
#ifndef ADUAN_TESTS_GATEWAY_AGENCY_FIXTURE_H_
#define ADUAN_TESTS_GATEWAY_AGENCY_FIXTURE_H_

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/form.h"
#include "gateway/common/api_keys.h"
#include "test_server.h"

namespace aduan::testing {

inline constexpr char kOperator[] = "operator-secret";
inline constexpr char kAgencySmsToken[] = "sms-gateway-token";
inline constexpr char kRoadComplaint[] =
    "Jalan raya Cibeber rusak parah dan berlubang, banyak motor jatuh";
inline constexpr char kVagueComplaint[] = "Ada masalah di sini tolong dicek";

class AgencyFixture : public ::testing::Test {
 protected:
  explicit AgencyFixture(std::map<std::string, std::string> env = {},
                         std::function<void(gateway::GatewayConfig&)> tweak = nullptr)
      : s_(WithOperator(std::move(env)), std::move(tweak)) {}

  // Sends a complaint through the SMS gateway webhook; returns its ticket number. Each complaint
  // comes from its own resident unless `from` says otherwise: one sender's messages in quick
  // succession would be follow-ups of one ticket and meet the per-sender rate limit.
  std::string Complaint(const std::string& id, const std::string& text, std::string from = "") {
    if (from.empty()) from = "0813" + std::to_string(10000000 + ++residents_);
    std::vector<std::pair<std::string, std::string>> form = {
        {"id", id}, {"from", from}, {"text", text}, {"token", kAgencySmsToken}};
    auto r = s_.Client().Post("/webhooks/sms", channels::EncodeForm(form),
                              "application/x-www-form-urlencoded");
    EXPECT_TRUE(r && r->status == 200) << (r ? r->body : "no answer");
    std::string ticket = s_.store().TicketOfMessage("sms", id);
    EXPECT_FALSE(ticket.empty()) << "complaint " << id << " made no ticket";
    return ticket;
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
  int residents_ = 0;
  static std::map<std::string, std::string> WithOperator(std::map<std::string, std::string> env) {
    env.emplace("ADUAN_ADMIN_TOKEN", kOperator);
    env.emplace("ADUAN_SMS_TOKEN", kAgencySmsToken);
    return env;
  }
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_GATEWAY_AGENCY_FIXTURE_H_
