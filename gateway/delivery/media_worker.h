// Fetches the files residents sent, after intake and never in a request: claims pending media
// rows, downloads each through its channel's MediaFetcher (channels/media_fetch.h) with the
// channel's credentials, strips metadata and sniffs the type (gateway/media_bytes.h), puts the
// bytes in the blob store and marks the row stored. A photo's GPS becomes the ticket's
// location hint ("photo_location") when the ticket has none.
//
// Claims, retries and dead letters follow the outbox dispatcher: a row is claimed before the
// fetch (two workers, in one process or several, never fetch it at once); no answer, 429 and
// 5xx are retried with exponential backoff and jitter, or after the provider's Retry-After;
// after the last try, or at once on an answer that cannot improve (404, a malformed file, a
// file over the limits), the row is "unavailable" with the reason in last_error, logged, and
// listed for operators by GET /api/v1/media?status=unavailable.
//
// Where files come from: a step's path is appended to ADUAN_<CHANNEL>_API_BASE; an absolute
// URL (a Twilio MediaUrl, the URL WhatsApp's lookup answers) is called only when it is on that
// base's scheme, host and port, or on an https host listed in ADUAN_<CHANNEL>_MEDIA_HOSTS
// (comma-separated; unset: the channel's default_media_hosts(), e.g. WhatsApp's attachment
// host). Redirects are followed (a few hops) under the same rule, and credentials are sent
// only to the origin that asked for them.
#ifndef ADUAN_GATEWAY_MEDIA_WORKER_H_
#define ADUAN_GATEWAY_MEDIA_WORKER_H_

#include <map>
#include <string>

#include "channels/adapter.h"
#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "gateway/common/pass_loop.h"
#include "storage/store.h"

namespace aduan::gateway {

struct MediaWorkerOptions {
  int batch = 8;  // rows claimed per pass
  int64_t base_backoff_ms = 5000;
  int64_t max_backoff_ms = 6 * 60 * 60 * 1000;
  int64_t claim_ms = 5 * 60 * 1000;  // a crashed worker's rows come back after this
  int64_t idle_poll_ms = 500;
  GatewayConfig::Media limits;  // sizes, attempts, timeout
};

class MediaWorker {
 public:
  // `adapters` maps channel name to adapter; both must outlive the worker.
  MediaWorker(storage::MediaStore* store,
              const std::map<std::string, const channels::ChannelAdapter*>& adapters,
              channels::EnvLookup env, Clock clock, MediaWorkerOptions options);
  ~MediaWorker();

  // One pass: claims due rows and fetches each once. Returns the number attempted. Throws
  // storage::StoreError when storage fails.
  int RunOnce();
  // Passes on a background thread until Stop() (gateway/common/pass_loop.h: backing off while
  // they fail, as the outbox dispatcher does).
  void Start();
  void Stop();

 private:
  storage::MediaAttempt Fetch(const storage::MediaRecord& row);
  storage::MediaAttempt Failed(const storage::MediaRecord& row, bool retryable, std::string error,
                               int64_t retry_after_ms = -1) const;
  // What this ticket already keeps, in bytes.
  size_t TicketBytes(const std::string& ticket_id);

  storage::MediaStore* store_;
  std::map<std::string, const channels::ChannelAdapter*> adapters_;
  channels::EnvLookup env_;
  Clock clock_;
  MediaWorkerOptions options_;

  // Last: stopped before the members its passes use go.
  PassLoop loop_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_MEDIA_WORKER_H_
