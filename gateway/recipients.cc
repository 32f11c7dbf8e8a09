#include "gateway/recipients.h"

namespace aduan::gateway {

std::vector<Recipient> NotificationRecipients(const storage::TicketRecord& ticket) {
  if (ticket.reporter_sender.empty() || ticket.channel.empty()) return {};
  return {Recipient{ticket.channel, ticket.reporter_sender}};
}

}  // namespace aduan::gateway
