#include "gateway/delivery/outbox_dispatcher.h"

#include <httplib.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>

#include "channels/adapter.h"
#include "channels/util.h"
#include "core/random_id.h"
#include "gateway/common/log.h"

namespace aduan::gateway {

std::pair<std::string, std::string> SplitBaseUrl(const std::string& base) {
  auto scheme = base.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  auto slash = base.find('/', start);
  if (slash == std::string::npos) return {base, ""};
  std::string prefix = base.substr(slash);
  while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
  return {base.substr(0, slash), prefix};
}

std::string ProviderApiBase(const channels::EnvLookup& env, const std::string& channel) {
  std::string var = "ADUAN_";
  for (char c : channel)
    var.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  var += "_API_BASE";
  if (auto v = env(var)) return *v;
  return std::string(channels::TraitsOf(channel).default_api_base);
}

int64_t RetryAfterMs(std::string_view value, int64_t now_ms) {
  std::string_view v = channels::TrimView(value);
  // A year is longer than any real rate limit and keeps the product far from overflow.
  constexpr int64_t kMaxSeconds = 366 * 24 * 3600;
  if (auto seconds = channels::ParseInt64(v)) {
    return *seconds < 0 ? -1 : std::min(*seconds, kMaxSeconds) * 1000;
  }
  if (auto at = channels::ParseMailDateMs(v)) return std::max<int64_t>(0, *at - now_ms);
  return -1;
}

OutboxDispatcher::OutboxDispatcher(
    storage::OutboxStore* store,
    const std::map<std::string, const channels::ChannelAdapter*>& adapters, channels::EnvLookup env,
    Clock clock, DispatcherOptions options)
    : store_(store),
      adapters_(adapters),
      env_(std::move(env)),
      clock_(std::move(clock)),
      options_(options),
      loop_(PassLoopOptions("outbox", "aduan-outbox", options.idle_poll_ms),
            [this] { return RunOnce(); }) {}

OutboxDispatcher::~OutboxDispatcher() { Stop(); }

std::string OutboxDispatcher::BaseUrl(const std::string& channel) const {
  return ProviderApiBase(env_, channel);
}

int64_t OutboxDispatcher::Backoff(int attempt) const {
  int64_t delay = options_.base_backoff_ms;
  for (int i = 1; i < attempt && delay < options_.max_backoff_ms; ++i) delay *= 2;
  delay = std::min(delay, options_.max_backoff_ms);
  // Full jitter over the upper half keeps retries from many rows from arriving in lockstep.
  return core::RandomBetween(delay / 2, delay);
}

storage::OutboxAttempt OutboxDispatcher::Attempt(const storage::OutboxRow& row) {
  using Result = storage::OutboxAttempt::Result;
  if (row.kind == core::OutboxKind::kPush) return AttemptPush(row);
  storage::OutboxAttempt out;
  auto adapter = adapters_.find(row.channel);
  std::string base = BaseUrl(row.channel);
  if (adapter == adapters_.end() || base.empty()) {
    out.result = Result::kDead;
    out.error = adapter == adapters_.end() ? "channel '" + row.channel + "' is not enabled"
                                           : "no API base URL for channel '" + row.channel + "'";
    return out;
  }
  channels::OutgoingMessage msg;
  msg.recipient = row.recipient;
  msg.text = row.body;
  auto details = nlohmann::json::parse(row.details_json, nullptr, false);
  if (details.is_object()) {
    msg.in_reply_to = details.value("in_reply_to", "");
    msg.subject = details.value("subject", "");
    msg.our_address = details.value("our_address", "");
    if (auto refs = details.find("references"); refs != details.end() && refs->is_array()) {
      for (const auto& r : *refs) {
        if (r.is_string()) msg.references.push_back(r.get<std::string>());
      }
    }
  }
  msg.our_reference = "outbox-" + std::to_string(row.id) + "@aduan";
  channels::ProviderRequest req = adapter->second->FormatSend(msg);

  auto [origin, prefix] = SplitBaseUrl(base);
  httplib::Client client(origin);
  client.set_connection_timeout(options_.timeout_seconds, 0);
  client.set_read_timeout(options_.timeout_seconds, 0);
  client.set_write_timeout(options_.timeout_seconds, 0);
  httplib::Headers headers;
  for (const auto& [k, v] : req.headers) headers.emplace(k, v);
  httplib::Result res = req.method == "GET"
                            ? client.Get(prefix + req.path, headers)
                            : client.Post(prefix + req.path, headers, req.body, req.content_type);
  int status = res ? res->status : 0;
  channels::SendOutcome outcome =
      adapter->second->ParseSendResponse(status, res ? std::string_view(res->body) : "");
  if (outcome.delivered) {
    out.result = Result::kSent;
    out.provider_message_id = outcome.provider_message_id;
    return out;
  }
  if (outcome.retry_after_ms < 0 && res && res->has_header("Retry-After")) {
    outcome.retry_after_ms = RetryAfterMs(res->get_header_value("Retry-After"), clock_());
  }
  return Failed(row, outcome.retryable,
                status == 0 ? "no answer from " + origin + ": " + httplib::to_string(res.error())
                            : outcome.error,
                outcome.retry_after_ms);
}

storage::OutboxAttempt OutboxDispatcher::Failed(const storage::OutboxRow& row, bool retryable,
                                                std::string error, int64_t retry_after_ms) {
  storage::OutboxAttempt out;
  out.error = std::move(error);
  int attempt = row.attempts + 1;
  if (retryable && attempt < options_.max_attempts) {
    out.result = storage::OutboxAttempt::Result::kRetry;
    // A provider that names its wait is obeyed: sooner only extends a rate limit.
    out.next_attempt_at_ms =
        clock_() + (retry_after_ms >= 0 ? std::min(retry_after_ms, options_.max_backoff_ms)
                                        : Backoff(attempt));
  } else {
    out.result = storage::OutboxAttempt::Result::kDead;
  }
  return out;
}

int OutboxDispatcher::RunOnce() {
  auto rows = store_->ClaimOutbox(options_.batch, clock_(), options_.claim_ms);
  for (const auto& row : rows) {
    storage::OutboxAttempt a = Attempt(row);
    store_->FinishOutbox(row.id, a, clock_());
    if (a.result == storage::OutboxAttempt::Result::kDead) {
      Log(LogLevel::kError, "outbox row dead-lettered",
          {{"outbox_id", row.id},
           {"channel", row.channel},
           {"ticket", row.ticket_id},
           {"attempts", row.attempts + 1},
           {"error", a.error}});
    } else if (a.result == storage::OutboxAttempt::Result::kRetry) {
      Log(LogLevel::kWarn, "outbox send failed; will retry",
          {{"outbox_id", row.id},
           {"channel", row.channel},
           {"error", a.error},
           {"next_attempt_at", FormatTime(a.next_attempt_at_ms)}});
    }
  }
  return static_cast<int>(rows.size());
}

void OutboxDispatcher::Start() { loop_.Start(); }

void OutboxDispatcher::Wake() { loop_.Wake(); }

void OutboxDispatcher::Stop() { loop_.Stop(); }

}  // namespace aduan::gateway
