#include "storage/record_rows.h"

#include <nlohmann/json.hpp>

#include "storage/store.h"

namespace aduan::storage {

std::string JoinCodes(const std::vector<std::string>& codes) {
  return nlohmann::json(codes).dump();
}

core::TicketStatus TicketStatusFromColumn(const std::string& text) {
  auto status = core::ParseTicketStatus(text);
  if (!status) throw StoreError("unknown ticket status '" + text + "' in the database");
  return *status;
}

core::OutboxKind OutboxKindFromColumn(const std::string& text) {
  auto kind = core::ParseOutboxKind(text);
  if (!kind) throw StoreError("unknown outbox kind '" + text + "' in the database");
  return *kind;
}

core::EventKind EventKindFromColumn(const std::string& text) {
  auto kind = core::ParseEventKind(text);
  if (!kind) throw StoreError("unknown event kind '" + text + "' in the database");
  return *kind;
}

core::Actor ActorFromColumn(const std::string& text) {
  auto actor = core::ParseActor(text);
  if (!actor) throw StoreError("unknown event actor '" + text + "' in the database");
  return std::move(*actor);
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
