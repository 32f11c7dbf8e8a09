#include "core/ticket.h"

#include <array>
#include <stdexcept>
#include <utility>

namespace aduan::core {
namespace {

constexpr std::array<std::pair<TicketStatus, std::string_view>, 8> kStatusNames = {{
    {TicketStatus::kReceived, "received"},
    {TicketStatus::kTriage, "triage"},
    {TicketStatus::kRouted, "routed"},
    {TicketStatus::kInProgress, "in_progress"},
    {TicketStatus::kResolved, "resolved"},
    {TicketStatus::kRejected, "rejected"},
    {TicketStatus::kClosed, "closed"},
    {TicketStatus::kWithdrawn, "withdrawn"},
}};

constexpr std::array<std::pair<OutboxKind, std::string_view>, 7> kKindNames = {{
    {OutboxKind::kAck, "ack"},
    {OutboxKind::kReply, "reply"},
    {OutboxKind::kNotify, "notify"},
    {OutboxKind::kPush, "push"},
    {OutboxKind::kEscalation, "escalation"},
    {OutboxKind::kUrgent, "urgent"},
    {OutboxKind::kConsent, "consent"},
}};

template <typename Enum, size_t N>
std::string_view NameIn(const std::array<std::pair<Enum, std::string_view>, N>& names, Enum e) {
  for (const auto& [value, name] : names) {
    if (value == e) return name;
  }
  return "unknown";
}

template <typename Enum, size_t N>
std::optional<Enum> ParseIn(const std::array<std::pair<Enum, std::string_view>, N>& names,
                            std::string_view text) {
  for (const auto& [value, name] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view Name(TicketStatus status) { return NameIn(kStatusNames, status); }
std::optional<TicketStatus> ParseTicketStatus(std::string_view name) {
  return ParseIn(kStatusNames, name);
}

bool IsOpen(TicketStatus status) {
  return status == TicketStatus::kReceived || status == TicketStatus::kTriage ||
         status == TicketStatus::kRouted || status == TicketStatus::kInProgress;
}

std::string_view Name(OutboxKind kind) { return NameIn(kKindNames, kind); }
std::optional<OutboxKind> ParseOutboxKind(std::string_view name) {
  return ParseIn(kKindNames, name);
}

void to_json(nlohmann::json& j, TicketStatus status) { j = std::string(Name(status)); }
void from_json(const nlohmann::json& j, TicketStatus& status) {
  auto parsed = ParseTicketStatus(j.get<std::string>());
  if (!parsed) throw std::invalid_argument("unknown ticket status '" + j.get<std::string>() + "'");
  status = *parsed;
}
void to_json(nlohmann::json& j, OutboxKind kind) { j = std::string(Name(kind)); }
void from_json(const nlohmann::json& j, OutboxKind& kind) {
  auto parsed = ParseOutboxKind(j.get<std::string>());
  if (!parsed) throw std::invalid_argument("unknown outbox kind '" + j.get<std::string>() + "'");
  kind = *parsed;
}

}  // namespace aduan::core
