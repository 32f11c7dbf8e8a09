// The channels' media fetchers as pure functions: which calls they build from a reference and
// a provider's answer, and what they refuse before any call is made.
#include "channels/media_fetch.h"

#include <gtest/gtest.h>

#include "channels/telegram/telegram_media.h"
#include "channels/twilio/twilio_media.h"
#include "channels/whatsapp/whatsapp_media.h"

namespace aduan::channels {
namespace {

std::string HeaderOf(const MediaStep& step, const std::string& name) {
  auto it = step.headers.find(name);
  return it == step.headers.end() ? "" : it->second;
}

TEST(MediaFetchTest, WhatsAppLooksTheIdUpThenDownloadsTheUrlWithTheToken) {
  WhatsAppMediaFetcher f("tok");
  auto step = f.Start("1013859600285441");
  ASSERT_TRUE(step);
  EXPECT_EQ(step->url, "/1013859600285441");
  EXPECT_FALSE(step->download);
  EXPECT_EQ(HeaderOf(*step, "Authorization"), "Bearer tok");
  MediaNext next = f.Next(*step, 200, R"({"url":"https://lookaside.fbsbx.com/x?mid=1"})");
  ASSERT_TRUE(next.step);
  EXPECT_EQ(next.step->url, "https://lookaside.fbsbx.com/x?mid=1");
  EXPECT_TRUE(next.step->download);
  EXPECT_EQ(HeaderOf(*next.step, "Authorization"), "Bearer tok");
}

TEST(MediaFetchTest, WhatsAppRefusesIdsThatAreNotIdsAndJudgesFailures) {
  WhatsAppMediaFetcher f("tok");
  EXPECT_FALSE(f.Start("../messages"));
  EXPECT_FALSE(f.Start(""));
  EXPECT_FALSE(WhatsAppMediaFetcher("").Start("123"));  // no token: nothing to fetch with
  MediaStep step = *f.Start("123");
  MediaNext gone = f.Next(step, 404, R"({"error":{"message":"not found"}})");
  EXPECT_FALSE(gone.step);
  EXPECT_FALSE(gone.retryable);
  MediaNext down = f.Next(step, 503, "");
  EXPECT_FALSE(down.step);
  EXPECT_TRUE(down.retryable);
  EXPECT_FALSE(f.Next(step, 200, R"({"id":"123"})").step);  // no url
}

TEST(MediaFetchTest, TelegramAsksGetFileThenDownloadsTheFilePath) {
  TelegramMediaFetcher f("123:ABC");
  auto step = f.Start("AgAC+x/y");
  ASSERT_TRUE(step);
  EXPECT_EQ(step->url, "/bot123:ABC/getFile?file_id=AgAC%2Bx%2Fy");
  MediaNext next = f.Next(*step, 200, R"({"ok":true,"result":{"file_path":"photos/file_7.jpg"}})");
  ASSERT_TRUE(next.step);
  EXPECT_EQ(next.step->url, "/file/bot123:ABC/photos/file_7.jpg");
  EXPECT_TRUE(next.step->download);
}

TEST(MediaFetchTest, TelegramRefusesAFilePathThatLeavesTheBotsFiles) {
  TelegramMediaFetcher f("123:ABC");
  MediaStep step = *f.Start("id");
  for (const char* path : {"../bot999/x", "/etc/passwd", "photos/a?b", "photos/a b", ""}) {
    std::string body = std::string(R"({"ok":true,"result":{"file_path":")") + path + "\"}}";
    EXPECT_FALSE(f.Next(step, 200, body).step) << path;
  }
  MediaNext limited = f.Next(step, 429, R"({"ok":false,"description":"Too Many Requests"})");
  EXPECT_TRUE(limited.retryable);
  EXPECT_NE(limited.error.find("Too Many Requests"), std::string::npos);
}

TEST(MediaFetchTest, TwilioDownloadsTheMediaUrlWithBasicAuth) {
  TwilioMediaFetcher f("AC1", "secret");
  auto step = f.Start("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages/MM1/Media/ME1");
  ASSERT_TRUE(step);
  EXPECT_TRUE(step->download);
  EXPECT_EQ(HeaderOf(*step, "Authorization"), "Basic QUMxOnNlY3JldA==");
  EXPECT_FALSE(f.Start("ftp://api.twilio.com/x"));
  EXPECT_FALSE(f.Start("ME1"));
  EXPECT_FALSE(TwilioMediaFetcher("", "").Start("https://api.twilio.com/x"));
}

}  // namespace
}  // namespace aduan::channels
