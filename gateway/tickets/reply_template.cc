#include "gateway/tickets/reply_template.h"

namespace aduan::gateway {

std::string FillTemplate(const std::string& tmpl,
                         const std::vector<std::pair<std::string, std::string>>& fields) {
  std::string out;
  for (size_t i = 0; i < tmpl.size();) {
    if (tmpl[i] == '{') {
      auto close = tmpl.find('}', i);
      if (close != std::string::npos) {
        std::string name = tmpl.substr(i + 1, close - i - 1);
        bool filled = false;
        for (const auto& [key, value] : fields) {
          if (key == name) {
            out += value;
            filled = true;
            break;
          }
        }
        if (filled) {
          i = close + 1;
          continue;
        }
      }
    }
    out.push_back(tmpl[i++]);
  }
  return out;
}

}  // namespace aduan::gateway
