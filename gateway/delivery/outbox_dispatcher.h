// Sends what the outbox holds: acknowledgements, questions and notifications, each through
// its channel's provider API, at the base URL ADUAN_<CHANNEL>_API_BASE (tests point it at a
// fake provider on 127.0.0.1).
//
// Delivery is at-least-once with a claim per row: a row is claimed before sending, so two
// dispatchers never send it at the same time, and marked sent after the provider accepted it,
// so it is never claimed again, across restarts too. 5xx, 429 and timeouts are retried with
// exponential backoff and jitter, or after exactly the wait the provider named (Telegram's
// retry_after, an HTTP Retry-After, WhatsApp's throttling codes); other 4xx are final. After the
// last try the row is dead and listed by GET /api/v1/outbox?status=dead.
//
// Rows of kind "push" go to an agency's push URL instead of a provider: the body is
// POSTed as JSON with X-Aduan-Signature: sha256=<hex HMAC-SHA256 of the body with the secret in
// ADUAN_PUSH_SECRET_<AGENCY>>, X-Aduan-Timestamp (Unix seconds) and X-Aduan-Delivery (the row
// id, stable across retries) and X-Aduan-Event (ticket.routed, ticket.message). A 2xx is an
// acknowledgement; the same rules then apply.
#ifndef ADUAN_GATEWAY_OUTBOX_DISPATCHER_H_
#define ADUAN_GATEWAY_OUTBOX_DISPATCHER_H_

#include <atomic>
#include <map>
#include <string>

#include "channels/adapter.h"
#include "gateway/common/clock.h"
#include "gateway/common/pass_loop.h"
#include "storage/store.h"

namespace aduan::gateway {

struct DispatcherOptions {
  int batch = 32;                  // rows claimed per pass
  int max_attempts = 8;            // then dead
  int64_t base_backoff_ms = 2000;  // first retry after ~2 s, doubling
  int64_t max_backoff_ms = 60 * 60 * 1000;
  int64_t claim_ms = 120 * 1000;  // a crashed dispatcher's rows come back after this
  int timeout_seconds = 10;       // per provider call
  int64_t idle_poll_ms = 250;     // how often an idle dispatcher looks for work
};

// An HTTP Retry-After value (delay-seconds or an HTTP date) as milliseconds from `now_ms`;
// -1 when it is neither.
int64_t RetryAfterMs(std::string_view value, int64_t now_ms);

// The provider API base of `channel`: ADUAN_<CHANNEL>_API_BASE, else the provider's public one,
// else "" (the channel has no API).
std::string ProviderApiBase(const channels::EnvLookup& env, const std::string& channel);
// "https://host:8443/v19.0" -> {"https://host:8443", "/v19.0"} (no trailing slash).
std::pair<std::string, std::string> SplitBaseUrl(const std::string& base);

class OutboxDispatcher {
 public:
  // `adapters` maps channel name to adapter; both must outlive the dispatcher.
  OutboxDispatcher(storage::OutboxStore* store,
                   const std::map<std::string, const channels::ChannelAdapter*>& adapters,
                   channels::EnvLookup env, Clock clock, DispatcherOptions options = {});
  ~OutboxDispatcher();

  // One pass: claims due rows and attempts each once. Returns the number attempted.
  // Throws storage::StoreError when storage fails.
  int RunOnce();

  // Runs passes on a background thread until Stop() (gateway/common/pass_loop.h: backing off
  // while they fail). Wake() shortens the wait after new rows.
  void Start();
  void Stop();
  void Wake();

  // The delay before retry number `attempt` (1-based), jitter included. Exposed for tests.
  int64_t Backoff(int attempt) const;

 private:
  storage::OutboxAttempt Attempt(const storage::OutboxRow& row);
  storage::OutboxAttempt AttemptPush(const storage::OutboxRow& row);  // push_delivery.cc
  // A failed attempt: retried with backoff while tries remain and `retryable`, else dead.
  // `retry_after_ms` >= 0: the provider named the wait, which replaces the backoff.
  storage::OutboxAttempt Failed(const storage::OutboxRow& row, bool retryable, std::string error,
                                int64_t retry_after_ms = -1);
  std::string BaseUrl(const std::string& channel) const;

  storage::OutboxStore* store_;
  std::map<std::string, const channels::ChannelAdapter*> adapters_;
  channels::EnvLookup env_;
  Clock clock_;
  DispatcherOptions options_;

  // Last: stopped before the members its passes use go.
  PassLoop loop_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_OUTBOX_DISPATCHER_H_
