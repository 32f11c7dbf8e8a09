#include "gateway/tickets/ticket_outbox.h"

#include <nlohmann/json.hpp>

#include "gateway/tickets/recipients.h"
#include "gateway/tickets/reply_template.h"
#include "gateway/tickets/reply_thread.h"
#include "gateway/tickets/ticket_json.h"

namespace aduan::gateway {

std::vector<storage::OutboxDraft> ResidentNotifications(const GatewayConfig& config,
                                                        const storage::TicketRecord& after,
                                                        const std::string& public_note) {
  auto tmpl = config.replies.find("status_changed");
  if (tmpl == config.replies.end()) return {};
  const AgencyConfig* agency = config.FindAgency(after.agency);
  std::string agency_name = agency ? agency->name : after.agency;
  const std::string status_name(core::Name(after.status));
  auto label = config.replies.find("status_" + status_name);
  std::string status = label == config.replies.end()
                           ? status_name
                           : FillTemplate(label->second, {{"agency", agency_name}});
  std::string body =
      FillTemplate(tmpl->second, {{"ticket", after.id}, {"status", status}, {"note", public_note}});
  while (!body.empty() && (body.back() == ' ' || (public_note.empty() && body.back() == '.'))) {
    body.pop_back();
  }
  if (public_note.empty()) body += ".";
  std::vector<storage::OutboxDraft> rows;
  for (const Recipient& r : NotificationRecipients(after)) {
    storage::OutboxDraft d;
    d.channel = r.channel;
    d.recipient = r.address;
    d.kind = core::OutboxKind::kNotify;
    d.body = body;
    d.details_json = NotificationDetails(after, r.channel, r.address)
                         .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    rows.push_back(std::move(d));
  }
  return rows;
}

namespace {

// The push row of `event` ("ticket.routed", "ticket.message") about `ticket` to its agency's
// push URL: `body` gets the event's type and the ticket's version (agencies drop repeats by
// it), and the details name what the dispatcher signs and logs.
storage::OutboxDraft PushDraft(const AgencyConfig& agency, const storage::TicketRecord& ticket,
                               const std::string& event, nlohmann::json body) {
  storage::OutboxDraft d;
  d.channel = kPushChannel;
  d.recipient = agency.push_url;
  d.kind = core::OutboxKind::kPush;
  body["type"] = event;
  body["version"] = ticket.version;
  d.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  d.details_json = nlohmann::json{
      {"agency", ticket.agency},
      {"version", ticket.version},
      {"event", event}}.dump();
  return d;
}

}  // namespace

std::optional<storage::OutboxDraft> AgencyPush(const GatewayConfig& config,
                                               const storage::TicketRecord& after) {
  const AgencyConfig* agency = config.FindAgency(after.agency);
  if (!agency || agency->push_url.empty() || after.status != core::TicketStatus::kRouted)
    return std::nullopt;
  return PushDraft(*agency, after, "ticket.routed",
                   {{"ticket", AgencyTicketJson(after, /*with_events=*/false)}});
}

std::optional<storage::OutboxDraft> FollowUpPush(const GatewayConfig& config,
                                                 const storage::TicketRecord& ticket,
                                                 const std::string& text, int64_t at_ms) {
  const AgencyConfig* agency = config.FindAgency(ticket.agency);
  if (!agency || agency->push_url.empty()) return std::nullopt;
  if (ticket.status != core::TicketStatus::kRouted &&
      ticket.status != core::TicketStatus::kInProgress)
    return std::nullopt;
  // Rendered as an event through the agency view, so a confidential reporter's identity is
  // cut from the text exactly as on GET /api/v1/tickets/{id}.
  storage::TicketRecord view = ticket;
  storage::EventRecord said;
  said.at_ms = at_ms;
  said.actor = core::Actor::Resident();
  said.kind = core::EventKind::kResidentMessage;
  said.public_note = text;
  view.events = {said};
  nlohmann::json rendered = AgencyTicketJson(view, /*with_events=*/true);
  nlohmann::json message = rendered["events"][0];
  rendered.erase("events");
  return PushDraft(*agency, ticket, "ticket.message", {{"ticket", rendered}, {"message", message}});
}

std::string PushSecretVariable(const std::string& agency) { return "ADUAN_PUSH_SECRET_" + agency; }

}  // namespace aduan::gateway
