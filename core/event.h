// The words of a ticket's history, as values rather than strings scattered through the code:
// what happened (EventKind) and who did it (Actor). Storage keeps their Name() in the text
// columns of ticket_events and JSON carries the same names, so the database and the API read
// exactly as before; Parse*() is how text from either comes back in, and text it does not know
// is nullopt (a reader decides whether that is an error; storage says it is).
#ifndef ADUAN_CORE_EVENT_H_
#define ADUAN_CORE_EVENT_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace aduan::core {

enum class EventKind {
  kCreated,          // the ticket was stored at intake
  kResidentMessage,  // the resident wrote more about an open ticket (public_note holds it)
  kAcked,            // an agency took it off its queue
  kStatus,           // an agency or the desk answered: in_progress, resolved, rejected
  kReply,            // a public note to the resident; the status stays
  kRouted,           // the desk sent a triage ticket to an agency
  kReroute,          // moved from one agency to another
  kNotOurAuthority,  // an agency gave it back to the desk (the reason is the internal note)
  kReopen,           // a finished ticket opened again
  kClosed,           // a finished ticket closed for good
  kEscalation,       // overdue: the SLA scanner raised it
  kConsentGiven,     // a relayed resident confirmed the cadre's report
  kConsentRefused,   // ... or refused it
  kWithdrawn,        // the resident took the complaint back
};

std::string_view Name(EventKind kind);
std::optional<EventKind> ParseEventKind(std::string_view name);

enum class ActorKind {
  kSystem,    // the gateway itself (intake, the SLA scanner)
  kResident,  // the person who complained, through their channel
  kOperator,  // the complaint desk
  kAgency,    // an agency (OPD), by API key or through the web inbox
};

// Who made an event. The text form is what the ticket_events.actor column and the API hold:
//   "system", "resident", "operator", "agency:PUPR", and with a signed-in person of the web
//   inbox named: "operator (Rina)", "agency:PUPR (Budi Santoso)".
// ParseActor(a.Name()) == a for every actor whose agency code has no " (" (codes are
// upper-case letters and digits).
struct Actor {
  ActorKind kind = ActorKind::kSystem;
  std::string agency;  // kAgency: its code; empty otherwise
  std::string person;  // kOperator, kAgency: the signed-in person acting, or "" (an API key)

  static Actor System() { return {}; }
  static Actor Resident() { return {ActorKind::kResident, "", ""}; }
  static Actor Operator(std::string person = "") {
    return {ActorKind::kOperator, "", std::move(person)};
  }
  static Actor Agency(std::string code, std::string person = "") {
    return {ActorKind::kAgency, std::move(code), std::move(person)};
  }

  std::string Name() const;
  bool operator==(const Actor&) const = default;
};

// nullopt for text that names no actor: an unknown word, "agency:" without a code, a person
// given to the system or a resident, an unclosed "(".
std::optional<Actor> ParseActor(std::string_view text);

inline std::ostream& operator<<(std::ostream& os, EventKind k) { return os << Name(k); }
inline std::ostream& operator<<(std::ostream& os, const Actor& a) { return os << a.Name(); }

// JSON carries the names, never the enum's numbers.
void to_json(nlohmann::json& j, EventKind kind);
void from_json(const nlohmann::json& j, EventKind& kind);
void to_json(nlohmann::json& j, const Actor& actor);
void from_json(const nlohmann::json& j, Actor& actor);

}  // namespace aduan::core

#endif  // ADUAN_CORE_EVENT_H_
