#include "gateway/intake/conversation/state.h"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "gateway/common/api_keys.h"

namespace aduan::gateway::conversation {

using nlohmann::json;

std::string StateToJson(const ConversationState& s) {
  json j = json::object();
  if (!s.last_ticket.empty()) {
    j["last_ticket"] = s.last_ticket;
    j["last_ticket_at_ms"] = s.last_ticket_at_ms;
    j["last_text_key"] = s.last_text_key;
    if (!s.last_agency.empty()) j["last_agency"] = s.last_agency;
  }
  if (!s.awaiting.empty()) {
    j["awaiting"] = s.awaiting;
    j["awaiting_ticket"] = s.awaiting_ticket;
    j["awaiting_until_ms"] = s.awaiting_until_ms;
  }
  if (s.rate_notice_until_ms) j["rate_notice_until_ms"] = s.rate_notice_until_ms;
  return j.dump();
}

ConversationState StateFromJson(const std::string& text) {
  ConversationState s;
  auto j = json::parse(text, nullptr, false);
  if (!j.is_object()) return s;
  auto str = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto num = [&](const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_number_integer() ? it->get<int64_t>() : int64_t{0};
  };
  s.last_ticket = str("last_ticket");
  s.last_ticket_at_ms = num("last_ticket_at_ms");
  s.last_text_key = str("last_text_key");
  s.last_agency = str("last_agency");
  s.awaiting = str("awaiting");
  s.awaiting_ticket = str("awaiting_ticket");
  s.awaiting_until_ms = num("awaiting_until_ms");
  s.rate_notice_until_ms = num("rate_notice_until_ms");
  return s;
}

std::string KeyOfText(const std::string& text) {
  std::string folded;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c >= 0x80) folded.push_back(static_cast<char>(std::tolower(c)));
  }
  return core::Sha256Hex(folded).substr(0, 24);
}

}  // namespace aduan::gateway::conversation
