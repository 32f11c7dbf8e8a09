// Fetching Twilio MMS media: the MediaUrl{i} of the inbound message, downloaded with the
// account's credentials (HTTP basic auth). The worker calls it only when it is on the
// configured API base's host, so a forged MediaUrl cannot carry the credentials elsewhere.
#ifndef ADUAN_CHANNELS_TWILIO_TWILIO_MEDIA_H_
#define ADUAN_CHANNELS_TWILIO_TWILIO_MEDIA_H_

#include <string>

#include "channels/media_fetch.h"

namespace aduan::channels {

class TwilioMediaFetcher : public MediaFetcher {
 public:
  TwilioMediaFetcher(std::string account_sid, std::string auth_token)
      : account_sid_(std::move(account_sid)), auth_token_(std::move(auth_token)) {}
  // `media_url` must be an absolute http(s) URL; it is the download itself.
  std::optional<MediaStep> Start(std::string_view media_url) const override;
  MediaNext Next(const MediaStep& step, int http_status, std::string_view body) const override;

 private:
  std::string account_sid_;
  std::string auth_token_;
};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_TWILIO_TWILIO_MEDIA_H_
