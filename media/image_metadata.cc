#include "media/image_metadata.h"

#include <cmath>
#include <cstdint>

namespace aduan::media {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

uint8_t Byte(std::string_view s, size_t at) { return static_cast<uint8_t>(s[at]); }

uint32_t Be32(std::string_view s, size_t at) {
  return (uint32_t{Byte(s, at)} << 24) | (uint32_t{Byte(s, at + 1)} << 16) |
         (uint32_t{Byte(s, at + 2)} << 8) | Byte(s, at + 3);
}

uint32_t Le32(std::string_view s, size_t at) {
  return (uint32_t{Byte(s, at + 3)} << 24) | (uint32_t{Byte(s, at + 2)} << 16) |
         (uint32_t{Byte(s, at + 1)} << 8) | Byte(s, at);
}

void PutLe32(std::string& s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) s[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

// A TIFF structure in either byte order, read with bounds checks.
class Tiff {
 public:
  explicit Tiff(std::string_view data) : data_(data) {}

  bool Valid() const {
    return data_.size() >= 8 && (StartsWith(data_, std::string_view("II*\0", 4)) ||
                                 StartsWith(data_, std::string_view("MM\0*", 4)));
  }

  bool Read16(size_t at, uint32_t& out) const {
    if (at + 2 > data_.size()) return false;
    out = little() ? (uint32_t{Byte(data_, at + 1)} << 8) | Byte(data_, at)
                   : (uint32_t{Byte(data_, at)} << 8) | Byte(data_, at + 1);
    return true;
  }
  bool Read32(size_t at, uint32_t& out) const {
    if (at + 4 > data_.size()) return false;
    out = little() ? Le32(data_, at) : Be32(data_, at);
    return true;
  }

  // Finds `tag` in the IFD at `ifd`; sets the entry's type, count and value/offset field position.
  bool Find(size_t ifd, uint32_t tag, uint32_t& type, uint32_t& count, size_t& value_at) const {
    uint32_t entries;
    if (!Read16(ifd, entries)) return false;
    for (uint32_t i = 0; i < entries; ++i) {
      size_t e = ifd + 2 + 12 * size_t{i};
      uint32_t t;
      if (!Read16(e, t)) return false;
      if (t != tag) continue;
      if (!Read16(e + 2, type) || !Read32(e + 4, count)) return false;
      value_at = e + 8;
      return true;
    }
    return false;
  }

  // Three RATIONALs (degrees, minutes, seconds) at the tag's offset, as decimal degrees.
  std::optional<double> Degrees(size_t ifd, uint32_t tag) const {
    uint32_t type, count, offset;
    size_t value_at;
    if (!Find(ifd, tag, type, count, value_at) || type != 5 || count != 3) return std::nullopt;
    if (!Read32(value_at, offset)) return std::nullopt;
    double parts[3];
    for (int i = 0; i < 3; ++i) {
      uint32_t num, den;
      if (!Read32(offset + 8 * i, num) || !Read32(offset + 8 * i + 4, den) || den == 0) {
        return std::nullopt;
      }
      parts[i] = static_cast<double>(num) / den;
    }
    return parts[0] + parts[1] / 60 + parts[2] / 3600;
  }

  // An ASCII tag with one character ("N", "S", "E", "W"), or 0.
  char Letter(size_t ifd, uint32_t tag) const {
    uint32_t type, count;
    size_t value_at;
    if (!Find(ifd, tag, type, count, value_at) || type != 2 || count < 1) return 0;
    return value_at < data_.size() ? data_[value_at] : 0;
  }

 private:
  bool little() const { return data_[0] == 'I'; }
  std::string_view data_;
};

std::optional<StrippedImage> StripJpeg(std::string_view in) {
  StrippedImage out;
  out.bytes.reserve(in.size());
  out.bytes.append(in.substr(0, 2));  // SOI
  size_t pos = 2;
  while (pos < in.size()) {
    if (Byte(in, pos) != 0xFF) return std::nullopt;
    uint8_t marker = pos + 1 < in.size() ? Byte(in, pos + 1) : 0;
    if (marker == 0xFF) {  // fill byte before a marker
      ++pos;
      continue;
    }
    if (marker == 0xD9) {  // EOI without a scan: keep as is
      out.bytes.append(in.substr(pos));
      return out;
    }
    if (pos + 4 > in.size()) return std::nullopt;
    size_t length = (size_t{Byte(in, pos + 2)} << 8) | Byte(in, pos + 3);
    if (length < 2 || pos + 2 + length > in.size()) return std::nullopt;
    std::string_view segment = in.substr(pos, 2 + length);
    if (marker == 0xDA) {  // SOS: the picture itself, copied to the end untouched
      out.bytes.append(in.substr(pos));
      return out;
    }
    bool app = marker >= 0xE0 && marker <= 0xEF;
    bool keep = !app && marker != 0xFE;
    if (marker == 0xE0 || marker == 0xE2 || marker == 0xEE) keep = true;
    if (marker == 0xE1 && StartsWith(segment.substr(4), std::string_view("Exif\0\0", 6)) &&
        !out.gps) {
      out.gps = ExifGps(segment.substr(10));
    }
    if (keep) {
      out.bytes.append(segment);
    } else {
      ++out.removed_segments;
    }
    pos += 2 + length;
  }
  return std::nullopt;  // no scan and no EOI: truncated
}

std::optional<StrippedImage> StripPng(std::string_view in) {
  StrippedImage out;
  out.bytes.reserve(in.size());
  out.bytes.append(in.substr(0, 8));
  size_t pos = 8;
  while (pos < in.size()) {
    if (pos + 12 > in.size()) return std::nullopt;
    size_t length = Be32(in, pos);
    if (length > in.size() - pos - 12) return std::nullopt;
    std::string_view type = in.substr(pos + 4, 4);
    std::string_view chunk = in.substr(pos, 12 + length);
    bool drop =
        type == "eXIf" || type == "tEXt" || type == "zTXt" || type == "iTXt" || type == "tIME";
    if (type == "eXIf" && !out.gps) out.gps = ExifGps(chunk.substr(8, length));
    if (drop) {
      ++out.removed_segments;
    } else {
      out.bytes.append(chunk);
    }
    pos += 12 + length;
    if (type == "IEND") return out;
  }
  return std::nullopt;  // no IEND: truncated
}

std::optional<StrippedImage> StripWebp(std::string_view in) {
  if (in.size() < 12) return std::nullopt;
  size_t riff_end = size_t{Le32(in, 4)} + 8;
  if (riff_end > in.size() || riff_end < 12) return std::nullopt;
  StrippedImage out;
  out.bytes.reserve(in.size());
  out.bytes.append(in.substr(0, 12));
  size_t vp8x_at = std::string::npos;
  size_t pos = 12;
  while (pos < riff_end) {
    if (pos + 8 > riff_end) return std::nullopt;
    std::string_view type = in.substr(pos, 4);
    size_t length = Le32(in, pos + 4);
    size_t padded = length + (length & 1);
    if (padded > riff_end - pos - 8) return std::nullopt;
    std::string_view chunk = in.substr(pos, 8 + padded);
    if (type == "EXIF") {
      if (!out.gps) {
        std::string_view exif = chunk.substr(8, length);
        // Some writers keep JPEG's "Exif\0\0" prefix here.
        if (StartsWith(exif, std::string_view("Exif\0\0", 6))) exif.remove_prefix(6);
        out.gps = ExifGps(exif);
      }
      ++out.removed_segments;
    } else if (type == "XMP ") {
      ++out.removed_segments;
    } else {
      if (type == "VP8X") vp8x_at = out.bytes.size();
      out.bytes.append(chunk);
    }
    pos += 8 + padded;
  }
  if (vp8x_at != std::string::npos && vp8x_at + 8 < out.bytes.size()) {
    // Flags byte: 0x08 EXIF present, 0x04 XMP present.
    out.bytes[vp8x_at + 8] = static_cast<char>(Byte(out.bytes, vp8x_at + 8) & ~0x0C);
  }
  PutLe32(out.bytes, 4, static_cast<uint32_t>(out.bytes.size() - 8));
  return out;
}

}  // namespace

std::string SniffContentType(std::string_view b) {
  if (StartsWith(b, "\xFF\xD8\xFF")) return "image/jpeg";
  if (StartsWith(b, "\x89PNG\r\n\x1A\n")) return "image/png";
  if (b.size() >= 12 && StartsWith(b, "RIFF") && b.substr(8, 4) == "WEBP") return "image/webp";
  if (StartsWith(b, "GIF87a") || StartsWith(b, "GIF89a")) return "image/gif";
  if (b.size() >= 12 && b.substr(4, 4) == "ftyp") {
    std::string_view brand = b.substr(8, 4);
    if (brand == "heic" || brand == "heix" || brand == "mif1" || brand == "heim" ||
        brand == "heis") {
      return "image/heic";
    }
  }
  if (StartsWith(b, "%PDF-")) return "application/pdf";
  return "";
}

std::optional<StrippedImage> StripImageMetadata(std::string_view bytes) {
  std::string type = SniffContentType(bytes);
  if (type == "image/jpeg") return StripJpeg(bytes);
  if (type == "image/png") return StripPng(bytes);
  if (type == "image/webp") return StripWebp(bytes);
  return std::nullopt;
}

std::optional<Coordinates> ExifGps(std::string_view tiff_bytes) {
  Tiff tiff(tiff_bytes);
  if (!tiff.Valid()) return std::nullopt;
  uint32_t ifd0, type, count, gps_ifd;
  size_t value_at;
  if (!tiff.Read32(4, ifd0)) return std::nullopt;
  if (!tiff.Find(ifd0, 0x8825, type, count, value_at) || !tiff.Read32(value_at, gps_ifd)) {
    return std::nullopt;
  }
  auto lat = tiff.Degrees(gps_ifd, 2);
  auto lon = tiff.Degrees(gps_ifd, 4);
  char lat_ref = tiff.Letter(gps_ifd, 1);
  char lon_ref = tiff.Letter(gps_ifd, 3);
  if (!lat || !lon || (lat_ref != 'N' && lat_ref != 'S') || (lon_ref != 'E' && lon_ref != 'W')) {
    return std::nullopt;
  }
  Coordinates c{lat_ref == 'S' ? -*lat : *lat, lon_ref == 'W' ? -*lon : *lon};
  if (!std::isfinite(c.latitude) || !std::isfinite(c.longitude) || std::fabs(c.latitude) > 90 ||
      std::fabs(c.longitude) > 180) {
    return std::nullopt;
  }
  return c;
}

}  // namespace aduan::media
