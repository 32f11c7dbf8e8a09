// What aduan remembers about one (channel, sender) between messages. It is stored as JSON in
// the Store (never in process memory), so a restart or a second gateway continues the same
// conversation.
#ifndef ADUAN_GATEWAY_CONVERSATION_STATE_H_
#define ADUAN_GATEWAY_CONVERSATION_STATE_H_

#include <cstdint>
#include <string>

namespace aduan::gateway::conversation {

struct ConversationState {
  // The sender's latest complaint: photos and text soon after join it; the same text again is
  // the same complaint.
  std::string last_ticket;
  int64_t last_ticket_at_ms = 0;
  std::string last_text_key;  // KeyOfText() of that complaint
  // The agency that complaint went to ("" when unknown or TRIAGE): a complete complaint for a
  // different agency inside the follow-up window is a new ticket, not a follow-up.
  std::string last_agency;

  // A question aduan asked and is waiting for: "location" (where is it?) or "consent" (a
  // cadre reported for this person: YA/TIDAK), about `awaiting_ticket`, until the deadline.
  std::string awaiting;
  std::string awaiting_ticket;
  int64_t awaiting_until_ms = 0;

  // The rate-limit apology was sent; none again before this time.
  int64_t rate_notice_until_ms = 0;

  bool operator==(const ConversationState&) const = default;
};

std::string StateToJson(const ConversationState& state);
// Unknown or broken JSON reads as a fresh conversation: a conversation must never wedge.
ConversationState StateFromJson(const std::string& json);

// A comparison key for "the same text": case, spacing and punctuation ignored.
std::string KeyOfText(const std::string& text);

}  // namespace aduan::gateway::conversation

#endif  // ADUAN_GATEWAY_CONVERSATION_STATE_H_
