#include "conversation_script.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "channels/form.h"

namespace aduan::testing {

using nlohmann::json;

std::map<std::string, std::string> ScriptEnv() {
  return {{"ADUAN_TELEGRAM_SECRET_TOKEN", kTelegramSecret},
          {"ADUAN_TELEGRAM_BOT_TOKEN", "bot-TEST"},
          {"ADUAN_SMS_TOKEN", kSmsToken},
          {"ADUAN_ADMIN_TOKEN", kAdminToken}};
}

int64_t ConversationDriver::NewestRowId() {
  int64_t newest = 0;
  for (const char* status : {"pending", "sent", "dead"}) {
    for (const auto& r : s_.store().ListOutbox(status, 1000)) newest = std::max(newest, r.id);
  }
  return newest;
}

std::optional<storage::OutboxRow> ConversationDriver::NewestRowTo(const std::string& recipient,
                                                                  int64_t after) {
  std::optional<storage::OutboxRow> best;
  for (const char* status : {"pending", "sent", "dead"}) {
    for (const auto& r : s_.store().ListOutbox(status, 1000)) {
      if (r.channel != channel_ || r.recipient != recipient || r.id <= after) continue;
      if (!best || r.id > best->id) best = r;
    }
  }
  return best;
}

Sent ConversationDriver::Send(const std::string& from, const std::string& text,
                              std::optional<std::pair<double, double>> location) {
  Sent out;
  std::string id = "s" + std::to_string(next_id_++);
  int64_t before = NewestRowId();
  std::string provider_id;
  auto post = [&]() -> httplib::Result {
    if (channel_ == "generic") {
      json body = {{"id", id}, {"from", from}, {"text", text}};
      provider_id = id;
      return s_.Client().Post("/webhooks/generic", body.dump(), "application/json");
    } else if (channel_ == "telegram") {
      json message = {{"message_id", next_id_},
                      {"from", {{"id", std::stoll(from)}, {"first_name", "Warga"}}},
                      {"chat", {{"id", std::stoll(from)}, {"type", "private"}}},
                      {"date", s_.now_ms.load() / 1000}};
      if (!text.empty()) message["text"] = text;
      if (location)
        message["location"] = {{"latitude", location->first}, {"longitude", location->second}};
      json update = {{"update_id", 1000 + next_id_}, {"message", message}};
      provider_id = from + ":" + std::to_string(next_id_);
      return s_.Client().Post("/webhooks/telegram",
                              {{"X-Telegram-Bot-Api-Secret-Token", kTelegramSecret}}, update.dump(),
                              "application/json");
    } else {
      std::vector<std::pair<std::string, std::string>> fields = {
          {"id", id}, {"from", from}, {"text", text}, {"token", kSmsToken}};
      provider_id = id;
      return s_.Client().Post("/webhooks/sms", channels::EncodeForm(fields),
                              "application/x-www-form-urlencoded");
    }
  };
  httplib::Result r = post();
  if (!r) {
    ADD_FAILURE() << "no answer for " << text;
    return out;
  }
  out.status = r->status;
  out.body = r->body;
  if (channel_ == "generic") {
    auto j = json::parse(r->body, nullptr, false);
    if (r->status == 200) {
      out.reply = j.value("reply", "");
      out.ticket = j.value("ticket", "");
    } else if (j.is_object() && j.contains("error")) {
      out.reply = j["error"].value("message", "");
    }
    return out;
  }
  if (auto row = NewestRowTo(from, before)) out.reply = row->body;
  out.ticket = s_.store().TicketOfMessage(channel_, provider_id);
  return out;
}

std::vector<Sent> ConversationDriver::Run(const std::vector<Step>& steps) {
  std::vector<Sent> all;
  for (size_t i = 0; i < steps.size(); ++i) {
    const Step& step = steps[i];
    SCOPED_TRACE("step " + std::to_string(i + 1) + " on " + channel_ + ": \"" + step.text + "\"");
    s_.now_ms += step.advance_seconds * 1000;
    Sent sent = Send(step.from, step.text, step.location);
    EXPECT_EQ(sent.status, step.status) << sent.body;
    if (!step.reply_has.empty()) {
      EXPECT_NE(sent.reply.find(step.reply_has), std::string::npos)
          << "reply: " << sent.reply << "\nwanted: " << step.reply_has;
    }
    switch (step.ticket) {
      case TicketIs::kNone:
        EXPECT_EQ(sent.ticket, "");
        break;
      case TicketIs::kNew:
        EXPECT_FALSE(sent.ticket.empty());
        EXPECT_NE(sent.ticket, last_ticket_);
        break;
      case TicketIs::kSame:
        EXPECT_EQ(sent.ticket, last_ticket_);
        break;
      case TicketIs::kAny:
        break;
    }
    if (!sent.ticket.empty()) last_ticket_ = sent.ticket;
    if (step.check) step.check(s_, sent);
    all.push_back(sent);
  }
  return all;
}

httplib::Result PutCadre(TestServer& s, const std::string& id, const std::string& channel,
                         const std::string& sender, const std::string& name, bool active) {
  json body = {{"channel", channel},
               {"sender", sender},
               {"name", name},
               {"area", "RW 05 Ciwaduk"},
               {"active", active}};
  return s.Client().Put("/api/v1/cadres/" + id,
                        {{"Authorization", std::string("Bearer ") + kAdminToken}}, body.dump(),
                        "application/json");
}

json AgencyView(TestServer& s, const std::string& ticket) {
  auto r = s.Client().Get("/api/v1/tickets/" + ticket,
                          {{"Authorization", std::string("Bearer ") + kAdminToken}});
  if (!r || r->status != 200) {
    ADD_FAILURE() << "cannot read " << ticket << ": " << (r ? r->body : "no answer");
    return json::object();
  }
  return json::parse(r->body);
}

}  // namespace aduan::testing
