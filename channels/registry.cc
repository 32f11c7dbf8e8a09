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
      {"generic", MakeGenericAdapter, kGenericTraits},
      {"sms", MakeSmsAdapter, kSmsTraits},
      {"whatsapp", MakeWhatsAppAdapter, kWhatsAppTraits},
      {"telegram", MakeTelegramAdapter, kTelegramTraits},
      {"twilio", MakeTwilioAdapter, kTwilioTraits},
      {"mailgun", MakeMailgunAdapter, kMailgunTraits},
      {"sendgrid", MakeSendGridAdapter, kSendGridTraits},
  };
  // clang-format on
  return kChannels;
}

const ChannelTraits& TraitsOf(std::string_view channel) {
  for (const auto& c : AllChannels()) {
    if (c.name == channel) return c.traits;
  }
  static const ChannelTraits kUnknown{};
  return kUnknown;
}

}  // namespace aduan::channels
