#include "channels/telegram/telegram_media.h"

#include <nlohmann/json.hpp>

#include "channels/form.h"
#include "channels/util.h"

namespace aduan::channels {
namespace {

bool PlainPath(std::string_view path) {
  if (path.empty() || path.size() > 512 || path.front() == '/') return false;
  if (path.find("..") != std::string_view::npos) return false;
  for (char c : path) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '.' || c == '/' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::optional<MediaStep> TelegramMediaFetcher::Start(std::string_view file_id) const {
  if (bot_token_.empty() || file_id.empty() || file_id.size() > 256) return std::nullopt;
  MediaStep step;
  step.url = "/bot" + bot_token_ + "/getFile?file_id=" + UrlEncode(file_id);
  return step;
}

MediaNext TelegramMediaFetcher::Next(const MediaStep& /*step*/, int http_status,
                                     std::string_view body) const {
  MediaNext next;
  nlohmann::json answer = nlohmann::json::parse(body, nullptr, false);
  if (http_status != 200 || !answer.is_object() || !answer.value("ok", false)) {
    next.error = "getFile answered " + std::to_string(http_status);
    if (answer.is_object()) {
      if (std::string d = JsonString(answer, "description"); !d.empty()) next.error += ": " + d;
    }
    next.retryable = RetryableStatus(http_status);
    return next;
  }
  std::string path;
  if (auto r = answer.find("result"); r != answer.end() && r->is_object()) {
    path = JsonString(*r, "file_path");
  }
  if (!PlainPath(path)) {
    next.error = path.empty() ? "getFile gave no file_path" : "getFile gave an unusable file_path";
    return next;
  }
  MediaStep download;
  download.url = "/file/bot" + bot_token_ + "/" + path;
  download.download = true;
  next.step = std::move(download);
  return next;
}

}  // namespace aduan::channels
