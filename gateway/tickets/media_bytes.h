// What a fetched or posted file becomes before it is kept: its type sniffed from the bytes (a
// provider's claim is never trusted) and, for JPEG, PNG and WebP, its metadata stripped so an
// agency never sees the resident's camera, time or home coordinates. The GPS position the
// metadata held is returned for the ticket's location hint.
#ifndef ADUAN_GATEWAY_MEDIA_BYTES_H_
#define ADUAN_GATEWAY_MEDIA_BYTES_H_

#include <optional>
#include <string>
#include <string_view>

#include "media/image_metadata.h"

namespace aduan::gateway {

struct PreparedMedia {
  std::string error;         // not empty: the file must not be kept (and why)
  std::string content_type;  // sniffed; "application/octet-stream" when unrecognised
  std::string bytes;         // what is kept and served
  std::optional<media::Coordinates> gps;
};

// Never throws. Refuses an image that claims JPEG/PNG/WebP but is malformed (it could not be
// stripped, so it could carry anything), and HEIC, whose metadata the stripper cannot remove.
PreparedMedia PrepareMedia(std::string_view bytes);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_MEDIA_BYTES_H_
