// Agency push delivery: one signed POST per outbox row of kind "push". Retries,
// backoff and dead letters are the dispatcher's, shared with provider sends.
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "channels/util.h"
#include "core/crypto.h"
#include "gateway/delivery/outbox_dispatcher.h"
#include "gateway/tickets/ticket_outbox.h"

namespace aduan::gateway {
namespace {

// "https://host:8443/hooks/aduan?x=1" -> {"https://host:8443", "/hooks/aduan?x=1"}
std::pair<std::string, std::string> SplitUrl(const std::string& url) {
  auto scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  auto slash = url.find('/', start);
  if (slash == std::string::npos) return {url, "/"};
  return {url.substr(0, slash), url.substr(slash)};
}

}  // namespace

storage::OutboxAttempt OutboxDispatcher::AttemptPush(const storage::OutboxRow& row) {
  auto details = nlohmann::json::parse(row.details_json, nullptr, false);
  std::string agency = details.is_object() ? details.value("agency", "") : "";
  std::string event = details.is_object() ? details.value("event", "ticket.routed") : "";
  auto secret = agency.empty() ? std::nullopt : env_(PushSecretVariable(agency));
  if (!secret) {
    // Unsigned pushes would teach agencies to skip verification; refuse to send one. The row
    // stays retryable so setting the variable and restarting delivers it.
    return Failed(row, /*retryable=*/true,
                  PushSecretVariable(agency.empty() ? "<AGENCY>" : agency) +
                      " is not set; pushes are never sent unsigned");
  }
  std::string signature = "sha256=" + core::HexEncode(core::HmacSha256(*secret, row.body));
  auto [origin, path] = SplitUrl(row.recipient);
  httplib::Client client(origin);
  client.set_connection_timeout(options_.timeout_seconds, 0);
  client.set_read_timeout(options_.timeout_seconds, 0);
  client.set_write_timeout(options_.timeout_seconds, 0);
  httplib::Headers headers = {
      {"X-Aduan-Signature", signature},
      {"X-Aduan-Timestamp", std::to_string(clock_() / 1000)},
      {"X-Aduan-Delivery", std::to_string(row.id)},
      {"X-Aduan-Event", event},
  };
  httplib::Result res = client.Post(path, headers, row.body, "application/json");
  if (res && res->status >= 200 && res->status < 300) {
    storage::OutboxAttempt sent;
    sent.result = storage::OutboxAttempt::Result::kSent;
    return sent;
  }
  if (!res) {
    return Failed(row, true, "no answer from " + origin + ": " + httplib::to_string(res.error()));
  }
  // The agency's server asked us to slow down or failed: try again. Other 4xx mean the push
  // itself is refused (a wrong URL, a rejected signature): trying again cannot help.
  bool retryable = res->status >= 500 || res->status == 429 || res->status == 408;
  return Failed(
      row, retryable,
      "push answered " + std::to_string(res->status) + ": " + channels::Excerpt(res->body, 200));
}

}  // namespace aduan::gateway
