// Digests, HMACs and the encodings that carry them, over OpenSSL's libcrypto: provider
// signatures, push signatures, stored key hashes, content keys. Every comparison of a received
// secret or signature goes through ConstantTimeEquals. Pure functions; thread-safe.
#ifndef ADUAN_CORE_CRYPTO_H_
#define ADUAN_CORE_CRYPTO_H_

#include <optional>
#include <string>
#include <string_view>

namespace aduan::core {

// Raw digests (not hex): 32 bytes for SHA-256, 20 for SHA-1.
std::string HmacSha256(std::string_view key, std::string_view data);
std::string HmacSha1(std::string_view key, std::string_view data);
std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);  // lowercase hex of Sha256

std::string HexEncode(std::string_view bytes);  // lowercase
// 0-15 for a hexadecimal digit of either case, -1 for anything else: the one digit decoder for
// hex, percent-encoding, quoted-printable and chunk sizes.
int HexDigitValue(char c);
// The bytes `hex` spells (digits of either case), or nullopt when its length is odd or it holds
// anything but hex digits.
std::optional<std::string> HexDecode(std::string_view hex);
std::string Base64Encode(std::string_view bytes);
// RFC 4648 section 5 ('-' and '_' for '+' and '/'), without '=' padding: text safe in a URL
// or a cookie.
std::string Base64UrlEncode(std::string_view bytes);

// Lenient base64 as found in mail: whitespace and other non-alphabet bytes are skipped, decoding
// stops at the first '=', a trailing partial group is decoded as far as it goes. Never fails.
std::string Base64DecodeLenient(std::string_view text);

// True when a == b. Takes the same time for any two inputs of any lengths: both sides are
// hashed first, so neither content nor length leaks through timing.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace aduan::core

#endif  // ADUAN_CORE_CRYPTO_H_
