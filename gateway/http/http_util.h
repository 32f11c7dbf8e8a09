// Small helpers every route uses: JSON bodies and API.md's error shape
//   {"error": {"code": "missing_field", "message": "field 'text' is required"}}
#ifndef ADUAN_GATEWAY_HTTP_UTIL_H_
#define ADUAN_GATEWAY_HTTP_UTIL_H_

#include <httplib.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace aduan::gateway {

void WriteJson(httplib::Response& res, int status, const nlohmann::json& body);
void WriteError(httplib::Response& res, int status, std::string_view code,
                std::string_view message);

// The one place a failed core::Status becomes an HTTP status: invalid 400, forbidden 403,
// not_found 404, conflict and stale 409, unavailable 503 (ok is 200).
int HttpStatusOf(core::StatusCode code);
// WriteError with the status's HTTP code, its reason as the error code, and its message.
void WriteError(httplib::Response& res, const core::Status& status);

// The request's media type: Content-Type without parameters, trimmed, lowercase.
std::string MediaTypeOf(const httplib::Request& req);

// Parses a JSON object body. An empty body counts as {} when `empty_ok`. On failure writes a
// 400 or 415 error to `res` and returns nullopt.
std::optional<nlohmann::json> ReadJsonObject(const httplib::Request& req, httplib::Response& res,
                                             bool empty_ok);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_HTTP_UTIL_H_
