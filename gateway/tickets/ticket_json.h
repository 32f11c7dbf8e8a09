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

// The classifier's decision as API.md's `aduan classify --json` prints it; also what a ticket
// stores as its explanation.
nlohmann::json ClassificationJson(const classifier::Classification& c);
// ClassificationJson(c) dumped (compact, invalid UTF-8 replaced), byte for byte, written
// directly: intake stores one per ticket, and building the json tree first cost ~20 us of it.
std::string ClassificationText(const classifier::Classification& c);

nlohmann::json AgencyTicketJson(const storage::TicketRecord& ticket, bool with_events);
nlohmann::json PublicTicketJson(const storage::TicketRecord& ticket, const GatewayConfig& config);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_TICKET_JSON_H_
