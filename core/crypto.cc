#include "core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <cstdint>
#include <initializer_list>
#include <stdexcept>

namespace aduan::core {
namespace {

// The digests, fetched from OpenSSL's provider once. OpenSSL 3's one-shot HMAC() fetches its
// algorithms by name on every call, which was most of a webhook signature check (~10 us); a
// fetched EVP_MD is immutable and may be shared by threads.
const EVP_MD* Sha256Md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}
const EVP_MD* Sha1Md() {
  static EVP_MD* md = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  return md;
}

// One digest of `parts` concatenated into `out` (EVP_MAX_MD_SIZE bytes); returns its length.
unsigned int Digest(const EVP_MD* md, std::initializer_list<std::string_view> parts,
                    unsigned char* out) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  unsigned int len = 0;
  bool ok = ctx != nullptr && EVP_DigestInit_ex(ctx, md, nullptr) == 1;
  for (std::string_view p : parts) ok = ok && EVP_DigestUpdate(ctx, p.data(), p.size()) == 1;
  ok = ok && EVP_DigestFinal_ex(ctx, out, &len) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok) throw std::runtime_error("OpenSSL digest failed");
  return len;
}

// HMAC as RFC 2104 defines it, on a pre-fetched digest: H((K ^ opad) || H((K ^ ipad) || data)),
// K being the key (hashed first when longer than a block) padded with zeros to a block.
std::string Hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  if (md == nullptr) throw std::runtime_error("OpenSSL has no such digest");
  const size_t block = static_cast<size_t>(EVP_MD_get_block_size(md));
  unsigned char hashed_key[EVP_MAX_MD_SIZE];
  if (key.size() > block) {
    const unsigned int n = Digest(md, {key}, hashed_key);
    key = std::string_view(reinterpret_cast<const char*>(hashed_key), n);
  }
  // The pads are the key in disguise: wiped however this returns.
  struct Wiped {
    std::string text;
    ~Wiped() { OPENSSL_cleanse(text.data(), text.size()); }
  } inner_wiped{std::string(block, '\x36')}, outer_wiped{std::string(block, '\x5c')};
  std::string& inner_pad = inner_wiped.text;
  std::string& outer_pad = outer_wiped.text;
  for (size_t i = 0; i < key.size(); ++i) {
    inner_pad[i] = static_cast<char>(inner_pad[i] ^ key[i]);
    outer_pad[i] = static_cast<char>(outer_pad[i] ^ key[i]);
  }
  unsigned char inner[EVP_MAX_MD_SIZE];
  const unsigned int inner_len = Digest(md, {inner_pad, data}, inner);
  unsigned char out[EVP_MAX_MD_SIZE];
  const unsigned int len =
      Digest(md, {outer_pad, std::string_view(reinterpret_cast<char*>(inner), inner_len)}, out);
  OPENSSL_cleanse(hashed_key, sizeof hashed_key);
  return std::string(reinterpret_cast<char*>(out), len);
}

int Base64Value(unsigned char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '+' || c == '-') return 62;  // '-' and '_': the URL-safe alphabet, seen in the wild
  if (c == '/' || c == '_') return 63;
  return -1;
}

}  // namespace

std::string HmacSha256(std::string_view key, std::string_view data) {
  return Hmac(Sha256Md(), key, data);
}

std::string HmacSha1(std::string_view key, std::string_view data) {
  return Hmac(Sha1Md(), key, data);
}

std::string Sha256(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  const unsigned int len = Digest(Sha256Md(), {data}, out);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string Sha256Hex(std::string_view data) { return HexEncode(Sha256(data)); }

std::string HexEncode(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char b : bytes) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0xF]);
  }
  return out;
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> HexDecode(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  std::string out(hex.size() / 2, '\0');
  for (size_t i = 0; i < out.size(); ++i) {
    int hi = HexDigitValue(hex[2 * i]), lo = HexDigitValue(hex[2 * i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out[i] = static_cast<char>(hi * 16 + lo);
  }
  return out;
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(n < 0 ? 0 : static_cast<size_t>(n));
  return out;
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out = Base64Encode(bytes);
  while (!out.empty() && out.back() == '=') out.pop_back();
  for (char& c : out) {
    if (c == '+') c = '-';
    if (c == '/') c = '_';
  }
  return out;
}

std::string Base64DecodeLenient(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : text) {
    if (c == '=') break;
    int v = Base64Value(c);
    if (v < 0) continue;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  return out;
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  std::string ha = Sha256(a);
  std::string hb = Sha256(b);
  return CRYPTO_memcmp(ha.data(), hb.data(), ha.size()) == 0;
}

}  // namespace aduan::core
