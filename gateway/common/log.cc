#include "gateway/common/log.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <ctime>

namespace aduan::gateway {
namespace {

std::atomic<int> g_level{static_cast<int>(LogLevel::kInfo)};

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

}  // namespace

std::string FormatTime(int64_t unix_ms) {
  time_t secs = static_cast<time_t>(unix_ms / 1000);
  struct tm tm {};
  gmtime_r(&secs, &tm);
  char buf[40];
  size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  snprintf(buf + n, sizeof buf - n, ".%03dZ", static_cast<int>(unix_ms % 1000));
  return buf;
}

void SetLogLevel(LogLevel level) { g_level = static_cast<int>(level); }

void Log(LogLevel level, std::string_view msg, const nlohmann::json& fields) {
  if (static_cast<int>(level) < g_level.load()) return;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                 std::chrono::system_clock::now().time_since_epoch())
                 .count();
  // Written field by field rather than as one merged json object: merging copied every field
  // into a map first, and intake logs a line per message. ts, level and msg lead so a person
  // reading the stream sees them first; a field with one of their names is kept as
  // "field_<name>" rather than lost.
  constexpr auto kReplace = nlohmann::json::error_handler_t::replace;
  std::string text = "{\"ts\":\"";
  text += FormatTime(now);
  text += "\",\"level\":\"";
  text += LevelName(level);
  text += "\",\"msg\":";
  // Replace invalid UTF-8 rather than throw: a log line must never take the server down.
  text += nlohmann::json(msg).dump(-1, ' ', false, kReplace);
  if (fields.is_object()) {
    for (auto it = fields.begin(); it != fields.end(); ++it) {
      const bool reserved = it.key() == "ts" || it.key() == "level" || it.key() == "msg";
      text += ',';
      text +=
          nlohmann::json(reserved ? "field_" + it.key() : it.key()).dump(-1, ' ', false, kReplace);
      text += ':';
      text += it.value().dump(-1, ' ', false, kReplace);
    }
  }
  text += "}\n";
  ssize_t ignored = write(STDERR_FILENO, text.data(), text.size());
  (void)ignored;
}

}  // namespace aduan::gateway
