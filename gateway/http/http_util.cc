#include "gateway/http/http_util.h"

#include <algorithm>
#include <cctype>

namespace aduan::gateway {

void WriteJson(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

void WriteError(httplib::Response& res, int status, std::string_view code,
                std::string_view message) {
  WriteJson(res, status, {{"error", {{"code", code}, {"message", message}}}});
}

int HttpStatusOf(core::StatusCode code) {
  switch (code) {
    case core::StatusCode::kOk:
      return 200;
    case core::StatusCode::kInvalid:
      return 400;
    case core::StatusCode::kForbidden:
      return 403;
    case core::StatusCode::kNotFound:
      return 404;
    case core::StatusCode::kConflict:
    case core::StatusCode::kStale:
      return 409;
    case core::StatusCode::kUnavailable:
      return 503;
  }
  return 500;
}

void WriteError(httplib::Response& res, const core::Status& status) {
  WriteError(res, HttpStatusOf(status.code()), status.reason(), status.message());
}

std::string MediaTypeOf(const httplib::Request& req) {
  std::string type = req.get_header_value("Content-Type");
  type.resize(std::min(type.size(), type.find(';')));
  size_t begin = type.find_first_not_of(" \t");
  size_t end = type.find_last_not_of(" \t");
  type = begin == std::string::npos ? "" : type.substr(begin, end - begin + 1);
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

std::optional<nlohmann::json> ReadJsonObject(const httplib::Request& req, httplib::Response& res,
                                             bool empty_ok) {
  if (req.body.empty() && empty_ok) return nlohmann::json::object();
  const std::string type = MediaTypeOf(req);
  // `curl -d '{...}'` labels JSON as a form; a body that parses as a JSON object is taken for
  // what it is. Any other declared type is refused.
  const bool lenient =
      type.empty() || type == "application/x-www-form-urlencoded" || type == "text/plain";
  if (!req.body.empty() && type != "application/json" && !lenient) {
    WriteError(res, 415, "unsupported_media_type",
               "Content-Type must be application/json, got '" +
                   req.get_header_value("Content-Type").substr(0, 100) + "'");
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    if (lenient && !req.body.empty()) {
      WriteError(res, 415, "unsupported_media_type",
                 "the body must be a JSON object sent as application/json");
    } else {
      WriteError(res, 400, "malformed_json", "body must be a JSON object");
    }
    return std::nullopt;
  }
  return body;
}

}  // namespace aduan::gateway
