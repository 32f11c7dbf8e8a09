// Service-level targets: which deadline a ticket is running against and how far
// along the escalation chain it should be. Pure functions of config, the ticket and a time;
// the scanner (sla_scanner.h) acts on them.
//
//   triage              -> routed within route_days of arrival         (chain: the operator)
//   routed, no response -> first agency response within response_days  (agency, Inspektorat,
//                                                                          operator)
//   resolved            -> closed auto_close_days after the last response, unless the resident
//                          wrote after it (an objection)
#ifndef ADUAN_GATEWAY_SLA_H_
#define ADUAN_GATEWAY_SLA_H_

#include <cstdint>
#include <string>

#include "gateway/common/config.h"
#include "storage/records.h"

namespace aduan::gateway {

enum class SlaTarget { kNone, kRoute, kFirstResponse, kAutoClose };

struct SlaDeadline {
  SlaTarget target = SlaTarget::kNone;
  int64_t due_at_ms = 0;
};

// Escalation levels: how far up the chain a ticket has gone.
inline constexpr int kEscalatedToAgency = 1;
inline constexpr int kEscalatedToInspektorat = 2;
inline constexpr int kEscalatedToOperator = 3;

SlaDeadline CurrentDeadline(const storage::TicketRecord& ticket, const GatewayConfig& config);

// The escalation level `ticket` should have at `now_ms` for `deadline` (0 = not overdue).
int DueEscalationLevel(const SlaDeadline& deadline, const GatewayConfig& config, int64_t now_ms);

// Who a level means, for event notes and exports: "agency PUPR", "Inspektorat Daerah", ...
std::string EscalationTargetName(const storage::TicketRecord& ticket, int level,
                                 const GatewayConfig& config);

std::string SlaTargetName(SlaTarget target);  // "route", "first_response", "auto_close"

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_SLA_H_
