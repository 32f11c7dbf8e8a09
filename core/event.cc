#include "core/event.h"

#include <array>
#include <stdexcept>
#include <utility>

namespace aduan::core {
namespace {

constexpr std::array<std::pair<EventKind, std::string_view>, 14> kEventNames = {{
    {EventKind::kCreated, "created"},
    {EventKind::kResidentMessage, "resident_message"},
    {EventKind::kAcked, "acked"},
    {EventKind::kStatus, "status"},
    {EventKind::kReply, "reply"},
    {EventKind::kRouted, "routed"},
    {EventKind::kReroute, "reroute"},
    {EventKind::kNotOurAuthority, "not_our_authority"},
    {EventKind::kReopen, "reopen"},
    {EventKind::kClosed, "closed"},
    {EventKind::kEscalation, "escalation"},
    {EventKind::kConsentGiven, "consent_given"},
    {EventKind::kConsentRefused, "consent_refused"},
    {EventKind::kWithdrawn, "withdrawn"},
}};

constexpr std::string_view kSystem = "system";
constexpr std::string_view kResident = "resident";
constexpr std::string_view kOperator = "operator";
constexpr std::string_view kAgencyPrefix = "agency:";

// Splits "head (person)" into head and person; a text without " (" is all head.
std::optional<std::pair<std::string_view, std::string_view>> SplitPerson(std::string_view text) {
  size_t open = text.find(" (");
  if (open == std::string_view::npos) return std::make_pair(text, std::string_view());
  if (text.back() != ')') return std::nullopt;
  std::string_view person = text.substr(open + 2, text.size() - open - 3);
  if (person.empty()) return std::nullopt;
  return std::make_pair(text.substr(0, open), person);
}

}  // namespace

std::string_view Name(EventKind kind) {
  for (const auto& [value, name] : kEventNames) {
    if (value == kind) return name;
  }
  return "unknown";
}

std::optional<EventKind> ParseEventKind(std::string_view name) {
  for (const auto& [value, text] : kEventNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

std::string Actor::Name() const {
  std::string out;
  switch (kind) {
    case ActorKind::kSystem:
      return std::string(kSystem);
    case ActorKind::kResident:
      return std::string(kResident);
    case ActorKind::kOperator:
      out = kOperator;
      break;
    case ActorKind::kAgency:
      out = kAgencyPrefix;
      out += agency;
      break;
  }
  if (!person.empty()) {
    out += " (";
    out += person;
    out += ')';
  }
  return out;
}

std::optional<Actor> ParseActor(std::string_view text) {
  if (text == kSystem) return Actor::System();
  if (text == kResident) return Actor::Resident();
  auto split = SplitPerson(text);
  if (!split) return std::nullopt;
  auto [head, person] = *split;
  if (head == kOperator) return Actor::Operator(std::string(person));
  if (head.substr(0, kAgencyPrefix.size()) == kAgencyPrefix && head.size() > kAgencyPrefix.size()) {
    return Actor::Agency(std::string(head.substr(kAgencyPrefix.size())), std::string(person));
  }
  return std::nullopt;
}

void to_json(nlohmann::json& j, EventKind kind) { j = std::string(Name(kind)); }
void from_json(const nlohmann::json& j, EventKind& kind) {
  auto parsed = ParseEventKind(j.get<std::string>());
  if (!parsed) throw std::invalid_argument("unknown event kind '" + j.get<std::string>() + "'");
  kind = *parsed;
}
void to_json(nlohmann::json& j, const Actor& actor) { j = actor.Name(); }
void from_json(const nlohmann::json& j, Actor& actor) {
  auto parsed = ParseActor(j.get<std::string>());
  if (!parsed) throw std::invalid_argument("unknown actor '" + j.get<std::string>() + "'");
  actor = std::move(*parsed);
}

}  // namespace aduan::core
