#include "channels/sendgrid/sendgrid.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/test_util.h"
#include "core/crypto.h"
#include "core/message.h"

namespace aduan::channels {
namespace {

using nlohmann::json;
using testing::FakeEnv;
using testing::MakePost;
using testing::ReadTestdata;

constexpr char kToken[] = "sg-parse-token-TEST-71c2";
constexpr char kMultipart[] = "multipart/form-data; boundary=xYzZY";

json Meta(const std::string& name) { return testing::ReadMeta("sendgrid/testdata/" + name); }

class SendGridTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChannelAdapter> adapter_ = MakeSendGridAdapter(FakeEnv({
      {"ADUAN_SENDGRID_TOKEN", kToken},
      {"ADUAN_SENDGRID_API_KEY", "SG.test"},
      {"ADUAN_SENDGRID_FROM", "pengaduan@lapor.example.go.id"},
  }));

  HandleResult Send(const std::string& body, const std::string& type = kMultipart,
                    const std::string& token = kToken) {
    auto req = MakePost("/webhooks/sendgrid", type, body);
    if (!token.empty()) req.query.emplace("token", token);
    return adapter_->Handle(req);
  }
  std::string Fixture(const std::string& name) {
    return ReadTestdata("sendgrid/testdata/" + name + ".multipart");
  }
};

TEST_F(SendGridTest, DisabledWithoutToken) {
  EXPECT_EQ(MakeSendGridAdapter(FakeEnv({{"ADUAN_SENDGRID_API_KEY", "x"}})), nullptr);
  ASSERT_NE(adapter_, nullptr);
  EXPECT_EQ(adapter_->name(), "sendgrid");
}

TEST_F(SendGridTest, ParsedModeFixture) {
  auto [body, meta] = testing::LoadFixture("sendgrid/testdata/sendgrid_parse", "multipart");
  json expected = meta["expected"];
  auto r = Send(body);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.channel, "sendgrid");
  EXPECT_EQ(m.sender, expected["sender_id"]);
  EXPECT_EQ(m.display_name, "Siti Nurhaliza");
  EXPECT_EQ("<" + m.provider_message_id + ">", expected["message_id"]);  // from `headers`
  EXPECT_EQ(m.subject, expected["subject"]);
  EXPECT_EQ(m.text, expected["text"]);
  EXPECT_EQ(m.sent_at_ms, 1717378267000);  // Date: 08:31:07 +0700
  EXPECT_TRUE(m.media.empty());
}

TEST_F(SendGridTest, RawModeFixtureUsesTheMimeParser) {
  json expected = Meta("sendgrid_parse_raw")["expected"];
  auto r = Send(Fixture("sendgrid_parse_raw"));
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ("email:<" + m.provider_message_id + ">", expected["dedupe_key"]);
  EXPECT_EQ(m.sender, "siti.nurhaliza@gmail.com");
  EXPECT_EQ(m.display_name, "Siti Nurhaliza (warga Ciwedus)");
  EXPECT_EQ(m.subject,
            "Re: [LPR-2024-000123] Jalan rusak parah \u2013 mohon segera diperbaiki \U0001F64F");
  EXPECT_EQ(m.in_reply_to, std::vector<std::string>{"tiket-LPR-2024-000123@lapor.example.go.id"});
  EXPECT_EQ(m.text.rfind("Selamat siang,\n\nJalan di depan SDN 3 Cilegon", 0), 0u);
  EXPECT_EQ(m.text.find("menulis"), std::string::npos);
  // The email field is byte-identical to the .eml fixture the MIME tests use.
  std::string body = Fixture("sendgrid_parse_raw");
  EXPECT_NE(body.find(ReadTestdata("email/testdata/email_multipart_alt.eml")), std::string::npos);
}

TEST_F(SendGridTest, PerFieldCharsetsAndAttachments) {
  auto r = Send(Fixture("sendgrid_parse_charsets"));
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.sender, "jose@example.com");
  EXPECT_EQ(m.display_name, "Jos\u00e9 Ram\u00edrez");
  EXPECT_EQ(m.subject, "Caf\u00e9 tutup jalan \u00b1 2 hari");
  EXPECT_EQ(m.text,
            "Warung \u201cCaf\u00e9 Senja\u201d menutup trotoar \u2013 pejalan kaki turun ke "
            "jalan\u2026");
  EXPECT_EQ(m.provider_message_id, "charsets-0001@example.com");
  EXPECT_EQ(m.in_reply_to, std::vector<std::string>{"tiket-LPR-2024-000300@lapor.example.go.id"});
  ASSERT_EQ(m.media.size(), 1u);
  EXPECT_EQ(m.media[0].kind, "image");
  EXPECT_EQ(m.media[0].filename, "trotoar.jpg");
  EXPECT_EQ(m.media[0].mime_type, "image/jpeg");
  EXPECT_EQ(m.media[0].content_id, "ii_trotoar");
  EXPECT_EQ(m.media[0].size_bytes, 14);
}

TEST_F(SendGridTest, RetryParsesToTheSameId) {
  auto a = Send(Fixture("sendgrid_parse"));
  auto b = Send(Fixture("sendgrid_parse"));
  EXPECT_EQ(a.parsed.messages.at(0).provider_message_id,
            b.parsed.messages.at(0).provider_message_id);
}

TEST_F(SendGridTest, RejectsBadTokens) {
  for (const std::string& token :
       {std::string(), std::string("wrong"), std::string(kToken) + "x"}) {
    auto r = Send(Fixture("sendgrid_parse"), kMultipart, token);
    ASSERT_TRUE(r.error) << token;
    EXPECT_EQ(r.error->http_status, 401);
    EXPECT_EQ(r.error->code, "bad_token");
  }
}

TEST_F(SendGridTest, RejectsMalformedRequests) {
  EXPECT_EQ(Send("from=a%40b.id", "application/x-www-form-urlencoded").error->http_status, 415);
  EXPECT_EQ(
      Send("--xYzZY\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\na@b.id").error->code,
      "malformed_multipart");  // truncated: no closing boundary
  EXPECT_EQ(Send("x", "multipart/form-data").error->code, "malformed_multipart");
  auto no_from =
      Send("--xYzZY\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nhalo\r\n--xYzZY--\r\n");
  ASSERT_TRUE(no_from.error);
  EXPECT_EQ(no_from.error->http_status, 400);
  EXPECT_EQ(no_from.error->code, "missing_field");
}

TEST_F(SendGridTest, InvalidBytesInUtf8FieldsAreReplaced) {
  std::string body =
      "--xYzZY\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nwarga@example.id\r\n"
      "--xYzZY\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nair \xc3 mati\r\n"
      "--xYzZY\r\nContent-Disposition: form-data; name=\"charsets\"\r\n\r\n{not "
      "json\r\n--xYzZY--\r\n";
  auto r = Send(body);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.parsed.messages.at(0).text, "air \uFFFD mati");
  EXPECT_TRUE(r.parsed.messages.at(0).provider_message_id.empty());
}

// Found by tests/fuzz/sendgrid_fuzz.cc: a file part's name and type went on with raw bytes.
TEST_F(SendGridTest, InvalidBytesInAttachmentNameAndTypeAreReplaced) {
  std::string body =
      "--xYzZY\r\nContent-Disposition: form-data; name=\"from\"\r\n\r\nwarga@example.id\r\n"
      "--xYzZY\r\nContent-Disposition: form-data; name=\"attachment\xff\"; "
      "filename=\"a.png\"\r\nContent-Type: image/p\xc3g\r\n\r\nPNG\r\n--xYzZY--\r\n";
  auto r = Send(body);
  ASSERT_FALSE(r.error) << r.error->message;
  const core::Media& m = r.parsed.messages.at(0).media.at(0);
  EXPECT_EQ(m.reference, "attachment\uFFFD");
  EXPECT_EQ(m.mime_type, "image/p\uFFFDg");
}

TEST_F(SendGridTest, FormatSendAndParseSendResponse) {
  OutgoingMessage out;
  out.recipient = "warga@example.id";
  out.subject = "Re: laporan";
  out.text = "Sedang ditangani.";
  out.in_reply_to = "abc@example.id";
  ProviderRequest req = adapter_->FormatSend(out);
  EXPECT_EQ(req.path, "/v3/mail/send");
  EXPECT_EQ(req.headers.find("Authorization")->second, "Bearer SG.test");
  json body = json::parse(req.body);
  EXPECT_EQ(body["personalizations"][0]["to"][0]["email"], "warga@example.id");
  EXPECT_EQ(body["from"]["email"], "pengaduan@lapor.example.go.id");
  EXPECT_EQ(body["content"][0]["value"], "Sedang ditangani.");
  EXPECT_EQ(body["headers"]["In-Reply-To"], "<abc@example.id>");
  EXPECT_TRUE(adapter_->ParseSendResponse(202, "").delivered);
  auto bad =
      adapter_->ParseSendResponse(400, R"({"errors":[{"message":"Invalid email","field":"to"}]})");
  EXPECT_FALSE(bad.retryable);
  EXPECT_NE(bad.error.find("Invalid email"), std::string::npos);
}

TEST(SendGridFromTest, NameAndAddressAreSentApart) {
  auto adapter = MakeSendGridAdapter(
      FakeEnv({{"ADUAN_SENDGRID_TOKEN", kToken},
               {"ADUAN_SENDGRID_API_KEY", "SG.test"},
               {"ADUAN_SENDGRID_FROM", "Layanan Aduan <aduan@example.go.id>"}}));
  OutgoingMessage out;
  out.recipient = "warga@example.id";
  out.text = "Sedang ditangani.";
  json body = json::parse(adapter->FormatSend(out).body);
  EXPECT_EQ(body["from"], (json{{"email", "aduan@example.go.id"}, {"name", "Layanan Aduan"}}));
}

}  // namespace
}  // namespace aduan::channels
