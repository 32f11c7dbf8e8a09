#include "gateway/intake/media_intake.h"

#include <nlohmann/json.hpp>

#include "core/message.h"
#include "gateway/tickets/media_bytes.h"

namespace aduan::gateway {

std::string PhotoLocationJson(const media::Coordinates& gps) {
  return nlohmann::json{
      {"latitude", gps.latitude}, {"longitude", gps.longitude}, {"source", "photo"}}
      .dump();
}

std::vector<storage::MediaDraft> MediaDrafts(const core::InboundMessage& message,
                                             const GatewayConfig::Media& limits,
                                             storage::Store* store) {
  std::vector<storage::MediaDraft> drafts;
  size_t kept = 0;
  for (const core::Media& m : message.media) {
    storage::MediaDraft d;
    d.kind = m.kind;
    d.filename = m.filename;
    if (m.bytes.empty()) {
      d.reference = m.reference;
      if (d.reference.empty()) {
        d.status = "unavailable";
        d.last_error = "the provider gave nothing to fetch the file with";
      }
      drafts.push_back(std::move(d));
      continue;
    }
    d.status = "unavailable";
    if (m.bytes.size() > limits.max_file_bytes) {
      d.last_error = "file of " + std::to_string(m.bytes.size()) + " bytes is over the limit of " +
                     std::to_string(limits.max_file_bytes);
      drafts.push_back(std::move(d));
      continue;
    }
    PreparedMedia p = PrepareMedia(m.bytes);
    if (!p.error.empty()) {
      d.last_error = p.error;
    } else if (kept + p.bytes.size() > limits.max_ticket_bytes) {
      d.last_error = "the ticket's files are over the limit of " +
                     std::to_string(limits.max_ticket_bytes) + " bytes";
    } else {
      d.sha256 = store->PutBlob(p.bytes);
      d.status = "stored";
      d.content_type = p.content_type;
      d.bytes = static_cast<int64_t>(p.bytes.size());
      kept += p.bytes.size();
      if (p.gps) d.photo_location_json = PhotoLocationJson(*p.gps);
    }
    drafts.push_back(std::move(d));
  }
  return drafts;
}

}  // namespace aduan::gateway
