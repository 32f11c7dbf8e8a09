#include "gateway/intake.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "gateway/api_keys.h"
#include "gateway/log.h"
#include "gateway/ticket_json.h"
#include "gateway/ticket_number.h"
#include "gateway/ticket_outbox.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

constexpr int kTicketIdAttempts = 8;
constexpr int64_t kContentDedupeWindowMs = 10 * 60 * 1000;

json DetailsOf(const channels::InboundMessage& m) {
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
  size_t chars = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (chars == max_chars) return text.substr(0, i);
      ++chars;
    }
  }
  return text;
}

storage::OutboxDraft AckRow(const channels::InboundMessage& in, const std::string& body,
                            const std::string& ticket) {
  storage::OutboxDraft ack;
  ack.channel = in.channel;
  ack.recipient = in.reply_address.empty() ? in.sender : in.reply_address;
  ack.kind = "ack";
  ack.body = body;
  json details = {{"in_reply_to", in.provider_message_id}};
  if (!in.subject.empty() || in.channel == "mailgun" || in.channel == "sendgrid") {
    // Email clients thread on headers, but people read subjects: keep theirs and tag ours.
    std::string subject = in.subject.empty() ? "Aduan" : in.subject;
    if (subject.rfind("Re:", 0) != 0 && subject.rfind("RE:", 0) != 0) subject = "Re: " + subject;
    if (subject.find(ticket) == std::string::npos) subject += " [" + ticket + "]";
    details["subject"] = subject;
  }
  ack.details_json = details.dump(-1, ' ', false, json::error_handler_t::replace);
  return ack;
}

}  // namespace

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FillTemplate(const std::string& tmpl,
                         const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      auto close = tmpl.find('}', i);
      if (close != std::string::npos) {
        std::string name = tmpl.substr(i + 1, close - i - 1);
        bool filled = false;
        for (const auto& [key, value] : fields) {
          if (key == name) {
            out += value;
            filled = true;
            break;
          }
        }
        if (filled) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(tmpl[i++]);
  }
  return out;
}

IntakePipeline::IntakePipeline(const GatewayConfig* config, storage::Store* store,
                               ClassifierHandle* classifier, Clock clock)
    : config_(config), store_(store), classifier_(classifier), clock_(std::move(clock)) {}

std::string IntakePipeline::ContentKey(const channels::InboundMessage& m, int64_t now_ms,
                                       int64_t window_ms) {
  std::string material = m.sender + '\x1f' + m.text;
  for (const auto& media : m.media) material += '\x1f' + media.reference;
  return "h:" + Sha256Hex(material).substr(0, 32) + ":" + std::to_string(now_ms / window_ms);
}

std::string IntakePipeline::RenderAck(const std::string& ticket, const std::string& agency,
                                      bool triage, bool urgent) const {
  const AgencyConfig* a = config_->FindAgency(agency);
  std::string name = a ? a->name : agency;
  const std::string& tmpl = config_->replies.at(triage ? "ack_triage" : "ack");
  std::string reply = FillTemplate(tmpl, {{"ticket", ticket}, {"agency", name}});
  if (urgent) reply += " " + config_->replies.at("urgent_note");
  return reply;
}

std::string IntakePipeline::FindThread(const channels::InboundMessage& in) {
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

IntakeOutcome IntakePipeline::Accept(const channels::InboundMessage& in) {
  const int64_t now = clock_();
  storage::IntakeRequest req;
  req.message.channel = in.channel;
  req.message.provider_message_id = in.provider_message_id;
  if (in.provider_message_id.empty()) {
    req.message.provider_message_id = ContentKey(in, now, kContentDedupeWindowMs);
    req.duplicate_if_stored = {
        ContentKey(in, now - kContentDedupeWindowMs, kContentDedupeWindowMs)};
  }
  req.message.sender = in.sender;
  req.message.display_name = in.display_name;
  req.message.text = Truncate(in.text, config_->max_text_chars);
  req.message.details_json = DetailsOf(in).dump(-1, ' ', false, json::error_handler_t::replace);
  req.message.received_at_ms = now;

  if (std::string thread = FindThread(in); !thread.empty()) {
    req.attach_to_ticket = thread;
    req.reply = FillTemplate(config_->replies.at("followup"), {{"ticket", thread}});
    // An edit is the resident correcting what they sent: amend quietly, no second reply.
    if (in.channel != "generic" && !in.is_edit) req.outbox.push_back(AckRow(in, req.reply, thread));
    if (auto t = store_->GetTicket(thread)) {  // push agencies hear follow-ups too (issue 6)
      if (auto push = FollowUpPush(*config_, *t, req.message.text, now)) {
        req.outbox.push_back(std::move(*push));
      }
    }
    storage::IntakeResult r = store_->Intake(req);
    return IntakeOutcome{r.ticket_id, r.duplicate, r.reply};
  }

  auto classifier = classifier_->Get();
  classifier::Classification c = classifier->Classify(req.message.text);
  bool triage = c.triage || !config_->FindAgency(c.agency) || c.agency == classifier::kTriage;
  if (triage && c.agency != classifier::kTriage && !c.triage) {
    Log(LogLevel::kWarn, "classifier named an agency missing from config; sent to triage",
        {{"agency", c.agency}});
  }

  storage::TicketRecord t;
  t.status = triage ? "triage" : "routed";
  t.agency = triage ? std::string(classifier::kTriage) : c.agency;
  t.agency_score = c.agency_score;
  t.maladministration = c.maladministration;
  t.urgent = c.urgent;
  t.classification_json =
      ClassificationJson(c).dump(-1, ' ', false, json::error_handler_t::replace);
  t.text = req.message.text;
  t.channel = in.channel;
  t.reporter_sender = in.sender;
  t.reporter_name = in.display_name;

  for (int attempt = 1;; ++attempt) {
    t.id = NewTicketNumber();
    req.ticket = t;
    req.reply = RenderAck(t.id, t.agency, triage, t.urgent);
    req.outbox.clear();
    // The generic channel answers in the HTTP response; every provider gets an outbox row,
    // written in the same transaction so an acknowledged message always has its reply.
    if (in.channel != "generic") req.outbox.push_back(AckRow(in, req.reply, t.id));
    // An agency with a push URL gets the new ticket in the same transaction (issue 6).
    storage::TicketRecord stored = t;
    stored.created_at_ms = stored.updated_at_ms = now;
    if (auto push = AgencyPush(*config_, stored)) req.outbox.push_back(std::move(*push));
    try {
      storage::IntakeResult r = store_->Intake(req);
      return IntakeOutcome{r.ticket_id, r.duplicate, r.reply};
    } catch (const storage::TicketIdTaken&) {
      if (attempt == kTicketIdAttempts) throw;
    }
  }
}

}  // namespace aduan::gateway
