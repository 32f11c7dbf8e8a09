// SMS replies stay GSM-7: a reply template with curly quotes, dashes, an ellipsis and an
// emoji goes out through Twilio and the SMS gateway with no character outside GSM 03.38 (one
// such character would switch the SMS to UCS-2 and more than double its cost), while WhatsApp,
// which bills per message, gets the text as written.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "channel_server.h"
#include "fake_provider.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

// Non-GSM-7 on purpose: em dash, curly quotes, ellipsis, emoji.
constexpr char kAck[] =
    "Terima kasih \xE2\x80\x94 aduan \xE2\x80\x9C{ticket}\xE2\x80\x9D tercatat\xE2\x80\xA6 "
    "diteruskan ke {agency} \xF0\x9F\x99\x8F Cek: STATUS {ticket}";

// UTF-8 to code points; an invalid byte becomes U+FFFD (which is not GSM-7).
std::vector<char32_t> CodePoints(const std::string& s) {
  std::vector<char32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

// GSM 03.38: the basic set and the extension table (reached through ESC), as Unicode.
const std::set<char32_t>& Gsm7() {
  static const std::set<char32_t> kSet = [] {
    std::string basic =
        "@\xC2\xA3$\xC2\xA5\xC3\xA8\xC3\xA9\xC3\xB9\xC3\xAC\xC3\xB2\xC3\x87\n\xC3\x98\xC3\xB8\r"
        "\xC3\x85\xC3\xA5\xCE\x94_\xCE\xA6\xCE\x93\xCE\x9B\xCE\xA9\xCE\xA0\xCE\xA8\xCE\xA3\xCE\x98"
        "\xCE\x9E\xC3\x86\xC3\xA6\xC3\x9F\xC3\x89 !\"#\xC2\xA4%&'()*+,-./0123456789:;<=>?"
        "\xC2\xA1"
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ\xC3\x84\xC3\x96\xC3\x91\xC3\x9C\xC2\xA7\xC2\xBF"
        "abcdefghijklmnopqrstuvwxyz\xC3\xA4\xC3\xB6\xC3\xB1\xC3\xBC\xC3\xA0";
    std::string extension = "\f^{}\\[~]|\xE2\x82\xAC";
    auto cps = CodePoints(basic + extension);
    return std::set<char32_t>(cps.begin(), cps.end());
  }();
  return kSet;
}

// The characters of `text` outside GSM-7, as UTF-8, or "" when there are none.
std::string NonGsm7(const std::string& text) {
  std::string bad;
  for (char32_t cp : CodePoints(text)) {
    if (!Gsm7().count(cp)) bad += "U+" + std::to_string(static_cast<uint32_t>(cp)) + " ";
  }
  return bad;
}

void TweakAck(gateway::GatewayConfig& cfg) {
  cfg.replies["ack"] = kAck;
  cfg.replies["ack_triage"] = kAck;
}

TEST(Gsm7Test, TheOracleKnowsTheAlphabet) {
  EXPECT_EQ(NonGsm7("Aduan ADU-2024 @ \xC3\xA9 \xE2\x82\xAC {ok} [1]"), "");
  EXPECT_NE(NonGsm7("\xE2\x80\x94"), "");      // em dash
  EXPECT_NE(NonGsm7("\xF0\x9F\x99\x8F"), "");  // emoji
  EXPECT_NE(NonGsm7("\xC3\xA1"), "");          // a acute is not in GSM-7
  EXPECT_NE(NonGsm7(kAck), "");
}

TEST(Gsm7Test, TwilioSmsReplyBodyIsGsm7) {
  FakeProvider tw({201, R"({"sid":"SMgsm70000000000000000000000000001","status":"queued"})"});
  ChannelServer s(AllChannelsEnv(tw.base_url()), TweakAck);
  std::string body = Fixture("twilio/testdata/twilio_sms.form");
  auto r = s.Post("/webhooks/twilio", body, "application/x-www-form-urlencoded",
                  {{"X-Twilio-Signature",
                    TwilioSignature(std::string(kPublicBase) + "/webhooks/twilio", body)}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto rows = s.Rows("SELECT ticket_id, body FROM outbox");
  ASSERT_EQ(rows.size(), 1u);
  std::string ticket = rows[0]["ticket_id"];
  EXPECT_NE(NonGsm7(rows[0]["body"]), "") << "the stored reply keeps the template as written";

  EXPECT_EQ(s.RunDispatcher(), 1);
  auto requests = tw.requests();
  ASSERT_EQ(requests.size(), 1u);
  std::string sent = DecodeForm(requests[0].body)["Body"];
  EXPECT_EQ(NonGsm7(sent), "") << sent;
  EXPECT_NE(sent.find(ticket), std::string::npos) << sent;
  EXPECT_NE(sent.find("Terima kasih"), std::string::npos) << sent;
  EXPECT_NE(sent.find("STATUS " + ticket), std::string::npos) << sent;
}

TEST(Gsm7Test, SmsGatewayReplyTextIsGsm7) {
  FakeProvider gw({200, R"({"id":"gw-out-1"})"});
  ChannelServer s(AllChannelsEnv(gw.base_url()), TweakAck);
  auto r = s.Post("/webhooks/sms", Fixture("sms/testdata/africastalking_sms.form"),
                  "application/x-www-form-urlencoded",
                  {{"Authorization", std::string("Bearer ") + kSmsToken}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(s.RunDispatcher(), 1);
  auto requests = gw.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].path, "/send");
  EXPECT_EQ(requests[0].Header("Authorization"), std::string("Bearer ") + kSmsToken);
  json sent = json::parse(requests[0].body);
  EXPECT_EQ(sent["to"], "+6281234567890");
  EXPECT_EQ(NonGsm7(sent["text"]), "") << sent["text"];
  auto row = s.Rows("SELECT ticket_id, status, provider_message_id FROM outbox")[0];
  EXPECT_NE(sent["text"].get<std::string>().find(row["ticket_id"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(row["status"], "sent");
  EXPECT_EQ(row["provider_message_id"], "gw-out-1");
}

TEST(Gsm7Test, WhatsAppGetsTheReplyAsWritten) {
  FakeProvider wa({200, R"({"messages":[{"id":"wamid.AS-WRITTEN"}]})"});
  ChannelServer s(AllChannelsEnv(wa.base_url()), TweakAck);
  std::string body = Fixture("whatsapp/testdata/whatsapp_text.json");
  auto r = s.Post("/webhooks/whatsapp", body, "application/json",
                  {{"X-Hub-Signature-256", WhatsAppSignature(body)}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(s.RunDispatcher(), 1);
  ASSERT_EQ(wa.request_count(), 1u);
  json sent = json::parse(wa.requests()[0].body);
  EXPECT_EQ(sent["text"]["body"], s.Rows("SELECT body FROM outbox")[0]["body"]);
  EXPECT_NE(sent["text"]["body"].get<std::string>().find("\xF0\x9F\x99\x8F"), std::string::npos);
}

}  // namespace
}  // namespace aduan::testing
