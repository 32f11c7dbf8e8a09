// How a ticket looks on the wire. There are two views and no other way out of the building:
// the agency view (everything an agency may know; never a phone number or email address,
// never a confidential reporter's name) and the public view (status and agency only).
#ifndef ADUAN_GATEWAY_TICKET_JSON_H_
#define ADUAN_GATEWAY_TICKET_JSON_H_

#include <nlohmann/json.hpp>

#include "classifier/classifier.h"
#include "gateway/common/config.h"
#include "storage/records.h"

namespace aduan::gateway {

// The classifier's decision as a ticket stores it (its explanation) and as API.md's
// `aduan classify --json` prints it: compact JSON with keys in order, invalid UTF-8 replaced.
// Written directly: intake stores one per ticket, and building a json tree first cost ~20 us.
std::string ClassificationText(const classifier::Classification& c);
// The same, parsed (for the CLI, which adds the input line to it).
nlohmann::json ClassificationJson(const classifier::Classification& c);

nlohmann::json AgencyTicketJson(const storage::TicketRecord& ticket, bool with_events);
nlohmann::json PublicTicketJson(const storage::TicketRecord& ticket, const GatewayConfig& config);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_TICKET_JSON_H_
