// The outbox rows a ticket change writes beside itself: the resident's notification
// of a public change and the push of a newly routed ticket to its agency. Pure functions of
// config and the ticket's state after the change; the caller stores them in the change's
// transaction, so a change and its messages are durable together or not at all.
#ifndef ADUAN_GATEWAY_TICKET_OUTBOX_H_
#define ADUAN_GATEWAY_TICKET_OUTBOX_H_

#include <optional>
#include <string>
#include <vector>

#include "gateway/common/config.h"
#include "storage/records.h"

namespace aduan::gateway {

// Agency pushes are outbox rows of kind core::OutboxKind::kPush; the dispatcher sends them by
// kind, never by channel. The channel column still needs a value, and this one says what it
// is to an operator reading the table; the row's recipient is the push URL.
inline constexpr char kPushChannel[] = "agency_push";

// "status_changed" rows for every recipient of `after` (see recipients.h). `public_note` is
// what the agency or operator chose to tell the resident.
std::vector<storage::OutboxDraft> ResidentNotifications(const GatewayConfig& config,
                                                        const storage::TicketRecord& after,
                                                        const std::string& public_note);

// A push of `after` (version included, so the agency can drop repeats) when its agency has a
// push URL; nullopt otherwise. The body is the agency view: never a confidential reporter.
std::optional<storage::OutboxDraft> AgencyPush(const GatewayConfig& config,
                                               const storage::TicketRecord& after);

// A push of the resident's follow-up `text` on `ticket` ("ticket.message") when the ticket is
// with an agency that has a push URL: agencies that only receive pushes would otherwise never
// hear it. nullopt otherwise.
std::optional<storage::OutboxDraft> FollowUpPush(const GatewayConfig& config,
                                                 const storage::TicketRecord& ticket,
                                                 const std::string& text, int64_t at_ms);

// The environment variable holding an agency's push secret: ADUAN_PUSH_SECRET_<CODE>.
std::string PushSecretVariable(const std::string& agency);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_TICKET_OUTBOX_H_
