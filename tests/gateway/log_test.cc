// The log is one JSON object per line on stderr, read by people at 2 a.m. and by log shippers:
// every line must parse, lead with ts/level/msg, and survive bytes that are not UTF-8.
#include "gateway/common/log.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "../storage/temp_dir.h"

namespace aduan::gateway {
namespace {

// Runs `body` with stderr sent to a file, and returns the lines it wrote.
template <class Body>
std::vector<std::string> CapturedLines(Body body) {
  testing::TempDir dir;
  const std::string path = dir.File("stderr.txt");
  std::fflush(stderr);
  const int saved = dup(STDERR_FILENO);
  FILE* f = std::fopen(path.c_str(), "w");
  dup2(fileno(f), STDERR_FILENO);
  body();
  dup2(saved, STDERR_FILENO);
  close(saved);
  std::fclose(f);
  std::FILE* in = std::fopen(path.c_str(), "r");
  std::vector<std::string> lines;
  char buf[4096];
  while (std::fgets(buf, sizeof buf, in)) lines.emplace_back(buf);
  std::fclose(in);
  return lines;
}

TEST(LogTest, ALineIsOneJsonObjectLeadingWithTimeLevelAndMessage) {
  auto lines = CapturedLines([] {
    Log(LogLevel::kInfo, "message accepted", {{"channel", "generic"}, {"count", 3}});
  });
  ASSERT_EQ(lines.size(), 1u);
  ASSERT_EQ(lines[0].back(), '\n');
  EXPECT_EQ(lines[0].rfind("{\"ts\":\"", 0), 0u) << lines[0];
  auto j = nlohmann::json::parse(lines[0]);
  EXPECT_EQ(j["level"], "info");
  EXPECT_EQ(j["msg"], "message accepted");
  EXPECT_EQ(j["channel"], "generic");
  EXPECT_EQ(j["count"], 3);
  EXPECT_EQ(j["ts"].get<std::string>().size(), 24u);  // 2026-12-06T09:00:00.000Z
  EXPECT_LT(lines[0].find("\"level\""), lines[0].find("\"channel\""));
}

TEST(LogTest, BytesThatAreNotUtf8AndReservedFieldNamesKeepTheLineValid) {
  auto lines = CapturedLines([] {
    Log(LogLevel::kWarn, std::string("bad \xff byte"),
        {{"sender", std::string("+62\xc3")}, {"msg", "a field may not replace the message"}});
  });
  ASSERT_EQ(lines.size(), 1u);
  auto j = nlohmann::json::parse(lines[0]);  // throws on invalid UTF-8 or a broken object
  EXPECT_EQ(j["level"], "warn");
  EXPECT_EQ(j["msg"], "bad \xef\xbf\xbd byte");
  EXPECT_EQ(j["sender"], "+62\xef\xbf\xbd");
  EXPECT_EQ(j["field_msg"], "a field may not replace the message");
}

TEST(LogTest, LinesBelowTheLevelAreNotWritten) {
  auto lines = CapturedLines([] {
    SetLogLevel(LogLevel::kWarn);
    Log(LogLevel::kInfo, "quiet", {});
    Log(LogLevel::kError, "loud", {});
    SetLogLevel(LogLevel::kInfo);
  });
  ASSERT_EQ(lines.size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(lines[0])["msg"], "loud");
}

}  // namespace
}  // namespace aduan::gateway
