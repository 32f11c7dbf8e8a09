#include "channels/mailgun/mailgun.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/form.h"
#include "channels/test_util.h"
#include "core/crypto.h"
#include "core/message.h"

namespace aduan::channels {
namespace {

using nlohmann::json;
using testing::FakeEnv;
using testing::MakePost;
using testing::ReadTestdata;

constexpr char kKey[] = "mg-webhook-signing-key-TEST-4c8e1f0a";
constexpr char kForm[] = "application/x-www-form-urlencoded";
constexpr int64_t kFixtureTimeMs = 1717377335000;

json Meta() { return testing::ReadMeta("mailgun/testdata/mailgun_route"); }

std::string Crlf(std::string s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') out += '\r';
    out += c;
  }
  return out;
}

// A small signed urlencoded body with a fresh token.
std::string SignedForm(const std::string& extra, const std::string& token,
                       int64_t ts = 1717377335) {
  std::string t = std::to_string(ts);
  return extra + "&timestamp=" + t + "&token=" + token +
         "&signature=" + core::HexEncode(core::HmacSha256(kKey, t + token));
}

class MailgunTest : public ::testing::Test {
 protected:
  std::unique_ptr<ChannelAdapter> adapter_ = MakeMailgunAdapter(FakeEnv({
      {"ADUAN_MAILGUN_SIGNING_KEY", kKey},
      {"ADUAN_MAILGUN_API_KEY", "key-test"},
      {"ADUAN_MAILGUN_DOMAIN", "lapor.example.go.id"},
      {"ADUAN_MAILGUN_FROM", "Pengaduan Kota Cilegon <pengaduan@lapor.example.go.id>"},
  }));

  HandleResult Send(const std::string& type, const std::string& body,
                    int64_t now_ms = kFixtureTimeMs + 1000) {
    auto req = MakePost("/webhooks/mailgun", type, body);
    req.now_ms = now_ms;
    return adapter_->Handle(req);
  }
};

TEST_F(MailgunTest, DisabledWithoutSigningKey) {
  EXPECT_EQ(MakeMailgunAdapter(FakeEnv({{"ADUAN_MAILGUN_API_KEY", "x"}})), nullptr);
  ASSERT_NE(adapter_, nullptr);
  EXPECT_EQ(adapter_->name(), "mailgun");
}

TEST_F(MailgunTest, RouteFixture) {
  auto [body, meta] = testing::LoadFixture("mailgun/testdata/mailgun_route", "form");
  json expected = meta["expected"];
  auto form = *ParseUrlEncoded(body);
  EXPECT_EQ(core::HexEncode(
                core::HmacSha256(kKey, FieldValue(form, "timestamp") + FieldValue(form, "token"))),
            meta["signature"]["value"]);
  auto r = Send(kForm, body);
  ASSERT_FALSE(r.error) << r.error->message;
  ASSERT_EQ(r.parsed.messages.size(), 1u);
  const auto& m = r.parsed.messages[0];
  EXPECT_EQ(m.channel, "mailgun");
  EXPECT_EQ(m.sender, expected["sender_id"]);
  EXPECT_EQ(m.display_name, "Andre Wijaya");
  EXPECT_EQ("<" + m.provider_message_id + ">", expected["message_id"]);
  EXPECT_EQ(m.subject, expected["subject"]);
  std::string text = expected["text_preferred"];
  EXPECT_EQ(Crlf(m.text), text);
  ASSERT_FALSE(m.in_reply_to.empty());
  EXPECT_EQ("<" + m.in_reply_to[0] + ">", expected["in_reply_to"]);
  EXPECT_EQ(m.in_reply_to.size(), 1u);     // References repeats it
  EXPECT_EQ(m.sent_at_ms, 1717377320000);  // Date: 08:15:20 +0700
}

TEST_F(MailgunTest, FallsBackToBodyPlainWithQuotesStripped) {
  std::string body = ReadTestdata("mailgun/testdata/mailgun_route.form");
  // Same message without Mailgun's stripped-text: our own stripping must find the same words.
  size_t at = body.find("&stripped-text=");
  size_t end = body.find('&', at + 1);
  body.erase(at, end - at);
  auto r = Send(kForm, body);
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.parsed.messages.at(0).text,
            "Selamat pagi,\n\nMenambahkan laporan saya: saluran air di Jl. Ki Mas Jong, Kel. "
            "Ciwedus kembali meluap tadi malam,\nair masuk ke 6 rumah warga RT 02/RW 05.\n\n"
            "Terima kasih,\nAndre Wijaya\n0812-3456-7890");
}

TEST_F(MailgunTest, MultipartWithAttachment) {
  auto r = Send("multipart/form-data; boundary=\"3a9f0c2b7d6e4f1a8b5c\"",
                ReadTestdata("mailgun/testdata/mailgun_route_attachment.multipart"));
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.sender, "rina@example.id");
  EXPECT_EQ(m.subject, "Lampu jalan mati \u2013 foto");
  EXPECT_EQ(m.text, "Lampu jalan di Gg. Melati mati, foto terlampir.");  // "-- " signature cut
  EXPECT_EQ(m.provider_message_id, "att-0001@example.id");
  ASSERT_EQ(m.media.size(), 1u);
  EXPECT_EQ(m.media[0].kind, "image");
  EXPECT_EQ(m.media[0].mime_type, "image/png");
  EXPECT_EQ(m.media[0].filename, "lampu mati.png");
  EXPECT_EQ(m.media[0].size_bytes, 40);
  EXPECT_EQ(m.media[0].reference, "attachment-1");
  EXPECT_EQ(m.media[0].content_id, "ii_foto1");
}

TEST_F(MailgunTest, BodyMimeIsParsedWithTheMimeParser) {
  auto r = Send(kForm, ReadTestdata("mailgun/testdata/mailgun_mime.form"), 1717377350000);
  ASSERT_FALSE(r.error) << r.error->message;
  const auto& m = r.parsed.messages.at(0);
  EXPECT_EQ(m.sender, "andre.w@mail.example.co.id");
  EXPECT_EQ(m.display_name, "Andr\u00e9 Wijaya");
  EXPECT_EQ(m.provider_message_id, "20240603011530.4F1A2B3C4D@mail.example.co.id");
  EXPECT_EQ(m.subject, "Saluran air tersumbat \u00b1 3 bulan di Kel. Ciwedus");
  EXPECT_NE(m.text.find("38\u00b0C karena diare"), std::string::npos);
}

TEST_F(MailgunTest, EachMessageCarriesItsSignedToken) {
  // Replays are refused by the gateway, which stores the token with the message; the adapter
  // only hands the token on, so a message refused for another reason can still be retried.
  std::string body = ReadTestdata("mailgun/testdata/mailgun_route.form");
  auto first = Send(kForm, body);
  ASSERT_FALSE(first.error);
  ASSERT_EQ(first.parsed.messages.size(), 1u);
  EXPECT_FALSE(first.parsed.messages[0].replay_token.empty());
  auto again = Send(kForm, body);
  ASSERT_FALSE(again.error);
  EXPECT_EQ(again.parsed.messages.at(0).replay_token, first.parsed.messages[0].replay_token);
}

TEST_F(MailgunTest, StaleTimestampsAreRefusedBothWays) {
  std::string body = ReadTestdata("mailgun/testdata/mailgun_route.form");
  for (int64_t now : {kFixtureTimeMs + 5 * 60 * 1000 + 1, kFixtureTimeMs - 5 * 60 * 1000 - 1}) {
    auto r = Send(kForm, body, now);
    ASSERT_TRUE(r.error);
    EXPECT_EQ(r.error->http_status, 401);
    EXPECT_EQ(r.error->code, "stale_timestamp");
  }
  // Exactly at the edge is still fresh.
  EXPECT_FALSE(Send(kForm, body, kFixtureTimeMs + 5 * 60 * 1000).error);
}

// Found by tests/fuzz/mailgun_fuzz.cc: a far negative timestamp overflowed when turned into
// milliseconds, and this one wrapped to exactly "now", so a signed request dated before the
// epoch was taken as fresh.
TEST_F(MailgunTest, FarNegativeTimestampIsStaleNotWrapped) {
  int64_t now = 1717377336000;
  auto r = Send(kForm, SignedForm("sender=a%40b.id", "tok-neg", -2305843007496316616), now);
  ASSERT_TRUE(r.error);
  EXPECT_EQ(r.error->code, "stale_timestamp");
  EXPECT_FALSE(Send(kForm, SignedForm("sender=a%40b.id", "tok-now", now / 1000), now).error);
}

TEST_F(MailgunTest, RejectsBadSignatures) {
  json meta = Meta();
  std::string body = ReadTestdata("mailgun/testdata/mailgun_route.form");
  std::string good = meta["signature"]["value"];
  std::string bad = body;
  bad.replace(bad.find(good), good.size(), meta["signature"]["invalid_example"].get<std::string>());
  EXPECT_EQ(Send(kForm, bad).error->code, "bad_signature");
  std::string other_token = body;
  other_token.replace(other_token.find("token=06c9"), 10, "token=16c9");
  EXPECT_EQ(Send(kForm, other_token).error->code, "bad_signature");
  EXPECT_EQ(Send(kForm, "from=a%40b.id&subject=x").error->code, "missing_signature");
  auto r = Send(kForm, "from=a%40b.id&timestamp=1717377335&token=t");
  EXPECT_EQ(r.error->http_status, 401);
  EXPECT_EQ(r.error->code, "missing_signature");
  // A signature for a non-numeric timestamp verifies but cannot be fresh.
  std::string weird = "from=a%40b.id&timestamp=abc&token=tt&signature=" +
                      core::HexEncode(core::HmacSha256(kKey, "abctt"));
  EXPECT_EQ(Send(kForm, weird).error->code, "stale_timestamp");
}

TEST_F(MailgunTest, RejectsMalformedRequests) {
  EXPECT_EQ(Send("application/json", "{}").error->http_status, 415);
  EXPECT_EQ(Send(kForm, "a=%zz").error->code, "malformed_form");
  EXPECT_EQ(Send("multipart/form-data; boundary=q", "--q\r\nno headers").error->code,
            "malformed_multipart");
  auto no_sender = Send(kForm, SignedForm("subject=x&body-plain=y", "tok-nosender"));
  ASSERT_TRUE(no_sender.error);
  EXPECT_EQ(no_sender.error->http_status, 400);
  EXPECT_EQ(no_sender.error->code, "missing_field");
}

TEST_F(MailgunTest, InvalidUtf8IsReplaced) {
  auto r =
      Send(kForm, SignedForm("sender=a%40b.id&subject=caf%E9&body-plain=air+%FF+mati", "tok-utf"));
  ASSERT_FALSE(r.error) << r.error->message;
  EXPECT_EQ(r.parsed.messages.at(0).subject, "caf\uFFFD");
  EXPECT_EQ(r.parsed.messages.at(0).text, "air \uFFFD mati");
  EXPECT_TRUE(r.parsed.messages.at(0).provider_message_id.empty());  // no Message-Id posted
}

// Found by tests/fuzz/mailgun_fuzz.cc: a file part's name and type went on with raw bytes.
TEST_F(MailgunTest, InvalidBytesInAttachmentNameAndTypeAreReplaced) {
  std::string t = "1717377335", token = "tok-att";
  std::string body = Crlf(
      "--b\nContent-Disposition: form-data; name=\"sender\"\n\na@b.id\n"
      "--b\nContent-Disposition: form-data; name=\"timestamp\"\n\n" +
      t +
      "\n"
      "--b\nContent-Disposition: form-data; name=\"token\"\n\n" +
      token +
      "\n"
      "--b\nContent-Disposition: form-data; name=\"signature\"\n\n" +
      core::HexEncode(core::HmacSha256(kKey, t + token)) +
      "\n"
      "--b\nContent-Disposition: form-data; name=\"attachment-\xab"
      "1\"; filename=\"a.png\"\n"
      "Content-Type: image/p\xc3g\n\nPNG\n--b--\n");
  auto r = Send("multipart/form-data; boundary=b", body);
  ASSERT_FALSE(r.error) << r.error->message;
  const core::Media& m = r.parsed.messages.at(0).media.at(0);
  EXPECT_EQ(m.reference, "attachment-\uFFFD1");
  EXPECT_EQ(m.mime_type, "image/p\uFFFDg");
}

TEST_F(MailgunTest, FormatSendThreadsTheReply) {
  OutgoingMessage out;
  out.recipient = "andre.wijaya@gmail.com";
  out.subject = "Re: [ADU-7K3QX9M4] Saluran air tersumbat";
  out.text = "Laporan Anda sedang ditangani.";
  out.in_reply_to = "CAJ7x2+Rk3vQ0pZ5mN1kY8tW@mail.gmail.com";
  out.our_reference = "reply-ADU-7K3QX9M4-1@lapor.example.go.id";
  ProviderRequest req = adapter_->FormatSend(out);
  EXPECT_EQ(req.path, "/v3/lapor.example.go.id/messages");
  EXPECT_EQ(req.content_type, "application/x-www-form-urlencoded");
  EXPECT_EQ(req.headers.find("Authorization")->second,
            "Basic " + core::Base64Encode("api:key-test"));
  auto form = *ParseUrlEncoded(req.body);
  EXPECT_EQ(FieldValue(form, "from"), "Pengaduan Kota Cilegon <pengaduan@lapor.example.go.id>");
  EXPECT_EQ(FieldValue(form, "to"), out.recipient);
  EXPECT_EQ(FieldValue(form, "subject"), out.subject);
  EXPECT_EQ(FieldValue(form, "text"), out.text);
  EXPECT_EQ(FieldValue(form, "h:In-Reply-To"), "<CAJ7x2+Rk3vQ0pZ5mN1kY8tW@mail.gmail.com>");
  EXPECT_EQ(FieldValue(form, "h:References"), "<CAJ7x2+Rk3vQ0pZ5mN1kY8tW@mail.gmail.com>");
  EXPECT_EQ(FieldValue(form, "h:Message-Id"), "<reply-ADU-7K3QX9M4-1@lapor.example.go.id>");
  OutgoingMessage bare;
  bare.recipient = "x@y.id";
  bare.text = "t";
  auto bare_form = *ParseUrlEncoded(adapter_->FormatSend(bare).body);
  EXPECT_EQ(FindField(bare_form, "h:In-Reply-To"), nullptr);
  EXPECT_FALSE(FieldValue(bare_form, "subject").empty());
}

TEST_F(MailgunTest, ParseSendResponse) {
  auto ok = adapter_->ParseSendResponse(
      200, R"({"id":"<20240603.1@lapor.example.go.id>","message":"Queued. Thank you."})");
  EXPECT_TRUE(ok.delivered);
  EXPECT_EQ(ok.provider_message_id, "20240603.1@lapor.example.go.id");
  auto bad =
      adapter_->ParseSendResponse(400, R"({"message":"'to' parameter is not a valid address"})");
  EXPECT_FALSE(bad.retryable);
  EXPECT_NE(bad.error.find("not a valid address"), std::string::npos);
  EXPECT_TRUE(adapter_->ParseSendResponse(502, "").retryable);
}

}  // namespace
}  // namespace aduan::channels
