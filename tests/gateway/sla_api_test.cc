// Service levels with an injected clock: overdue marks, the escalation chain with the operator
// told once, the overdue list and metrics, auto-closing, and the export for the Ombudsman.
#include <gtest/gtest.h>

#include "agency_fixture.h"
#include "gateway/common/working_days.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

constexpr int64_t kHourMs = 60LL * 60 * 1000;

// Unix ms of a WIB (UTC+7) wall-clock time.
int64_t Wib(int y, int m, int d, int hour) {
  return gateway::WorkingCalendar::DayNumber(y, m, d) * 24 * kHourMs + (hour - 7) * kHourMs;
}

class SlaApiTest : public AgencyFixture {
 protected:
  SlaApiTest()
      : AgencyFixture({}, [](gateway::GatewayConfig& c) {
          c.sla.operator_channel = "telegram";
          c.sla.operator_address = "99001";
          for (auto& a : c.agencies) {
            if (a.code == "DISHUB") a.sla.response_days = 1;
          }
        }) {
    s_.now_ms = Wib(2026, 11, 23, 9);  // Monday 23 November 2026, 09:00 WIB
  }
  json ScanAt(int64_t at) {
    s_.now_ms = at;
    return Expect(200, "POST", "/api/v1/sla/scan", kOperator, json::object());
  }
  int Escalations(const json& ticket) {
    int n = 0;
    for (const auto& e : ticket["events"]) n += e["kind"] == "escalation";
    return n;
  }
};

TEST_F(SlaApiTest, AnUnansweredTicketEscalatesAlongTheChainAndTheOperatorIsToldOnce) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string pupr = Key("PUPR");
  // Five working days after Monday 23 Nov: 24, 25, 26, 27, 30 Nov; due at 1 Dec 00:00 WIB.
  json t = Expect(200, "GET", "/api/v1/tickets/" + ticket, pupr);
  EXPECT_EQ(t["sla"]["target"], "first_response");
  EXPECT_EQ(t["sla"]["due_at"], "2026-11-30T17:00:00.000Z");
  EXPECT_EQ(t["sla"]["overdue"], false);

  EXPECT_EQ(ScanAt(Wib(2026, 11, 30, 23))["escalated"], 0);
  EXPECT_TRUE(Expect(200, "GET", "/api/v1/tickets?overdue=true", pupr)["tickets"].empty());

  EXPECT_EQ(ScanAt(Wib(2026, 12, 1, 8))["escalated"], 1);
  t = Expect(200, "GET", "/api/v1/tickets/" + ticket, pupr);
  EXPECT_EQ(t["sla"]["overdue"], true);
  EXPECT_EQ(t["sla"]["escalation_level"], 1);
  EXPECT_EQ(t["events"].back()["kind"], "escalation");
  EXPECT_EQ(t["events"].back()["actor"], "system");
  EXPECT_NE(t["events"].back()["internal_note"].get<std::string>().find("agency PUPR"),
            std::string::npos);
  json overdue = Expect(200, "GET", "/api/v1/tickets?overdue=true", pupr)["tickets"];
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0]["id"], ticket);
  EXPECT_EQ(Expect(200, "GET", "/api/v1/tickets?overdue=true", kOperator)["tickets"].size(), 1u);
  EXPECT_TRUE(Expect(200, "GET", "/api/v1/tickets?overdue=true", Key("DLH"))["tickets"].empty());
  auto metrics = s_.Client().Get("/metrics");
  EXPECT_NE(metrics->body.find("aduan_overdue_tickets 1"), std::string::npos) << metrics->body;

  // The same scan again, and a second gateway's scan, change nothing.
  EXPECT_EQ(ScanAt(Wib(2026, 12, 1, 9))["escalated"], 0);
  // Two working days later: its Inspektorat.
  EXPECT_EQ(ScanAt(Wib(2026, 12, 3, 8))["escalated"], 1);
  t = Expect(200, "GET", "/api/v1/tickets/" + ticket, pupr);
  EXPECT_EQ(t["sla"]["escalation_level"], 2);
  EXPECT_NE(t["events"].back()["internal_note"].get<std::string>().find("Inspektorat Daerah"),
            std::string::npos);
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'escalation'"), 0);
  // Five working days past the target (1-4 and 7 Dec): the operator, told once.
  EXPECT_EQ(ScanAt(Wib(2026, 12, 7, 23))["escalated"], 0);
  EXPECT_EQ(ScanAt(Wib(2026, 12, 8, 8))["escalated"], 1);
  EXPECT_EQ(ScanAt(Wib(2026, 12, 9, 8))["escalated"], 0);
  EXPECT_EQ(ScanAt(Wib(2026, 12, 20, 8))["escalated"], 0);
  EXPECT_EQ(s_.CountRows("outbox",
                         "kind = 'escalation' AND channel = 'telegram' AND "
                         "recipient = '99001' AND ticket_id = '" +
                             ticket + "'"),
            1);
  t = Expect(200, "GET", "/api/v1/tickets/" + ticket, kOperator);
  EXPECT_EQ(Escalations(t), 3);

  // The export an Ombudsman desk takes: the history shows the agency had it first.
  json exp = Expect(200, "GET", "/api/v1/tickets/" + ticket + "/export", kOperator);
  EXPECT_EQ(exp["format"], "aduan-escalation/1");
  EXPECT_EQ(exp["complained_to_agency_first"], true);
  EXPECT_EQ(exp["agency"]["inspektorat"], "Inspektorat Daerah");
  EXPECT_EQ(exp["sla"]["escalation_level"], 3);
  EXPECT_EQ(exp["history"][0]["kind"], "created");
  EXPECT_EQ(exp["history"][0]["to"], "routed");
  Expect(403, "GET", "/api/v1/tickets/" + ticket + "/export", pupr);

  // A late answer ends the overdue mark; the history keeps the escalations.
  SetStatus(200, ticket, pupr, "in_progress", "Mohon maaf terlambat, segera ditangani");
  EXPECT_TRUE(Expect(200, "GET", "/api/v1/tickets?overdue=true", pupr)["tickets"].empty());
  EXPECT_EQ(Escalations(Expect(200, "GET", "/api/v1/tickets/" + ticket, pupr)), 3);
}

TEST_F(SlaApiTest, AnUnroutedTicketPastThreeWorkingDaysGoesToTheOperator) {
  std::string ticket = Complaint("v1", kVagueComplaint);
  EXPECT_EQ(ScanAt(Wib(2026, 11, 26, 23))["escalated"], 0);
  EXPECT_EQ(ScanAt(Wib(2026, 11, 27, 1))["escalated"], 1);
  json t = Expect(200, "GET", "/api/v1/tickets/" + ticket, kOperator);
  EXPECT_EQ(t["sla"]["target"], "route");
  EXPECT_EQ(t["sla"]["escalation_level"], 3);
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'escalation'"), 1);
}

TEST_F(SlaApiTest, AnAgencysOwnTargetOverridesTheDefault) {
  std::string ticket = Complaint("a1", kRoadComplaint);  // PUPR: 5 working days by default
  Complaint("d1", "Lampu lalu lintas di perempatan Jalan Merdeka mati sejak kemarin");
  json dishub = Expect(200, "GET", "/api/v1/tickets?agency=DISHUB", kOperator)["tickets"];
  ASSERT_EQ(dishub.size(), 1u) << "the traffic-light complaint should go to DISHUB";
  // DISHUB answers within 1 working day (set in the fixture's config).
  EXPECT_EQ(dishub[0]["sla"]["due_at"], "2026-11-24T17:00:00.000Z");
  json r = ScanAt(Wib(2026, 11, 25, 8));
  EXPECT_EQ(r["escalated"], 1);
  json overdue = Expect(200, "GET", "/api/v1/tickets?overdue=true", kOperator)["tickets"];
  ASSERT_EQ(overdue.size(), 1u);
  EXPECT_EQ(overdue[0]["agency"], "DISHUB");
  EXPECT_NE(overdue[0]["id"], ticket);
}

TEST_F(SlaApiTest, HolidaysStopTheClock) {
  // Tuesday 22 December 2026: 24 (cuti bersama) and 25 (Christmas) are off, then a weekend.
  s_.now_ms = Wib(2026, 12, 22, 10);
  std::string ticket = Complaint("a1", kRoadComplaint);
  json t = Expect(200, "GET", "/api/v1/tickets/" + ticket, kOperator);
  // Working days 23, 28, 29, 30 and 31 December: due at the midnight that ends the 31st.
  EXPECT_EQ(t["sla"]["due_at"], "2026-12-31T17:00:00.000Z");
  EXPECT_EQ(ScanAt(Wib(2026, 12, 31, 16))["escalated"], 0);
}

TEST_F(SlaApiTest, AResolvedTicketClosesAfterTenWorkingDaysUnlessTheResidentObjects) {
  std::string quiet = Complaint("a1", kRoadComplaint);
  std::string objected = Complaint("a2", std::string(kRoadComplaint) + " di RT 5");
  std::string pupr = Key("PUPR");
  SetStatus(200, quiet, pupr, "resolved", "Sudah ditambal");
  SetStatus(200, objected, pupr, "resolved", "Sudah ditambal");
  s_.now_ms += kHourMs;
  storage::IntakeRequest more;
  more.message = {"generic",       "a3", "081234567890", "Budi", "Belum, lubangnya masih ada", "{}",
                  s_.now_ms.load()};
  more.attach_to_ticket = objected;
  s_.store().Intake(more).value();
  // Ten working days after Monday 23 Nov: 24-27 Nov, 30 Nov-4 Dec, 7 Dec; closes 8 Dec 00:00.
  EXPECT_EQ(ScanAt(Wib(2026, 12, 7, 22))["closed"], 0);
  json r = ScanAt(Wib(2026, 12, 8, 1));
  EXPECT_EQ(r["closed"], 1);
  json q = Expect(200, "GET", "/api/v1/tickets/" + quiet, pupr);
  EXPECT_EQ(q["status"], "closed");
  EXPECT_EQ(q["events"].back()["kind"], "closed");
  EXPECT_EQ(Expect(200, "GET", "/api/v1/tickets/" + objected, pupr)["status"], "resolved");
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'notify' AND ticket_id = '" + quiet + "'"), 2);
  EXPECT_EQ(ScanAt(Wib(2026, 12, 9, 1))["closed"], 0);
}

}  // namespace
}  // namespace aduan::testing
