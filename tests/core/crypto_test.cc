#include "core/crypto.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

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

// RFC 4231 (SHA-256) and RFC 2202 (SHA-1): a short key, and a key longer than a block, which
// is hashed first.
TEST(CryptoTest, HmacMatchesTheRfcVectors) {
  const std::string short_key(20, '\x0b');
  const std::string long_key_256(131, '\xaa');
  const std::string long_key_1(80, '\xaa');
  const std::string long_text = "Test Using Larger Than Block-Size Key - Hash Key First";
  EXPECT_EQ(HexEncode(HmacSha256(short_key, "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HexEncode(HmacSha256(long_key_256, long_text)),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(HexEncode(HmacSha1(short_key, "Hi There")), "b617318655057264e28bc0b6fb378c8ef146be00");
  EXPECT_EQ(HexEncode(HmacSha1(long_key_1, long_text)), "aa4ae5e15272d00e95705637ce8a3b55ed402112");
}

// Ours against OpenSSL's one-shot HMAC for every key length around the block size (64 bytes
// for both digests) and empty, short and multi-block messages.
TEST(CryptoTest, HmacAgreesWithOpenSslForKeysAroundTheBlockSize) {
  auto openssl = [](const EVP_MD* md, const std::string& key, const std::string& data) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    HMAC(md, key.data(), static_cast<int>(key.size()),
         reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
    return std::string(reinterpret_cast<char*>(out), len);
  };
  for (size_t k = 0; k <= 140; ++k) {
    std::string key;
    for (size_t i = 0; i < k; ++i) key.push_back(static_cast<char>((i * 37 + k) & 0xFF));
    for (const std::string& data : {std::string(), std::string("x"), std::string(300, 'q')}) {
      ASSERT_EQ(HmacSha256(key, data), openssl(EVP_sha256(), key, data)) << k;
      ASSERT_EQ(HmacSha1(key, data), openssl(EVP_sha1(), key, data)) << k;
    }
  }
}

TEST(CryptoTest, HexDecodeIsTheInverseOfHexEncode) {
  EXPECT_EQ(HexEncode(std::string("\x00\x7f\xff", 3)), "007fff");
  EXPECT_EQ(HexDecode("007fff"), std::string("\x00\x7f\xff", 3));
  EXPECT_EQ(HexDecode("ABcd"), "\xab\xcd");
  EXPECT_EQ(HexDecode(""), "");
  EXPECT_EQ(HexDecode("abc"), std::nullopt);  // odd length
  EXPECT_EQ(HexDecode("zz"), std::nullopt);
}

TEST(CryptoTest, HexDigitValueReadsEitherCaseAndRefusesTheRest) {
  EXPECT_EQ(HexDigitValue('0'), 0);
  EXPECT_EQ(HexDigitValue('9'), 9);
  EXPECT_EQ(HexDigitValue('a'), 10);
  EXPECT_EQ(HexDigitValue('F'), 15);
  for (char c : std::string_view("gG%/:@` \0", 9)) EXPECT_EQ(HexDigitValue(c), -1) << int{c};
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
