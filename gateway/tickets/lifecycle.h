// The ticket lifecycle: which change is legal from which status, for whom, and what
// it writes. Pure policy: Decide() reads a ticket and returns the change; ApplyLifecycle()
// stores it with the resident's notification and the agency push in one transaction.
//
//   received -> routed | triage -> in_progress -> resolved | rejected -> (closed)
//   routed/in_progress --not_our_authority--> triage (the agency's reason kept for the desk)
//   any open ticket --reroute--> routed at another agency;  resolved/rejected/closed --reopen-->
//   triage --rejected (operator only: not a complaint)--> rejected
#ifndef ADUAN_GATEWAY_LIFECYCLE_H_
#define ADUAN_GATEWAY_LIFECYCLE_H_

#include <optional>
#include <string>

#include "core/event.h"
#include "core/status.h"
#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "storage/store.h"

namespace aduan::gateway {

// Who acts is a core::Actor (core/event.h): an agency sees only its own tickets; the operator
// may do everything; the person named in it is written into the ticket's history.
using core::Actor;

struct LifecycleAction {
  // "in_progress", "resolved", "rejected", "not_our_authority", "reroute", "reopen", "close",
  // "reply" (a public note to the resident; the status stays)
  std::string action;
  std::string agency;  // reroute: the agency it goes to
  std::string note;    // told to the resident on public changes; the reason on internal ones
  std::string internal_note;
  // When not 0: act only if the ticket still has this version (the one a person saw on the
  // page); otherwise ApplyLifecycle refuses as stale instead of deciding again.
  int64_t expect_version = 0;
};

struct LifecycleDecision {
  // ok, or the refusal: invalid (missing note, unknown agency), forbidden (not this actor's
  // action), not_found (another agency's ticket), conflict (illegal transition, same agency).
  core::Status status;
  storage::TicketChange change;  // expect_version, status, agency, queue, event; no outbox
  bool public_change = false;    // the resident is told
  std::string public_note;
};

// What `action` by `who` does to `ticket` at `now_ms`. Another agency's ticket is 404.
LifecycleDecision Decide(const storage::TicketRecord& ticket, const Actor& who,
                         const LifecycleAction& action, const GatewayConfig& config,
                         int64_t now_ms);

// Reads the ticket, decides, and stores the change with its outbox rows; a concurrent change
// to the same ticket makes it read and decide again. The result is the ticket after the change,
// with events, or Decide's refusal, not_found, stale (expect_version no longer current) or
// conflict (kept changing). Throws storage::StoreError when the store fails.
core::Result<storage::TicketRecord> ApplyLifecycle(const GatewayConfig& config,
                                                   storage::TicketStore& store,
                                                   const std::string& ticket_id, const Actor& who,
                                                   const LifecycleAction& action, int64_t now_ms);

// The ticket as it will be after `change`, for the bodies of notifications and pushes.
storage::TicketRecord AfterChange(const storage::TicketRecord& before,
                                  const storage::TicketChange& change);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_LIFECYCLE_H_
