#include "gateway/intake/conversation/conversation.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "gateway/tickets/recipients.h"
#include "gateway/tickets/reply_template.h"
#include "gateway/tickets/ticket_number.h"

namespace aduan::gateway::conversation {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

// A resident asked to consent to a cadre's report has a week to answer YA.
constexpr int64_t kConsentWaitMs = 7LL * 24 * 3600 * 1000;
constexpr size_t kListedTickets = 5;

// Ends a reply with one full stop, whether or not an optional field ({note}) was empty.
std::string EndSentence(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '.')) s.pop_back();
  if (!s.empty() && s.back() != '.') s.push_back('.');
  return s;
}

std::string Trimmed(const std::string& s) {
  auto b = s.find_first_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b);
}

class Decider {
 public:
  Decider(const ConversationState& state, const Inbound& in, const ReadText& text,
          const Facts& facts, const classifier::Classification* c, const GatewayConfig& config)
      : state_(state), in_(in), text_(text), facts_(facts), c_(c), config_(config) {
    // No words but a photo or a shared location: that is a complaint (or more of one).
    command_ = text.command;
    if (command_ == Command::kGreeting && Trimmed(in.text).empty() &&
        (in.has_media || in.coordinates)) {
      command_ = Command::kNone;
    }
    d_.next = state;
    if (!d_.next.awaiting.empty() && d_.next.awaiting_until_ms <= in.now_ms) ClearAwaiting();
  }

  Decision Run() {
    if (facts_.over_rate_limit) return RateLimited();
    switch (command_) {
      case Command::kYes:
      case Command::kNo:
        if (d_.next.awaiting == "consent" && facts_.awaited_ticket) return Consent();
        return Reply("help");
      case Command::kGreeting:
        return Reply("help");
      case Command::kUnknown:
        return Reply("unknown_command");
      case Command::kStatus:
        return Status();
      case Command::kWithdraw:
        return Withdraw();
      case Command::kList:
        return List();
      case Command::kRelay:
      case Command::kNone:
        return Complaint();
    }
    return Reply("help");
  }

 private:
  std::string Render(const std::string& key, const Fields& fields) const {
    return FillTemplate(config_.replies.at(key), fields);
  }
  Decision Reply(const std::string& key, const Fields& fields = {}) {
    d_.reply = Render(key, fields);
    return d_;
  }
  void ClearAwaiting() {
    d_.next.awaiting.clear();
    d_.next.awaiting_ticket.clear();
    d_.next.awaiting_until_ms = 0;
  }
  std::string AgencyName(const std::string& code) const {
    const AgencyConfig* a = config_.FindAgency(code);
    return a ? a->name : code;
  }
  bool Owns(const storage::TicketRecord& t) const {
    if (t.channel == in_.channel && t.reporter_sender == in_.sender) return true;
    // The resident a cadre reported for, writing from the phone the cadre gave.
    if (t.channel == in_.channel && !t.reporter_contact.empty() &&
        t.reporter_contact == in_.sender) {
      return true;
    }
    return facts_.cadre && !t.relayed_by.empty() && t.relayed_by == facts_.cadre->id;
  }

  Decision RateLimited() {
    d_.rate_limited = true;
    int minutes = (config_.conversation.rate_limit_window_seconds + 59) / 60;
    d_.reply = Render("rate_limited", {{"minutes", std::to_string(minutes)}});
    if (state_.rate_notice_until_ms > in_.now_ms) {
      d_.store_message = false;  // the apology went out already: say nothing twice
      return d_;
    }
    d_.next.rate_notice_until_ms =
        in_.now_ms + int64_t{config_.conversation.rate_limit_window_seconds} * 1000;
    return d_;
  }

  Decision Consent() {
    const storage::TicketRecord& t = *facts_.awaited_ticket;
    bool yes = text_.command == Command::kYes;
    storage::TicketChange change;
    change.ticket_id = t.id;
    change.consent = yes ? "given" : "refused";
    change.event_statuses_when_kept = false;
    change.event = storage::EventRecord{};
    change.event->actor = core::Actor::Resident();
    change.event->kind = yes ? core::EventKind::kConsentGiven : core::EventKind::kConsentRefused;
    change.event->internal_note = "the resident answered the consent request on " + in_.channel;
    d_.changes.push_back(change);
    ClearAwaiting();
    return Reply(yes ? "consent_given" : "consent_refused", {{"ticket", t.id}});
  }

  // STATUS and BATAL name a ticket; returns it, or nullopt with the reply already set.
  std::optional<storage::TicketRecord> NamedTicket() {
    const std::string& typed = facts_.named_ticket_input;
    if (typed.empty()) {
      Reply("status_usage");
      return std::nullopt;
    }
    ParsedTicket p = ParseTicketNumber(typed);
    if (p.status == TicketParse::kBadCheck) {
      Reply("bad_number", {{"ticket", typed}});
      return std::nullopt;
    }
    if (p.status != TicketParse::kOk) {
      Reply("status_usage");
      return std::nullopt;
    }
    if (!facts_.named_ticket || facts_.named_ticket->id != p.canonical) {
      Reply("ticket_not_found", {{"ticket", p.canonical}});
      return std::nullopt;
    }
    return facts_.named_ticket;
  }

  Decision Status() {
    auto t = NamedTicket();
    if (!t) return d_;
    std::string status = StatusInWords(t->status, config_);
    if (!Owns(*t)) return Reply("status_public", {{"ticket", t->id}, {"status", status}});
    std::string note;
    for (auto e = t->events.rbegin(); e != t->events.rend(); ++e) {
      if (e->actor.kind != core::ActorKind::kResident && !e->public_note.empty()) {
        note = e->public_note;
        break;
      }
    }
    d_.reply = EndSentence(
        Render("status_owner", {{"ticket", t->id}, {"status", status}, {"note", note}}));
    return d_;
  }

  Decision Withdraw() {
    auto t = NamedTicket();
    if (!t) return d_;
    if (!Owns(*t)) return Reply("not_your_ticket", {{"ticket", t->id}});
    bool picked_up =
        t->status != core::TicketStatus::kRouted && t->status != core::TicketStatus::kTriage;
    for (const auto& e : t->events) picked_up = picked_up || e.kind == core::EventKind::kAcked;
    if (picked_up) {
      return Reply("cannot_withdraw",
                   {{"ticket", t->id}, {"status", StatusInWords(t->status, config_)}});
    }
    storage::TicketChange change;
    change.ticket_id = t->id;
    change.only_from_statuses = {core::TicketStatus::kRouted, core::TicketStatus::kTriage};
    change.new_status = core::TicketStatus::kWithdrawn;
    change.queue = storage::TicketChange::Queue::kRemoveUnlessAcked;
    change.event = storage::EventRecord{};
    change.event->actor = core::Actor::Resident();
    change.event->kind = core::EventKind::kWithdrawn;
    d_.changes.push_back(change);
    if (d_.next.last_ticket == t->id) d_.next.last_ticket.clear();
    if (d_.next.awaiting_ticket == t->id) ClearAwaiting();
    return Reply("withdrawn", {{"ticket", t->id}});
  }

  Decision List() {
    if (facts_.listed.empty()) return Reply("list_empty");
    std::string list;
    for (size_t i = 0; i < facts_.listed.size() && i < kListedTickets; ++i) {
      const auto& t = facts_.listed[i];
      if (!list.empty()) list += "; ";
      list += t.id + " " + StatusInWords(t.status, config_);
    }
    return Reply("list_header", {{"list", list}});
  }

  json LocationJson() const {
    json loc = json::object();
    if (in_.coordinates) {
      loc["latitude"] = in_.coordinates->latitude;
      loc["longitude"] = in_.coordinates->longitude;
    }
    if (!in_.location_label.empty()) loc["label"] = in_.location_label;
    return loc;
  }

  Decision Complaint() {
    const std::string body = ComplaintText(text_);
    const bool has_content = !body.empty() || in_.has_media || in_.coordinates;
    const int64_t now = in_.now_ms;
    if (command_ == Command::kNone && d_.next.awaiting == "location" && facts_.awaited_ticket &&
        (in_.coordinates || !body.empty())) {
      return LocationAnswer(body);
    }
    if (!has_content && command_ != Command::kRelay) return Reply("help");
    const auto& conv = config_.conversation;
    if (!state_.last_ticket.empty() && !body.empty() && KeyOfText(body) == state_.last_text_key &&
        now - state_.last_ticket_at_ms < int64_t{conv.duplicate_window_seconds} * 1000) {
      d_.attach_to = state_.last_ticket;
      return Reply("duplicate", {{"ticket", state_.last_ticket}});
    }
    if (command_ == Command::kRelay && text_.relay.text.empty()) {
      return Reply("relay_no_text");
    }
    if (command_ == Command::kNone && !state_.last_ticket.empty() &&
        now - state_.last_ticket_at_ms < int64_t{conv.followup_window_seconds} * 1000 &&
        !CompleteComplaintForAnotherAgency(body)) {
      d_.attach_to = state_.last_ticket;
      if (in_.coordinates) AddLocation(state_.last_ticket, std::nullopt);
      return Reply("followup", {{"ticket", state_.last_ticket}});
    }
    return NewTicket(body);
  }

  // A message soon after a complaint is usually more of it ("di depan SDN 3", a photo). But a
  // whole complaint that the classifier routes with confidence to another agency than the first
  // ticket's is a second complaint: as a follow-up, that agency would never see it.
  bool CompleteComplaintForAnotherAgency(const std::string& body) const {
    if (c_ == nullptr || state_.last_agency.empty() || c_->triage ||
        c_->agency == classifier::kTriage || c_->agency == state_.last_agency ||
        !config_.FindAgency(c_->agency)) {
      return false;
    }
    // A detail is a few words; a complaint says what is wrong and where, which takes more.
    size_t words = 0;
    bool in_word = false;
    for (unsigned char ch : body) {
      const bool letter = std::isalnum(ch) || ch >= 0x80;
      if (letter && !in_word) ++words;
      in_word = letter;
    }
    return words >= kMinWordsOfAComplaint;
  }
  static constexpr size_t kMinWordsOfAComplaint = 5;

  // Writes the shared location (or a place named in words) into the ticket's details.
  void AddLocation(const std::string& ticket_id, const std::optional<std::string>& place_text) {
    const storage::TicketRecord* known = nullptr;
    if (facts_.awaited_ticket && facts_.awaited_ticket->id == ticket_id) {
      known = &*facts_.awaited_ticket;
    }
    json details = json::parse(known ? known->details_json : "{}", nullptr, false);
    if (!details.is_object()) details = json::object();
    if (in_.coordinates || !in_.location_label.empty()) details["location"] = LocationJson();
    if (place_text) details["place"] = *place_text;
    storage::TicketChange change;
    change.ticket_id = ticket_id;
    change.details_json = details.dump(-1, ' ', false, json::error_handler_t::replace);
    d_.changes.push_back(change);
  }

  Decision LocationAnswer(const std::string& body) {
    const std::string& id = facts_.awaited_ticket->id;
    AddLocation(id, body.empty() ? std::nullopt : std::optional<std::string>(body));
    d_.attach_to = id;
    ClearAwaiting();
    return Reply("location_added", {{"ticket", id}});
  }

  std::string LinkTarget(const LinkKey& mine) const {
    const auto& conv = config_.conversation;
    for (size_t i = 0; i < facts_.similar.size(); ++i) {
      const storage::TicketRecord& s = facts_.similar[i];
      if (s.channel == in_.channel && s.reporter_sender == in_.sender) continue;
      if (s.status == core::TicketStatus::kWithdrawn || s.status == core::TicketStatus::kRejected)
        continue;
      LinkKey built;
      const LinkKey* theirs =
          i < facts_.similar_keys.size() ? facts_.similar_keys[i].get() : nullptr;
      if (!theirs) {
        built = LinkKeyOf(s.text, s.details_json);
        theirs = &built;
      }
      const int shared = SharedTerms(mine, *theirs);
      bool same =
          in_.coordinates && theirs->coordinates
              ? DistanceMeters(*in_.coordinates, *theirs->coordinates) <= conv.link_radius_meters &&
                    shared >= 1
              : shared >= conv.link_min_shared_terms;
      if (same) return s.linked_to.empty() ? s.id : s.linked_to;
    }
    return "";
  }

  Decision NewTicket(const std::string& body) {
    const bool relay = command_ == Command::kRelay;
    const bool cadre = relay && facts_.cadre && facts_.cadre->active;
    const RelayHeader& r = text_.relay;
    storage::TicketRecord t;
    t.id = facts_.candidate_ticket_id;
    bool triage =
        !c_ || c_->triage || c_->agency == classifier::kTriage || !config_.FindAgency(c_->agency);
    t.status = triage ? core::TicketStatus::kTriage : core::TicketStatus::kRouted;
    t.agency = triage ? std::string(classifier::kTriage) : c_->agency;
    if (c_) {
      t.agency_score = c_->agency_score;
      t.maladministration = c_->maladministration;
      t.urgent = c_->urgent;
      t.topic = c_->topic;
    }
    t.text = body;
    if (relay && !cadre) {
      // Not a cadre: the resident's details stay in the text so nothing the sender wrote is lost.
      std::string who = r.name + (r.place.empty() ? "" : ", " + r.place);
      t.text = who.empty() ? body : "Untuk " + who + ": " + body;
    }
    t.channel = in_.channel;
    t.reporter_sender = in_.sender;
    t.reply_address = in_.reply_address;
    t.reporter_name = in_.display_name;
    t.confidential = text_.anonymous;
    t.content_private = text_.secret;
    json details = json::object();
    if (in_.coordinates || !in_.location_label.empty()) details["location"] = LocationJson();
    if (cadre && !r.place.empty()) details["place"] = r.place;
    t.details_json = details.dump(-1, ' ', false, json::error_handler_t::replace);
    if (cadre) {
      t.reporter_name = r.name;
      t.reporter_contact = r.phone;
      t.relayed_by = facts_.cadre->id;
      t.consent = !r.phone.empty() && ChannelReachesPhones(in_.channel) ? "requested" : "declared";
      if (t.consent == "requested") RequestConsent(t.id, r.phone);
    }
    t.linked_to =
        t.agency == classifier::kTriage ? "" : LinkTarget(LinkKeyOf(t.text, t.details_json));

    const auto& places = config_.conversation.place_agencies;
    bool placed = in_.coordinates || !in_.location_label.empty() || MentionsPlace(body) ||
                  (cadre && !r.place.empty());
    bool ask =
        !triage && !placed && std::find(places.begin(), places.end(), t.agency) != places.end();
    Fields fields = {{"ticket", t.id}, {"agency", AgencyName(t.agency)}, {"name", r.name}};
    std::string reply = Render(cadre    ? "relay_ack"
                               : ask    ? "ask_location"
                               : triage ? "ack_triage"
                                        : "ack",
                               fields);
    if (t.urgent) reply += " " + Render("urgent_note", {});
    if (relay && !cadre) reply += " " + Render("relay_hint", {});
    d_.reply = reply;

    d_.next.last_ticket = t.id;
    d_.next.last_ticket_at_ms = in_.now_ms;
    d_.next.last_text_key = body.empty() ? "" : KeyOfText(body);
    d_.next.last_agency = triage ? "" : t.agency;
    ClearAwaiting();
    if (ask) {
      d_.next.awaiting = "location";
      d_.next.awaiting_ticket = t.id;
      d_.next.awaiting_until_ms =
          in_.now_ms + int64_t{config_.conversation.location_wait_seconds} * 1000;
    }
    d_.new_ticket = std::move(t);
    return d_;
  }

  void RequestConsent(const std::string& ticket, const std::string& phone) {
    d_.others.push_back(
        {in_.channel, phone, core::OutboxKind::kConsent,
         Render("consent_request", {{"cadre", facts_.cadre->name}, {"ticket", ticket}})});
    const auto& stored = facts_.relayed_resident;
    ConversationState theirs = stored ? StateFromJson(stored->state_json) : ConversationState{};
    theirs.awaiting = "consent";
    theirs.awaiting_ticket = ticket;
    theirs.awaiting_until_ms = in_.now_ms + kConsentWaitMs;
    storage::ConversationWrite w;
    w.record.channel = in_.channel;
    w.record.sender = phone;
    w.record.state_json = StateToJson(theirs);
    w.expect_version = stored ? stored->version : 0;
    d_.other_conversations.push_back(std::move(w));
  }

  const ConversationState& state_;
  const Inbound& in_;
  const ReadText& text_;
  const Facts& facts_;
  const classifier::Classification* c_;
  const GatewayConfig& config_;
  Command command_;
  Decision d_;
};

}  // namespace

std::string ComplaintText(const ReadText& text) {
  return text.command == Command::kRelay ? text.relay.text : text.body;
}

std::string StatusInWords(core::TicketStatus status, const GatewayConfig& config) {
  const std::string name(core::Name(status));
  auto it = config.replies.find("status_" + name);
  return it == config.replies.end() ? name : it->second;
}

Decision Decide(const ConversationState& state, const Inbound& message, const ReadText& text,
                const Facts& facts, const classifier::Classification* classification,
                const GatewayConfig& config) {
  return Decider(state, message, text, facts, classification, config).Run();
}

}  // namespace aduan::gateway::conversation
