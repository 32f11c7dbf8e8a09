#include "channel_server.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <stdexcept>

#include "channels/form.h"
#include "channels/test_util.h"
#include "core/crypto.h"

namespace aduan::testing {

std::map<std::string, std::string> AllChannelsEnv(const std::string& api_base) {
  return {
      {"ADUAN_WHATSAPP_APP_SECRET", kWhatsAppSecret},
      {"ADUAN_WHATSAPP_VERIFY_TOKEN", "verify-me"},
      {"ADUAN_WHATSAPP_ACCESS_TOKEN", kWhatsAppAccessToken},
      {"ADUAN_WHATSAPP_PHONE_NUMBER_ID", kWhatsAppPhoneNumberId},
      {"ADUAN_TELEGRAM_SECRET_TOKEN", kTelegramSecret},
      {"ADUAN_TELEGRAM_BOT_TOKEN", kTelegramBotToken},
      {"ADUAN_TWILIO_AUTH_TOKEN", kTwilioAuthToken},
      {"ADUAN_TWILIO_ACCOUNT_SID", kTwilioAccountSid},
      {"ADUAN_TWILIO_FROM", kTwilioFrom},
      {"ADUAN_SMS_TOKEN", kSmsToken},
      {"ADUAN_MAILGUN_SIGNING_KEY", kMailgunSigningKey},
      {"ADUAN_MAILGUN_API_KEY", kMailgunApiKey},
      {"ADUAN_MAILGUN_DOMAIN", kMailgunDomain},
      {"ADUAN_MAILGUN_FROM", kMailgunFrom},
      {"ADUAN_SENDGRID_TOKEN", kSendGridToken},
      {"ADUAN_ADMIN_TOKEN", kAdminToken},
      {"ADUAN_PUBLIC_BASE_URL", kPublicBase},
      {"ADUAN_WHATSAPP_API_BASE", api_base},
      {"ADUAN_TELEGRAM_API_BASE", api_base},
      {"ADUAN_TWILIO_API_BASE", api_base},
      {"ADUAN_SMS_API_BASE", api_base},
      {"ADUAN_MAILGUN_API_BASE", api_base},
      {"ADUAN_SENDGRID_API_BASE", api_base},
  };
}

std::ostream& operator<<(std::ostream& os, const RowCounts& c) {
  return os << "{messages=" << c.messages << " tickets=" << c.tickets << " events=" << c.events
            << " queue=" << c.queue << " outbox=" << c.outbox << "}";
}

ChannelServer::ChannelServer(std::map<std::string, std::string> env,
                             std::function<void(gateway::GatewayConfig&)> tweak)
    : gateway_(std::move(env), std::move(tweak), "", /*run_dispatcher=*/false, kFixtureNowMs) {}

httplib::Client ChannelServer::Client() const { return gateway_.Client(); }

httplib::Result ChannelServer::Post(const std::string& path, const std::string& body,
                                    const std::string& content_type,
                                    const httplib::Headers& headers) const {
  return Client().Post(path, headers, body, content_type);
}

httplib::Result ChannelServer::OperatorGet(const std::string& path) const {
  return Client().Get(path, {{"Authorization", std::string("Bearer ") + kAdminToken}});
}

namespace {

void Bind(SQLite::Statement& q, const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) q.bind(static_cast<int>(i + 1), args[i]);
}

}  // namespace

int ChannelServer::Count(const std::string& table, const std::string& where,
                         const std::vector<std::string>& args) const {
  SQLite::Database db(gateway_.db_path(), SQLite::OPEN_READONLY);
  SQLite::Statement q(db, "SELECT COUNT(*) FROM " + table + " WHERE " + where);
  Bind(q, args);
  q.executeStep();
  return q.getColumn(0).getInt();
}

RowCounts ChannelServer::Counts() const {
  return {Count("messages"), Count("tickets"), Count("ticket_events"), Count("queue"),
          Count("outbox")};
}

std::vector<nlohmann::json> ChannelServer::Rows(const std::string& sql,
                                                const std::vector<std::string>& args) const {
  SQLite::Database db(gateway_.db_path(), SQLite::OPEN_READONLY);
  SQLite::Statement q(db, sql);
  Bind(q, args);
  std::vector<nlohmann::json> rows;
  while (q.executeStep()) {
    nlohmann::json row = nlohmann::json::object();
    for (int i = 0; i < q.getColumnCount(); ++i) {
      SQLite::Column c = q.getColumn(i);
      if (c.isNull()) {
        row[c.getName()] = nullptr;
      } else if (c.isInteger()) {
        row[c.getName()] = c.getInt64();
      } else if (c.isFloat()) {
        row[c.getName()] = c.getDouble();
      } else {
        row[c.getName()] = c.getString();
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string Fixture(const std::string& relative) {
  return channels::testing::ReadTestdata(relative);
}

nlohmann::json Meta(const std::string& relative) {
  return nlohmann::json::parse(Fixture(relative));
}

std::string WhatsAppSignature(const std::string& body) {
  return "sha256=" + core::HexEncode(core::HmacSha256(kWhatsAppSecret, body));
}

std::string TwilioSignature(const std::string& url, const std::string& form_body) {
  auto fields = channels::ParseUrlEncoded(form_body);
  if (!fields) throw std::runtime_error("not a urlencoded form: " + form_body);
  std::vector<std::pair<std::string, std::string>> sorted;
  for (const auto& f : *fields) sorted.emplace_back(f.name, f.value);
  std::sort(sorted.begin(), sorted.end());
  std::string data = url;
  for (const auto& [name, value] : sorted) data += name + value;
  return core::Base64Encode(core::HmacSha1(kTwilioAuthToken, data));
}

std::string MailgunSignature(const std::string& timestamp, const std::string& token) {
  return core::HexEncode(core::HmacSha256(kMailgunSigningKey, timestamp + token));
}

std::map<std::string, std::string> DecodeForm(const std::string& body) {
  std::map<std::string, std::string> out;
  auto fields = channels::ParseUrlEncoded(body);
  if (!fields) return out;
  for (const auto& f : *fields) out.emplace(f.name, f.value);
  return out;
}

}  // namespace aduan::testing
