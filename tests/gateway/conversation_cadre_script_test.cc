// Cadres relaying for neighbours, as scripts through the real server: the generic webhook and
// the SMS gateway (a provider that reaches phones, so consent requests go out).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "conversation_script.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

httplib::Headers Operator() { return {{"Authorization", std::string("Bearer ") + kAdminToken}}; }

class CadreScript : public ::testing::TestWithParam<std::string> {
 protected:
  CadreScript() : s_(ScriptEnv()), d_(s_, GetParam()) {
    auto r = PutCadre(s_, "kdr_rina", GetParam(), rina_, "Bu Rina");
    EXPECT_EQ(r->status, 201) << r->body;
  }
  const std::string rina_ = "+6281200000001";   // a registered cadre
  const std::string other_ = "+6281200000002";  // not registered
  TestServer s_;
  ConversationDriver d_;
};

TEST_P(CadreScript, ARelayRecordsTheResidentAsReporterAndTheCadreAsRelayer) {
  d_.Run({
      {rina_, "LAPOR UNTUK Ibu Siti, RT 02/RW 05 Ciwaduk: got mampet, air masuk rumah", 0,
       "Aduan untuk Ibu Siti tercatat", TicketIs::kNew, 200, std::nullopt,
       [](TestServer& s, const Sent& r) {
         json t = AgencyView(s, r.ticket);
         EXPECT_EQ(t["reporter"]["name"], "Ibu Siti");
         EXPECT_EQ(t["relayed_by"]["cadre"], "kdr_rina");
         EXPECT_EQ(t["consent"], "declared") << "no phone given: the cadre's declaration";
         EXPECT_EQ(t["place"], "RT 02/RW 05 Ciwaduk");
         EXPECT_EQ(t["text"], "got mampet, air masuk rumah");
       }},
      {rina_, "LAPOR UNTUK\nNama: Pak Dedi\nAlamat: RW 05\nAduan: lampu jalan mati di gang Mawar",
       3600, "Aduan untuk Pak Dedi", TicketIs::kNew},
      {rina_, "DAFTAR", 10, "Aduan terakhir:", TicketIs::kNone, 200, std::nullopt,
       [](TestServer&, const Sent& r) {
         EXPECT_EQ(std::count(r.reply.begin(), r.reply.end(), ';'), 1) << r.reply;
       }},
  });
  auto list = s_.Client().Get("/api/v1/cadres", Operator());
  ASSERT_EQ(list->status, 200);
  json cadres = json::parse(list->body)["cadres"];
  ASSERT_EQ(cadres.size(), 1u);
  EXPECT_EQ(cadres[0]["tickets"], 2);
}

TEST_P(CadreScript, AnAnonimRelayHidesTheResidentToo) {
  d_.Run({{rina_, "LAPOR UNTUK Ibu Siti, RW 05: ANONIM petugas minta uang untuk surat", 0,
           "Aduan untuk Ibu Siti", TicketIs::kNew, 200, std::nullopt,
           [](TestServer& s, const Sent& r) {
             json t = AgencyView(s, r.ticket);
             EXPECT_EQ(t["reporter"], json({{"confidential", true}}));
             EXPECT_EQ(t["relayed_by"], json({{"confidential", true}}));
             EXPECT_EQ(t.dump().find("Siti"), std::string::npos);
           }}});
}

TEST_P(CadreScript, BadRelaysGetHelpOrAHintNotAnError) {
  d_.Run({
      {rina_, "LAPOR UNTUK Ibu Siti:", 0, "Isi aduannya belum ada", TicketIs::kNone},
      {other_, "LAPOR UNTUK Ibu Siti, RT 02: sampah menumpuk di pasar Baru", 0,
       "belum terdaftar sebagai kader", TicketIs::kNew, 200, std::nullopt,
       [](TestServer& s, const Sent& r) {
         json t = AgencyView(s, r.ticket);
         EXPECT_FALSE(t.contains("relayed_by"));
         EXPECT_NE(t["text"].get<std::string>().find("Ibu Siti"), std::string::npos);
       }},
  });
}

TEST_P(CadreScript, TheCadreFollowsTheirRelayedTickets) {
  std::string t =
      d_.Send(rina_, "LAPOR UNTUK Ibu Siti, RT 02/RW 05: saluran got mampet, air meluap ke jalan")
          .ticket;
  ASSERT_FALSE(t.empty());
  d_.Run({
      {rina_, "STATUS " + t, 10, t + ": diteruskan ke dinas", TicketIs::kNone},
      {rina_, "BATAL " + t, 10, "sudah dibatalkan", TicketIs::kNone},
  });
}

INSTANTIATE_TEST_SUITE_P(Channels, CadreScript, ::testing::Values("generic", "sms"),
                         [](const auto& info) { return info.param; });

TEST(CadreConsentScript, AResidentsPhoneGetsAConsentRequestAndYaIsRecorded) {
  TestServer s(ScriptEnv());
  ConversationDriver sms(s, "sms");
  ASSERT_EQ(PutCadre(s, "kdr_rina", "sms", "081200000001", "Bu Rina")->status, 201);
  auto relay = sms.Send("+6281200000001",
                        "LAPOR UNTUK Ibu Siti, RT 02/RW 05, 0813-0000-0042: got mampet di gang "
                        "Mawar");
  ASSERT_FALSE(relay.ticket.empty()) << relay.body;
  EXPECT_EQ(AgencyView(s, relay.ticket)["consent"], "requested");
  auto request = sms.NewestRowTo("+6281300000042");
  ASSERT_TRUE(request);
  EXPECT_NE(request->body.find("balas YA"), std::string::npos) << request->body;
  EXPECT_NE(request->body.find(relay.ticket), std::string::npos);
  sms.Run({{"+6281300000042", "ya", 60, "persetujuan Anda", TicketIs::kNone}});
  json t = AgencyView(s, relay.ticket);
  EXPECT_EQ(t["consent"], "given");
  EXPECT_EQ(t.dump().find("6281300000042"), std::string::npos) << "the phone reached an agency";
}

TEST(CadreRoutesTest, TheRegistryRefusesBadInputAndConflicts) {
  TestServer s(ScriptEnv());
  EXPECT_EQ(PutCadre(s, "kdr_a", "sms", "081200000001", "A")->status, 201);
  EXPECT_EQ(PutCadre(s, "kdr_a", "sms", "081200000001", "A2")->status, 200);
  auto conflict = PutCadre(s, "kdr_b", "sms", "+6281200000001", "B");
  EXPECT_EQ(conflict->status, 409);
  EXPECT_EQ(json::parse(conflict->body)["error"]["code"], "cadre_conflict");
  auto missing = s.Client().Put("/api/v1/cadres/kdr_c", Operator(), R"({"channel":"sms"})",
                                "application/json");
  EXPECT_EQ(missing->status, 400);
  EXPECT_EQ(json::parse(missing->body)["error"]["code"], "missing_field");
  auto anonymous = s.Client().Get("/api/v1/cadres");
  EXPECT_EQ(anonymous->status, 401);
  auto unknown = s.Client().Get("/api/v1/cadres/nobody", Operator());
  EXPECT_EQ(unknown->status, 404);
  auto one = s.Client().Get("/api/v1/cadres/kdr_a", Operator());
  ASSERT_EQ(one->status, 200);
  EXPECT_EQ(json::parse(one->body)["name"], "A2");
  EXPECT_EQ(json::parse(one->body)["sender"], "+6281200000001");
}

TEST(CadreRoutesTest, PostRegistersUnderANewIdAndDeleteDeactivates) {
  TestServer s(ScriptEnv());
  json body = {
      {"channel", "sms"}, {"sender", "081200000009"}, {"name", "Pak Joko"}, {"area", "RW 03"}};
  auto made = s.Client().Post("/api/v1/cadres", Operator(), body.dump(), "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  json cadre = json::parse(made->body);
  std::string id = cadre["id"];
  EXPECT_EQ(id.rfind("kdr_", 0), 0u) << id;
  EXPECT_EQ(cadre["sender"], "+6281200000009");
  EXPECT_TRUE(cadre["active"].get<bool>());
  // The same phone again is another cadre's identity: refused, not duplicated.
  auto twice = s.Client().Post("/api/v1/cadres", Operator(), body.dump(), "application/json");
  EXPECT_EQ(twice->status, 409);
  EXPECT_EQ(json::parse(twice->body)["error"]["code"], "cadre_conflict");
  auto bad =
      s.Client().Post("/api/v1/cadres", Operator(), R"({"channel":"sms"})", "application/json");
  EXPECT_EQ(bad->status, 400);
  EXPECT_EQ(json::parse(bad->body)["error"]["code"], "missing_field");

  auto gone = s.Client().Delete("/api/v1/cadres/" + id, Operator());
  ASSERT_EQ(gone->status, 200) << gone->body;
  EXPECT_FALSE(json::parse(gone->body)["active"].get<bool>());
  auto list = json::parse(s.Client().Get("/api/v1/cadres", Operator())->body)["cadres"];
  ASSERT_EQ(list.size(), 1u);
  EXPECT_FALSE(list[0]["active"].get<bool>());
  EXPECT_EQ(s.Client().Delete("/api/v1/cadres/nobody", Operator())->status, 404);
  EXPECT_EQ(s.Client().Delete("/api/v1/cadres/" + id)->status, 401);
}

}  // namespace
}  // namespace aduan::testing
