#include "channels/twilio/twilio_media.h"

#include "channels/util.h"

namespace aduan::channels {

std::optional<MediaStep> TwilioMediaFetcher::Start(std::string_view media_url) const {
  if (account_sid_.empty() || auth_token_.empty()) return std::nullopt;
  if (media_url.rfind("https://", 0) != 0 && media_url.rfind("http://", 0) != 0) {
    return std::nullopt;
  }
  MediaStep step;
  step.url = std::string(media_url);
  step.headers.emplace("Authorization", BasicAuthorization(account_sid_, auth_token_));
  step.download = true;
  return step;
}

MediaNext TwilioMediaFetcher::Next(const MediaStep& /*step*/, int /*http_status*/,
                                   std::string_view /*body*/) const {
  MediaNext next;  // a MediaUrl is downloaded directly: there is no locate step
  next.error = "twilio media has no locate step";
  return next;
}

}  // namespace aduan::channels
