// Push delivery against a fake agency server on 127.0.0.1: signed, retried with backoff after
// failures, dead-lettered after the last try, and each ticket version delivered once.
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

#include "agency_fixture.h"
#include "core/crypto.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

constexpr char kSecret[] = "push-secret-pupr";

// An agency's receiving endpoint on 127.0.0.1: answers `fail_status` to the first `failures`
// pushes, then 200, and records every push it got.
class FakeAgency {
 public:
  FakeAgency() {
    server_.Post("/aduan/hook", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu_);
      pushes_.push_back({req.body, req.get_header_value("X-Aduan-Signature"),
                         req.get_header_value("X-Aduan-Timestamp"),
                         req.get_header_value("X-Aduan-Delivery"), 0});
      pushes_.back().status = static_cast<int>(pushes_.size()) <= failures_ ? fail_status_ : 200;
      res.status = pushes_.back().status;
      res.set_content("{}", "application/json");
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // Accepting starts on the thread; wait for it so the first push is not refused.
    for (int i = 0; i < 500 && !server_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  }
  ~FakeAgency() {
    server_.stop();
    thread_.join();
  }
  void Fail(int failures, int status) {
    std::lock_guard<std::mutex> lock(mu_);
    failures_ = failures;
    fail_status_ = status;
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/aduan/hook"; }

  struct Push {
    std::string body, signature, timestamp, delivery;
    int status;
  };
  std::vector<Push> pushes() {
    std::lock_guard<std::mutex> lock(mu_);
    return pushes_;
  }

 private:
  int failures_ = 0, fail_status_ = 503;
  httplib::Server server_;
  std::thread thread_;
  int port_ = 0;
  std::mutex mu_;
  std::vector<Push> pushes_;
};

// Constructed before the gateway, which needs its URL.
struct FakeAgencyHolder {
  FakeAgency agency_;
};

std::map<std::string, std::string> PushEnv(bool with_secret) {
  if (!with_secret) return {};
  return {{"ADUAN_PUSH_SECRET_PUPR", kSecret}, {"ADUAN_TELEGRAM_SECRET_TOKEN", "tg-secret"}};
}

class PushTest : public FakeAgencyHolder, public AgencyFixture {
 protected:
  explicit PushTest(bool with_secret = true)
      : AgencyFixture(PushEnv(with_secret), [this](gateway::GatewayConfig& c) {
          for (auto& a : c.agencies) {
            if (a.code == "PUPR") a.push_url = agency_.url();
          }
        }) {}

  // Moves the gateway's clock past any backoff until `done` holds; the dispatcher works on its
  // own thread, so this polls with a real-time deadline.
  template <class Pred>
  bool AdvanceUntil(Pred done) {
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (std::chrono::steady_clock::now() < deadline) {
      if (done()) return true;
      s_.now_ms += 2 * 60 * 60 * 1000;  // more than the longest backoff
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return done();
  }
  int PushRows(const std::string& status) {
    return s_.CountRows("outbox", "kind = 'push' AND status = '" + status + "'");
  }
};

class PushWithoutSecretTest : public PushTest {
 protected:
  PushWithoutSecretTest() : PushTest(/*with_secret=*/false) {}
};

void ExpectSigned(const FakeAgency::Push& p) {
  EXPECT_EQ(p.signature, "sha256=" + core::HexEncode(core::HmacSha256(kSecret, p.body)));
  EXPECT_FALSE(p.timestamp.empty());
  EXPECT_EQ(p.timestamp.find_first_not_of("0123456789"), std::string::npos) << p.timestamp;
}

TEST_F(PushTest, ANewTicketIsPushedSignedAndRetriedUntilAcknowledged) {
  agency_.Fail(2, 503);
  std::string ticket = Complaint("a1", kRoadComplaint);
  ASSERT_TRUE(AdvanceUntil([&] { return PushRows("sent") == 1; }));
  auto pushes = agency_.pushes();
  ASSERT_EQ(pushes.size(), 3u);
  EXPECT_EQ(pushes[0].status, 503);
  EXPECT_EQ(pushes[2].status, 200);
  for (const auto& p : pushes) {
    ExpectSigned(p);
    EXPECT_EQ(p.delivery, pushes[0].delivery);  // one delivery, three attempts
    EXPECT_EQ(p.body, pushes[0].body);
  }
  json body = json::parse(pushes[0].body);
  EXPECT_EQ(body["type"], "ticket.routed");
  EXPECT_EQ(body["version"], 1);
  EXPECT_EQ(body["ticket"]["id"], ticket);
  EXPECT_EQ(body["ticket"]["agency"], "PUPR");
  EXPECT_EQ(pushes[0].body.find("81234567890"), std::string::npos);
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'push' AND attempts = 3"), 1);

  // Routed away and back: a new version, pushed once; the acknowledged first is not repeated.
  Expect(200, "POST", "/api/v1/tickets/" + ticket + "/reroute", kOperator, {{"agency", "DLH"}});
  Expect(200, "POST", "/api/v1/tickets/" + ticket + "/reroute", kOperator, {{"agency", "PUPR"}});
  ASSERT_TRUE(AdvanceUntil([&] { return PushRows("sent") == 2; }));
  pushes = agency_.pushes();
  ASSERT_EQ(pushes.size(), 4u);
  json again = json::parse(pushes[3].body);
  EXPECT_EQ(again["version"], 3);
  EXPECT_NE(pushes[3].delivery, pushes[0].delivery);
  ExpectSigned(pushes[3]);
  EXPECT_EQ(PushRows("pending"), 0);
}

TEST_F(PushTest, AResidentsFollowUpIsPushedToTheAgency) {
  auto telegram = [&](const json& update) {
    auto r =
        s_.Client().Post("/webhooks/telegram", {{"X-Telegram-Bot-Api-Secret-Token", "tg-secret"}},
                         update.dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
  };
  json message = {{"message_id", 10},
                  {"from", {{"id", 555}, {"first_name", "Budi"}}},
                  {"chat", {{"id", 555}, {"type", "private"}}},
                  {"date", 1790000000},
                  {"text", kRoadComplaint}};
  telegram({{"update_id", 1}, {"message", message}});
  ASSERT_TRUE(AdvanceUntil([&] { return PushRows("sent") == 1; }));
  message["text"] = std::string(kRoadComplaint) + ", depan SDN 3";
  telegram({{"update_id", 2}, {"edited_message", message}});
  ASSERT_TRUE(AdvanceUntil([&] { return PushRows("sent") == 2; }));
  auto pushes = agency_.pushes();
  ASSERT_EQ(pushes.size(), 2u);
  json body = json::parse(pushes[1].body);
  EXPECT_EQ(body["type"], "ticket.message");
  EXPECT_EQ(body["message"]["kind"], "resident_message");
  EXPECT_EQ(body["message"]["note"], message["text"]);
  EXPECT_EQ(body["ticket"]["id"], json::parse(pushes[0].body)["ticket"]["id"]);
  ExpectSigned(pushes[1]);
}

TEST_F(PushTest, APushThatKeepsFailingIsDeadLettered) {
  agency_.Fail(1000, 500);
  Complaint("a1", kRoadComplaint);
  ASSERT_TRUE(AdvanceUntil([&] { return PushRows("dead") == 1; }));
  EXPECT_EQ(agency_.pushes().size(), 8u);  // DispatcherOptions::max_attempts
  // The resident's SMS acknowledgement may be dead too (the test's SMS API does not answer).
  json all = Expect(200, "GET", "/api/v1/outbox?status=dead", kOperator);
  json dead = json::array();
  for (const auto& row : all["outbox"]) {
    if (row["kind"] == "push") dead.push_back(row);
  }
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["attempts"], 8);
  EXPECT_NE(dead[0]["last_error"].get<std::string>().find("500"), std::string::npos);
}

TEST_F(PushTest, APushRefusedWithA4xxIsNotRetried) {
  agency_.Fail(1000, 401);
  Complaint("a1", kRoadComplaint);
  ASSERT_TRUE(AdvanceUntil([&] { return PushRows("dead") == 1; }));
  EXPECT_EQ(agency_.pushes().size(), 1u);
}

TEST_F(PushTest, AConfidentialReporterIsNotInThePush) {
  const std::string id = s_.StoreConfidentialComplaint(
      "Saya Siti Aminah, jalan depan rumah 081299887766 rusak", "triage", "TRIAGE");
  Expect(200, "POST", "/api/v1/tickets/" + id + "/reroute", kOperator, {{"agency", "PUPR"}});
  ASSERT_TRUE(AdvanceUntil([&] { return PushRows("sent") == 1; }));
  auto pushes = agency_.pushes();
  ASSERT_EQ(pushes.size(), 1u);
  for (const char* secret : {"Siti", "Aminah", "81299887766"}) {
    EXPECT_EQ(pushes[0].body.find(secret), std::string::npos) << pushes[0].body;
  }
  EXPECT_EQ(json::parse(pushes[0].body)["ticket"]["reporter"]["confidential"], true);
}

TEST_F(PushWithoutSecretTest, NothingIsPushedUnsigned) {
  Complaint("a1", kRoadComplaint);
  ASSERT_TRUE(
      AdvanceUntil([&] { return s_.CountRows("outbox", "kind = 'push' AND attempts >= 1") == 1; }));
  EXPECT_TRUE(agency_.pushes().empty());
  EXPECT_EQ(s_.CountRows("outbox",
                         "kind = 'push' AND last_error LIKE "
                         "'%ADUAN_PUSH_SECRET_PUPR is not set%'"),
            1);
}

}  // namespace
}  // namespace aduan::testing
