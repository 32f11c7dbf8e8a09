// Who hears about a ticket's public changes. One function so the conversation layer (cadre
// relays, privacy requests) can decide it in one place.
#ifndef ADUAN_GATEWAY_RECIPIENTS_H_
#define ADUAN_GATEWAY_RECIPIENTS_H_

#include <string>
#include <vector>

#include "storage/records.h"

namespace aduan::gateway {

struct Recipient {
  std::string channel, address;
};

// The addresses to notify of a public change on `ticket`; empty when there is nobody to tell.
std::vector<Recipient> NotificationRecipients(const storage::TicketRecord& ticket);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_RECIPIENTS_H_
