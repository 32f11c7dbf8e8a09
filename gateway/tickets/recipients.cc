#include "gateway/tickets/recipients.h"

#include "channels/adapter.h"

namespace aduan::gateway {

bool ChannelReachesPhones(const std::string& channel) {
  return channels::TraitsOf(channel).reaches_phones;
}

std::vector<Recipient> NotificationRecipients(const storage::TicketRecord& t) {
  std::vector<Recipient> out;
  if (t.channel.empty() || channels::TraitsOf(t.channel).answers_inline) return out;
  std::string reporter = t.reply_address.empty() ? t.reporter_sender : t.reply_address;
  if (!reporter.empty()) out.push_back({t.channel, reporter});
  if (!t.relayed_by.empty() && !t.reporter_contact.empty() && t.consent != "refused" &&
      ChannelReachesPhones(t.channel) && t.reporter_contact != reporter) {
    out.push_back({t.channel, t.reporter_contact});
  }
  return out;
}

}  // namespace aduan::gateway
