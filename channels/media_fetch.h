// How a channel fetches the bytes of an attachment its provider mentioned (a WhatsApp media id,
// a Telegram file_id, a Twilio MediaUrl). Like the rest of an adapter it is pure: it builds the
// provider calls and reads their answers; the gateway's media worker makes the calls, with its
// timeouts, retries and limits, and only against the channel's configured API host.
//
// A fetch is a short chain of steps: zero or more "locate" calls whose answer names the next
// call (WhatsApp: the media id's JSON gives a URL; Telegram: getFile gives a file path), then
// one download whose answer is the file itself.
#ifndef ADUAN_CHANNELS_MEDIA_FETCH_H_
#define ADUAN_CHANNELS_MEDIA_FETCH_H_

#include <optional>
#include <string>
#include <string_view>

#include "channels/adapter.h"

namespace aduan::channels {

struct MediaStep {
  // A path ("/...") appended to ADUAN_<CHANNEL>_API_BASE, or an absolute http(s) URL. The
  // worker calls an absolute URL only when its scheme, host and port are the API base's, or
  // its host is one the operator listed in ADUAN_<CHANNEL>_MEDIA_HOSTS (https only): a URL in
  // unsigned input never picks where credentials are sent.
  std::string url;
  HeaderMap headers;      // the channel's credentials
  bool download = false;  // true: the answer's body is the file
};

// What to do after a locate step's answer.
struct MediaNext {
  std::optional<MediaStep> step;  // the next call; unset: the fetch failed
  std::string error;              // why it failed
  bool retryable = false;         // a 5xx, 429 or no answer: the provider may do better later
};

class MediaFetcher {
 public:
  virtual ~MediaFetcher() = default;
  // The first call for `reference` (Media::reference), or nullopt when it cannot be fetched
  // by this channel (malformed, or the channel has no credentials for it).
  virtual std::optional<MediaStep> Start(std::string_view reference) const = 0;
  // The call after a locate step answered `http_status` (0: no answer) with `body`.
  virtual MediaNext Next(const MediaStep& step, int http_status, std::string_view body) const = 0;
  // Where the provider's own answers send downloads when ADUAN_<CHANNEL>_MEDIA_HOSTS is unset
  // (comma-separated https hosts; "" for none): its file CDN, which is not its API host.
  virtual std::string default_media_hosts() const { return ""; }
};

// The usual judgement of a failed answer: 0, 429 and 5xx may pass, anything else will not.
inline bool RetryableStatus(int http_status) {
  return http_status == 0 || http_status == 429 || http_status >= 500;
}

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_MEDIA_FETCH_H_
