#include "channels/twilio/twilio.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/sms/gsm7.h"
#include "channels/test_util.h"
#include "core/crypto.h"
#include "core/message.h"

namespace aduan::channels {
namespace {

using nlohmann::json;
using testing::FakeEnv;
using testing::MakePost;
using testing::ReadTestdata;

constexpr char kToken[] = "9c1f2e3d4b5a69788796a5b4c3d2e1f0";
constexpr char kForm[] = "application/x-www-form-urlencoded";
constexpr char kEmptyTwiml[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

json Meta(const std::string& name) { return testing::ReadMeta("twilio/testdata/" + name); }

WebhookRequest Post(const std::string& body, const std::string& url, const std::string& signature) {
  auto req = MakePost("/webhooks/twilio", kForm, body);
  req.public_url = url;
  if (!signature.empty()) req.headers.emplace("X-Twilio-Signature", signature);
  return req;
}

// Signs one of our own payloads with the function the published vector checks.
WebhookRequest SignedPost(const std::string& body, const std::string& url) {
  return Post(body, url, TwilioSignature(kToken, url, *ParseUrlEncoded(body)));
}

class TwilioTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChannelAdapter> adapter_ = MakeTwilioAdapter(FakeEnv({
      {"ADUAN_TWILIO_AUTH_TOKEN", kToken},
      {"ADUAN_TWILIO_ACCOUNT_SID", "AC1f0e2d3c4b5a69788796a5b4c3d2e1f0"},
      {"ADUAN_TWILIO_FROM", "+12025550143"},
  }));

  HandleResult HandleFixture(const std::string& name) {
    auto f = testing::LoadFixture("twilio/testdata/" + name, "form");
    return adapter_->Handle(Post(f.body, f.meta["request"]["url"], f.meta["signature"]["value"]));
  }
};

TEST(TwilioSignatureTest, PublishedTestVector) {
  json vector = json::parse(ReadTestdata("twilio/testdata/twilio_signature_vector.meta"));
  FormFields params;
  for (const auto& [name, value] : vector["params"].items()) {
    params.push_back(FormField{name, value.get<std::string>(), "", "", ""});
  }
  std::reverse(params.begin(), params.end());  // order received must not matter
  EXPECT_EQ(TwilioSignature(vector["auth_token"].get<std::string>(),
                            vector["url"].get<std::string>(), params),
            vector["expected_signature"]);
  // A URL fragment (Twilio's connection overrides) is not signed.
  EXPECT_EQ(TwilioSignature("12345", "https://mycompany.com/myapp.php?foo=1&bar=2#rc=2", params),
            vector["expected_signature"]);
}

TEST_F(TwilioTest, DisabledWithoutAuthToken) {
  EXPECT_EQ(MakeTwilioAdapter(FakeEnv({{"ADUAN_TWILIO_ACCOUNT_SID", "AC1"}})), nullptr);
  ASSERT_NE(adapter_, nullptr);
  EXPECT_EQ(adapter_->name(), "twilio");
}

TEST_F(TwilioTest, SmsFixture) {
  json expected = Meta("twilio_sms")["expected"];
  auto r = HandleFixture("twilio_sms");
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.channel, "twilio");
  EXPECT_EQ(m.sender, expected["sender_id"]);
  EXPECT_EQ(m.provider_message_id, expected["message_id"]);
  EXPECT_EQ(m.text, expected["text"]);
  EXPECT_EQ(m.sent_at_ms, 0);  // Twilio gives no time: the gateway uses the receive time
  EXPECT_TRUE(m.media.empty());
  ASSERT_TRUE(r.parsed.reply);
  EXPECT_EQ(r.parsed.reply->status, 200);
  EXPECT_EQ(r.parsed.reply->content_type, "text/xml");
  EXPECT_EQ(r.parsed.reply->body, kEmptyTwiml);
  EXPECT_EQ(r.parsed.reply->body, Meta("twilio_sms")["expected_response"]["body_no_reply"]);
}

TEST_F(TwilioTest, StatusFixtureIsADeliveryStatus) {
  json expected = Meta("twilio_status")["expected"];
  auto r = HandleFixture("twilio_status");
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_TRUE(r.parsed.messages.empty());
  ASSERT_EQ(r.parsed.statuses.size(), 1u);
  EXPECT_EQ(r.parsed.statuses[0].provider_message_id, expected["message_id"]);
  EXPECT_EQ(r.parsed.statuses[0].status, "delivered");
  EXPECT_EQ(r.parsed.statuses[0].at_ms, 1717377400000);
}

TEST_F(TwilioTest, UndeliveredCarriesTheErrorCode) {
  std::string url = "https://lapor.example.go.id/webhooks/twilio";
  auto r = adapter_->Handle(
      SignedPost(ReadTestdata("twilio/testdata/twilio_status_undelivered.form"), url));
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.statuses.size(), 1u);
  EXPECT_EQ(r.parsed.statuses[0].status, "failed");
  EXPECT_EQ(r.parsed.statuses[0].error, "30007");
}

TEST_F(TwilioTest, StatusNamesAreNormalised) {
  std::string url = "https://lapor.example.go.id/webhooks/twilio";
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"queued", "queued"}, {"accepted", "queued"},     {"sending", "queued"},
      {"sent", "sent"},     {"delivered", "delivered"}, {"read", "read"},
      {"failed", "failed"}, {"undelivered", "failed"},  {"canceled", "failed"}};
  for (const auto& [twilio, ours] : cases) {
    auto r = adapter_->Handle(SignedPost("MessageSid=SM1&MessageStatus=" + twilio, url));
    ASSERT_FALSE(r.error) << twilio;
    ASSERT_EQ(r.parsed.statuses.size(), 1u) << twilio;
    EXPECT_EQ(r.parsed.statuses[0].status, ours) << twilio;
  }
  auto received = adapter_->Handle(SignedPost("MessageSid=SM1&MessageStatus=received", url));
  ASSERT_FALSE(received.error);
  EXPECT_TRUE(received.parsed.statuses.empty());
  EXPECT_EQ(received.parsed.ignored.size(), 1u);
}

TEST_F(TwilioTest, MmsCarriesEveryMedia) {
  std::string url = "https://lapor.example.go.id/webhooks/twilio";
  auto r = adapter_->Handle(SignedPost(ReadTestdata("twilio/testdata/twilio_mms.form"), url));
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.provider_message_id, "MM4a1b2c3d4e5f60718293a4b5c6d7e8f9");
  EXPECT_EQ(m.text, "Pohon tumbang – lihat foto");
  ASSERT_EQ(m.media.size(), 2u);
  EXPECT_EQ(m.media[0].kind, "image");
  EXPECT_EQ(m.media[0].mime_type, "image/jpeg");
  EXPECT_NE(m.media[0].reference.find("/Media/ME111"), std::string::npos);
  EXPECT_EQ(m.media[1].kind, "video");
}

TEST_F(TwilioTest, RetryParsesToTheSameId) {
  auto a = HandleFixture("twilio_sms");
  auto b = HandleFixture("twilio_sms");
  EXPECT_EQ(a.parsed.messages.at(0).provider_message_id,
            b.parsed.messages.at(0).provider_message_id);
}

TEST_F(TwilioTest, RejectsBadSignatures) {
  json meta = Meta("twilio_sms");
  std::string body = ReadTestdata("twilio/testdata/twilio_sms.form");
  std::string url = meta["request"]["url"];
  std::string good = meta["signature"]["value"];
  struct Case {
    std::string body, url, signature, code;
  };
  const std::vector<Case> cases = {
      {body, url, "", "missing_signature"},
      {body, url, meta["signature"]["invalid_example"], "bad_signature"},
      {body, "https://lapor.example.go.id/webhooks/twilio/other", good, "bad_signature"},
      {body, "", good, "bad_signature"},
      {body + "&Extra=1", url, good, "bad_signature"},  // an added param must be signed too
      {body.substr(0, body.find("&ToCity=")) + body.substr(body.find("&ToCity=") + 8), url, good,
       "bad_signature"},  // dropping an empty param changes the signed string
  };
  for (const auto& c : cases) {
    auto r = adapter_->Handle(Post(c.body, c.url, c.signature));
    ASSERT_TRUE(r.error) << c.signature << " " << c.url;
    EXPECT_EQ(r.error->http_status, 401);
    EXPECT_EQ(r.error->code, c.code);
  }
}

TEST_F(TwilioTest, RejectsMalformedRequests) {
  std::string url = "https://lapor.example.go.id/webhooks/twilio";
  auto json_body = Post("{}", url, "x");
  json_body.headers.find("Content-Type")->second = "application/json";
  EXPECT_EQ(adapter_->Handle(json_body).error->http_status, 415);
  EXPECT_EQ(adapter_->Handle(Post("Body=%G1", url, "x")).error->code, "malformed_form");
  auto no_sid = adapter_->Handle(SignedPost("From=%2B6281234567890&Body=hi", url));
  EXPECT_EQ(no_sid.error->http_status, 400);
  EXPECT_EQ(no_sid.error->code, "missing_field");
  auto no_from = adapter_->Handle(SignedPost("MessageSid=SM9&Body=hi", url));
  EXPECT_EQ(no_from.error->code, "missing_field");
}

TEST_F(TwilioTest, InvalidUtf8BodyIsReplaced) {
  std::string url = "https://lapor.example.go.id/webhooks/twilio";
  auto r = adapter_->Handle(
      SignedPost("MessageSid=SM9&From=%2B6281234567890&Body=a%C3%28b&NumMedia=x", url));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.parsed.messages.at(0).text, "a\uFFFD(b");
}

// Found by tests/fuzz/twilio_fuzz.cc: the message id, media and error fields went on with the
// raw bytes, which the gateway cannot store or render as JSON.
TEST_F(TwilioTest, InvalidUtf8InEveryFieldIsReplaced) {
  std::string url = "https://lapor.example.go.id/webhooks/twilio";
  auto r = adapter_->Handle(SignedPost(
      "MessageSid=SM%FF9&From=%2B6281234567890&Body=hi&NumMedia=1&MediaUrl0=https%3A%2F%2Fm%2F%FE"
      "&MediaContentType0=image%2F%C3&Latitude=-6.0&Longitude=106.0&Address=Jl%E9",
      url));
  ASSERT_FALSE(r.error);
  const core::InboundMessage& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.provider_message_id, "SM\uFFFD9");
  EXPECT_EQ(m.media.at(0).reference, "https://m/\uFFFD");
  EXPECT_EQ(m.media.at(0).mime_type, "image/\uFFFD");
  EXPECT_EQ(m.location->address, "Jl\uFFFD");
  auto status = adapter_->Handle(
      SignedPost("MessageSid=SM%FF1&MessageStatus=failed&ErrorCode=30008&ErrorMessage=x%FF", url));
  ASSERT_FALSE(status.error);
  EXPECT_EQ(status.parsed.statuses.at(0).provider_message_id, "SM\uFFFD1");
  EXPECT_EQ(status.parsed.statuses.at(0).error, "30008: x\uFFFD");
}

TEST_F(TwilioTest, FormatSendIsGsm7SafeFormWithBasicAuth) {
  OutgoingMessage out;
  out.recipient = "+6281234567890";
  out.text = "Laporan “ADU-7K3QX9M4” diterima…";
  ProviderRequest req = adapter_->FormatSend(out);
  EXPECT_EQ(req.path, "/2010-04-01/Accounts/AC1f0e2d3c4b5a69788796a5b4c3d2e1f0/Messages.json");
  EXPECT_EQ(req.content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(
      req.headers.find("Authorization")->second,
      "Basic " + core::Base64Encode(std::string("AC1f0e2d3c4b5a69788796a5b4c3d2e1f0:") + kToken));
  auto form = *ParseUrlEncoded(req.body);
  EXPECT_EQ(FieldValue(form, "To"), "+6281234567890");
  EXPECT_EQ(FieldValue(form, "From"), "+12025550143");
  EXPECT_EQ(FieldValue(form, "Body"), "Laporan \"ADU-7K3QX9M4\" diterima...");
  EXPECT_TRUE(IsGsm7(FieldValue(form, "Body")));
}

TEST_F(TwilioTest, ParseSendResponse) {
  auto ok = adapter_->ParseSendResponse(201, R"({"sid":"SMa1b2","status":"queued"})");
  EXPECT_TRUE(ok.delivered);
  EXPECT_EQ(ok.provider_message_id, "SMa1b2");
  auto bad = adapter_->ParseSendResponse(
      400,
      R"({"code":21211,"message":"The 'To' number is not a valid phone number.","status":400})");
  EXPECT_FALSE(bad.delivered);
  EXPECT_FALSE(bad.retryable);
  EXPECT_NE(bad.error.find("21211"), std::string::npos);
  EXPECT_TRUE(adapter_->ParseSendResponse(429, "{}").retryable);
}

// Twilio computes the signature over the webhook URL as configured in its console; with or
// without ":443" it is the same endpoint, and Twilio's own validator accepts both forms.
TEST_F(TwilioTest, SignatureOverEitherPortFormIsAccepted) {
  std::string body = "MessageSid=SM77&From=%2B6281234567890&To=%2B12025550143&Body=halo";
  auto params = *ParseUrlEncoded(body);
  struct Case {
    std::string configured, signed_over;
  };
  const std::vector<Case> cases = {
      {"https://lapor.example.go.id/webhooks/twilio",
       "https://lapor.example.go.id:443/webhooks/twilio"},
      {"https://lapor.example.go.id:443/webhooks/twilio",
       "https://lapor.example.go.id/webhooks/twilio"},
      {"http://lapor.example.go.id/webhooks/twilio?x=1",
       "http://lapor.example.go.id:80/webhooks/twilio?x=1"},
  };
  for (const auto& c : cases) {
    auto r =
        adapter_->Handle(Post(body, c.configured, TwilioSignature(kToken, c.signed_over, params)));
    EXPECT_FALSE(r.error) << c.configured << " signed as " << c.signed_over << ": "
                          << r.error->message;
  }
  // Another port is another URL: still refused.
  auto other = adapter_->Handle(
      Post(body, "https://lapor.example.go.id/webhooks/twilio",
           TwilioSignature(kToken, "https://lapor.example.go.id:8443/webhooks/twilio", params)));
  ASSERT_TRUE(other.error);
  EXPECT_EQ(other.error->code, "bad_signature");
}

// Twilio refuses a WhatsApp recipient with an SMS sender and the reverse (error 21910).
TEST_F(TwilioTest, ReplyLeavesFromTheAddressTheResidentWroteTo) {
  std::string url = "https://lapor.example.go.id/webhooks/twilio";
  auto r = adapter_->Handle(SignedPost(
      "MessageSid=SM78&From=whatsapp%3A%2B6281234567890&To=whatsapp%3A%2B14155238886&Body=halo",
      url));
  ASSERT_FALSE(r.error) << r.error->message;
  const core::InboundMessage& in = r.parsed.messages.at(0);
  EXPECT_EQ(in.our_address, "whatsapp:+14155238886");

  OutgoingMessage out;
  out.recipient = in.sender;
  out.text = "Laporan diterima";
  out.our_address = in.our_address;
  auto form = *ParseUrlEncoded(adapter_->FormatSend(out).body);
  EXPECT_EQ(FieldValue(form, "To"), "whatsapp:+6281234567890");
  EXPECT_EQ(FieldValue(form, "From"), "whatsapp:+14155238886");
}

TEST(TwilioSenderTest, WithoutTheInboundToTheConfiguredSenderOfTheSameKindIsUsed) {
  auto adapter = MakeTwilioAdapter(testing::FakeEnv({
      {"ADUAN_TWILIO_AUTH_TOKEN", kToken},
      {"ADUAN_TWILIO_ACCOUNT_SID", "AC1"},
      {"ADUAN_TWILIO_FROM", "whatsapp:+14155238886, +12025550143"},
  }));
  OutgoingMessage out;
  out.text = "Status laporan berubah";
  out.recipient = "+6281234567890";
  EXPECT_EQ(FieldValue(*ParseUrlEncoded(adapter->FormatSend(out).body), "From"), "+12025550143");
  out.recipient = "whatsapp:+6281234567890";
  EXPECT_EQ(FieldValue(*ParseUrlEncoded(adapter->FormatSend(out).body), "From"),
            "whatsapp:+14155238886");
  // An inbound `To` of the other kind (an SMS number answering a WhatsApp sender) is not used.
  out.our_address = "+12025550199";
  EXPECT_EQ(FieldValue(*ParseUrlEncoded(adapter->FormatSend(out).body), "From"),
            "whatsapp:+14155238886");
}

}  // namespace
}  // namespace aduan::channels
