#include "gateway/tickets/lifecycle.h"

#include <algorithm>
#include <initializer_list>

#include "classifier/classifier.h"
#include "gateway/tickets/ticket_outbox.h"

namespace aduan::gateway {
namespace {

using core::Actor;
using core::EventKind;
using core::Status;
using core::TicketStatus;
using storage::TicketChange;

template <typename T>
bool OneOf(const T& value, std::initializer_list<T> options) {
  return std::find(options.begin(), options.end(), value) != options.end();
}
bool OneOf(const std::string& s, std::initializer_list<const char*> options) {
  return std::any_of(options.begin(), options.end(), [&](const char* o) { return s == o; });
}

LifecycleDecision Refuse(Status status) {
  LifecycleDecision d;
  d.status = std::move(status);
  return d;
}

LifecycleDecision Illegal(const storage::TicketRecord& t, const std::string& action) {
  std::string message = "ticket " + t.id + " is '";
  message += core::Name(t.status);
  message += "'; '" + action + "' is not allowed from there";
  return Refuse(Status::Conflict("illegal_transition", std::move(message)));
}

// The status an answer action names ("in_progress", "resolved", "rejected").
TicketStatus AnswerStatus(const std::string& action) {
  return core::ParseTicketStatus(action).value_or(TicketStatus::kInProgress);
}

// in_progress, resolved, rejected: the agency's answers (the operator may give them too).
std::optional<LifecycleDecision> DecideAnswer(const storage::TicketRecord& t, bool agency,
                                              const LifecycleAction& a, LifecycleDecision& d) {
  bool legal = a.action == "in_progress"
                   ? t.status == TicketStatus::kRouted
                   : OneOf(t.status, {TicketStatus::kRouted, TicketStatus::kInProgress});
  // The desk may turn away what is not a complaint at all (spam, a greeting) from triage.
  if (a.action == "rejected" && t.status == TicketStatus::kTriage && !agency) legal = true;
  if (!legal) return Illegal(t, a.action);
  if (a.action == "rejected" && a.note.empty()) {
    return Refuse(
        Status::Invalid("missing_field", "a rejection needs a 'note' telling the resident why"));
  }
  d.change.new_status = AnswerStatus(a.action);
  d.change.agency_response = agency;
  // Whoever answered has the ticket: it must not be leased out again, even if never acked.
  d.change.queue = TicketChange::Queue::kAcknowledge;
  d.public_change = true;
  d.public_note = a.note;
  return std::nullopt;
}

// Bukan wewenang: back to the triage desk with the agency's reason. The resident is not told
// about a misrouting.
std::optional<LifecycleDecision> DecideNotOurAuthority(const storage::TicketRecord& t, bool agency,
                                                       const LifecycleAction& a,
                                                       LifecycleDecision& d) {
  if (!agency) {
    return Refuse(Status::Forbidden(
        "agency_only", "not_our_authority is the agency's answer; operators use reroute"));
  }
  if (!OneOf(t.status, {TicketStatus::kRouted, TicketStatus::kInProgress})) {
    return Illegal(t, a.action);
  }
  if (a.note.empty()) {
    return Refuse(Status::Invalid("missing_field",
                                  "'note' must say why the ticket is not this agency's authority"));
  }
  TicketChange& c = d.change;
  c.new_status = TicketStatus::kTriage;
  c.new_agency = std::string(classifier::kTriage);
  c.queue = TicketChange::Queue::kRemove;
  c.agency_response = true;
  c.event->kind = EventKind::kNotOurAuthority;
  c.event->internal_note = a.internal_note.empty() ? a.note : a.note + "\n" + a.internal_note;
  return std::nullopt;
}

// Disposition to another agency; for the operator also the first routing of a triage ticket.
std::optional<LifecycleDecision> DecideReroute(const storage::TicketRecord& t, bool agency,
                                               const LifecycleAction& a,
                                               const GatewayConfig& config, LifecycleDecision& d) {
  const bool at_desk = t.status == TicketStatus::kTriage;
  bool open = OneOf(t.status, {TicketStatus::kRouted, TicketStatus::kInProgress});
  if (!(open || (!agency && at_desk))) return Illegal(t, a.action);
  if (a.agency.empty() || !config.FindAgency(a.agency) || a.agency == classifier::kTriage) {
    return Refuse(
        Status::Invalid("unknown_agency", "'agency' must be one of the configured agency codes"));
  }
  if (a.agency == t.agency && !at_desk) {
    return Refuse(
        Status::Conflict("same_agency", "ticket " + t.id + " is already with " + a.agency));
  }
  TicketChange& c = d.change;
  c.new_status = TicketStatus::kRouted;
  c.new_agency = a.agency;
  c.queue = TicketChange::Queue::kEnqueue;
  c.event->kind = at_desk ? EventKind::kRouted : EventKind::kReroute;
  c.event->internal_note = a.internal_note.empty() ? a.note : a.note + "\n" + a.internal_note;
  d.public_change = true;
  return std::nullopt;
}

std::optional<LifecycleDecision> DecideReopen(const storage::TicketRecord& t, const Actor& who,
                                              const LifecycleAction& a, LifecycleDecision& d) {
  if (who.kind != core::ActorKind::kOperator) {
    return Refuse(Status::Forbidden("operator_only", "only the operator reopens a ticket"));
  }
  if (!OneOf(t.status, {TicketStatus::kResolved, TicketStatus::kRejected, TicketStatus::kClosed})) {
    return Illegal(t, a.action);
  }
  bool unrouted = t.agency == classifier::kTriage;
  d.change.new_status = unrouted ? TicketStatus::kTriage : TicketStatus::kRouted;
  d.change.queue = unrouted ? TicketChange::Queue::kKeep : TicketChange::Queue::kEnqueue;
  d.change.event->kind = EventKind::kReopen;
  d.public_change = true;
  d.public_note = a.note;
  return std::nullopt;
}

}  // namespace

LifecycleDecision Decide(const storage::TicketRecord& t, const Actor& who, const LifecycleAction& a,
                         const GatewayConfig& config, int64_t now_ms) {
  const bool agency = who.kind == core::ActorKind::kAgency;
  if (agency && t.agency != who.agency) return Refuse(Status::NotFound("no ticket " + t.id));
  LifecycleDecision d;
  TicketChange& c = d.change;
  c.ticket_id = t.id;
  c.expect_version = t.version;
  c.now_ms = now_ms;
  c.event.emplace();
  c.event->actor = who;
  c.event->kind = EventKind::kStatus;
  c.event->internal_note = a.internal_note;

  std::optional<LifecycleDecision> refused;
  if (OneOf(a.action, {"in_progress", "resolved", "rejected"})) {
    refused = DecideAnswer(t, agency, a, d);
  } else if (a.action == "not_our_authority") {
    refused = DecideNotOurAuthority(t, agency, a, d);
  } else if (a.action == "reroute") {
    refused = DecideReroute(t, agency, a, config, d);
  } else if (a.action == "reopen") {
    refused = DecideReopen(t, who, a, d);
  } else if (a.action == "reply") {
    // A message to the resident that changes nothing else: the agency asks or explains.
    if (!OneOf(t.status, {TicketStatus::kRouted, TicketStatus::kInProgress})) {
      return Illegal(t, a.action);
    }
    if (a.note.empty()) {
      return Refuse(Status::Invalid("missing_field", "a reply needs a 'note' to send"));
    }
    c.event->kind = EventKind::kReply;
    c.agency_response = agency;
    c.queue = TicketChange::Queue::kAcknowledge;
    d.public_change = true;
    d.public_note = a.note;
  } else if (a.action == "close") {
    if (t.status != TicketStatus::kResolved) return Illegal(t, a.action);
    c.new_status = TicketStatus::kClosed;
    c.event->kind = EventKind::kClosed;
    d.public_change = true;
    d.public_note = a.note;
  } else {
    return Refuse(Status::Invalid(
        "invalid_status", "status must be in_progress, resolved, rejected or not_our_authority"));
  }
  if (refused) return *refused;
  if (d.public_change) c.event->public_note = d.public_note;
  // Leaving "routed" meets (late) the target the ticket was overdue on: it is no longer
  // overdue. Its escalation events stay in the history.
  if (t.overdue_since_ms && c.new_status != t.status) {
    c.set_overdue = true;
    c.overdue_since_ms = 0;
    c.escalation_level = 0;
  }
  return d;
}

storage::TicketRecord AfterChange(const storage::TicketRecord& before, const TicketChange& c) {
  storage::TicketRecord t = before;
  t.events.clear();
  if (c.new_status) t.status = *c.new_status;
  if (!c.new_agency.empty()) t.agency = c.new_agency;
  t.version = before.version + 1;
  t.updated_at_ms = c.now_ms;
  return t;
}

core::Result<storage::TicketRecord> ApplyLifecycle(const GatewayConfig& config,
                                                   storage::TicketStore& store,
                                                   const std::string& ticket_id, const Actor& who,
                                                   const LifecycleAction& action, int64_t now_ms) {
  // A stale read loses only to another change of the same ticket; a few rounds settle it.
  for (int round = 0; round < 8; ++round) {
    auto t = store.GetTicket(ticket_id);
    if (!t) return Status::NotFound("no ticket " + ticket_id);
    if (action.expect_version != 0 && t->version != action.expect_version) {
      return Status::Stale("stale_version", "ticket " + ticket_id +
                                                " was changed by someone else after you opened it");
    }
    LifecycleDecision d = Decide(*t, who, action, config, now_ms);
    if (!d.status.ok()) return d.status;
    storage::TicketRecord after = AfterChange(*t, d.change);
    if (d.public_change) {
      for (auto& row : ResidentNotifications(config, after, d.public_note)) {
        d.change.outbox.push_back(std::move(row));
      }
    }
    // Every fresh routing is a new version the agency has not seen: push it.
    if (d.change.queue == storage::TicketChange::Queue::kEnqueue) {
      if (auto push = AgencyPush(config, after)) d.change.outbox.push_back(std::move(*push));
    }
    switch (store.ChangeTicket(d.change)) {
      case storage::ChangeOutcome::kChanged: {
        auto changed = store.GetTicket(ticket_id);
        if (!changed) return Status::NotFound("no ticket " + ticket_id);
        return std::move(*changed);
      }
      case storage::ChangeOutcome::kNotFound:
        return Status::NotFound("no ticket " + ticket_id);
      case storage::ChangeOutcome::kStale:
        continue;
    }
  }
  return Status::Conflict("concurrent_change", "ticket " + ticket_id + " kept changing; try again");
}

}  // namespace aduan::gateway
