// Evidence reaches the agency: a photo sent on each channel is fetched by the media worker from
// a fake provider on 127.0.0.1 (or taken from the email itself), kept without its EXIF, and
// downloadable by the agency owning the ticket only; the photo's GPS becomes the ticket's
// location hint; failing providers are retried and finally listed as unavailable.
#include <gtest/gtest.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>

#include "channel_server.h"
#include "fake_provider.h"

namespace aduan::testing {
namespace {

using nlohmann::json;
using namespace std::string_literals;

// --- A phone photo, built here: JFIF, an EXIF block with GPS, ~1.6 MB of scan data. ---

std::string Segment(uint8_t marker, const std::string& payload) {
  size_t length = payload.size() + 2;
  std::string s = {'\xFF', static_cast<char>(marker), static_cast<char>(length >> 8),
                   static_cast<char>(length & 0xFF)};
  return s + payload;
}

void Put(std::string& out, uint32_t v, int n) {
  for (int i = n - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Big-endian TIFF: IFD0 pointing at a GPS IFD. Cilegon: 6°0'9" S, 106°0'39.96" E.
std::string GpsExif() {
  std::string t("MM\0*", 4);
  Put(t, 8, 4);
  Put(t, 1, 2);
  Put(t, 0x8825, 2), Put(t, 4, 2), Put(t, 1, 4), Put(t, 26, 4);
  Put(t, 0, 4);
  Put(t, 4, 2);
  auto ascii = [&](char c) { t += std::string{c, '\0', '\0', '\0'}; };
  Put(t, 1, 2), Put(t, 2, 2), Put(t, 2, 4), ascii('S');
  Put(t, 2, 2), Put(t, 5, 2), Put(t, 3, 4), Put(t, 80, 4);
  Put(t, 3, 2), Put(t, 2, 2), Put(t, 2, 4), ascii('E');
  Put(t, 4, 2), Put(t, 5, 2), Put(t, 3, 4), Put(t, 104, 4);
  Put(t, 0, 4);
  for (uint32_t v : {6u, 1u, 0u, 1u, 9u, 1u, 106u, 1u, 0u, 1u, 3996u, 100u}) Put(t, v, 4);
  return Segment(0xE1, std::string("Exif\0\0", 6) + t + "Samsung SM-A145F");
}

// The image part, identical with or without metadata: scan bytes never contain 0xFF.
std::string ImageSegments(size_t scan_bytes, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string scan(scan_bytes, '\0');
  for (char& c : scan) c = static_cast<char>(rng() % 255);
  return Segment(0xDB, std::string(65, '\x10')) +
         Segment(0xC0, std::string("\x08\0\x10\0\x10\x01\x01\x11\0", 9)) +
         Segment(0xDA, std::string("\x01\x01\0\0\x3F\0", 6)) + scan + "\xFF\xD9";
}

struct Photo {
  std::string sent;      // what the resident's phone sent (with EXIF)
  std::string expected;  // what the agency must get: the same image, no metadata
};

Photo PhonePhoto(uint32_t seed = 1) {
  const std::string jfif = Segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
  std::string image = ImageSegments(1'600'000, seed);
  return {"\xFF\xD8" + jfif + GpsExif() + image, "\xFF\xD8" + jfif + image};
}

// --- The gateway side. ---

std::string WhatsAppImage(const std::string& message_id, const std::string& media_id) {
  json body = {
      {"object", "whatsapp_business_account"},
      {"entry",
       {{{"id", "102290129340398"},
         {"changes",
          {{{"field", "messages"},
            {"value",
             {{"messaging_product", "whatsapp"},
              {"metadata",
               {{"display_phone_number", "6285212345000"}, {"phone_number_id", "106540352242922"}}},
              {"contacts", {{{"profile", {{"name", "Budi"}}}, {"wa_id", "6281234567890"}}}},
              {"messages",
               {{{"from", "6281234567890"},
                 {"id", message_id},
                 {"timestamp", "1717377450"},
                 {"type", "image"},
                 {"image",
                  {{"caption", "Jalan berlubang besar di Jl. Sultan Ageng Tirtayasa, aspal rusak"},
                   {"mime_type", "image/jpeg"},
                   {"id", media_id}}}}}}}}}}}}}}};
  return body.dump();
}

// Posts a WhatsApp image message; returns its ticket.
std::string SendWhatsAppImage(ChannelServer& s, const std::string& message_id,
                              const std::string& media_id) {
  std::string body = WhatsAppImage(message_id, media_id);
  auto r =
      s.Post("/webhooks/whatsapp", body, kJson, {{"X-Hub-Signature-256", WhatsAppSignature(body)}});
  EXPECT_TRUE(r);
  if (!r) return "";
  EXPECT_EQ(r->status, 200) << r->body;
  auto rows = s.Rows("SELECT ticket_id FROM messages WHERE provider_message_id = ?", {message_id});
  return rows.size() == 1 && rows[0]["ticket_id"].is_string()
             ? rows[0]["ticket_id"].get<std::string>()
             : "";
}

json OperatorTicket(ChannelServer& s, const std::string& ticket) {
  auto r = s.OperatorGet("/api/v1/tickets/" + ticket);
  EXPECT_TRUE(r && r->status == 200);
  return r ? json::parse(r->body, nullptr, false) : json();
}

// A new API key of `agency` (the operator issues it through the API).
std::string AgencyKey(ChannelServer& s, const std::string& agency) {
  auto r =
      s.Client().Post("/api/v1/keys", {{"Authorization", std::string("Bearer ") + kAdminToken}},
                      json{{"agency", agency}}.dump(), kJson);
  EXPECT_TRUE(r && r->status == 201) << (r ? r->body : "no answer");
  return r ? json::parse(r->body).value("key", "") : "";
}

httplib::Result AgencyGet(ChannelServer& s, const std::string& key, const std::string& path) {
  return s.Client().Get(path, {{"Authorization", "Bearer " + key}});
}

// The ticket's agency and another agency's key, and checks that the owner downloads exactly
// `expected` and the other agency gets 404 for the list entry and the bytes.
void ExpectOwnerGetsPhoto(ChannelServer& s, const std::string& ticket, const std::string& expected,
                          size_t media_index = 0) {
  json t = OperatorTicket(s, ticket);
  std::string agency = t.value("agency", "");
  ASSERT_FALSE(agency.empty());
  ASSERT_NE(agency, "TRIAGE") << "the complaint text should route to an agency";
  std::string other_agency = agency == "PUPR" ? "DLH" : "PUPR";
  std::string key = AgencyKey(s, agency);
  std::string other = AgencyKey(s, other_agency);

  auto r = AgencyGet(s, key, "/api/v1/tickets/" + ticket);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  json view = json::parse(r->body);
  ASSERT_GT(view["media"].size(), media_index) << view.dump();
  json m = view["media"][media_index];
  EXPECT_EQ(m["status"], "stored") << m.dump();
  EXPECT_EQ(m["content_type"], "image/jpeg");
  EXPECT_EQ(m["bytes"], expected.size());
  EXPECT_EQ(m["message_id"].get<std::string>().empty(), false);
  std::string path =
      "/api/v1/tickets/" + ticket + "/media/" + std::to_string(m["id"].get<int64_t>());

  auto bytes = AgencyGet(s, key, path);
  ASSERT_TRUE(bytes);
  ASSERT_EQ(bytes->status, 200) << bytes->body.substr(0, 300);
  EXPECT_TRUE(bytes->body == expected) << "the served file is not the image without its EXIF";
  EXPECT_EQ(bytes->body.find("Exif"), std::string::npos);
  EXPECT_EQ(bytes->get_header_value("Content-Type"), "image/jpeg");
  EXPECT_EQ(bytes->get_header_value("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(bytes->get_header_value("Content-Disposition").rfind("inline; filename=\"", 0), 0u);

  auto denied = AgencyGet(s, other, path);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 404);
  EXPECT_EQ(json::parse(denied->body)["error"]["code"], "not_found");
  auto denied_ticket = AgencyGet(s, other, "/api/v1/tickets/" + ticket);
  ASSERT_TRUE(denied_ticket);
  EXPECT_EQ(denied_ticket->status, 404);

  // The EXIF GPS is the ticket's location hint, marked as from the photo.
  ASSERT_TRUE(view.contains("location")) << view.dump();
  EXPECT_EQ(view["location"]["source"], "photo");
  EXPECT_NEAR(view["location"]["latitude"].get<double>(), -6.0025, 1e-4);
  EXPECT_NEAR(view["location"]["longitude"].get<double>(), 106.0111, 1e-4);
}

TEST(MediaE2eTest, WhatsAppImageIsFetchedWithTheTokenAndServedWithoutExif) {
  Photo photo = PhonePhoto(1);
  FakeProvider wa({404, R"({"error":{"message":"unexpected"}})"});
  wa.Script({{200, json{{"url", wa.base_url() + "/whatsapp_business/attachments/?mid=7001"},
                        {"mime_type", "image/jpeg"}}
                       .dump()},
             {200, photo.sent, "image/jpeg"}});
  ChannelServer s(AllChannelsEnv(wa.base_url()));
  std::string ticket = SendWhatsAppImage(s, "wamid.media-1", "7001");
  ASSERT_FALSE(ticket.empty());
  EXPECT_EQ(OperatorTicket(s, ticket)["media"][0]["status"], "pending");

  EXPECT_EQ(s.RunMediaWorker(), 1);
  auto reqs = wa.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].path, "/7001");
  EXPECT_EQ(reqs[1].path, "/whatsapp_business/attachments/");
  for (const auto& r : reqs) {
    EXPECT_EQ(r.Header("Authorization"), std::string("Bearer ") + kWhatsAppAccessToken);
  }
  ExpectOwnerGetsPhoto(s, ticket, photo.expected);
  EXPECT_EQ(s.RunMediaWorker(), 0);  // stored is final
}

TEST(MediaE2eTest, TelegramPhotoIsFetchedThroughGetFile) {
  Photo photo = PhonePhoto(2);
  FakeProvider tg({404, R"({"ok":false})"});
  tg.Script({{200, R"({"ok":true,"result":{"file_id":"x","file_path":"photos/file_7.jpg"}})"},
             {200, photo.sent, "image/jpeg"}});
  ChannelServer s(AllChannelsEnv(tg.base_url()));
  json update = {{"update_id", 731540299},
                 {"message",
                  {{"message_id", 1299},
                   {"from", {{"id", 5123456789}, {"is_bot", false}, {"first_name", "Siti"}}},
                   {"chat", {{"id", 5123456789}, {"type", "private"}}},
                   {"date", 1717377930},
                   {"photo",
                    {{{"file_id", "AgAC-small"}, {"file_size", 1612}, {"width", 90}},
                     {{"file_id", "AgAC-large"}, {"file_size", 214088}, {"width", 1280}}}},
                   {"caption", "Jalan berlubang besar di Jl. Ahmad Yani, aspal rusak parah"}}}};
  auto r = s.Post("/webhooks/telegram", update.dump(), kJson,
                  {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}});
  ASSERT_TRUE(r && r->status == 200);
  auto rows = s.Rows("SELECT ticket_id FROM messages WHERE channel = 'telegram'");
  ASSERT_EQ(rows.size(), 1u);
  std::string ticket = rows[0]["ticket_id"];

  EXPECT_EQ(s.RunMediaWorker(), 1);
  auto reqs = tg.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].path, std::string("/bot") + kTelegramBotToken + "/getFile");
  EXPECT_EQ(reqs[1].path, std::string("/file/bot") + kTelegramBotToken + "/photos/file_7.jpg");
  ExpectOwnerGetsPhoto(s, ticket, photo.expected);
}

TEST(MediaE2eTest, TwilioMmsIsFetchedWithBasicAuthOnlyFromTheApiHost) {
  Photo photo = PhonePhoto(3);
  FakeProvider tw({404, "{}"});
  // Twilio answers a MediaUrl with a redirect to where the file is kept.
  tw.Script({{307, "", "text/plain", {{"Location", "/cdn/signed/ME111?sig=abc"}}},
             {200, photo.sent, "image/jpeg"}});
  ChannelServer s(AllChannelsEnv(tw.base_url()));
  std::string own = tw.base_url() + "/2010-04-01/Accounts/" + kTwilioAccountSid +
                    "/Messages/MMmedia0001/Media/ME111";
  // A second MediaUrl naming another host: forged or not, the credentials never go there.
  httplib::Params params = {{"MessageSid", "MMmedia0001"},
                            {"AccountSid", kTwilioAccountSid},
                            {"From", "+6281234567890"},
                            {"To", kTwilioFrom},
                            {"Body", "Jalan berlubang besar di Jl. Sudirman, aspal rusak"},
                            {"NumMedia", "2"},
                            {"MediaUrl0", own},
                            {"MediaContentType0", "image/jpeg"},
                            {"MediaUrl1", "http://127.0.0.2:9/steal"},
                            {"MediaContentType1", "image/jpeg"}};
  std::string body = httplib::detail::params_to_query_str(params);
  auto r = s.Post("/webhooks/twilio", body, kForm,
                  {{"X-Twilio-Signature",
                    TwilioSignature(std::string(kPublicBase) + "/webhooks/twilio", body)}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto rows = s.Rows("SELECT ticket_id FROM messages WHERE channel = 'twilio'");
  ASSERT_EQ(rows.size(), 1u);
  std::string ticket = rows[0]["ticket_id"];

  EXPECT_EQ(s.RunMediaWorker(), 2);
  auto reqs = tw.requests();
  ASSERT_EQ(reqs.size(), 2u);
  EXPECT_EQ(reqs[0].path,
            "/2010-04-01/Accounts/"s + kTwilioAccountSid + "/Messages/MMmedia0001/Media/ME111");
  EXPECT_EQ(reqs[0].Header("Authorization").rfind("Basic ", 0), 0u);
  EXPECT_EQ(reqs[1].path, "/cdn/signed/ME111");
  ExpectOwnerGetsPhoto(s, ticket, photo.expected);

  json media = OperatorTicket(s, ticket)["media"];
  ASSERT_EQ(media.size(), 2u);
  EXPECT_EQ(media[1]["status"], "unavailable");
}

TEST(MediaE2eTest, EmailAttachmentIsKeptAtIntakeWithoutExif) {
  Photo photo = PhonePhoto(4);
  ChannelServer s;
  s.now_ms = 1'717'377'341'000;
  const std::string timestamp = "1717377340";
  const std::string token = "b1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071829";
  const std::string boundary = "media-test-boundary-5d1c";
  std::string body;
  auto field = [&](const std::string& name, const std::string& value) {
    body += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
            value + "\r\n";
  };
  field("recipient", "pengaduan@lapor.example.go.id");
  field("sender", "rina@example.id");
  field("from", "Rina Marlina <rina@example.id>");
  field("subject", "Jalan berlubang");
  field("body-plain", "Jalan berlubang besar di Jl. Sultan Ageng Tirtayasa, aspal rusak.");
  field("Message-Id", "<media-0001@example.id>");
  field("attachment-count", "1");
  field("timestamp", timestamp);
  field("token", token);
  field("signature", MailgunSignature(timestamp, token));
  body += "--" + boundary +
          "\r\nContent-Disposition: form-data; name=\"attachment-1\"; filename=\"jalan.jpg\"\r\n"
          "Content-Type: image/jpeg\r\n\r\n" +
          photo.sent + "\r\n--" + boundary + "--\r\n";
  ASSERT_GT(body.size(), 1'600'000u);
  auto r = s.Post("/webhooks/mailgun", body, "multipart/form-data; boundary=" + boundary);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  auto rows = s.Rows("SELECT ticket_id FROM messages WHERE channel = 'mailgun'");
  ASSERT_EQ(rows.size(), 1u);
  std::string ticket = rows[0]["ticket_id"];
  EXPECT_EQ(s.RunMediaWorker(), 0);  // nothing to fetch: the bytes came with the email
  ExpectOwnerGetsPhoto(s, ticket, photo.expected);
}

TEST(MediaE2eTest, AFetchFailingThreeTimesIsRetriedUntilStored) {
  Photo photo = PhonePhoto(5);
  FakeProvider wa({404, "{}"});
  wa.Script({{500, R"({"error":{"message":"down"}})"},
             {503, R"({"error":{"message":"down"}})"},
             {429, R"({"error":{"message":"slow down"}})"},
             {200, json{{"url", wa.base_url() + "/dl/7002"}}.dump()},
             {200, photo.sent, "image/jpeg"}});
  ChannelServer s(AllChannelsEnv(wa.base_url()));
  std::string ticket = SendWhatsAppImage(s, "wamid.media-2", "7002");
  ASSERT_FALSE(ticket.empty());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(s.RunMediaWorker(), 1);
    EXPECT_EQ(s.RunMediaWorker(), 0) << "a failed fetch waits for its backoff";
    EXPECT_EQ(OperatorTicket(s, ticket)["media"][0]["status"], "pending");
    s.now_ms += kHour;
  }
  EXPECT_EQ(s.RunMediaWorker(), 1);
  EXPECT_EQ(wa.request_count(), 5u);
  EXPECT_EQ(OperatorTicket(s, ticket)["media"][0]["status"], "stored");
  ExpectOwnerGetsPhoto(s, ticket, photo.expected);
}

TEST(MediaE2eTest, AFetchAlwaysFailingEndsUnavailableAndListedForOperators) {
  FakeProvider wa({500, R"({"error":{"message":"down"}})"});
  ChannelServer s(AllChannelsEnv(wa.base_url()));
  std::string ticket = SendWhatsAppImage(s, "wamid.media-3", "7003");
  ASSERT_FALSE(ticket.empty());
  int passes = 0;
  while (s.RunMediaWorker() > 0 && passes < 50) {
    ++passes;
    s.now_ms += 24 * kHour;
  }
  EXPECT_EQ(passes, gateway::GatewayConfig{}.media.max_attempts);
  json media = OperatorTicket(s, ticket)["media"];
  ASSERT_EQ(media.size(), 1u);
  EXPECT_EQ(media[0]["status"], "unavailable");

  auto r = s.OperatorGet("/api/v1/media?status=unavailable");
  ASSERT_TRUE(r && r->status == 200);
  json dead = json::parse(r->body)["media"];
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["ticket_id"], ticket);
  EXPECT_EQ(dead[0]["attempts"], gateway::GatewayConfig{}.media.max_attempts);
  EXPECT_NE(dead[0]["last_error"].get<std::string>().find("500"), std::string::npos);

  // Its bytes are not there to serve: a clear error, not an empty file.
  auto bytes = s.OperatorGet("/api/v1/tickets/" + ticket + "/media/" +
                             std::to_string(media[0]["id"].get<int64_t>()));
  ASSERT_TRUE(bytes);
  EXPECT_EQ(bytes->status, 409);
  EXPECT_EQ(json::parse(bytes->body)["error"]["code"], "media_unavailable");
}

TEST(MediaE2eTest, AFileOverTheLimitIsListedUnavailableAndNotKept) {
  Photo photo = PhonePhoto(6);
  FakeProvider wa({404, "{}"});
  wa.Script(
      {{200, json{{"url", wa.base_url() + "/dl/7006"}}.dump()}, {200, photo.sent, "image/jpeg"}});
  ChannelServer s(AllChannelsEnv(wa.base_url()),
                  [](gateway::GatewayConfig& c) { c.media.max_file_bytes = 1 << 20; });
  std::string ticket = SendWhatsAppImage(s, "wamid.media-6", "7006");
  ASSERT_FALSE(ticket.empty());
  EXPECT_EQ(s.RunMediaWorker(), 1);
  EXPECT_EQ(s.RunMediaWorker(), 0);  // final at once: a retry would download it again
  auto r = s.OperatorGet("/api/v1/media?status=unavailable");
  ASSERT_TRUE(r && r->status == 200);
  json dead = json::parse(r->body)["media"];
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0]["ticket_id"], ticket);
  EXPECT_NE(dead[0]["last_error"].get<std::string>().find("over the limit of 1048576"),
            std::string::npos)
      << dead[0].dump();
  EXPECT_EQ(OperatorTicket(s, ticket)["media"][0]["status"], "unavailable");
}

}  // namespace
}  // namespace aduan::testing
