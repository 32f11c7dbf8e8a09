// The command line as an operator meets it: exit codes and messages (API.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "../storage/temp_dir.h"
#include "process.h"

namespace aduan::testing {
namespace {

TEST(CliTest, CheckConfigAcceptsTheShippedConfig) {
  std::string out;
  EXPECT_EQ(RunCommand({AduanBinary(), "check-config", "--config", kConfig}, &out), 0) << out;
  EXPECT_NE(out.find("OK"), std::string::npos) << out;
}

TEST(CliTest, CheckConfigRejectsABadConfigNamingFileAndPlace) {
  TempDir dir;
  auto src = std::filesystem::path(ADUAN_SOURCE_DIR) / "config";
  std::filesystem::copy(src, dir.path() / "config", std::filesystem::copy_options::recursive);
  std::string path = (dir.path() / "config" / "aduan.json").string();
  std::string text = ReadFile(path);
  text.replace(text.find("\"threads\": 256"), 14, "\"threads\": -3");
  std::ofstream(path) << text;
  std::string out;
  EXPECT_EQ(RunCommand({AduanBinary(), "check-config", "--config", path}, &out), 2);
  EXPECT_NE(out.find(path), std::string::npos) << out;
  EXPECT_NE(out.find("http.threads"), std::string::npos) << out;
}

TEST(CliTest, CheckConfigRejectsBrokenRulesWithFileAndLine) {
  TempDir dir;
  auto src = std::filesystem::path(ADUAN_SOURCE_DIR) / "config";
  std::filesystem::copy(src, dir.path() / "config", std::filesystem::copy_options::recursive);
  std::string rules = (dir.path() / "config" / "classifier" / "rules" / "99-broken.rules").string();
  std::ofstream(rules) << "\n\nthis line is not a rule (((\n";
  std::string out;
  EXPECT_EQ(RunCommand({AduanBinary(), "check-config", "--config",
                        (dir.path() / "config" / "aduan.json").string()},
                       &out),
            2);
  EXPECT_NE(out.find("99-broken.rules:3"), std::string::npos) << out;
}

TEST(CliTest, UsageErrorsExitTwo) {
  std::string out;
  EXPECT_EQ(RunCommand({AduanBinary()}, &out), 2);
  EXPECT_EQ(RunCommand({AduanBinary(), "fly"}, &out), 2);
  EXPECT_NE(out.find("unknown command"), std::string::npos);
  EXPECT_EQ(RunCommand({AduanBinary(), "serve", "--bogus"}, &out), 2);
  EXPECT_NE(out.find("--bogus"), std::string::npos);
  EXPECT_EQ(RunCommand({AduanBinary(), "serve", "--listen", "nowhere", "--config", kConfig}, &out),
            2);
  EXPECT_EQ(RunCommand({AduanBinary(), "--help"}, &out), 0);
  EXPECT_NE(out.find("aduan keys issue"), std::string::npos);
}

TEST(CliTest, ClassifyPrintsOneJsonObjectPerLine) {
  std::string out;
  ASSERT_EQ(RunCommand({AduanBinary(), "classify", "--config", kConfig, "--json",
                        "jalan rusak berlubang di depan sekolah sudah 3 bulan"},
                       &out),
            0)
      << out;
  auto j = nlohmann::json::parse(out);
  EXPECT_EQ(j["agency"], "PUPR");
  for (const char* key : {"agency_score", "maladministration", "urgent", "triage", "matched"}) {
    EXPECT_TRUE(j.contains(key)) << key;
  }
}

TEST(CliTest, KeysIssuePrintsAKeyOnceAndRefusesUnknownAgencies) {
  TempDir dir;
  std::string out;
  std::string db = "sqlite:" + dir.File("k.db");
  EXPECT_EQ(RunCommand({AduanBinary(), "keys", "issue", "--agency", "NOPE", "--config", kConfig,
                        "--db", db},
                       &out),
            2);
  EXPECT_NE(out.find("unknown agency 'NOPE'"), std::string::npos) << out;
  ASSERT_EQ(RunCommand({AduanBinary(), "keys", "issue", "--agency", "PUPR", "--config", kConfig,
                        "--db", db},
                       &out),
            0)
      << out;
  EXPECT_NE(out.find("adk_"), std::string::npos) << out;
}

TEST(CliTest, KeysListShowsIdsAndRevokeRefusesTheKey) {
  TempDir dir;
  std::string out;
  std::string db = "sqlite:" + dir.File("k.db");
  ASSERT_EQ(RunCommand({AduanBinary(), "keys", "issue", "--agency", "DISHUB", "--config", kConfig,
                        "--db", db},
                       &out),
            0)
      << out;
  auto at = out.find("issued key_");
  ASSERT_NE(at, std::string::npos) << out;
  std::string id = out.substr(at + 7, out.find(' ', at + 7) - (at + 7));
  std::string secret = out.substr(out.find("adk_"), 36);
  ASSERT_EQ(RunCommand({AduanBinary(), "keys", "list", "--config", kConfig, "--db", db}, &out), 0);
  EXPECT_NE(out.find(id + "\tDISHUB"), std::string::npos) << out;
  EXPECT_NE(out.find("active"), std::string::npos) << out;
  EXPECT_EQ(out.find(secret), std::string::npos) << "a listed key must not show its secret";
  ASSERT_EQ(
      RunCommand({AduanBinary(), "keys", "revoke", id, "--config", kConfig, "--db", db}, &out), 0)
      << out;
  ASSERT_EQ(RunCommand({AduanBinary(), "keys", "list", "--config", kConfig, "--db", db}, &out), 0);
  EXPECT_NE(out.find("revoked"), std::string::npos) << out;
  EXPECT_EQ(
      RunCommand({AduanBinary(), "keys", "revoke", "key_nope", "--config", kConfig, "--db", db},
                 &out),
      2);
  EXPECT_NE(out.find("no key key_nope"), std::string::npos) << out;
  EXPECT_EQ(RunCommand({AduanBinary(), "keys", "rotate", "--config", kConfig}, &out), 2);
}

}  // namespace
}  // namespace aduan::testing
