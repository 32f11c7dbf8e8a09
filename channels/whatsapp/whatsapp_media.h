// Fetching WhatsApp Cloud API media: GET {api base}/{media id} with the bearer token answers
// JSON whose "url" is the file, which is downloaded with the same token.
#ifndef ADUAN_CHANNELS_WHATSAPP_WHATSAPP_MEDIA_H_
#define ADUAN_CHANNELS_WHATSAPP_WHATSAPP_MEDIA_H_

#include <string>

#include "channels/media_fetch.h"

namespace aduan::channels {

class WhatsAppMediaFetcher : public MediaFetcher {
 public:
  explicit WhatsAppMediaFetcher(std::string access_token)
      : access_token_(std::move(access_token)) {}
  // Media ids are digits (Meta's are decimal); anything else is refused before any call.
  std::optional<MediaStep> Start(std::string_view media_id) const override;
  MediaNext Next(const MediaStep& step, int http_status, std::string_view body) const override;
  // The lookup answers URLs on Meta's attachment host.
  std::string default_media_hosts() const override { return "lookaside.fbsbx.com"; }

 private:
  std::string access_token_;
};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_WHATSAPP_WHATSAPP_MEDIA_H_
