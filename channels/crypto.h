// Signature primitives the providers use, over OpenSSL's libcrypto. Every comparison of a
// received secret or signature goes through ConstantTimeEquals.
#ifndef ADUAN_CHANNELS_CRYPTO_H_
#define ADUAN_CHANNELS_CRYPTO_H_

#include <optional>
#include <string>
#include <string_view>

namespace aduan::channels {

// Raw digests (not hex): 32 bytes for SHA-256, 20 for SHA-1.
std::string HmacSha256(std::string_view key, std::string_view data);
std::string HmacSha1(std::string_view key, std::string_view data);
std::string Sha256(std::string_view data);
std::string Sha256Hex(std::string_view data);  // lowercase hex of Sha256

std::string HexEncode(std::string_view bytes);  // lowercase
std::string Base64Encode(std::string_view bytes);

// Lenient base64 as found in mail: whitespace and other non-alphabet bytes are skipped, decoding
// stops at the first '=', a trailing partial group is decoded as far as it goes. Never fails.
std::string Base64DecodeLenient(std::string_view text);

// True when a == b. Takes the same time for any two inputs of any lengths: both sides are
// hashed first, so neither content nor length leaks through timing.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_CRYPTO_H_
