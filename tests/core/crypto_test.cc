#include "core/crypto.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace aduan::core {
namespace {

TEST(CryptoTest, KnownDigestsAndEncodings) {
  // RFC 4231 test case 2.
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Base64Encode("hello"), "aGVsbG8=");
  EXPECT_EQ(Base64DecodeLenient("aGVs\r\nbG8=\r\n"), "hello");
  EXPECT_EQ(Base64DecodeLenient("aGVsbG8"), "hello");  // missing padding
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abcd"));
  EXPECT_FALSE(ConstantTimeEquals("", "x"));
}

TEST(CryptoTest, HexDecodeIsTheInverseOfHexEncode) {
  EXPECT_EQ(HexEncode(std::string("\x00\x7f\xff", 3)), "007fff");
  EXPECT_EQ(HexDecode("007fff"), std::string("\x00\x7f\xff", 3));
  EXPECT_EQ(HexDecode("ABcd"), "\xab\xcd");
  EXPECT_EQ(HexDecode(""), "");
  EXPECT_EQ(HexDecode("abc"), std::nullopt);  // odd length
  EXPECT_EQ(HexDecode("zz"), std::nullopt);
}

TEST(CryptoTest, UrlSafeBase64HasNoPaddingAndNoSlashOrPlus) {
  // 0xfb 0xff encodes as "+/8=" in the standard alphabet.
  EXPECT_EQ(Base64Encode("\xfb\xff"), "+/8=");
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlEncode("hello"), "aGVsbG8");
  EXPECT_EQ(Base64UrlEncode(""), "");
  // The lenient decoder reads both alphabets, so a URL-safe token decodes back.
  EXPECT_EQ(Base64DecodeLenient(Base64UrlEncode("\xfb\xff")), "\xfb\xff");
}

}  // namespace
}  // namespace aduan::core
