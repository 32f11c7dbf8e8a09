// Who hears about a ticket's progress. The agency status API enqueues one notification per
// recipient; this function alone decides who they are, so relayed and anonymous tickets are
// handled in one place.
#ifndef ADUAN_GATEWAY_RECIPIENTS_H_
#define ADUAN_GATEWAY_RECIPIENTS_H_

#include <string>
#include <vector>

#include "storage/records.h"

namespace aduan::gateway {

struct Recipient {
  std::string channel;
  std::string address;  // what the channel's adapter takes as a recipient
};

// The reporter on the channel they used (their reply address when the channel has one); for a
// relayed ticket that is the cadre, plus the resident's own phone when the cadre gave one, the
// channel can reach a phone, and the resident did not refuse. The generic channel answers in
// its HTTP response and can send nothing later, so it yields no recipient. No duplicates.
std::vector<Recipient> NotificationRecipients(const storage::TicketRecord& ticket);

// True for channels that address people by phone number (their traits say reaches_phones).
bool ChannelReachesPhones(const std::string& channel);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_RECIPIENTS_H_
