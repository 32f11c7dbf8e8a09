// The conversation: what aduan does with one message, given what it remembers about the
// sender. A pure function of (state, message, facts, classification) -> (new state, actions):
// no storage, no clock, no HTTP, so every behaviour is a unit test. The intake pipeline looks
// the facts up first, then executes the decision in one store transaction.
#ifndef ADUAN_GATEWAY_CONVERSATION_CONVERSATION_H_
#define ADUAN_GATEWAY_CONVERSATION_CONVERSATION_H_

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "gateway/common/config.h"
#include "gateway/intake/conversation/message_text.h"
#include "gateway/intake/conversation/place.h"
#include "gateway/intake/conversation/state.h"
#include "storage/records.h"

namespace aduan::gateway::conversation {

// The message as the conversation sees it.
struct Inbound {
  std::string channel;
  std::string sender;
  std::string reply_address;  // where replies go (Telegram chat, email Reply-To), or ""
  std::string display_name;
  std::string text;
  bool has_media = false;  // a photo, video or document (a sticker is not evidence)
  std::optional<Coordinates> coordinates;
  std::string location_label;  // a shared venue's name and address, when any
  int64_t now_ms = 0;
};

// What the pipeline looked up before deciding. Which facts are needed follows from
// ReadMessageText() and the state (see NeedsNamedTicket and friends in intake.cc).
struct Facts {
  std::optional<storage::CadreRecord> cadre;            // the sender, when registered
  std::string named_ticket_input;                       // kStatus/kWithdraw argument as typed
  std::optional<storage::TicketRecord> named_ticket;    // that ticket, when it exists
  std::optional<storage::TicketRecord> awaited_ticket;  // state.awaiting_ticket, when set
  std::vector<storage::TicketRecord> listed;            // DAFTAR: the sender's/cadre's tickets
  // Recent tickets of the classified agency, with only the fields linking compares
  // (TicketQuery::link_fields_only).
  std::vector<storage::TicketRecord> similar;
  // The link key of each of `similar`, by position, when the pipeline kept them from earlier
  // messages; a key missing here (or null) is built from the ticket.
  std::vector<std::shared_ptr<const LinkKey>> similar_keys;
  // A cadre's relay with the resident's phone: that resident's own conversation (nullopt when
  // they never wrote), which the consent question is added to.
  std::optional<storage::ConversationRecord> relayed_resident;
  bool over_rate_limit = false;
  std::string candidate_ticket_id;  // the id a new ticket gets (drawn by the pipeline)
};

// A message to someone other than the sender (the resident a cadre reported for).
struct OtherMessage {
  std::string channel;
  std::string recipient;
  core::OutboxKind kind = core::OutboxKind::kConsent;
  std::string body;
};

struct Decision {
  ConversationState next;
  std::string reply;  // to the sender; "" sends nothing

  std::optional<storage::TicketRecord> new_ticket;  // complete except events
  std::string attach_to;                            // the message adds to this ticket instead
  std::vector<storage::TicketChange> changes;
  std::vector<OtherMessage> others;
  // The relayed resident's conversation, guarded by the version read into Facts.
  std::vector<storage::ConversationWrite> other_conversations;

  bool rate_limited = false;  // the generic webhook answers 429
  bool store_message = true;  // false: over the limit again; nothing is written
};

// `classification` is null unless the text is a complaint (kNone or kRelay with text); then
// it is the classifier's verdict on Facts' complaint body.
Decision Decide(const ConversationState& state, const Inbound& message, const ReadText& text,
                const Facts& facts, const classifier::Classification* classification,
                const GatewayConfig& config);

// The text a complaint's ticket stores and the classifier reads: a relay's complaint part,
// else the message without privacy keywords.
std::string ComplaintText(const ReadText& text);

// A status in the resident's words ("sedang ditangani"), from the reply templates.
std::string StatusInWords(core::TicketStatus status, const GatewayConfig& config);

}  // namespace aduan::gateway::conversation

#endif  // ADUAN_GATEWAY_CONVERSATION_CONVERSATION_H_
