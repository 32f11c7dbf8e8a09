#include "gateway/intake/intake.h"

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>

#include "channels/adapter.h"
#include "core/crypto.h"
#include "core/message.h"
#include "core/utf8.h"
#include "gateway/common/api_keys.h"
#include "gateway/common/log.h"
#include "gateway/intake/conversation/conversation.h"
#include "gateway/intake/media_intake.h"
#include "gateway/tickets/reply_template.h"
#include "gateway/tickets/reply_thread.h"
#include "gateway/tickets/ticket_json.h"
#include "gateway/tickets/ticket_number.h"
#include "gateway/tickets/ticket_outbox.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

// Tries of one message: a taken ticket id or a conversation another request moved on means
// reading and deciding again.
constexpr int kIntakeAttempts = 8;
// A provider signs a message with a token at most minutes before posting it (Mailgun refuses
// signatures older than 5 minutes); a day of memory outlasts every retry schedule's window.
constexpr int64_t kReplayTokenKeepMs = 24LL * 60 * 60 * 1000;
// Candidates for "other residents reported the same thing".
constexpr int kSimilarTickets = 50;
constexpr int kListedTickets = 5;

json DetailsOf(const core::InboundMessage& m) {
  json d = json::object();
  if (!m.media.empty()) {
    json media = json::array();
    for (const auto& x : m.media) {
      media.push_back({{"kind", x.kind},
                       {"reference", x.reference},
                       {"mime_type", x.mime_type},
                       {"filename", x.filename},
                       {"size_bytes", x.size_bytes}});
    }
    d["media"] = media;
  }
  if (m.location) {
    d["location"] = {{"latitude", m.location->latitude},
                     {"longitude", m.location->longitude},
                     {"name", m.location->name},
                     {"address", m.location->address}};
  }
  if (!m.subject.empty()) d["subject"] = m.subject;
  if (!m.reply_address.empty()) d["reply_address"] = m.reply_address;
  if (!m.in_reply_to.empty()) d["in_reply_to"] = m.in_reply_to;
  if (m.is_edit) d["edits"] = m.edits_message_id;
  if (m.sent_at_ms) d["sent_at_ms"] = m.sent_at_ms;
  return d;
}

// Text a provider sent is never refused for length (refusing loses it); it is cut at a UTF-8
// character boundary instead. The generic webhook refuses long text before it gets here.
std::string Truncate(const std::string& text, size_t max_chars) {
  return std::string(core::Utf8PrefixChars(text, max_chars));
}

storage::OutboxDraft AckRow(const core::InboundMessage& in, const std::string& body,
                            const std::string& ticket) {
  storage::OutboxDraft ack;
  ack.channel = in.channel;
  ack.recipient = in.reply_address.empty() ? in.sender : in.reply_address;
  ack.kind = core::OutboxKind::kAck;
  ack.body = body;
  // Email clients thread on headers, but people read subjects: keep theirs and tag ours.
  json details = ReplyDetails(ThreadOf(in), in.channel, ticket);
  ack.details_json = details.dump(-1, ' ', false, json::error_handler_t::replace);
  return ack;
}

conversation::Inbound ToInbound(const core::InboundMessage& in, const std::string& text,
                                int64_t now) {
  // A sticker says hello; a photo, video or document is evidence.
  bool evidence = std::any_of(in.media.begin(), in.media.end(),
                              [](const core::Media& m) { return m.kind != "sticker"; });
  conversation::Inbound out{in.channel,      in.sender, in.reply_address,
                            in.display_name, text,      evidence,
                            std::nullopt,    "",        now};
  if (in.location) {
    out.coordinates = conversation::Coordinates{in.location->latitude, in.location->longitude};
    out.location_label = in.location->name;
    if (!in.location->address.empty()) {
      out.location_label += (out.location_label.empty() ? "" : ", ") + in.location->address;
    }
  }
  return out;
}

}  // namespace

IntakePipeline::IntakePipeline(const GatewayConfig* config, storage::Store* store,
                               ClassifierHandle* classifier, Clock clock)
    : config_(config), store_(store), classifier_(classifier), clock_(std::move(clock)) {}

std::string IntakePipeline::ContentKey(const core::InboundMessage& m, int64_t now_ms,
                                       int64_t window_ms) {
  std::string material = m.sender + '\x1f' + m.text;
  for (const auto& media : m.media) material += '\x1f' + media.reference;
  return "h:" + core::Sha256Hex(material).substr(0, 32) + ":" + std::to_string(now_ms / window_ms);
}

std::string IntakePipeline::FindThread(const core::InboundMessage& in) {
  if (in.is_edit && !in.edits_message_id.empty()) {
    std::string t = store_->TicketOfMessage(in.channel, in.edits_message_id);
    if (!t.empty()) return t;
  }
  for (const auto& ref : in.in_reply_to) {
    // Our own emails carry Message-IDs "outbox-<row>@aduan" (see OutboxDispatcher).
    constexpr std::string_view kPrefix = "outbox-", kSuffix = "@aduan";
    if (ref.size() > kPrefix.size() + kSuffix.size() && ref.rfind(kPrefix, 0) == 0 &&
        ref.compare(ref.size() - kSuffix.size(), kSuffix.size(), kSuffix) == 0) {
      std::string digits = ref.substr(kPrefix.size(), ref.size() - kPrefix.size() - kSuffix.size());
      if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos &&
          digits.size() < 18) {
        std::string t = store_->TicketOfOutboxRow(std::stoll(digits));
        if (!t.empty()) return t;
      }
      continue;
    }
    std::string t = store_->TicketOfMessage(in.channel, ref);
    if (!t.empty()) return t;
  }
  // "Re: [ADU-7K3QX9M4] ..." from the same sender: the fallback when clients drop headers.
  for (size_t at = in.subject.find("ADU-"); at != std::string::npos;
       at = in.subject.find("ADU-", at + 1)) {
    ParsedTicket p = ParseTicketNumber(in.subject.substr(at, 12));
    if (p.status != TicketParse::kOk) continue;
    auto t = store_->GetTicket(p.canonical);
    if (t && t->reporter_sender == in.sender) return t->id;
  }
  return "";
}

core::Result<IntakeOutcome> IntakePipeline::Accept(const core::InboundMessage& in) {
  return Accept(in, clock_());
}

core::Result<IntakeOutcome> IntakePipeline::Accept(const core::InboundMessage& in,
                                                   int64_t received_at_ms,
                                                   const JournalPosition& from) {
  for (int attempt = 1;; ++attempt) {
    core::Result<IntakeOutcome> once = AcceptOnce(in, received_at_ms, from);
    if (once.ok()) return once;
    const core::Status& why = once.status();
    // Stale: what the conversation decided on changed meanwhile; conflict: the drawn ticket
    // number is taken. Either way nothing was stored, and the next try reads and draws afresh.
    const bool again =
        why.code() == core::StatusCode::kStale || why.code() == core::StatusCode::kConflict;
    // Still losing after every try: as busy as an unavailable store, and answered the same way
    // (503, the provider or the journal tries again later).
    if (!again || attempt == kIntakeAttempts) {
      return core::Status::Unavailable("storage_unavailable", why.message());
    }
    if (why.code() == core::StatusCode::kStale) {
      Log(LogLevel::kDebug, "conversation moved on; deciding again", {{"error", why.message()}});
    }
  }
}

bool IntakePipeline::OverRateLimit(const storage::IntakeRequest& req, int64_t recent) {
  const storage::MessageRecord& m = req.message;
  if (recent < config_->conversation.rate_limit_messages) return false;
  // A provider's retry of a message already answered gets its first answer, not the apology.
  std::vector<std::string> keys = {m.provider_message_id};
  keys.insert(keys.end(), req.duplicate_if_stored.begin(), req.duplicate_if_stored.end());
  for (const auto& key : keys) {
    if (!store_->TicketOfMessage(m.channel, key).empty()) return false;
  }
  return true;
}

void IntakePipeline::LookUp(const core::InboundMessage& in,
                            const conversation::ConversationState& state,
                            const conversation::ReadText& text, int64_t now,
                            conversation::Facts* facts) {
  using conversation::Command;
  if (text.command == Command::kRelay || text.command == Command::kStatus ||
      text.command == Command::kWithdraw || text.command == Command::kList) {
    facts->cadre = store_->FindCadre(in.channel, in.sender);
  }
  const bool active_cadre = facts->cadre && facts->cadre->active;
  if (text.command == Command::kRelay && !text.relay.phone.empty() && active_cadre) {
    facts->relayed_resident = store_->GetConversation(in.channel, text.relay.phone);
  }
  if (text.command == Command::kStatus || text.command == Command::kWithdraw) {
    facts->named_ticket_input = text.argument.empty() ? state.last_ticket : text.argument;
    ParsedTicket p = ParseTicketNumber(facts->named_ticket_input);
    if (p.status == TicketParse::kOk) facts->named_ticket = store_->GetTicket(p.canonical);
  }
  if (!state.awaiting_ticket.empty() && state.awaiting_until_ms > now) {
    facts->awaited_ticket = store_->GetTicket(state.awaiting_ticket);
  }
  if (text.command == Command::kList) {
    storage::TicketQuery q;
    if (active_cadre) {
      q.relayed_by = facts->cadre->id;
    } else {
      q.reporter_channel = in.channel;
      q.reporter_sender = in.sender;
    }
    q.limit = kListedTickets;
    facts->listed = store_->FindTickets(q);
  }
}

std::optional<classifier::Classification> IntakePipeline::ClassifyComplaint(
    const conversation::ReadText& text, const conversation::Inbound& inbound) {
  using conversation::Command;
  std::string body = conversation::ComplaintText(text);
  bool complaint = text.command == Command::kNone || text.command == Command::kRelay;
  if (!complaint || (body.empty() && !inbound.has_media && !inbound.coordinates)) {
    return std::nullopt;
  }
  classifier::Classification c = classifier_->Get()->Classify(body);
  if (!c.triage && c.agency != classifier::kTriage && !config_->FindAgency(c.agency)) {
    Log(LogLevel::kWarn, "classifier named an agency missing from config; sent to triage",
        {{"agency", c.agency}});
  }
  return c;
}

storage::IntakeFactsQuery IntakePipeline::FactsQuery(
    const core::InboundMessage& in, const std::optional<classifier::Classification>& c,
    int64_t now) const {
  const auto& conv = config_->conversation;
  storage::IntakeFactsQuery q;
  q.channel = in.channel;
  q.sender = in.sender;
  q.messages_since_ms = now - int64_t{conv.rate_limit_window_seconds} * 1000;
  if (c && !c->triage && config_->FindAgency(c->agency)) {
    storage::TicketQuery similar;
    similar.agency = c->agency;
    similar.created_since_ms = now - int64_t{conv.link_window_hours} * 3600 * 1000;
    similar.limit = kSimilarTickets;
    similar.link_fields_only = true;
    q.tickets = similar;
  }
  return q;
}

void IntakePipeline::AddFollowUpPush(const std::string& ticket, const std::string& text,
                                     int64_t now, storage::IntakeRequest* req) {
  // Most cities start without push integrations: then a follow-up reads nothing more.
  bool any_push = std::any_of(config_->agencies.begin(), config_->agencies.end(),
                              [](const AgencyConfig& a) { return !a.push_url.empty(); });
  if (!any_push) return;
  auto t = store_->GetTicket(ticket);
  if (!t) return;
  if (auto push = FollowUpPush(*config_, *t, text, now)) req->outbox.push_back(std::move(*push));
}

core::Result<IntakeOutcome> IntakePipeline::AcceptOnce(const core::InboundMessage& in, int64_t now,
                                                       const JournalPosition& from) {
  namespace cv = conversation;
  const auto& conv = config_->conversation;
  const int64_t dedupe_ms = int64_t{conv.duplicate_window_seconds} * 1000;
  storage::IntakeRequest req;
  req.journal_id = from.journal_id;
  req.journal_seq = from.seq;
  req.message.channel = in.channel;
  req.message.provider_message_id = in.provider_message_id;
  if (in.provider_message_id.empty()) {
    req.message.provider_message_id = ContentKey(in, now, dedupe_ms);
    req.duplicate_if_stored = {ContentKey(in, now - dedupe_ms, dedupe_ms)};
  }
  req.message.sender = in.sender;
  req.message.display_name = in.display_name;
  req.message.text = Truncate(in.text, config_->max_text_chars);
  req.message.details_json = DetailsOf(in).dump(-1, ' ', false, json::error_handler_t::replace);
  req.message.received_at_ms = now;
  req.media = MediaDrafts(in, config_->media, store_);
  if (!in.replay_token.empty()) {
    req.replay_token = in.replay_token;
    req.replay_expires_at_ms = now + kReplayTokenKeepMs;
  }

  // The classification needs the text alone, so it comes first: the agency's recent tickets
  // linking compares are then read with the rate count and the conversation, in one
  // ReadFacts (one round trip to PostgreSQL) instead of three reads. A message that turns out
  // threaded or over the rate limit was classified for nothing; both are rare beside new
  // complaints.
  cv::ReadText text = cv::ReadMessageText(req.message.text);
  cv::Inbound inbound = ToInbound(in, req.message.text, now);
  std::optional<classifier::Classification> c = ClassifyComplaint(text, inbound);
  storage::IntakeFacts read = store_->ReadFacts(FactsQuery(in, c, now));

  cv::Facts facts;
  facts.over_rate_limit = OverRateLimit(req, read.messages_since);
  if (!facts.over_rate_limit) {
    if (std::string thread = FindThread(in); !thread.empty()) {
      req.attach_to_ticket = thread;
      req.reply = FillTemplate(config_->replies.at("followup"), {{"ticket", thread}});
      // An edit is the resident correcting what they sent: amend quietly, no second reply.
      if (!channels::TraitsOf(in.channel).answers_inline && !in.is_edit) {
        req.outbox.push_back(AckRow(in, req.reply, thread));
      }
      AddFollowUpPush(thread, req.message.text, now, &req);
      core::Result<storage::IntakeResult> stored = store_->Intake(req);
      if (!stored.ok()) return stored.status();
      const storage::IntakeResult& r = stored.value();
      IntakeOutcome out;
      out.ticket = r.ticket_id;
      out.duplicate = r.duplicate;
      out.reply = r.reply;
      out.replayed = r.replayed;
      out.queued_outbox = !req.outbox.empty() && !r.duplicate && !r.replayed;
      return out;
    }
  }

  const std::optional<storage::ConversationRecord>& stored = read.conversation;
  cv::ConversationState state =
      stored ? cv::StateFromJson(stored->state_json) : cv::ConversationState{};
  if (!facts.over_rate_limit) {
    LookUp(in, state, text, now, &facts);
    facts.similar = std::move(read.tickets);
    facts.similar_keys.reserve(facts.similar.size());
    for (const auto& t : facts.similar) facts.similar_keys.push_back(link_keys_.Get(t));
  }
  facts.candidate_ticket_id = NewTicketNumber();

  cv::Decision d = cv::Decide(state, inbound, text, facts, c ? &*c : nullptr, *config_);
  if (!d.store_message) {
    IntakeOutcome limited;
    limited.reply = d.reply;
    limited.rate_limited = true;
    return limited;
  }

  req.ticket = d.new_ticket;
  if (req.ticket) {
    // Notifications sent later thread under this first message, as the acknowledgement does.
    json details = json::parse(req.ticket->details_json, nullptr, false);
    if (!details.is_object()) details = json::object();
    details["thread"] = ThreadOf(in);
    req.ticket->details_json = details.dump(-1, ' ', false, json::error_handler_t::replace);
  }
  if (req.ticket && c) {
    req.ticket->classification_json = ClassificationText(*c);
  }
  req.attach_to_ticket = d.attach_to;
  req.reply = d.reply;
  req.ticket_changes = d.changes;
  if (!stored || d.next != state) {
    storage::ConversationWrite own;
    own.record.channel = in.channel;
    own.record.sender = in.sender;
    own.record.state_json = cv::StateToJson(d.next);
    own.expect_version = stored ? stored->version : 0;
    req.conversations.push_back(std::move(own));
  }
  for (auto& w : d.other_conversations) req.conversations.push_back(std::move(w));
  // The generic channel answers in the HTTP response; every provider gets an outbox row,
  // written in the same transaction so an acknowledged message always has its reply.
  std::string about = d.new_ticket ? d.new_ticket->id : d.attach_to;
  if (!channels::TraitsOf(in.channel).answers_inline && !d.reply.empty()) {
    storage::OutboxDraft row = AckRow(in, d.reply, about);
    if (!d.new_ticket) row.kind = core::OutboxKind::kReply;
    req.outbox.push_back(std::move(row));
  }
  for (const auto& o : d.others) {
    req.outbox.push_back({o.channel, o.recipient, o.kind, o.body, "{}"});
  }
  // Agencies with a push URL hear of new routed tickets and of residents' follow-ups in the
  // same transaction.
  if (d.new_ticket) {
    storage::TicketRecord pushed = *req.ticket;
    pushed.created_at_ms = pushed.updated_at_ms = now;
    if (auto push = AgencyPush(*config_, pushed)) req.outbox.push_back(std::move(*push));
    // An urgent complaint skips triage; the operator hears of it at once, in the same
    // transaction, so a fire or a flood is never only in a queue.
    if (req.ticket->urgent && !config_->sla.operator_channel.empty() &&
        !config_->sla.operator_address.empty()) {
      storage::OutboxDraft tell;
      tell.channel = config_->sla.operator_channel;
      tell.recipient = config_->sla.operator_address;
      tell.kind = core::OutboxKind::kUrgent;
      tell.body = "Aduan DARURAT " + req.ticket->id + " diteruskan ke " + req.ticket->agency +
                  (c && c->urgent_override ? " (dipilih otomatis karena darurat)." : ".");
      req.outbox.push_back(std::move(tell));
    }
  } else if (!d.attach_to.empty()) {
    AddFollowUpPush(d.attach_to, req.message.text, now, &req);
  }
  core::Result<storage::IntakeResult> written = store_->Intake(req);
  if (!written.ok()) return written.status();
  const storage::IntakeResult& r = written.value();
  IntakeOutcome out;
  out.ticket = r.ticket_id;
  out.duplicate = r.duplicate;
  out.reply = r.reply;
  out.rate_limited = d.rate_limited && !r.duplicate;
  out.replayed = r.replayed;
  out.queued_outbox = !req.outbox.empty() && !r.duplicate && !r.replayed;
  if (req.ticket && !r.duplicate && !r.replayed) out.agency = req.ticket->agency;
  return out;
}

}  // namespace aduan::gateway
