#include "gateway/tickets/sla.h"

namespace aduan::gateway {

SlaDeadline CurrentDeadline(const storage::TicketRecord& t, const GatewayConfig& config) {
  const WorkingCalendar& cal = config.sla.calendar;
  const AgencyConfig* agency = config.FindAgency(t.agency);
  const SlaTargets& targets = agency ? agency->sla : config.sla.defaults;
  if (t.status == core::TicketStatus::kTriage) {
    return {SlaTarget::kRoute, cal.AddWorkingDays(t.created_at_ms, config.sla.defaults.route_days)};
  }
  if (t.status == core::TicketStatus::kRouted && t.first_response_at_ms == 0) {
    int64_t routed = t.routed_at_ms ? t.routed_at_ms : t.created_at_ms;
    return {SlaTarget::kFirstResponse, cal.AddWorkingDays(routed, targets.response_days)};
  }
  if (t.status == core::TicketStatus::kResolved) {
    int64_t last = t.last_response_at_ms ? t.last_response_at_ms : t.updated_at_ms;
    return {SlaTarget::kAutoClose, cal.AddWorkingDays(last, targets.auto_close_days)};
  }
  return {};
}

int DueEscalationLevel(const SlaDeadline& d, const GatewayConfig& config, int64_t now_ms) {
  if (d.target != SlaTarget::kRoute && d.target != SlaTarget::kFirstResponse) return 0;
  if (now_ms < d.due_at_ms) return 0;
  // An unrouted ticket has no agency to chase: the triage desk is the operator's own.
  if (d.target == SlaTarget::kRoute) return kEscalatedToOperator;
  const auto& steps = config.sla.escalation_after_days;
  int level = 0;
  for (size_t i = 0; i < steps.size(); ++i) {
    // d.due_at_ms is the midnight that starts the first late day; count from the day before.
    if (now_ms >= config.sla.calendar.AddWorkingDays(d.due_at_ms - 1, steps[i])) {
      level = static_cast<int>(i) + 1;
    }
  }
  return level;
}

std::string EscalationTargetName(const storage::TicketRecord& t, int level,
                                 const GatewayConfig& config) {
  const AgencyConfig* agency = config.FindAgency(t.agency);
  switch (level) {
    case kEscalatedToAgency:
      return "agency " + t.agency;
    case kEscalatedToInspektorat:
      return agency && !agency->inspektorat.empty()
                 ? agency->inspektorat
                 : "Inspektorat (none configured for " + t.agency + ")";
    case kEscalatedToOperator:
      return "operator";
    default:
      return "nobody";
  }
}

std::string SlaTargetName(SlaTarget target) {
  switch (target) {
    case SlaTarget::kRoute:
      return "route";
    case SlaTarget::kFirstResponse:
      return "first_response";
    case SlaTarget::kAutoClose:
      return "auto_close";
    case SlaTarget::kNone:
      break;
  }
  return "none";
}

}  // namespace aduan::gateway
