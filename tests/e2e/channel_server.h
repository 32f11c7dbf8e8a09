// The real gateway for channel end-to-end tests: every provider channel enabled with the secrets
// of the channels' testdata, the shipped config and rules, a temp SQLite file, an injected clock
// and NO background dispatcher: tests send the outbox with RunOnce() after moving the clock.
#ifndef ADUAN_TESTS_E2E_CHANNEL_SERVER_H_
#define ADUAN_TESTS_E2E_CHANNEL_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "../gateway/test_server.h"
#include "gateway/common/config.h"

namespace aduan::testing {

inline constexpr char kJson[] = "application/json";
inline constexpr char kForm[] = "application/x-www-form-urlencoded";
inline constexpr int64_t kHour = 60 * 60 * 1000;  // in the injected clock's milliseconds

// Secrets and ids shared by the fixtures (from the channels' testdata .meta files).
inline constexpr char kWhatsAppSecret[] = "a1b2c3d4e5f60718293a4b5c6d7e8f90";
inline constexpr char kWhatsAppAccessToken[] = "EAAG-test-access-token";
inline constexpr char kWhatsAppPhoneNumberId[] = "106540352242922";
inline constexpr char kTelegramSecret[] = "Lapor_Cilegon-9d2f7c1e";
inline constexpr char kTelegramBotToken[] = "7000000001:AAtest-bot-token";
inline constexpr char kTwilioAuthToken[] = "9c1f2e3d4b5a69788796a5b4c3d2e1f0";
inline constexpr char kTwilioAccountSid[] = "AC1f0e2d3c4b5a69788796a5b4c3d2e1f0";
inline constexpr char kTwilioFrom[] = "+12025550143";
inline constexpr char kSmsToken[] = "s3cret-sms";
inline constexpr char kMailgunSigningKey[] = "mg-webhook-signing-key-TEST-4c8e1f0a";
inline constexpr char kMailgunApiKey[] = "key-mailgun-test";
inline constexpr char kMailgunDomain[] = "lapor.example.go.id";
inline constexpr char kMailgunFrom[] = "Pengaduan Kota Cilegon <pengaduan@lapor.example.go.id>";
inline constexpr char kSendGridToken[] = "sg-parse-url-token-7f3a";
inline constexpr char kAdminToken[] = "operator-secret";
inline constexpr char kPublicBase[] = "https://lapor.example.go.id";
// 2024-06-03T01:16:40Z, just after the fixtures were sent (Mailgun checks freshness).
inline constexpr int64_t kFixtureNowMs = 1'717'377'400'000;

// Every ADUAN_* variable that enables a channel, with ADUAN_<CHANNEL>_API_BASE = `api_base`
// for every channel (a closed loopback port when no fake provider is in play).
std::map<std::string, std::string> AllChannelsEnv(
    const std::string& api_base = "http://127.0.0.1:9");

// Row counts of every table an accepted message writes.
struct RowCounts {
  int messages = 0, tickets = 0, events = 0, queue = 0, outbox = 0;
  bool operator==(const RowCounts&) const = default;
};
std::ostream& operator<<(std::ostream& os, const RowCounts& c);

class ChannelServer {
 public:
  explicit ChannelServer(std::map<std::string, std::string> env = AllChannelsEnv(),
                         std::function<void(gateway::GatewayConfig&)> tweak = nullptr);

  httplib::Client Client() const;
  httplib::Result Post(const std::string& path, const std::string& body,
                       const std::string& content_type, const httplib::Headers& headers = {}) const;
  // GET with the operator token.
  httplib::Result OperatorGet(const std::string& path) const;

  // One dispatcher pass at the current injected time; returns the rows attempted.
  int RunDispatcher() { return gateway_.server().dispatcher().RunOnce(); }
  // One media worker pass at the current injected time; returns the rows attempted.
  int RunMediaWorker() { return gateway_.server().media_worker().RunOnce(); }

  int Count(const std::string& table, const std::string& where = "1=1",
            const std::vector<std::string>& args = {}) const;
  RowCounts Counts() const;
  // Rows of `sql` (with ? bound to `args`) as JSON objects keyed by column name.
  std::vector<nlohmann::json> Rows(const std::string& sql,
                                   const std::vector<std::string>& args = {}) const;

 private:
  TestServer gateway_;  // declared before now_ms, which refers into it

 public:
  std::atomic<int64_t>& now_ms = gateway_.now_ms;  // the server's clock; tests move it
};

// Bytes of channels/<relative> and the JSON of a .meta sidecar.
std::string Fixture(const std::string& relative);
nlohmann::json Meta(const std::string& relative);

// Provider signatures, computed here from the providers' documented algorithms.
std::string WhatsAppSignature(const std::string& body);  // "sha256=<hex>"
// Twilio: base64(HMAC-SHA1(token, url + sorted name+value of the decoded form params)).
std::string TwilioSignature(const std::string& url, const std::string& form_body);
std::string MailgunSignature(const std::string& timestamp, const std::string& token);

// Values of a urlencoded form (first of each name).
std::map<std::string, std::string> DecodeForm(const std::string& body);

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_E2E_CHANNEL_SERVER_H_
