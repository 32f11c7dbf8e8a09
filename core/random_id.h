// The one source of randomness: ids for rows and leases, secrets (API keys, session and CSRF
// tokens, single-use tokens), ticket numbers and retry jitter all draw from RandomBytes, which
// reads OpenSSL's CSPRNG. Every function is thread-safe.
#ifndef ADUAN_CORE_RANDOM_ID_H_
#define ADUAN_CORE_RANDOM_ID_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace aduan::core {

// `n` unpredictable bytes from OpenSSL's RAND_bytes. Should that ever fail (a broken OS entropy
// source), the bytes come from std::random_device instead; when that fails too it throws
// std::runtime_error, because a predictable secret is worse than none.
std::string RandomBytes(size_t n);

// `prefix` followed by 24 lowercase hex digits (96 random bits): ids of rows, leases, journals
// and instances. Unique with overwhelming probability; not meant as a secret.
std::string RandomId(std::string_view prefix);

// `bytes` random bytes as URL-safe base64 without padding (43 characters for 32 bytes): session
// ids, CSRF tokens and other secrets that travel in URLs and cookies.
std::string RandomToken(size_t bytes = 32);

// A uniformly drawn integer in [lo, hi] (lo when hi <= lo): retry jitter.
int64_t RandomBetween(int64_t lo, int64_t hi);

}  // namespace aduan::core

#endif  // ADUAN_CORE_RANDOM_ID_H_
