#include "gateway/recipients.h"

namespace aduan::gateway {

bool ChannelReachesPhones(const std::string& channel) {
  return channel == "whatsapp" || channel == "twilio" || channel == "sms";
}

std::vector<Recipient> NotificationRecipients(const storage::TicketRecord& t) {
  std::vector<Recipient> out;
  if (t.channel.empty() || t.channel == "generic") return out;
  std::string reporter = t.reply_address.empty() ? t.reporter_sender : t.reply_address;
  if (!reporter.empty()) out.push_back({t.channel, reporter});
  if (!t.relayed_by.empty() && !t.reporter_contact.empty() && t.consent != "refused" &&
      ChannelReachesPhones(t.channel) && t.reporter_contact != reporter) {
    out.push_back({t.channel, t.reporter_contact});
  }
  return out;
}

}  // namespace aduan::gateway
