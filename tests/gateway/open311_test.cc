// Open311 GeoReport v2 (read side) over HTTP, checked with the spec's field names, and that it
// says nothing personal.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "gateway/common/api_keys.h"
#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

class Open311Test : public ::testing::Test {
 protected:
  std::string Complaint(const std::string& id, const std::string& text) {
    json body = {{"id", id}, {"from", "081234567890"}, {"name", "Budi Hartono"}, {"text", text}};
    auto r = s_.Client().Post("/webhooks/generic", body.dump(), "application/json");
    EXPECT_EQ(r->status, 200) << r->body;
    return json::parse(r->body)["ticket"];
  }
  json Get(const std::string& path, int want_status = 200) {
    auto r = s_.Client().Get(path);
    EXPECT_EQ(r->status, want_status) << path << ": " << r->body;
    return json::parse(r->body);
  }
  TestServer s_;
};

TEST_F(Open311Test, ServicesAreTheServiceTopics) {
  json services = Get("/open311/v2/services.json");
  ASSERT_TRUE(services.is_array());
  bool found = false;
  for (const auto& s : services) {
    for (const char* field :
         {"service_code", "service_name", "description", "metadata", "type", "keywords", "group"}) {
      EXPECT_TRUE(s.contains(field)) << field;
    }
    EXPECT_NE(s["service_code"], "TRIAGE");
    if (s["service_code"] == "jalan_berlubang") found = true;
  }
  EXPECT_TRUE(found);
}

TEST_F(Open311Test, RequestsCarryTheSpecFieldsAndNothingPersonal) {
  std::string ticket = Complaint("o1", kRoad);
  json list = Get("/open311/v2/requests.json");
  ASSERT_EQ(list.size(), 1u) << list.dump();
  const json& r = list[0];
  EXPECT_EQ(r["service_request_id"], ticket);
  EXPECT_EQ(r["status"], "open");
  // The service is the ticket's topic, one of services.json's; the agency is responsible.
  const std::string code = r["service_code"];
  ASSERT_FALSE(code.empty());
  bool listed = false;
  for (const auto& service : Get("/open311/v2/services.json")) {
    listed = listed || service["service_code"] == code;
  }
  EXPECT_TRUE(listed) << code;
  EXPECT_EQ(Get("/open311/v2/requests.json?service_code=" + code).size(), 1u);
  EXPECT_EQ(r["agency_responsible"], "Dinas Pekerjaan Umum dan Penataan Ruang");
  EXPECT_EQ(r["description"], kRoad);
  for (const char* field :
       {"status_notes", "service_name", "agency_responsible", "service_notice",
        "requested_datetime", "updated_datetime", "expected_datetime", "address", "media_url"}) {
    EXPECT_TRUE(r.contains(field)) << field;
  }
  const std::string body = list.dump();
  EXPECT_EQ(body.find("Budi"), std::string::npos);
  EXPECT_EQ(body.find("1234567890"), std::string::npos);

  json one = Get("/open311/v2/requests/" + ticket + ".json");
  ASSERT_TRUE(one.is_array());
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0], r);
}

TEST_F(Open311Test, FiltersByServiceStatusAndDates) {
  std::string ticket = Complaint("o2", kRoad);
  EXPECT_EQ(Get("/open311/v2/requests.json?service_code=PUPR").size(), 1u);
  EXPECT_EQ(Get("/open311/v2/requests.json?service_code=DINKES").size(), 0u);
  EXPECT_EQ(Get("/open311/v2/requests.json?service_code=DINKES,PUPR").size(), 1u);
  EXPECT_EQ(Get("/open311/v2/requests.json?status=open").size(), 1u);
  EXPECT_EQ(Get("/open311/v2/requests.json?status=closed").size(), 0u);
  // The test clock is 2026-09-21; the ticket was made then.
  EXPECT_EQ(Get("/open311/v2/requests.json?start_date=2026-09-20T00:00:00%2B07:00").size(), 1u);
  EXPECT_EQ(Get("/open311/v2/requests.json?start_date=2026-09-22T00:00:00Z").size(), 0u);
  EXPECT_EQ(Get("/open311/v2/requests.json?end_date=2026-09-20").size(), 0u);

  // A resolved ticket is closed, and the agency's public note is its status_notes.
  std::string key = gateway::IssueApiKey(s_.store(), "PUPR", s_.now_ms.load()).secret;
  auto r = s_.Client().Post(
      "/api/v1/tickets/" + ticket + "/status", httplib::Headers{{"Authorization", "Bearer " + key}},
      R"({"status": "resolved", "note": "Jalan sudah ditambal"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  json closed = Get("/open311/v2/requests.json?status=closed");
  ASSERT_EQ(closed.size(), 1u);
  EXPECT_EQ(closed[0]["status_notes"], "Jalan sudah ditambal");
  EXPECT_EQ(Get("/open311/v2/requests.json?status=open").size(), 0u);
}

TEST_F(Open311Test, XmlCarriesTheSameFieldsEscaped) {
  std::string ticket = Complaint("o3", "Jalan rusak <parah> & berlubang di Cibeber");
  auto r = s_.Client().Get("/open311/v2/requests/" + ticket + ".xml");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("text/xml", 0), 0u);
  EXPECT_NE(r->body.find("\n<service_requests><request>"), std::string::npos) << r->body;
  EXPECT_NE(r->body.find("<service_request_id>" + ticket + "</service_request_id>"),
            std::string::npos)
      << r->body;
  EXPECT_NE(r->body.find("<description>Jalan rusak &lt;parah&gt; &amp; berlubang"),
            std::string::npos)
      << r->body;
  EXPECT_NE(r->body.find("<status>open</status>"), std::string::npos);
  auto all = s_.Client().Get("/open311/v2/requests.xml?service_code=PUPR");
  ASSERT_EQ(all->status, 200);
  EXPECT_NE(all->body.find(ticket), std::string::npos);
  auto services = s_.Client().Get("/open311/v2/services.xml");
  ASSERT_EQ(services->status, 200);
  EXPECT_NE(services->body.find("<services><service>"), std::string::npos);
  EXPECT_NE(services->body.find("<service_code>jalan_berlubang</service_code>"), std::string::npos);
  EXPECT_EQ(s_.Client().Get("/open311/v2/requests.csv")->status, 404);
}

TEST_F(Open311Test, ConfidentialComplaintsShowNoText) {
  std::string ticket =
      s_.StoreConfidentialComplaint("Saya Siti Aminah, jalan depan rumah rusak", "routed", "PUPR");
  json one = Get("/open311/v2/requests/" + ticket + ".json");
  ASSERT_EQ(one.size(), 1u);
  EXPECT_EQ(one[0]["description"], "");
  EXPECT_EQ(one.dump().find("Siti"), std::string::npos);
  EXPECT_EQ(one.dump().find("81299887766"), std::string::npos);
}

TEST_F(Open311Test, BadInputGetsAClearError) {
  json e = Get("/open311/v2/requests.json?status=pending", 400);
  EXPECT_EQ(e["error"]["code"], "invalid_field");
  e = Get("/open311/v2/requests.json?service_code=NOPE", 400);
  EXPECT_EQ(e["error"]["code"], "invalid_field");
  e = Get("/open311/v2/requests.json?start_date=yesterday", 400);
  EXPECT_EQ(e["error"]["code"], "invalid_field");
  e = Get("/open311/v2/requests/ADU-0000000.json", 400);
  EXPECT_TRUE(e["error"].contains("message"));
}

}  // namespace
}  // namespace aduan::testing
