#include "channels/generic/generic.h"

#include <gtest/gtest.h>

namespace aduan::channels {
namespace {

WebhookRequest Post(std::string body, std::string type = "application/json") {
  WebhookRequest req;
  req.method = "POST";
  req.path = "/webhooks/generic";
  req.headers.emplace("content-type", std::move(type));
  req.body = std::move(body);
  return req;
}

class GenericTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChannelAdapter> adapter_ = MakeGenericAdapter({});
};

TEST_F(GenericTest, ParsesAComplaintAndNormalisesThePhone) {
  auto r = adapter_->Handle(Post(
      R"({"id":"m1","from":"081234567890","text":"Jalan rusak","name":"Budi","timestamp":1717377330})"));
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.channel, "generic");
  EXPECT_EQ(m.provider_message_id, "m1");
  EXPECT_EQ(m.sender, "+6281234567890");
  EXPECT_EQ(m.display_name, "Budi");
  EXPECT_EQ(m.text, "Jalan rusak");
  EXPECT_EQ(m.sent_at_ms, 1717377330000);
}

TEST_F(GenericTest, KeepsNonPhoneSendersAsGiven) {
  auto r = adapter_->Handle(Post(R"({"id":7,"from":"webform:session-42","text":"halo"})"));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.parsed.messages[0].sender, "webform:session-42");
  EXPECT_EQ(r.parsed.messages[0].provider_message_id, "7");
}

struct BadCase {
  std::string body;
  std::string type;
  int status;
  std::string code;
};

TEST_F(GenericTest, RejectsBadInputWithANamedProblem) {
  const std::vector<BadCase> cases = {
      {R"({"id":"m1","from":"+62812","text":"x"})", "text/plain", 415, "unsupported_media_type"},
      {R"({"id":"m1","from":)", "application/json", 400, "malformed_json"},
      {R"([1,2])", "application/json", 400, "malformed_json"},
      {R"({"from":"+6281234567890","text":"x"})", "application/json", 400, "missing_field"},
      {R"({"id":"m1","text":"x"})", "application/json", 400, "missing_field"},
      {R"({"id":"m1","from":"+6281234567890"})", "application/json", 400, "missing_field"},
      {R"({"id":"m1","from":"+6281234567890","text":"   \n\t"})", "application/json", 400,
       "empty_text"},
      {R"({"id":"m1","from":"+6281234567890","text":["a"]})", "application/json", 400,
       "invalid_field"},
      {R"({"id":"","from":"+6281234567890","text":"a"})", "application/json", 400, "invalid_field"},
      {"{\"id\":\"m1\",\"from\":\"+62812\",\"text\":\"\xff\xfe\"}", "application/json", 400,
       "malformed_json"},
      {R"({"id":"m1","from":"+6281234567890","text":"a","timestamp":"kemarin"})",
       "application/json", 400, "invalid_field"},
  };
  for (const auto& c : cases) {
    auto r = adapter_->Handle(Post(c.body, c.type));
    ASSERT_TRUE(r.error) << c.body;
    EXPECT_EQ(r.error->http_status, c.status) << c.body;
    EXPECT_EQ(r.error->code, c.code) << c.body;
    EXPECT_FALSE(r.error->message.empty());
    EXPECT_TRUE(r.parsed.messages.empty());
  }
}

}  // namespace
}  // namespace aduan::channels
