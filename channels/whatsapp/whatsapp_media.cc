#include "channels/whatsapp/whatsapp_media.h"

#include <nlohmann/json.hpp>

#include "channels/util.h"

namespace aduan::channels {

std::optional<MediaStep> WhatsAppMediaFetcher::Start(std::string_view media_id) const {
  if (access_token_.empty() || media_id.empty() || media_id.size() > 64) return std::nullopt;
  for (char c : media_id) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  MediaStep step;
  step.url = "/" + std::string(media_id);
  step.headers.emplace("Authorization", "Bearer " + access_token_);
  return step;
}

MediaNext WhatsAppMediaFetcher::Next(const MediaStep& step, int http_status,
                                     std::string_view body) const {
  MediaNext next;
  if (http_status != 200) {
    next.error = "media lookup answered " + std::to_string(http_status);
    next.retryable = RetryableStatus(http_status);
    return next;
  }
  nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  std::string url = answer.is_object() ? JsonString(answer, "url") : "";
  if (url.empty()) {
    next.error = "media lookup answer has no url";
    return next;
  }
  MediaStep download;
  download.url = url;
  download.headers = step.headers;
  download.download = true;
  next.step = std::move(download);
  return next;
}

}  // namespace aduan::channels
