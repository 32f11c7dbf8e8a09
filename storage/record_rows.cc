#include "storage/record_rows.h"

#include <nlohmann/json.hpp>

namespace aduan::storage {

std::string JoinCodes(const std::vector<std::string>& codes) {
  return nlohmann::json(codes).dump();
}

std::vector<std::string> SplitCodes(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (j.is_array()) {
    for (const auto& v : j) {
      if (v.is_string()) out.push_back(v.get<std::string>());
    }
  }
  return out;
}

}  // namespace aduan::storage
