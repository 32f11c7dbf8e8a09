// Every channel aduan speaks. Adding a channel: a folder under channels/ and one line here.
#include "channels/adapter.h"
#include "channels/generic/generic.h"
#include "channels/mailgun/mailgun.h"
#include "channels/sendgrid/sendgrid.h"
#include "channels/sms/sms.h"
#include "channels/telegram/telegram.h"
#include "channels/twilio/twilio.h"
#include "channels/whatsapp/whatsapp.h"

namespace aduan::channels {

const std::vector<ChannelRegistration>& AllChannels() {
  // One line per channel, kept that way by hand.
  // clang-format off
  static const std::vector<ChannelRegistration> kChannels = {
      {"generic", MakeGenericAdapter},
      {"sms", MakeSmsAdapter},
      {"whatsapp", MakeWhatsAppAdapter},
      {"telegram", MakeTelegramAdapter},
      {"twilio", MakeTwilioAdapter},
      {"mailgun", MakeMailgunAdapter},
      {"sendgrid", MakeSendGridAdapter},
  };
  // clang-format on
  return kChannels;
}

}  // namespace aduan::channels
