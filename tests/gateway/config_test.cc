#include "gateway/common/config.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../storage/temp_dir.h"

namespace aduan::gateway {
namespace {

const std::string kShipped = std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json";

TEST(ConfigTest, TheShippedConfigIsValidAndCoversEveryAgency) {
  std::string error;
  auto cfg = LoadConfig(kShipped, &error);
  ASSERT_TRUE(cfg) << error;
  EXPECT_EQ(cfg->listen, "127.0.0.1:8080");
  EXPECT_EQ(cfg->storage_url, "sqlite:data/aduan.db");
  EXPECT_EQ(cfg->max_body_bytes, 1u << 20);
  for (const char* code :
       {"DISDUKCAPIL", "DINKES",   "RSUD",    "DISDIK",  "PUPR",       "DLH",
        "DISHUB",      "DINSOS",   "DPMPTSP", "PDAM",    "SATPOLPP",   "DAMKAR",
        "BPBD",        "DISNAKER", "PERKIM",  "BAPENDA", "DISKOMINFO", "DISPERINDAG",
        "KEWILAYAHAN", "PLN",      "POLRI",   "BPJSKES", "TRIAGE"}) {
    EXPECT_TRUE(cfg->FindAgency(code)) << code;
  }
  EXPECT_TRUE(std::filesystem::exists(cfg->classifier.rules_path)) << cfg->classifier.rules_path;
  EXPECT_FALSE(cfg->replies.at("ack").empty());
}

// Writes a config next to copies of the shipped data files, with `body` as aduan.json.
class BadConfigTest : public ::testing::Test {
 protected:
  std::string Write(const std::string& body) {
    auto src = std::filesystem::path(ADUAN_SOURCE_DIR) / "config";
    for (const char* f : {"agencies.json", "replies.json"}) {
      std::filesystem::copy_file(src / f, dir_.path() / f,
                                 std::filesystem::copy_options::overwrite_existing);
    }
    std::string path = dir_.File("aduan.json");
    std::ofstream(path) << body;
    return path;
  }
  std::string ErrorFor(const std::string& body) {
    std::string error;
    EXPECT_FALSE(LoadConfig(Write(body), &error)) << body;
    return error;
  }
  testing::TempDir dir_;
};

constexpr const char* kMinimal =
    R"({"classifier": {"rules": "r.json"}, "agencies": "agencies.json", "replies": "replies.json")";

TEST_F(BadConfigTest, AMinimalConfigTakesTheDefaults) {
  std::string error;
  auto cfg = LoadConfig(Write(std::string(kMinimal) + "}"), &error);
  ASSERT_TRUE(cfg) << error;
  EXPECT_EQ(cfg->http_threads, 256);
  EXPECT_EQ(cfg->classifier.rules_path, dir_.File("r.json"));
  EXPECT_EQ(cfg->StoreOptions().pool_size, 8);
}

TEST_F(BadConfigTest, ThePostgresPoolSizeReachesTheStoreOptions) {
  std::string error;
  auto cfg = LoadConfig(
      Write(std::string(kMinimal) + R"(, "storage": {"max_batch": 64, "pool_size": 3}})"), &error);
  ASSERT_TRUE(cfg) << error;
  EXPECT_EQ(cfg->StoreOptions().pool_size, 3);
  EXPECT_EQ(cfg->StoreOptions().max_batch, 64);
}

TEST_F(BadConfigTest, TheStorageDeadlinesReachTheStoreOptions) {
  std::string error;
  auto defaults = LoadConfig(Write(std::string(kMinimal) + "}"), &error);
  ASSERT_TRUE(defaults) << error;
  EXPECT_EQ(defaults->StoreOptions().connect_timeout_ms, 2000);
  EXPECT_EQ(defaults->StoreOptions().statement_timeout_ms, 3000);
  auto cfg = LoadConfig(
      Write(std::string(kMinimal) +
            R"(, "storage": {"connect_timeout_ms": 750, "statement_timeout_ms": 1500}})"),
      &error);
  ASSERT_TRUE(cfg) << error;
  EXPECT_EQ(cfg->StoreOptions().connect_timeout_ms, 750);
  EXPECT_EQ(cfg->StoreOptions().statement_timeout_ms, 1500);
  EXPECT_NE(ErrorFor(std::string(kMinimal) + R"(, "storage": {"statement_timeout_ms": 0}})")
                .find("storage.statement_timeout_ms: must be an integer from 100"),
            std::string::npos);
}

TEST_F(BadConfigTest, ProblemsNameTheFileThePlaceAndTheProblem) {
  struct Case {
    std::string body;
    std::string expect;
  };
  const std::vector<Case> cases = {
      {std::string(kMinimal) + R"(, "http": {"threads": "many"}})",
       "aduan.json: http.threads: must be an integer from 1 to 4096, got \"many\""},
      {std::string(kMinimal) + R"(, "http": {"treads": 4}})", "http.treads: unknown setting"},
      {std::string(kMinimal) +
           R"(, "queue": {"default_lease_seconds": 100, "max_lease_seconds": 10}})",
       "queue.default_lease_seconds: must not exceed max_lease_seconds"},
      {std::string(kMinimal) + R"(, "classifier": 5})", "classifier: must be an object"},
      {std::string(kMinimal) + R"(, "storage": {"pool_size": 0}})",
       "storage.pool_size: must be an integer from 1 to 1000"},
      {R"({"agencies": "agencies.json", "replies": "replies.json"})",
       "classifier.rules: is required"},
      {std::string(kMinimal) + ", ", "invalid JSON"},
      {std::string(kMinimal) + R"(, "language": "fr"})", "no reply templates for language \"fr\""},
      {R"({"classifier": {"rules": "r.json"}, "agencies": "missing.json", "replies": "replies.json"})",
       "missing.json: cannot read the file"},
  };
  for (const auto& c : cases) {
    std::string error = ErrorFor(c.body);
    EXPECT_NE(error.find(c.expect), std::string::npos) << "got: " << error;
    EXPECT_NE(error.find(dir_.path().string()), std::string::npos) << "no file in: " << error;
  }
}

TEST_F(BadConfigTest, TheMediaLimitsAreReadAndChecked) {
  std::string error;
  auto cfg = LoadConfig(Write(std::string(kMinimal) +
                              R"(, "media": {"max_file_bytes": 2048, "max_ticket_bytes": 4096,
                                             "max_attempts": 3, "fetch_timeout_seconds": 7}})"),
                        &error);
  ASSERT_TRUE(cfg) << error;
  EXPECT_EQ(cfg->media.max_file_bytes, 2048u);
  EXPECT_EQ(cfg->media.max_ticket_bytes, 4096u);
  EXPECT_EQ(cfg->media.max_attempts, 3);
  EXPECT_EQ(cfg->media.fetch_timeout_seconds, 7);
  EXPECT_NE(ErrorFor(std::string(kMinimal) + R"(, "media": {"max_attempts": 0}})")
                .find("media.max_attempts: must be an integer from 1 to 100"),
            std::string::npos);
  EXPECT_NE(ErrorFor(std::string(kMinimal) + R"(, "media": {"max_bytes": 5}})")
                .find("media.max_bytes: unknown setting"),
            std::string::npos);
}

TEST_F(BadConfigTest, TheProcessorPriorityAndEventThreadsAreReadAndChecked) {
  std::string error;
  auto defaults = LoadConfig(Write(std::string(kMinimal) + "}"), &error);
  ASSERT_TRUE(defaults) << error;
  using Priority = gateway::GatewayConfig::Intake::ProcessorPriority;
  EXPECT_EQ(defaults->intake.processor_priority, Priority::kLow);
  EXPECT_EQ(defaults->http_event_threads, 0);
  EXPECT_TRUE(defaults->intake.journal_prewrite);
  auto cfg =
      LoadConfig(Write(std::string(kMinimal) +
                       R"(, "intake": {"processor_priority": "idle", "journal_prewrite": false},
                                   "http": {"event_threads": 3}})"),
                 &error);
  ASSERT_TRUE(cfg) << error;
  EXPECT_EQ(cfg->intake.processor_priority, Priority::kIdle);
  EXPECT_FALSE(cfg->intake.journal_prewrite);
  EXPECT_EQ(cfg->http_event_threads, 3);
  EXPECT_NE(
      ErrorFor(std::string(kMinimal) + R"(, "intake": {"processor_priority": "later"}})")
          .find(R"(intake.processor_priority: must be "idle", "low" or "normal", not "later")"),
      std::string::npos);
  EXPECT_NE(ErrorFor(std::string(kMinimal) + R"(, "http": {"event_threads": -1}})")
                .find("http.event_threads: must be an integer from 0 to 64"),
            std::string::npos);
}

TEST_F(BadConfigTest, InvalidJsonReportsTheLine) {
  std::string error = ErrorFor("{\n  \"listen\": \"x\",\n  oops\n}");
  EXPECT_NE(error.find("line 3"), std::string::npos) << error;
}

TEST_F(BadConfigTest, CommentsAreAllowed) {
  std::string error;
  auto cfg = LoadConfig(Write("// top\n" + std::string(kMinimal) + " /* end */ }"), &error);
  EXPECT_TRUE(cfg) << error;
}

TEST_F(BadConfigTest, AgencyCodesAreValidatedWithTheirPlace) {
  std::ofstream(dir_.File("bad_agencies.json"))
      << R"({"agencies": [{"code": "PUPR", "name": "a"}, {"code": "pupr x", "name": "b"}]})";
  std::string error;
  Write("{}");
  EXPECT_FALSE(LoadConfig(
      Write(
          R"({"classifier": {"rules": "r.json"}, "agencies": "bad_agencies.json", "replies": "replies.json"})"),
      &error));
  EXPECT_NE(error.find("bad_agencies.json: agencies[1].code: must be upper-case"),
            std::string::npos)
      << error;
}

TEST_F(BadConfigTest, ServiceLevelsAndPushSettingsAreRead) {
  std::ofstream(dir_.File("agencies2.json")) << R"({"agencies": [
      {"code": "PUPR", "name": "PU", "push_url": "https://pupr.example.go.id/aduan",
       "inspektorat": "Inspektorat Kota", "sla": {"response_days": 2}},
      {"code": "DLH", "name": "LH"}]})";
  std::ofstream(dir_.File("cal.json")) << R"({"city_days_off": [{"date": "2026-12-01"}]})";
  std::string error;
  auto cfg = LoadConfig(Write(R"({"classifier": {"rules": "r.json"}, "agencies": "agencies2.json",
      "replies": "replies.json", "sla": {"calendar": "cal.json", "response_days": 4,
      "escalation_after_days": [1, 3, 6], "operator_channel": "telegram",
      "operator_address": "42"}, "queue": {"max_abandoned_leases": 3}})"),
                        &error);
  ASSERT_TRUE(cfg) << error;
  const AgencyConfig* pupr = cfg->FindAgency("PUPR");
  EXPECT_EQ(pupr->push_url, "https://pupr.example.go.id/aduan");
  EXPECT_EQ(pupr->inspektorat, "Inspektorat Kota");
  EXPECT_EQ(pupr->sla.response_days, 2);
  EXPECT_EQ(cfg->FindAgency("DLH")->sla.response_days, 4);  // the file's default
  EXPECT_EQ(cfg->sla.escalation_after_days, (std::vector<int>{1, 3, 6}));
  EXPECT_EQ(cfg->sla.operator_address, "42");
  EXPECT_EQ(cfg->max_abandoned_leases, 3);
  EXPECT_EQ(cfg->sla.calendar.days_off_count(), 1u);
}

TEST_F(BadConfigTest, BadServiceLevelSettingsNameTheirPlace) {
  std::ofstream(dir_.File("bad_push.json"))
      << R"({"agencies": [{"code": "PUPR", "name": "a", "push_url": "ftp://x"}]})";
  std::ofstream(dir_.File("bad_sla.json"))
      << R"({"agencies": [{"code": "PUPR", "name": "a", "sla": {"route_days": 2}}]})";
  std::ofstream(dir_.File("bad_cal.json")) << R"({"holidays": [{"date": "17-08-2026"}]})";
  struct Case {
    std::string body, expect;
  };
  const std::string with = R"({"classifier": {"rules": "r.json"}, "replies": "replies.json", )";
  const std::vector<Case> cases = {
      {with + R"("agencies": "bad_push.json"})", "agencies[0].push_url: must start with http"},
      {with + R"("agencies": "bad_sla.json"})", "agencies[0].sla.route_days: unknown setting"},
      {with + R"("agencies": "agencies.json", "sla": {"calendar": "bad_cal.json"}})",
       "bad_cal.json: holidays[0].date"},
      {with + R"("agencies": "agencies.json", "sla": {"escalation_after_days": [1, 2]}})",
       "sla.escalation_after_days: must be an array of 3 integers"},
      {with + R"("agencies": "agencies.json", "sla": {"response_days": 0}})",
       "sla.response_days: must be an integer from 1"},
  };
  for (const auto& c : cases) {
    std::string error = ErrorFor(c.body);
    EXPECT_NE(error.find(c.expect), std::string::npos) << "got: " << error;
  }
}

TEST_F(BadConfigTest, ConversationSettingsAndCadresAreValidated) {
  std::ofstream(dir_.File("cadres.json"))
      << R"({"cadres": [{"id": "kdr_1", "channel": "sms", "sender": "0812", "name": "Rina"},)"
      << R"( {"id": "kdr_2", "channel": "sms", "sender": "0812", "name": "Ani"}]})";
  std::ofstream(dir_.File("good_cadres.json"))
      << R"({"cadres": [{"id": "kdr_1", "channel": "sms", "sender": "0812", "name": "Rina",)"
      << R"( "area": "RW 05", "active": false}]})";
  const std::pair<std::string, std::string> cases[] = {
      {R"(, "conversation": {"followup_window_seconds": -1}})",
       "aduan.json: conversation.followup_window_seconds: must be an integer from 0 to 86400"},
      {R"(, "conversation": {"rate_limit_messages": 0}})",
       "conversation.rate_limit_messages: must be an integer from 1 to 100000"},
      {R"(, "conversation": {"place_agencies": "PUPR"}})",
       "conversation.place_agencies: must be an array of strings"},
      {R"(, "conversation": {"rate_limit": 5}})", "conversation.rate_limit: unknown setting"},
      {R"(, "conversation": {"cadres": "cadres.json"}})",
       "cadres.json: cadres[1].sender: another cadre already writes from sms:0812"},
      {R"(, "conversation": {"cadres": "nope.json"}})", "nope.json: cannot read the file"},
  };
  for (const auto& [tail, expect] : cases) {
    std::string error = ErrorFor(std::string(kMinimal) + tail);
    EXPECT_NE(error.find(expect), std::string::npos) << "got: " << error;
  }
  std::string error;
  auto cfg = LoadConfig(
      Write(std::string(kMinimal) +
            R"(, "conversation": {"cadres": "good_cadres.json", "followup_window_seconds": 60}})"),
      &error);
  ASSERT_TRUE(cfg) << error;
  EXPECT_EQ(cfg->conversation.followup_window_seconds, 60);
  ASSERT_EQ(cfg->conversation.cadres.size(), 1u);
  EXPECT_FALSE(cfg->conversation.cadres[0].active);
  EXPECT_EQ(cfg->conversation.cadres[0].area, "RW 05");
}

TEST_F(BadConfigTest, EveryReplyTemplateIsRequired) {
  std::ofstream(dir_.File("few_replies.json")) << R"({"id": {"ack": "a", "ack_triage": "b",)"
                                               << R"( "urgent_note": "c", "followup": "d"}})";
  std::string error = ErrorFor(
      R"({"classifier": {"rules": "r.json"}, "agencies": "agencies.json", "replies": "few_replies.json"})");
  EXPECT_NE(error.find("few_replies.json: id.help: is required"), std::string::npos) << error;
}

}  // namespace
}  // namespace aduan::gateway
