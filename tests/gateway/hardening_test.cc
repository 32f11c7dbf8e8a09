// Inputs found by probing from outside that the gateway used to mishandle: each answers with a
// clear error or does the right thing, and loses nothing already accepted.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "agency_fixture.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

class HardeningTest : public AgencyFixture {
 protected:
  httplib::Result Generic(const std::string& body, const std::string& type = "application/json") {
    return s_.Client().Post("/webhooks/generic", body, type);
  }
};

TEST_F(HardeningTest, BearerSchemeIsCaseInsensitive) {
  std::string key = Key("PUPR");
  for (std::string scheme : {"bearer ", "BEARER ", "Bearer  "}) {
    httplib::Headers h = {{"Authorization", scheme + key}};
    auto r = s_.Client().Post("/api/v1/queue/lease", h, "", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200) << scheme << r->body;
  }
  httplib::Headers wrong = {{"Authorization", "Basic " + key}};
  auto r = s_.Client().Post("/api/v1/queue/lease", wrong, "", "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
}

TEST_F(HardeningTest, CurlStyleFormContentTypeWithAJsonBodyIsAccepted) {
  // `curl -d '{...}'` labels its body application/x-www-form-urlencoded.
  std::string key = Key("PUPR");
  httplib::Headers h = {{"Authorization", "Bearer " + key}};
  auto r = s_.Client().Post("/api/v1/queue/lease", h, R"({"max": 5})",
                            "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  // A real form body is still refused with a clear 415.
  r = s_.Client().Post("/api/v1/queue/lease", h, "max=5", "application/x-www-form-urlencoded");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415) << r->body;
  // Other declared types are refused as before.
  r = s_.Client().Post("/api/v1/queue/lease", h, R"({"max": 5})", "application/xml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
}

TEST_F(HardeningTest, EmptyLeaseIdIsAMissingValueNotAnExpiredLease) {
  std::string ticket = Complaint("e1", kRoadComplaint);
  json body = Expect(400, "POST", "/api/v1/tickets/" + ticket + "/ack", Key("PUPR"),
                     json{{"lease_id", ""}});
  EXPECT_EQ(body["error"]["code"], "invalid_field");
  EXPECT_EQ(body["error"]["message"].get<std::string>().find("expired"), std::string::npos);
}

TEST_F(HardeningTest, CadreOnAnUnknownChannelIsRefused) {
  json body =
      Expect(400, "POST", "/api/v1/cadres", kOperator,
             json{{"channel", "pigeon"}, {"sender", "+6281200000009"}, {"name", "Bu Rina"}});
  EXPECT_EQ(body["error"]["code"], "invalid_field");
  EXPECT_NE(body["error"]["message"].get<std::string>().find("pigeon"), std::string::npos);
}

TEST_F(HardeningTest, GenericContentTypeIsMatchedExactlyAndCaseInsensitively) {
  std::string body = R"({"id":"ct-1","from":"+6281200000010","text":"jalan rusak parah"})";
  auto r = Generic(body, "application/jsonx");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
  r = Generic(body, "Application/JSON; charset=UTF-8");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
}

TEST_F(HardeningTest, ProviderIdsAreOpaqueAndNeverWrap) {
  auto r = Generic(R"({"id":18446744073709551615,"from":"+6281200000011","text":"sampah liar"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_FALSE(s_.store().TicketOfMessage("generic", "18446744073709551615").empty());
  // Another resident's message with id -1 is a different message, not a duplicate.
  r = Generic(R"({"id":-1,"from":"+6281200000012","text":"lampu jalan mati di gang melati"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["duplicate"], false);
}

TEST_F(HardeningTest, OutOfRangeTimestampsAreIgnoredNotWrapped) {
  auto r = Generic(
      R"({"id":"ts-1","from":"+6281200000013","text":"pohon tumbang","timestamp":9223372036854775807})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(s_.CountRows("messages"), 1);
  EXPECT_EQ(s_.CountRows("messages", "details LIKE '%sent_at_ms%'"), 0);
}

TEST_F(HardeningTest, TextOfOnlyInvisibleCharactersMakesNoTicket) {
  // NBSP, ideographic space, em space, zero-width space and joiner.
  for (std::string blank : {"\u00a0\u00a0", "\u3000", "\u2003 \u2003", "\u200b\u200d", "\ufeff"}) {
    auto r = Generic(json{
        {"id", "blank-" + std::to_string(blank.size())},
        {"from", "+6281200000014"},
        {"text", blank}}.dump());
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << r->body;
  }
  EXPECT_EQ(s_.CountRows("tickets"), 0);
}

TEST_F(HardeningTest, ConfidentialExportCarriesNoIdentity) {
  std::string ticket = s_.StoreConfidentialComplaint(
      "Saya Siti Aminah, NIK 3273010101900001, hp 0812 9988 7766 atau +62 812-9988-7766. "
      "Pak lurah minta uang Rp 150.000.000 untuk surat. Siti sudah tiga kali datang.",
      "routed", "KEWILAYAHAN");
  json body = Expect(200, "GET", "/api/v1/tickets/" + ticket + "/export", kOperator);
  std::string complaint = body["complaint"];
  for (std::string leak :
       {"Siti", "Aminah", "3273010101900001", "0812 9988 7766", "812-9988-7766", "81299887766"}) {
    EXPECT_EQ(complaint.find(leak), std::string::npos) << leak << " in: " << complaint;
  }
  EXPECT_NE(complaint.find("Rp 150.000.000"), std::string::npos) << complaint;
  EXPECT_EQ(body["reporter"], json({{"confidential", true}}));
}

class UrgentTest : public AgencyFixture {
 protected:
  UrgentTest()
      : AgencyFixture({}, [](gateway::GatewayConfig& c) {
          c.sla.operator_channel = "telegram";
          c.sla.operator_address = "99887766";
        }) {}
};

TEST_F(UrgentTest, AnUrgentComplaintReachesAnAgencyAndTheOperatorAtOnce) {
  std::string ticket =
      Complaint("u1", "Banjir setinggi 1 meter masuk rumah, ada lansia terjebak di lantai dua");
  json t = Expect(200, "GET", "/api/v1/tickets/" + ticket, kOperator);
  EXPECT_EQ(t["urgent"], true);
  EXPECT_NE(t["agency"], "TRIAGE");
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'urgent' AND recipient = '99887766' AND body LIKE '%" +
                                       ticket + "%'"),
            1);
  // An ordinary complaint does not disturb the operator.
  Complaint("u2", kRoadComplaint);
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'urgent'"), 1);
}

// Captures the process's stderr (where logs go) while alive.
class StderrCapture {
 public:
  StderrCapture() : path_(::testing::TempDir() + "stderr_capture.log") {
    std::fflush(stderr);
    saved_ = dup(2);
    int fd = open(path_.c_str(), O_CREAT | O_TRUNC | O_WRONLY, 0600);
    dup2(fd, 2);
    close(fd);
  }
  ~StderrCapture() { Restore(); }
  std::string Text() {
    Restore();
    std::ifstream in(path_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
  }

 private:
  void Restore() {
    if (saved_ < 0) return;
    std::fflush(stderr);
    dup2(saved_, 2);
    close(saved_);
    saved_ = -1;
  }
  std::string path_;
  int saved_ = -1;
};

TEST_F(HardeningTest, EachAcceptedMessageIsLoggedWithoutPersonalData) {
  StderrCapture capture;
  auto r = Generic(
      R"({"id":"log-1","from":"+6281200000015","name":"Budi Santoso","text":"jalan berlubang besar di depan SDN 3"})");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  std::string ticket = json::parse(r->body)["ticket"];
  std::string log = capture.Text();
  size_t line_at = log.find("\"message accepted\"");
  ASSERT_NE(line_at, std::string::npos) << log;
  std::string line = log.substr(log.rfind('\n', line_at) + 1);
  line = line.substr(0, line.find('\n'));
  json entry = json::parse(line);
  EXPECT_EQ(entry["level"], "info");
  EXPECT_EQ(entry["ticket"], ticket);
  EXPECT_EQ(entry["channel"], "generic");
  EXPECT_FALSE(entry["agency"].get<std::string>().empty());
  EXPECT_EQ(entry["duplicate"], false);
  EXPECT_TRUE(entry.contains("ms"));
  for (std::string personal : {"6281200000015", "Budi", "berlubang"}) {
    EXPECT_EQ(line.find(personal), std::string::npos) << personal;
  }
}

}  // namespace
}  // namespace aduan::testing
