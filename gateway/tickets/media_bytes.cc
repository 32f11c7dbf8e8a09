#include "gateway/tickets/media_bytes.h"

namespace aduan::gateway {

PreparedMedia PrepareMedia(std::string_view bytes) {
  PreparedMedia out;
  out.content_type = media::SniffContentType(bytes);
  if (out.content_type == "image/jpeg" || out.content_type == "image/png" ||
      out.content_type == "image/webp") {
    auto stripped = media::StripImageMetadata(bytes);
    if (!stripped) {
      out.error = "malformed " + out.content_type + " (its metadata could not be removed)";
      return out;
    }
    out.bytes = std::move(stripped->bytes);
    out.gps = stripped->gps;
    return out;
  }
  if (out.content_type == "image/heic") {
    // Keeping it would hand the agency the resident's EXIF (often home coordinates).
    out.error = "HEIC metadata cannot be removed; the file is not kept";
    return out;
  }
  if (out.content_type.empty()) out.content_type = "application/octet-stream";
  out.bytes = std::string(bytes);
  return out;
}

}  // namespace aduan::gateway
