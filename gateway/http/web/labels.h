// Indonesian words for what the inbox shows: statuses, event kinds, ages and deadlines, and the
// row of a ticket in a queue. Pure functions.
#ifndef ADUAN_GATEWAY_WEB_LABELS_H_
#define ADUAN_GATEWAY_WEB_LABELS_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "gateway/common/config.h"
#include "storage/records.h"

namespace aduan::gateway::web {

std::string StatusLabel(const std::string& status);
std::string StatusLabel(core::TicketStatus status);
// A name no EventKind has is shown as it is.
std::string EventLabel(const std::string& kind);
std::string EventLabel(core::EventKind kind);
// "12 menit", "5 jam", "3 hari": how long ago `from_ms` was at `now_ms`.
std::string AgeText(int64_t from_ms, int64_t now_ms);
// The ticket's current deadline in working days: "2 hari kerja lagi", "lewat 1 hari kerja",
// "hari ini", or "-" when none runs.
std::string DueText(const storage::TicketRecord& t, const GatewayConfig& config, int64_t now_ms);
// Where the resident said it is, from the agency view's "place"/"location", or "".
std::string PlaceText(const nlohmann::json& agency_view);
// The agency's name, or the code when unknown.
std::string AgencyName(const GatewayConfig& config, const std::string& code);

// One queue row: the agency view's fields plus labels and badges. Shows nothing the agency
// API would not.
nlohmann::json QueueRow(const storage::TicketRecord& t, const GatewayConfig& config,
                        int64_t now_ms);

}  // namespace aduan::gateway::web

#endif  // ADUAN_GATEWAY_WEB_LABELS_H_
