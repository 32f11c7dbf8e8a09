// Removing what a photo says about the person who took it, before an agency sees it.
//
// A phone photo's EXIF carries the camera model, the time and often the resident's home
// coordinates; XMP, IPTC and text chunks carry more. StripImageMetadata drops those segments and
// copies everything that draws the picture byte for byte, so the pixels an agency sees are the
// pixels the resident sent. It is hand-written rather than libexiv2 because three container
// formats need only segment walking (no decoding), and a copy that cannot alter image data is
// easier to promise with code whose every branch is tested here.
//
// Pure functions of bytes; they never throw and never read past the input.
#ifndef ADUAN_MEDIA_IMAGE_METADATA_H_
#define ADUAN_MEDIA_IMAGE_METADATA_H_

#include <optional>
#include <string>
#include <string_view>

namespace aduan::media {

// The type the bytes are, by their magic numbers: "image/jpeg", "image/png", "image/webp",
// "image/gif", "image/heic", "application/pdf", or "" when none is recognised. A provider's
// claimed type is never trusted.
std::string SniffContentType(std::string_view bytes);

struct Coordinates {
  double latitude = 0;
  double longitude = 0;
};

struct StrippedImage {
  std::string bytes;  // the image without metadata
  // GPS position from the EXIF that was removed, when it had a valid one.
  std::optional<Coordinates> gps;
  int removed_segments = 0;  // how many metadata segments/chunks were dropped
};

// JPEG: drops APP1 (EXIF, XMP), APP13 (IPTC), APP3-APP12, APP15 and comments; keeps JFIF
// (APP0), ICC profiles (APP2) and Adobe (APP14), which decoders need for colour; the scan data
// from the first SOS to the end is copied unchanged. PNG: drops eXIf, tEXt, zTXt, iTXt and
// tIME chunks. WebP: drops EXIF and XMP chunks and clears their flags in VP8X. nullopt when the
// bytes are not a well-formed image of those three types (a truncated segment, a bad length):
// the caller then must not show the file as an image.
std::optional<StrippedImage> StripImageMetadata(std::string_view bytes);

// The GPS position in a TIFF-structured EXIF block (what follows "Exif\0\0" in JPEG APP1, a PNG
// eXIf chunk, a WebP EXIF chunk); nullopt when there is none or it is malformed or out of range.
std::optional<Coordinates> ExifGps(std::string_view tiff);

}  // namespace aduan::media

#endif  // ADUAN_MEDIA_IMAGE_METADATA_H_
