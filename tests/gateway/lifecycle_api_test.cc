// The ticket lifecycle over HTTP: legal and illegal transitions, not_our_authority back to the
// triage desk, rerouting, reopening, resident notifications and what agencies never see.
#include <gtest/gtest.h>

#include "agency_fixture.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

class LifecycleApiTest : public AgencyFixture {};

TEST_F(LifecycleApiTest, AnAgencyWorksATicketToResolvedAndTheResidentIsTold) {
  std::string ticket = Complaint("a1", kRoadComplaint, "081234567890");
  std::string pupr = Key("PUPR");
  json t = SetStatus(200, ticket, pupr, "in_progress", "Tim sudah dijadwalkan Kamis");
  EXPECT_EQ(t["status"], "in_progress");
  t = SetStatus(200, ticket, pupr, "resolved", "Jalan sudah ditambal");
  EXPECT_EQ(t["status"], "resolved");
  const json& events = t["events"];
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[1]["actor"], "agency:PUPR");
  EXPECT_EQ(events[1]["from"], "routed");
  EXPECT_EQ(events[1]["to"], "in_progress");
  EXPECT_EQ(events[1]["note"], "Tim sudah dijadwalkan Kamis");
  EXPECT_EQ(events[2]["to"], "resolved");
  // Each public change left a notification for the resident in the outbox.
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'notify' AND ticket_id = '" + ticket + "'"), 2);
  EXPECT_EQ(s_.CountRows("outbox",
                         "kind = 'notify' AND recipient LIKE '%81234567890' AND body "
                         "LIKE '%Jalan sudah ditambal%'"),
            1);
  // The public page follows.
  auto pub = s_.Client().Get("/api/v1/public/tickets/" + ticket);
  EXPECT_EQ(json::parse(pub->body)["status"], "resolved");
}

TEST_F(LifecycleApiTest, AnAnsweredTicketLeavesTheQueueEvenWithoutAnAck) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string pupr = Key("PUPR");
  json leased = Expect(200, "POST", "/api/v1/queue/lease", pupr, {{"lease_seconds", 10}});
  ASSERT_EQ(leased["tickets"].size(), 1u);
  SetStatus(200, ticket, pupr, "in_progress");
  s_.now_ms += 11'000;
  EXPECT_TRUE(Expect(200, "POST", "/api/v1/queue/lease", pupr, json::object())["tickets"].empty());
  // A consumer that acks late is still answered 200.
  Expect(200, "POST", "/api/v1/tickets/" + ticket + "/ack", pupr,
         {{"lease_id", leased["tickets"][0]["lease_id"]}});
}

TEST_F(LifecycleApiTest, IllegalTransitionsAre409WithAReason) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string pupr = Key("PUPR");
  SetStatus(200, ticket, pupr, "resolved", "Sudah diperbaiki");
  json again = SetStatus(409, ticket, pupr, "in_progress");
  EXPECT_EQ(again["error"]["code"], "illegal_transition");
  EXPECT_NE(again["error"]["message"].get<std::string>().find("'resolved'"), std::string::npos);
  EXPECT_EQ(SetStatus(409, ticket, pupr, "rejected", "x")["error"]["code"], "illegal_transition");
  // Nothing was written by the refusals.
  json t = Expect(200, "GET", "/api/v1/tickets/" + ticket, pupr);
  EXPECT_EQ(t["events"].size(), 2u);
  EXPECT_EQ(SetStatus(400, ticket, pupr, "closed")["error"]["code"], "invalid_status");
  EXPECT_EQ(SetStatus(400, ticket, pupr, "done")["error"]["code"], "invalid_status");
  EXPECT_EQ(Expect(400, "POST", "/api/v1/tickets/" + ticket + "/status", pupr,
                   json::object())["error"]["code"],
            "missing_field");
  EXPECT_EQ(Expect(400, "POST", "/api/v1/tickets/" + ticket + "/status", pupr,
                   {{"status", "resolved"}, {"note", 5}})["error"]["code"],
            "invalid_field");
}

TEST_F(LifecycleApiTest, ARejectionMustSayWhy) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string pupr = Key("PUPR");
  EXPECT_EQ(SetStatus(400, ticket, pupr, "rejected")["error"]["code"], "missing_field");
  EXPECT_EQ(SetStatus(200, ticket, pupr, "rejected", "Jalan nasional, wewenang BBPJN")["status"],
            "rejected");
}

TEST_F(LifecycleApiTest, NotOurAuthoritySendsItBackToTriageWithTheReason) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string pupr = Key("PUPR");
  EXPECT_EQ(SetStatus(400, ticket, pupr, "not_our_authority")["error"]["code"], "missing_field");
  json t = SetStatus(200, ticket, pupr, "not_our_authority", "Jalan provinsi, bukan wewenang kota");
  EXPECT_EQ(t["status"], "triage");
  EXPECT_EQ(t["agency"], "TRIAGE");
  // PUPR no longer sees it, nor leases it.
  Expect(404, "GET", "/api/v1/tickets/" + ticket, pupr);
  EXPECT_TRUE(Expect(200, "POST", "/api/v1/queue/lease", pupr, json::object())["tickets"].empty());
  // The triage desk sees the classifier's explanation and PUPR's reason.
  json triage = Expect(200, "GET", "/api/v1/triage", kOperator)["tickets"];
  ASSERT_EQ(triage.size(), 1u);
  EXPECT_EQ(triage[0]["id"], ticket);
  EXPECT_TRUE(triage[0]["classification"]["matched"].is_array());
  EXPECT_EQ(triage[0]["returned_by"]["actor"], "agency:PUPR");
  EXPECT_EQ(triage[0]["returned_by"]["reason"], "Jalan provinsi, bukan wewenang kota");
  // A misrouting is not the resident's business: no notification.
  EXPECT_EQ(s_.CountRows("outbox", "kind = 'notify'"), 0);
  // The operator may not claim not_our_authority; agencies may not use the triage desk.
  EXPECT_EQ(SetStatus(403, ticket, kOperator, "not_our_authority", "x")["error"]["code"],
            "agency_only");
  Expect(403, "GET", "/api/v1/triage", pupr);
}

TEST_F(LifecycleApiTest, TheOperatorRoutesATriageTicketAndTheRouteIsRecorded) {
  std::string ticket = Complaint("v1", kVagueComplaint);
  json listed = Expect(200, "GET", "/api/v1/triage", kOperator)["tickets"];
  ASSERT_EQ(listed.size(), 1u) << "the vague complaint should have gone to triage";
  EXPECT_TRUE(listed[0].contains("classification"));
  std::string dinsos = Key("DINSOS");
  EXPECT_EQ(Expect(400, "POST", "/api/v1/tickets/" + ticket + "/reroute", kOperator,
                   {{"agency", "NOPE"}})["error"]["code"],
            "unknown_agency");
  EXPECT_EQ(Expect(400, "POST", "/api/v1/tickets/" + ticket + "/reroute", kOperator,
                   {{"agency", "TRIAGE"}})["error"]["code"],
            "unknown_agency");
  json t = Expect(200, "POST", "/api/v1/tickets/" + ticket + "/reroute", kOperator,
                  {{"agency", "DINSOS"}, {"note", "Bantuan sosial, dari isi pesan"}});
  EXPECT_EQ(t["status"], "routed");
  EXPECT_EQ(t["agency"], "DINSOS");
  EXPECT_EQ(t["events"].back()["kind"], "routed");
  EXPECT_EQ(t["events"].back()["actor"], "operator");
  EXPECT_EQ(t["events"].back()["internal_note"], "Bantuan sosial, dari isi pesan");
  EXPECT_TRUE(Expect(200, "GET", "/api/v1/triage", kOperator)["tickets"].empty());
  json leased = Expect(200, "POST", "/api/v1/queue/lease", dinsos, json::object())["tickets"];
  ASSERT_EQ(leased.size(), 1u);
  EXPECT_EQ(leased[0]["id"], ticket);
}

TEST_F(LifecycleApiTest, TheDeskRejectsWhatIsNotAComplaint) {
  std::string ticket = Complaint("v1", kVagueComplaint);
  EXPECT_EQ(SetStatus(409, ticket, kOperator, "resolved", "x")["error"]["code"],
            "illegal_transition");
  json t = SetStatus(200, ticket, kOperator, "rejected", "Bukan aduan; silakan kirim ulang");
  EXPECT_EQ(t["status"], "rejected");
  EXPECT_EQ(t["events"].back()["actor"], "operator");
  EXPECT_TRUE(Expect(200, "GET", "/api/v1/triage", kOperator)["tickets"].empty());
}

TEST_F(LifecycleApiTest, AnAgencyReroutesToAnotherWithANote) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string pupr = Key("PUPR"), dishub = Key("DISHUB");
  EXPECT_EQ(Expect(409, "POST", "/api/v1/tickets/" + ticket + "/reroute", pupr,
                   {{"agency", "PUPR"}})["error"]["code"],
            "same_agency");
  Expect(400, "POST", "/api/v1/tickets/" + ticket + "/reroute", pupr, json::object());
  json t = Expect(200, "POST", "/api/v1/tickets/" + ticket + "/reroute", pupr,
                  {{"agency", "DISHUB"}, {"note", "Rambu rusak, bukan jalan"}});
  EXPECT_EQ(t["agency"], "DISHUB");
  EXPECT_EQ(t["events"].back()["kind"], "reroute");
  EXPECT_EQ(t["events"].back()["from"], "routed");
  Expect(404, "GET", "/api/v1/tickets/" + ticket, pupr);
  Expect(200, "GET", "/api/v1/tickets/" + ticket, dishub);
  // Another agency cannot act on it: 404, not 403, so ids cannot be probed.
  EXPECT_EQ(SetStatus(404, ticket, pupr, "in_progress")["error"]["code"], "not_found");
  Expect(404, "POST", "/api/v1/tickets/" + ticket + "/reroute", pupr, {{"agency", "DLH"}});
}

TEST_F(LifecycleApiTest, OnlyTheOperatorReopens) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  std::string pupr = Key("PUPR");
  EXPECT_EQ(Expect(409, "POST", "/api/v1/tickets/" + ticket + "/reopen", kOperator,
                   json::object())["error"]["code"],
            "illegal_transition");
  SetStatus(200, ticket, pupr, "resolved", "Selesai");
  EXPECT_EQ(Expect(403, "POST", "/api/v1/tickets/" + ticket + "/reopen", pupr,
                   json::object())["error"]["code"],
            "operator_only");
  json t = Expect(200, "POST", "/api/v1/tickets/" + ticket + "/reopen", kOperator,
                  {{"note", "Warga melapor jalan rusak lagi"}});
  EXPECT_EQ(t["status"], "routed");
  EXPECT_EQ(t["events"].back()["kind"], "reopen");
  // Back on PUPR's queue, and PUPR can work it again.
  EXPECT_EQ(Expect(200, "POST", "/api/v1/queue/lease", pupr, json::object())["tickets"].size(), 1u);
  SetStatus(200, ticket, pupr, "in_progress");
}

TEST_F(LifecycleApiTest, AResidentsFollowUpReachesTheAgencyAsAnEvent) {
  std::string ticket = Complaint("a1", kRoadComplaint);
  storage::IntakeRequest more;
  more.message = {
      "generic",       "a2", "081234567890", "Budi", "Lubangnya makin besar, ada foto", "{}",
      s_.now_ms.load()};
  more.attach_to_ticket = ticket;
  s_.store().Intake(more).value();
  json t = Expect(200, "GET", "/api/v1/tickets/" + ticket, Key("PUPR"));
  EXPECT_EQ(t["events"].back()["kind"], "resident_message");
  EXPECT_EQ(t["events"].back()["note"], "Lubangnya makin besar, ada foto");
}

TEST_F(LifecycleApiTest, AConfidentialReportersIdentityNeverReachesTheAgency) {
  const std::string id = s_.StoreConfidentialComplaint(
      "Saya Siti Aminah, pungli di kelurahan, hubungi 081299887766", "routed", "KEWILAYAHAN");
  std::string key = Key("KEWILAYAHAN");
  storage::IntakeRequest more;
  more.message = {"whatsapp",
                  "w2",
                  "+6281299887766",
                  "Siti Aminah",
                  "Ini SITI AMINAH lagi, kejadiannya kemarin",
                  "{}",
                  s_.now_ms.load()};
  more.attach_to_ticket = id;
  s_.store().Intake(more).value();
  SetStatus(200, id, key, "in_progress", "Sedang diperiksa");
  Expect(200, "POST", "/api/v1/tickets/" + id + "/reroute", kOperator,
         {{"agency", "SATPOLPP"}, {"note", "Pelapor Siti Aminah minta dirahasiakan"}});
  std::string satpol = Key("SATPOLPP");
  std::vector<std::string> bodies = {
      Call("GET", "/api/v1/tickets/" + id, satpol)->body,
      Call("GET", "/api/v1/tickets", satpol)->body,
      Call("POST", "/api/v1/queue/lease", satpol, "{}")->body,
  };
  for (const auto& body : bodies) {
    EXPECT_NE(body.find(id), std::string::npos) << body;
    for (const char* secret : {"Siti", "Aminah", "SITI", "AMINAH", "81299887766"}) {
      EXPECT_EQ(body.find(secret), std::string::npos) << secret << " leaked in " << body;
    }
  }
  EXPECT_NE(bodies[0].find("[rahasia]"), std::string::npos);
  EXPECT_NE(bodies[0].find("\"confidential\":true"), std::string::npos);
}

TEST_F(LifecycleApiTest, TheAgencyListsItsTicketsNewestFirstWithACursor) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    ids.push_back(Complaint("r" + std::to_string(i),
                            kRoadComplaint + std::string(" nomor ") + std::to_string(i)));
    s_.now_ms += 1000;
  }
  Complaint("v1", kVagueComplaint);  // triage: nobody's but the operator's
  std::string pupr = Key("PUPR");
  SetStatus(200, ids[1], pupr, "in_progress");
  json page = Expect(200, "GET", "/api/v1/tickets?limit=2", pupr);
  ASSERT_EQ(page["tickets"].size(), 2u);
  EXPECT_EQ(page["tickets"][0]["id"], ids[4]);
  std::vector<std::string> seen;
  std::string path = "/api/v1/tickets?limit=2";
  for (int guard = 0; guard < 10; ++guard) {
    json p = Expect(200, "GET", path, pupr);
    for (const auto& t : p["tickets"]) seen.push_back(t["id"]);
    if (!p.contains("next")) break;
    path = "/api/v1/tickets?limit=2&cursor=" + p["next"].get<std::string>();
  }
  EXPECT_EQ(seen, std::vector<std::string>(ids.rbegin(), ids.rend()));
  json progressing = Expect(200, "GET", "/api/v1/tickets?status=in_progress", pupr);
  ASSERT_EQ(progressing["tickets"].size(), 1u);
  EXPECT_EQ(progressing["tickets"][0]["id"], ids[1]);
  EXPECT_TRUE(progressing["tickets"][0]["sla"].is_object());
  // The in_progress change is the only update after the last complaint.
  json since =
      Expect(200, "GET", "/api/v1/tickets?since=" + std::to_string(s_.now_ms.load()), pupr);
  ASSERT_EQ(since["tickets"].size(), 1u);
  EXPECT_EQ(Expect(200, "GET", "/api/v1/tickets", kOperator)["tickets"].size(), 6u);
  EXPECT_EQ(Expect(200, "GET", "/api/v1/tickets?agency=TRIAGE", kOperator)["tickets"].size(), 1u);
  for (const char* bad :
       {"status=open", "since=yesterday", "limit=0", "limit=x", "cursor=abc", "overdue=maybe"}) {
    EXPECT_EQ(Expect(400, "GET", std::string("/api/v1/tickets?") + bad, pupr)["error"]["code"]
                  .get<std::string>()
                  .rfind("invalid", 0),
              0u)
        << bad;
  }
}

}  // namespace
}  // namespace aduan::testing
