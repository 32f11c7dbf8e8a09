// The words of the ticket domain, as enums rather than strings scattered through the code:
// where a ticket stands (TicketStatus) and what an outbox row carries (OutboxKind). Storage
// keeps their Name() in its text columns and JSON carries the same names, so the database and
// the API read as before; Parse*() is how text from either comes back in.
#ifndef ADUAN_CORE_TICKET_H_
#define ADUAN_CORE_TICKET_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace aduan::core {

//   received -> routed | triage -> in_progress -> resolved | rejected -> closed
//   withdrawn: the resident took it back.
enum class TicketStatus {
  kReceived,
  kTriage,
  kRouted,
  kInProgress,
  kResolved,
  kRejected,
  kClosed,
  kWithdrawn,
};

std::string_view Name(TicketStatus status);
std::optional<TicketStatus> ParseTicketStatus(std::string_view name);
// Still with an agency or the desk: a resident's follow-up joins it; the SLA clock runs.
bool IsOpen(TicketStatus status);

// What an outbox row is for; kPush rows go to an agency's push URL, every other kind to a
// resident through the ticket's channel.
enum class OutboxKind {
  kAck,         // the first answer to a new complaint
  kReply,       // the conversation's answer to a later message
  kNotify,      // a status change told to the resident
  kPush,        // the ticket, signed, to the agency's own system
  kEscalation,  // an overdue ticket, told to the operator
  kUrgent,      // an urgent complaint, told to the operator at intake
  kConsent,     // a relayed resident asked to confirm a cadre's report
};

std::string_view Name(OutboxKind kind);
std::optional<OutboxKind> ParseOutboxKind(std::string_view name);

// Streams (logs, test failure messages) print the names too.
inline std::ostream& operator<<(std::ostream& os, TicketStatus s) { return os << Name(s); }
inline std::ostream& operator<<(std::ostream& os, OutboxKind k) { return os << Name(k); }

// JSON carries the names, never the enum's numbers.
void to_json(nlohmann::json& j, TicketStatus status);
void from_json(const nlohmann::json& j, TicketStatus& status);
void to_json(nlohmann::json& j, OutboxKind kind);
void from_json(const nlohmann::json& j, OutboxKind& kind);

}  // namespace aduan::core

#endif  // ADUAN_CORE_TICKET_H_
