#include "channels/sms/sms.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/form.h"
#include "channels/test_util.h"

namespace aduan::channels {
namespace {

using testing::FakeEnv;
using testing::MakePost;
using testing::ReadTestdata;

constexpr char kToken[] = "s3cret-sms";
constexpr char kForm[] = "application/x-www-form-urlencoded";

// A request whose parameters are the fixture's query string, as the gateway decodes them.
WebhookRequest FromQueryFixture(const std::string& request_target) {
  WebhookRequest req = MakePost("/webhooks/sms", "", "");
  std::string query = request_target.substr(request_target.find('?') + 1);
  while (!query.empty() && (query.back() == '\n' || query.back() == '\r')) query.pop_back();
  auto fields = ParseUrlEncoded(query);
  for (auto& f : *fields) req.query.emplace(f.name, f.value);
  return req;
}

class SmsTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChannelAdapter> adapter_ = MakeSmsAdapter(FakeEnv({{"ADUAN_SMS_TOKEN", kToken}}));
};

TEST_F(SmsTest, DisabledWithoutToken) {
  EXPECT_EQ(MakeSmsAdapter(FakeEnv({})), nullptr);
  EXPECT_EQ(MakeSmsAdapter(FakeEnv({{"ADUAN_SMS_TOKEN", ""}})), nullptr);
  ASSERT_NE(adapter_, nullptr);
  EXPECT_EQ(adapter_->name(), "sms");
}

TEST_F(SmsTest, ExternalGatewayQueryFixture) {
  WebhookRequest req = FromQueryFixture(ReadTestdata("sms/testdata/external_sms.query"));
  req.query.emplace("token", kToken);
  auto r = adapter_->Handle(req);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.channel, "sms");
  EXPECT_EQ(m.sender, "+6281234567890");
  EXPECT_EQ(m.provider_message_id, "gw-20240603-000871");
  EXPECT_EQ(m.text, "Pohon tumbang menutup Jl. Lingkar Selatan KM 5 arah Anyer");
  EXPECT_EQ(m.sent_at_ms, 1717377330500);  // 2024-06-03T01:15:30.500Z
}

TEST_F(SmsTest, AfricasTalkingFormFixtureWithBearerToken) {
  auto req = MakePost("/webhooks/sms", kForm, ReadTestdata("sms/testdata/africastalking_sms.form"));
  req.headers.emplace("Authorization", std::string("Bearer ") + kToken);
  auto r = adapter_->Handle(req);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.sender, "+6281234567890");
  EXPECT_EQ(m.provider_message_id, "f9e2a4c6-1b3d-4e5f-8a9b-0c1d2e3f4a5b");
  EXPECT_EQ(m.text, "Air PDAM mati 3 hari di Perum Bumi Rakata Blok C, warga kesulitan air bersih");
  EXPECT_EQ(m.sent_at_ms, 1717377330000);  // "2024-06-03 01:15:30", UTC
}

TEST_F(SmsTest, VonageAliasesFixture) {
  WebhookRequest req = FromQueryFixture(ReadTestdata("sms/testdata/vonage_sms.query"));
  req.query.emplace("token", kToken);
  auto r = adapter_->Handle(req);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  EXPECT_EQ(r.parsed.messages[0].sender, "+6281234567890");
  EXPECT_EQ(r.parsed.messages[0].provider_message_id, "0C000000217B7F02");
  EXPECT_EQ(r.parsed.messages[0].text,
            "Drainase depan Pasar Baru Cilegon mampet, banjir tiap hujan");
  EXPECT_EQ(r.parsed.messages[0].sent_at_ms, 1717377330000);
}

TEST_F(SmsTest, LocalNumberFormsAreOneSenderAndZonesAreHonoured) {
  auto req =
      MakePost("/webhooks/sms?token=x", kForm, ReadTestdata("sms/testdata/local_number.form"));
  req.query.emplace("token", kToken);
  auto r = adapter_->Handle(req);
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.sender, "+6281234567890");
  EXPECT_EQ(m.text, "Lampu jalan mati – mohon dicek");
  EXPECT_EQ(m.sent_at_ms, 1717377330000);  // 08:15:30+07:00
}

TEST_F(SmsTest, MultipartBodyWithTokenField) {
  auto r = adapter_->Handle(MakePost("/webhooks/sms", "multipart/form-data; boundary=b0undary",
                                     ReadTestdata("sms/testdata/multipart.form")));
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.sender, "+6281234567890");
  EXPECT_EQ(m.text, "Banjir di Jl. Lingkar");
  EXPECT_TRUE(m.provider_message_id.empty());  // no id: the gateway hashes the content
  EXPECT_EQ(m.sent_at_ms, 0);
}

TEST_F(SmsTest, InvalidUtf8IsReplacedNotRejected) {
  auto req = MakePost("/webhooks/sms", kForm, ReadTestdata("sms/testdata/invalid_utf8.form"));
  req.query.emplace("token", kToken);
  auto r = adapter_->Handle(req);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.parsed.messages.at(0).text, "Sampah \uFFFD\uFFFD menumpuk");
}

TEST_F(SmsTest, RetryParsesToTheSameId) {
  auto req = MakePost("/webhooks/sms", kForm, ReadTestdata("sms/testdata/africastalking_sms.form"));
  req.query.emplace("token", kToken);
  auto a = adapter_->Handle(req);
  auto b = adapter_->Handle(req);
  ASSERT_FALSE(a.error);
  ASSERT_FALSE(b.error);
  EXPECT_EQ(a.parsed.messages.at(0).provider_message_id,
            b.parsed.messages.at(0).provider_message_id);
}

TEST_F(SmsTest, AlphanumericSenderIsKept) {
  auto req = MakePost("/webhooks/sms", kForm, "from=TELKOMSEL&text=Promo&token=s3cret-sms");
  auto r = adapter_->Handle(req);
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.parsed.messages.at(0).sender, "TELKOMSEL");
}

TEST_F(SmsTest, EmptyTextIsIgnoredNotAnError) {
  auto r =
      adapter_->Handle(MakePost("/webhooks/sms", kForm, "from=0812345678&text=+&token=s3cret-sms"));
  ASSERT_FALSE(r.error);
  EXPECT_TRUE(r.parsed.messages.empty());
  EXPECT_EQ(r.parsed.ignored.size(), 1u);
}

struct BadCase {
  std::string type;
  std::string body;
  std::string auth;
  int status;
  std::string code;
};

TEST_F(SmsTest, RejectsBadRequests) {
  const std::vector<BadCase> cases = {
      {kForm, "from=0812345678&text=x", "", 401, "bad_token"},
      {kForm, "from=0812345678&text=x&token=wrong", "", 401, "bad_token"},
      {kForm, "from=0812345678&text=x", "Bearer wrong", 401, "bad_token"},
      {kForm, "from=0812345678&text=x&token=s3cret-sm", "", 401, "bad_token"},
      {kForm, "text=x&token=s3cret-sms", "", 400, "missing_field"},
      {kForm, "from=0812345678&token=s3cret-sms", "", 400, "missing_field"},
      {kForm, "from=0812345678&text=%ZZ&token=s3cret-sms", "", 400, "malformed_form"},
      {"multipart/form-data; boundary=zz",
       "--zz\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nx", "", 400,
       "malformed_multipart"},
      {"multipart/form-data", "--zz--", "", 400, "malformed_multipart"},
      {"application/json", R"({"from":"0812","text":"x"})", "", 415, "unsupported_media_type"},
  };
  for (const auto& c : cases) {
    auto req = MakePost("/webhooks/sms", c.type, c.body);
    if (!c.auth.empty()) req.headers.emplace("Authorization", c.auth);
    auto r = adapter_->Handle(req);
    ASSERT_TRUE(r.error) << c.body;
    EXPECT_EQ(r.error->http_status, c.status) << c.body;
    EXPECT_EQ(r.error->code, c.code) << c.body;
    EXPECT_TRUE(r.parsed.messages.empty());
  }
}

TEST_F(SmsTest, HugeBodyDoesNotBlowUp) {
  std::string body = "from=0812345678&token=s3cret-sms&text=" + std::string(2'000'000, 'a');
  auto r = adapter_->Handle(MakePost("/webhooks/sms", kForm, body));
  ASSERT_FALSE(r.error);
  EXPECT_EQ(r.parsed.messages.at(0).text.size(), 2'000'000u);
}

TEST_F(SmsTest, FormatSendPostsGsm7SafeJsonWithBearer) {
  OutgoingMessage out;
  out.recipient = "081234567890";
  out.text = "Laporan “ADU-7K3QX9M4” diterima – terima kasih…";
  ProviderRequest req = adapter_->FormatSend(out);
  EXPECT_EQ(req.method, "POST");
  EXPECT_EQ(req.path, "/send");
  EXPECT_EQ(req.content_type, "application/json");
  auto it = req.headers.find("authorization");
  ASSERT_NE(it, req.headers.end());
  EXPECT_EQ(it->second, "Bearer s3cret-sms");
  auto body = nlohmann::json::parse(req.body);
  EXPECT_EQ(body["to"], "+6281234567890");
  EXPECT_EQ(body["text"], "Laporan \"ADU-7K3QX9M4\" diterima - terima kasih...");
}

TEST_F(SmsTest, ParseSendResponse) {
  auto ok = adapter_->ParseSendResponse(200, R"({"id":"out-991"})");
  EXPECT_TRUE(ok.delivered);
  EXPECT_EQ(ok.provider_message_id, "out-991");
  auto busy = adapter_->ParseSendResponse(503, "down");
  EXPECT_FALSE(busy.delivered);
  EXPECT_TRUE(busy.retryable);
  auto bad = adapter_->ParseSendResponse(400, R"({"error":"invalid number"})");
  EXPECT_FALSE(bad.retryable);
  EXPECT_NE(bad.error.find("invalid number"), std::string::npos);
  EXPECT_TRUE(adapter_->ParseSendResponse(0, "").retryable);
}

}  // namespace
}  // namespace aduan::channels
