#include "gateway/delivery/media_worker.h"

#include <httplib.h>

#include <algorithm>

#include "channels/media_fetch.h"
#include "channels/util.h"
#include "core/random_id.h"
#include "gateway/common/log.h"
#include "gateway/delivery/outbox_dispatcher.h"
#include "gateway/intake/media_intake.h"
#include "gateway/tickets/media_bytes.h"

namespace aduan::gateway {
namespace {

// Locate steps before the download: WhatsApp and Telegram need one; more is a loop.
constexpr int kMaxSteps = 3;
// A locate answer is a small JSON document.
constexpr size_t kMaxLocateBytes = 64 * 1024;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Where a step's call goes: {origin, path}, or nullopt when the URL is not on an allowed host.
std::optional<std::pair<std::string, std::string>> Resolve(const std::string& url,
                                                           const std::string& base,
                                                           const std::string& media_hosts) {
  auto [base_origin, prefix] = SplitBaseUrl(base);
  if (!url.empty() && url.front() == '/') return std::make_pair(base_origin, prefix + url);
  auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  std::string scheme = Lower(url.substr(0, scheme_end));
  auto path_start = url.find_first_of("/?#", scheme_end + 3);
  std::string origin = url.substr(0, path_start);
  std::string path = path_start == std::string::npos ? "/" : url.substr(path_start);
  if (path.front() != '/') path = "/" + path;
  path = path.substr(0, path.find('#'));
  std::string host_port = Lower(origin.substr(scheme_end + 3));
  // Credentials in a URL ("user@host") would make the host check meaningless.
  if (host_port.empty() || host_port.find('@') != std::string::npos) return std::nullopt;
  if (Lower(origin) == Lower(base_origin)) return std::make_pair(base_origin, path);
  if (scheme != "https") return std::nullopt;
  std::string_view rest = media_hosts;
  while (!rest.empty()) {
    auto comma = rest.find(',');
    std::string allowed = Lower(std::string(channels::TrimView(rest.substr(0, comma))));
    if (!allowed.empty() && allowed == host_port) return std::make_pair(origin, path);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return std::nullopt;
}

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

struct Answer {
  int status = 0;  // 0: no answer
  std::string body;
  std::string error;
  bool too_large = false;
  std::string retry_after;
  std::string location;  // a redirect's target
};

Answer Call(const std::string& origin, const std::string& path,
            const channels::HeaderMap& step_headers, size_t max_bytes, int timeout_seconds) {
  httplib::Client client(origin);
  client.set_connection_timeout(timeout_seconds, 0);
  client.set_read_timeout(timeout_seconds, 0);
  client.set_write_timeout(timeout_seconds, 0);
  httplib::Headers headers;
  for (const auto& [k, v] : step_headers) headers.emplace(k, v);
  Answer a;
  httplib::Result res = client.Get(
      path, headers, [&](const httplib::Response&) { return true; },
      [&](const char* data, size_t n) {
        if (a.body.size() + n > max_bytes) {
          a.too_large = true;
          return false;
        }
        a.body.append(data, n);
        return true;
      });
  if (a.too_large) return a;
  if (!res) {
    a.error = "no answer from " + origin + ": " + httplib::to_string(res.error());
    return a;
  }
  a.status = res->status;
  a.retry_after = res->get_header_value("Retry-After");
  a.location = res->get_header_value("Location");
  return a;
}

}  // namespace

MediaWorker::MediaWorker(storage::MediaStore* store,
                         const std::map<std::string, const channels::ChannelAdapter*>& adapters,
                         channels::EnvLookup env, Clock clock, MediaWorkerOptions options)
    : store_(store),
      adapters_(adapters),
      env_(std::move(env)),
      clock_(std::move(clock)),
      options_(options),
      loop_(PassLoopOptions("media", "aduan-media", options.idle_poll_ms),
            [this] { return RunOnce(); }) {}

MediaWorker::~MediaWorker() { Stop(); }

storage::MediaAttempt MediaWorker::Failed(const storage::MediaRecord& row, bool retryable,
                                          std::string error, int64_t retry_after_ms) const {
  storage::MediaAttempt out;
  out.error = std::move(error);
  int attempt = row.attempts + 1;
  if (!retryable || attempt >= options_.limits.max_attempts) {
    out.result = storage::MediaAttempt::Result::kUnavailable;
    return out;
  }
  out.result = storage::MediaAttempt::Result::kRetry;
  int64_t delay = options_.base_backoff_ms;
  for (int i = 1; i < attempt && delay < options_.max_backoff_ms; ++i) delay *= 2;
  delay = std::min(delay, options_.max_backoff_ms);
  // Jitter over the upper half keeps many rows of one outage from retrying in lockstep.
  if (retry_after_ms >= 0) {
    delay = std::min(retry_after_ms, options_.max_backoff_ms);
  } else {
    delay = core::RandomBetween(delay / 2, delay);
  }
  out.next_attempt_at_ms = clock_() + delay;
  return out;
}

size_t MediaWorker::TicketBytes(const std::string& ticket_id) {
  if (ticket_id.empty()) return 0;
  storage::MediaQuery q;
  q.ticket_id = ticket_id;
  q.limit = 10000;
  size_t total = 0;
  for (const auto& m : store_->ListMedia(q)) {
    if (m.status == "stored") total += static_cast<size_t>(m.bytes);
  }
  return total;
}

storage::MediaAttempt MediaWorker::Fetch(const storage::MediaRecord& row) {
  auto adapter = adapters_.find(row.channel);
  const channels::MediaFetcher* fetcher =
      adapter == adapters_.end() ? nullptr : adapter->second->media_fetcher();
  std::string base = ProviderApiBase(env_, row.channel);
  if (!fetcher || base.empty()) {
    return Failed(row, false, "channel '" + row.channel + "' cannot fetch media");
  }
  std::optional<channels::MediaStep> step = fetcher->Start(row.reference);
  if (!step) return Failed(row, false, "the reference cannot be fetched by this channel");
  std::string var = "ADUAN_";
  for (char c : row.channel) {
    var.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  }
  std::string media_hosts = env_(var + "_MEDIA_HOSTS").value_or(fetcher->default_media_hosts());
  for (int i = 0; i <= kMaxSteps; ++i) {
    auto target = Resolve(step->url, base, media_hosts);
    if (!target) return Failed(row, false, "media URL is not on the channel's API host");
    size_t limit = step->download ? options_.limits.max_file_bytes : kMaxLocateBytes;
    Answer a = Call(target->first, target->second, step->headers, limit,
                    options_.limits.fetch_timeout_seconds);
    if (a.too_large) {
      return Failed(row, false,
                    step->download ? "file is over the limit of " +
                                         std::to_string(options_.limits.max_file_bytes) + " bytes"
                                   : "provider's answer is too large");
    }
    int64_t retry_after = a.retry_after.empty() ? -1 : RetryAfterMs(a.retry_after, clock_());
    if (IsRedirect(a.status) && !a.location.empty()) {
      // A provider's hand-off to its file store (Twilio answers a MediaUrl with a redirect to
      // a signed URL): followed only to an allowed host, like any step, and the credentials
      // go along only while the origin stays the same.
      channels::MediaStep hop = *step;
      hop.url = a.location.front() == '/' ? target->first + a.location : a.location;
      auto hop_target = Resolve(hop.url, base, media_hosts);
      if (!hop_target) return Failed(row, false, "redirected to a host that is not allowed");
      if (Lower(hop_target->first) != Lower(target->first)) hop.headers.clear();
      step = std::move(hop);
      continue;
    }
    if (!step->download) {
      channels::MediaNext next = fetcher->Next(*step, a.status, a.body);
      if (!next.step) {
        return Failed(row, next.retryable, a.error.empty() ? next.error : a.error, retry_after);
      }
      step = std::move(next.step);
      continue;
    }
    if (a.status != 200) {
      return Failed(row, channels::RetryableStatus(a.status),
                    a.error.empty() ? "download answered " + std::to_string(a.status) : a.error,
                    retry_after);
    }
    PreparedMedia p = PrepareMedia(a.body);
    if (!p.error.empty()) return Failed(row, false, p.error);
    if (TicketBytes(row.ticket_id) + p.bytes.size() > options_.limits.max_ticket_bytes) {
      return Failed(row, false,
                    "the ticket's files are over the limit of " +
                        std::to_string(options_.limits.max_ticket_bytes) + " bytes");
    }
    storage::MediaAttempt out;
    out.result = storage::MediaAttempt::Result::kStored;
    out.sha256 = store_->PutBlob(p.bytes);
    out.content_type = p.content_type;
    out.bytes = static_cast<int64_t>(p.bytes.size());
    if (p.gps) out.photo_location_json = PhotoLocationJson(*p.gps);
    return out;
  }
  return Failed(row, false, "too many steps to locate the file");
}

int MediaWorker::RunOnce() {
  auto rows = store_->ClaimMedia(options_.batch, clock_(), options_.claim_ms);
  for (const auto& row : rows) {
    storage::MediaAttempt a = Fetch(row);
    store_->FinishMedia(row.id, a, clock_());
    if (a.result == storage::MediaAttempt::Result::kUnavailable) {
      Log(LogLevel::kError, "media unavailable",
          {{"media_id", row.id},
           {"channel", row.channel},
           {"ticket", row.ticket_id},
           {"attempts", row.attempts + 1},
           {"error", a.error}});
    } else if (a.result == storage::MediaAttempt::Result::kRetry) {
      Log(LogLevel::kWarn, "media fetch failed; will retry",
          {{"media_id", row.id},
           {"channel", row.channel},
           {"error", a.error},
           {"next_attempt_at", FormatTime(a.next_attempt_at_ms)}});
    }
  }
  return static_cast<int>(rows.size());
}

void MediaWorker::Start() { loop_.Start(); }

void MediaWorker::Stop() { loop_.Stop(); }

}  // namespace aduan::gateway
