// Fetching Telegram files: GET {api base}/bot<token>/getFile?file_id=... answers the file's
// path, downloaded from {api base}/file/bot<token>/<path>.
#ifndef ADUAN_CHANNELS_TELEGRAM_TELEGRAM_MEDIA_H_
#define ADUAN_CHANNELS_TELEGRAM_TELEGRAM_MEDIA_H_

#include <string>

#include "channels/media_fetch.h"

namespace aduan::channels {

class TelegramMediaFetcher : public MediaFetcher {
 public:
  explicit TelegramMediaFetcher(std::string bot_token) : bot_token_(std::move(bot_token)) {}
  std::optional<MediaStep> Start(std::string_view file_id) const override;
  // The file path must be relative and plain ([A-Za-z0-9_./-], no ".."): it becomes part of
  // a URL on the API host and may not climb out of the bot's file area.
  MediaNext Next(const MediaStep& step, int http_status, std::string_view body) const override;

 private:
  std::string bot_token_;
};

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_TELEGRAM_TELEGRAM_MEDIA_H_
