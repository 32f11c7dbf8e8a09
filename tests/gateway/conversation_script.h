// Conversation scripts through the real server: a resident (or cadre) sends messages on one
// channel, each step checks the reply and the ticket it touched, and optional checks read the
// stored effect. Channels: "generic" (the reply is in the HTTP answer), "telegram" and "sms"
// (the reply is the newest outbox row for the sender).
#ifndef ADUAN_TESTS_GATEWAY_CONVERSATION_SCRIPT_H_
#define ADUAN_TESTS_GATEWAY_CONVERSATION_SCRIPT_H_

#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "test_server.h"

namespace aduan::testing {

inline constexpr char kTelegramSecret[] = "tg-secret-TEST";
inline constexpr char kSmsToken[] = "sms-token-TEST";
inline constexpr char kAdminToken[] = "admin-TEST";

// A server with the generic, Telegram and SMS channels and the operator API enabled.
std::map<std::string, std::string> ScriptEnv();

struct Sent {
  int status = 0;
  std::string reply;   // what the sender was told ("" when nothing)
  std::string ticket;  // the ticket the message was stored with ("" when none)
  std::string body;    // the raw HTTP answer
};

// What a step expects about the ticket its message was stored with.
enum class TicketIs { kNone, kNew, kSame, kAny };

struct Step {
  Step(std::string from, std::string text, int64_t advance_seconds = 0, std::string reply_has = "",
       TicketIs ticket = TicketIs::kAny, int status = 200,
       std::optional<std::pair<double, double>> location = std::nullopt,
       std::function<void(TestServer&, const Sent&)> check = nullptr)
      : from(std::move(from)),
        text(std::move(text)),
        advance_seconds(advance_seconds),
        reply_has(std::move(reply_has)),
        ticket(ticket),
        status(status),
        location(std::move(location)),
        check(std::move(check)) {}

  std::string from;
  std::string text;
  int64_t advance_seconds = 0;       // the server clock moves on before the message
  std::string reply_has;             // a substring the reply must contain ("" = not checked)
  TicketIs ticket = TicketIs::kAny;  // kSame: the ticket of the latest step that had one
  int status = 200;
  std::optional<std::pair<double, double>> location;    // telegram only: a shared location
  std::function<void(TestServer&, const Sent&)> check;  // the stored effect
};

class ConversationDriver {
 public:
  // `first_id` numbers the provider message ids; drivers sharing a database need apart ranges.
  ConversationDriver(TestServer& server, std::string channel, int first_id = 1)
      : s_(server), channel_(std::move(channel)), next_id_(first_id) {}

  Sent Send(const std::string& from, const std::string& text,
            std::optional<std::pair<double, double>> location = std::nullopt);
  // Runs steps in order with gtest expectations; returns the replies.
  std::vector<Sent> Run(const std::vector<Step>& steps);

  // The newest outbox row to `recipient` on this channel after row `after`, or nullopt.
  std::optional<storage::OutboxRow> NewestRowTo(const std::string& recipient, int64_t after = 0);
  int64_t NewestRowId();

 private:
  TestServer& s_;
  std::string channel_;
  int next_id_;
  std::string last_ticket_;
};

// Operator API helpers.
httplib::Result PutCadre(TestServer& s, const std::string& id, const std::string& channel,
                         const std::string& sender, const std::string& name, bool active = true);
nlohmann::json AgencyView(TestServer& s, const std::string& ticket);  // via the operator token

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_GATEWAY_CONVERSATION_SCRIPT_H_
