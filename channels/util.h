// Small helpers every adapter needs: string trimming, error results, timestamps, and reading a
// provider's JSON answer to a send.
#ifndef ADUAN_CHANNELS_UTIL_H_
#define ADUAN_CHANNELS_UTIL_H_

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "channels/adapter.h"

namespace aduan::channels {

std::string_view TrimView(std::string_view s);  // ASCII whitespace on both ends
// True when `utf8` shows nothing: empty, or only whitespace and invisible characters (NBSP,
// the U+2000 spaces, ideographic space, zero-width space/joiners, BOM). Invalid UTF-8 is
// something, not blank.
bool IsBlankText(std::string_view utf8);
std::string AsciiLower(std::string_view s);
// A message id without its angle brackets: " <abc@x> " -> "abc@x".
std::string StripAngles(std::string_view id);
// At most about `max_bytes` of `s` for a log line or an error: cut at a word boundary (never
// inside a UTF-8 character), with "..." when something was cut.
std::string Excerpt(std::string_view s, size_t max_bytes);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);

// A HandleResult that rejects the request.
HandleResult Rejected(int http_status, std::string code, std::string message);

// The request's Content-Type without parameters, lowercase ("application/json").
std::string RequestMediaType(const WebhookRequest& request);

// Whole-string decimal integer (optional sign); nullopt otherwise or on overflow.
std::optional<int64_t> ParseInt64(std::string_view s);

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t year, int month, int day);

// "2024-06-03T01:15:30.500Z", "2024-06-03T08:15:30+07:00", "2024-06-03 01:15:30" (no zone: UTC),
// or unix seconds / milliseconds as digits. Returns unix milliseconds.
std::optional<int64_t> ParseDateTimeMs(std::string_view s);

// RFC 5322 Date: "Mon, 3 Jun 2024 08:15:20 +0700" (day name, seconds and zone optional;
// obsolete zone names like GMT/UT/EST are understood). Returns unix milliseconds.
std::optional<int64_t> ParseMailDateMs(std::string_view s);

// "Basic base64(user:password)" for an Authorization header.
std::string BasicAuthorization(std::string_view user, std::string_view password);

// ParseSendResponse for providers that answer JSON: 2xx is delivered with the id `id_of`
// extracts (it may return ""), anything else is the base rule (retry on 0/429/5xx) with the
// provider's error text when `error_of` finds one.
SendOutcome JsonSendOutcome(int http_status, std::string_view body,
                            const std::function<std::string(const nlohmann::json&)>& id_of,
                            const std::function<std::string(const nlohmann::json&)>& error_of);

// A string member of a JSON object, or a number rendered as decimal; "" otherwise.
std::string JsonString(const nlohmann::json& object, std::string_view key);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_UTIL_H_
