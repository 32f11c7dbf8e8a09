#include "gateway/http_util.h"

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

std::optional<nlohmann::json> ReadJsonObject(const httplib::Request& req, httplib::Response& res,
                                             bool empty_ok) {
  if (req.body.empty() && empty_ok) return nlohmann::json::object();
  std::string type = req.get_header_value("Content-Type");
  if (!req.body.empty() && type.rfind("application/json", 0) != 0) {
    WriteError(res, 415, "unsupported_media_type",
               "Content-Type must be application/json, got '" + type + "'");
    return std::nullopt;
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    WriteError(res, 400, "malformed_json", "body must be a JSON object");
    return std::nullopt;
  }
  return body;
}

}  // namespace aduan::gateway
