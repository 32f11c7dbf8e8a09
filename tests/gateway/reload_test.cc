// Reloading the classifier rules while serving: good rules take effect, bad rules are refused
// with file and line and the old rules keep routing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "test_server.h"

namespace aduan::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

TEST(ReloadTest, BadRulesAreRefusedAndTheOldRulesStay) {
  TempDir rules_dir;
  fs::copy(fs::path(ADUAN_SOURCE_DIR) / "config/classifier/rules", rules_dir.path(),
           fs::copy_options::recursive);
  TestServer s(std::map<std::string, std::string>{{"ADUAN_ADMIN_TOKEN", "op"}},
               [&](gateway::GatewayConfig& c) { c.classifier.rules_path = rules_dir.path(); });
  httplib::Headers op = {{"Authorization", "Bearer op"}};
  auto ok = s.Client().Post("/api/v1/classifier/reload", op, "", "application/json");
  ASSERT_EQ(ok->status, 200) << ok->body;

  std::ofstream(rules_dir.File("99-broken.rules")) << "\n[agency PUPR]\nterm ((( 0.5\n";
  auto bad = s.Client().Post("/api/v1/classifier/reload", op, "", "application/json");
  ASSERT_EQ(bad->status, 422) << bad->body;
  std::string message = json::parse(bad->body)["error"]["message"];
  EXPECT_NE(message.find("99-broken.rules:"), std::string::npos) << message;

  json body = {{"id", "r1"},
               {"from", "+6281234567890"},
               {"text", "Jalan berlubang besar di depan pasar, motor sering jatuh"}};
  auto r = s.Client().Post("/webhooks/generic", body.dump(), "application/json");
  ASSERT_EQ(r->status, 200);
  std::string ticket = json::parse(r->body)["ticket"];
  auto pub = s.Client().Get("/api/v1/public/tickets/" + ticket);
  EXPECT_EQ(json::parse(pub->body)["agency"], "PUPR");

  auto agency = s.Client().Post("/api/v1/classifier/reload", {{"Authorization", "Bearer adk_x"}},
                                "", "application/json");
  EXPECT_EQ(agency->status, 401);
}

}  // namespace
}  // namespace aduan::testing
