// Structured logs: one JSON object per line on stderr, so an operator can grep at 2 a.m. and a
// collector can parse without regexes. Thread-safe; a line is written with one write(2).
#ifndef ADUAN_GATEWAY_LOG_H_
#define ADUAN_GATEWAY_LOG_H_

#include <nlohmann/json.hpp>
#include <string_view>

namespace aduan::gateway {

enum class LogLevel { kDebug, kInfo, kWarn, kError };

// Writes {"ts": ISO-8601, "level": ..., "msg": msg, ...fields}. `fields` must be an object.
void Log(LogLevel level, std::string_view msg,
         const nlohmann::json& fields = nlohmann::json::object());

// Lines below this level are dropped (default kInfo; ADUAN_LOG_LEVEL=debug|info|warn|error).
void SetLogLevel(LogLevel level);

// Formats Unix milliseconds as "2026-11-23T07:34:05.123Z".
std::string FormatTime(int64_t unix_ms);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_LOG_H_
