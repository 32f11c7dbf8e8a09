#include "media/image_metadata.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

namespace aduan::media {
namespace {

using namespace std::string_literals;

// A TIFF block as cameras write it: IFD0 pointing at a GPS IFD with latitude/longitude as
// degrees, minutes, seconds rationals. `little` picks the byte order ("II" or "MM").
class TiffWriter {
 public:
  explicit TiffWriter(bool little) : little_(little) {}

  void U16(uint32_t v) { Put(v, 2); }
  void U32(uint32_t v) { Put(v, 4); }
  std::string bytes;

  std::string Gps(char lat_ref, std::vector<uint32_t> lat, char lon_ref,
                  std::vector<uint32_t> lon) {
    bytes = little_ ? std::string("II*\0", 4) : std::string("MM\0*", 4);
    U32(8);
    U16(1);  // IFD0: one entry, the GPS IFD pointer
    U16(0x8825), U16(4), U32(1), U32(26);
    U32(0);
    U16(4);  // GPS IFD at 26: four entries, data at 80
    U16(1), U16(2), U32(2), Ascii(lat_ref);
    U16(2), U16(5), U32(3), U32(80);
    U16(3), U16(2), U32(2), Ascii(lon_ref);
    U16(4), U16(5), U32(3), U32(104);
    U32(0);
    for (uint32_t v : lat) U32(v);
    for (uint32_t v : lon) U32(v);
    return bytes;
  }

 private:
  void Put(uint32_t v, int n) {
    for (int i = 0; i < n; ++i) {
      int shift = little_ ? 8 * i : 8 * (n - 1 - i);
      bytes.push_back(static_cast<char>((v >> shift) & 0xFF));
    }
  }
  void Ascii(char c) {
    bytes.push_back(c);
    bytes.append(3, '\0');
  }
  bool little_;
};

// Cilegon: 6°0'9" S, 106°0'39.96" E.
std::string CilegonExif(bool little = false) {
  return TiffWriter(little).Gps('S', {6, 1, 0, 1, 9, 1}, 'E', {106, 1, 0, 1, 3996, 100});
}

std::string Segment(uint8_t marker, const std::string& payload) {
  size_t length = payload.size() + 2;
  std::string s = {'\xFF', static_cast<char>(marker), static_cast<char>(length >> 8),
                   static_cast<char>(length & 0xFF)};
  return s + payload;
}

const std::string kJfif = Segment(0xE0, std::string("JFIF\0\x01\x01\0\0\x01\0\x01\0\0", 14));
const std::string kIcc = Segment(0xE2, std::string("ICC_PROFILE\0\x01\x01profile", 21));
const std::string kQuant = Segment(0xDB, std::string(65, '\x10'));
const std::string kFrame = Segment(0xC0, std::string("\x08\0\x10\0\x10\x01\x01\x11\0", 9));
// A scan header and entropy-coded bytes (with a stuffed 0xFF00 and a restart marker), then EOI.
const std::string kScan = Segment(0xDA, std::string("\x01\x01\0\0\x3F\0", 6)) +
                          std::string("\x12\x34\xFF\x00\x56\xFF\xD0\x78\x9A", 9) + "\xFF\xD9";

std::string Jpeg(const std::string& metadata) {
  return "\xFF\xD8" + kJfif + metadata + kIcc + kQuant + kFrame + kScan;
}

TEST(ImageMetadataTest, JpegLosesExifXmpAndCommentsKeepsEveryImageByte) {
  std::string exif = Segment(0xE1, std::string("Exif\0\0", 6) + CilegonExif());
  std::string xmp = Segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>Samsung SM-A145F"s);
  std::string iptc = Segment(0xED,
                             "Photoshop 3.0\0"
                             "8BIM"s);
  std::string comment = Segment(0xFE, "Rumah Bu Siti, Jl. Mawar 3");
  auto out = StripImageMetadata(Jpeg(exif + xmp + iptc + comment));
  ASSERT_TRUE(out);
  EXPECT_EQ(out->bytes, Jpeg(""));  // exactly the image without the four segments
  EXPECT_EQ(out->removed_segments, 4);
  ASSERT_TRUE(out->gps);
  EXPECT_NEAR(out->gps->latitude, -6.0025, 1e-9);
  EXPECT_NEAR(out->gps->longitude, 106.0111, 1e-9);
  EXPECT_EQ(out->bytes.find("Samsung"), std::string::npos);
  EXPECT_EQ(out->bytes.find("Mawar"), std::string::npos);
}

TEST(ImageMetadataTest, LittleEndianExifAndNoGps) {
  auto le = StripImageMetadata(Jpeg(Segment(0xE1, std::string("Exif\0\0", 6) + CilegonExif(true))));
  ASSERT_TRUE(le && le->gps);
  EXPECT_NEAR(le->gps->latitude, -6.0025, 1e-9);
  auto none = StripImageMetadata(Jpeg(""));
  ASSERT_TRUE(none);
  EXPECT_EQ(none->bytes, Jpeg(""));
  EXPECT_FALSE(none->gps);
  EXPECT_EQ(none->removed_segments, 0);
}

TEST(ImageMetadataTest, BadGpsIsNoLocation) {
  // A zero denominator, an impossible latitude, a missing reference letter.
  EXPECT_FALSE(ExifGps(TiffWriter(false).Gps('S', {6, 0, 0, 1, 9, 1}, 'E', {1, 1, 0, 1, 0, 1})));
  EXPECT_FALSE(ExifGps(TiffWriter(false).Gps('N', {95, 1, 0, 1, 0, 1}, 'E', {1, 1, 0, 1, 0, 1})));
  EXPECT_FALSE(ExifGps(TiffWriter(false).Gps('X', {6, 1, 0, 1, 9, 1}, 'E', {1, 1, 0, 1, 0, 1})));
  std::string cut = CilegonExif();
  for (size_t n = 0; n < cut.size(); ++n) EXPECT_FALSE(ExifGps(cut.substr(0, n))) << n;
  EXPECT_TRUE(ExifGps(cut));
}

TEST(ImageMetadataTest, TruncatedOrForeignBytesAreRefusedNeverOverread) {
  std::string jpeg = Jpeg(Segment(0xE1, std::string("Exif\0\0", 6) + CilegonExif()));
  size_t scan = jpeg.find(std::string("\xFF\xDA", 2));
  for (size_t n = 0; n < scan; ++n) EXPECT_FALSE(StripImageMetadata(jpeg.substr(0, n))) << n;
  EXPECT_FALSE(StripImageMetadata("GIF89a......"));
  EXPECT_FALSE(StripImageMetadata(""));
}

std::string PngChunk(const std::string& type, const std::string& data) {
  size_t n = data.size();
  std::string s = {static_cast<char>(n >> 24), static_cast<char>(n >> 16),
                   static_cast<char>(n >> 8), static_cast<char>(n)};
  return s + type + data + "CRC!";  // the stripper copies CRCs; it never recomputes one
}

TEST(ImageMetadataTest, PngLosesTextAndExifChunks) {
  std::string sig = "\x89PNG\r\n\x1A\n";
  std::string ihdr = PngChunk("IHDR", std::string("\0\0\0\x10\0\0\0\x10\x08\x02\0\0\0", 13));
  std::string idat = PngChunk("IDAT", "compressed pixels");
  std::string iend = PngChunk("IEND", "");
  std::string png = sig + ihdr + PngChunk("eXIf", CilegonExif()) +
                    PngChunk("tEXt", std::string("Author\0Siti", 11)) +
                    PngChunk("tIME", "1234567") + idat + iend;
  auto out = StripImageMetadata(png);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->bytes, sig + ihdr + idat + iend);
  EXPECT_EQ(out->removed_segments, 3);
  ASSERT_TRUE(out->gps);
  EXPECT_NEAR(out->gps->longitude, 106.0111, 1e-9);
  for (size_t n = 8; n < png.size(); ++n) EXPECT_FALSE(StripImageMetadata(png.substr(0, n))) << n;
}

std::string RiffChunk(const std::string& type, const std::string& data) {
  size_t n = data.size();
  std::string s = type + std::string{static_cast<char>(n), static_cast<char>(n >> 8),
                                     static_cast<char>(n >> 16), static_cast<char>(n >> 24)};
  return s + data + (n % 2 ? std::string(1, '\0') : "");
}

std::string Webp(const std::string& chunks) {
  size_t n = chunks.size() + 4;
  return "RIFF" +
         std::string{static_cast<char>(n), static_cast<char>(n >> 8), static_cast<char>(n >> 16),
                     static_cast<char>(n >> 24)} +
         "WEBP" + chunks;
}

TEST(ImageMetadataTest, WebpLosesExifAndXmpAndTheirFlags) {
  std::string vp8x_with = RiffChunk("VP8X", std::string("\x0C\0\0\0\x0F\0\0\x0F\0\0", 10));
  std::string vp8x_without = RiffChunk("VP8X", std::string("\x00\0\0\0\x0F\0\0\x0F\0\0", 10));
  std::string image = RiffChunk("VP8L", "lossless pixel data");  // odd length: padded
  std::string webp = Webp(vp8x_with + image + RiffChunk("EXIF", CilegonExif()) +
                          RiffChunk("XMP ", "<x:xmpmeta/>"));
  auto out = StripImageMetadata(webp);
  ASSERT_TRUE(out);
  EXPECT_EQ(out->bytes, Webp(vp8x_without + image));
  EXPECT_EQ(out->removed_segments, 2);
  ASSERT_TRUE(out->gps);
  EXPECT_NEAR(out->gps->latitude, -6.0025, 1e-9);
  for (size_t n = 0; n < webp.size(); ++n) {
    auto cut = StripImageMetadata(webp.substr(0, n));
    EXPECT_FALSE(cut) << n;
  }
}

TEST(ImageMetadataTest, TypeIsSniffedFromTheBytes) {
  EXPECT_EQ(SniffContentType(Jpeg("")), "image/jpeg");
  EXPECT_EQ(SniffContentType("\x89PNG\r\n\x1A\n...."), "image/png");
  EXPECT_EQ(SniffContentType(Webp("")), "image/webp");
  EXPECT_EQ(SniffContentType("GIF89a"), "image/gif");
  EXPECT_EQ(SniffContentType(std::string("\0\0\0\x18"
                                         "ftypheic",
                                         12)),
            "image/heic");
  EXPECT_EQ(SniffContentType("%PDF-1.7"), "application/pdf");
  EXPECT_EQ(SniffContentType("<html>"), "");
}

}  // namespace
}  // namespace aduan::media
