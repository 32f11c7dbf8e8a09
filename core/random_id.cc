#include "core/random_id.h"

#include <openssl/rand.h>

#include <limits>
#include <random>
#include <stdexcept>

#include "core/crypto.h"

namespace aduan::core {

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (n == 0) return out;
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), static_cast<int>(n)) == 1) {
    return out;
  }
  // RAND_bytes fails only when OpenSSL cannot seed from the OS; random_device asks the kernel
  // directly (and throws when it cannot), so a ticket number or id can still be made.
  std::random_device device;
  for (char& c : out) c = static_cast<char>(device() & 0xFF);
  return out;
}

std::string RandomId(std::string_view prefix) {
  std::string out(prefix);
  out.append(HexEncode(RandomBytes(12)));
  return out;
}

std::string RandomToken(size_t bytes) { return Base64UrlEncode(RandomBytes(bytes)); }

int64_t RandomBetween(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo) + 1;  // 0: all
  auto draw = [] {
    uint64_t v = 0;
    std::string bytes = RandomBytes(sizeof v);
    for (char c : bytes) v = (v << 8) | static_cast<unsigned char>(c);
    return v;
  };
  if (span == 0) return static_cast<int64_t>(draw());
  // Rejection sampling: values past the last whole multiple of `span` would favour low results.
  const uint64_t limit =
      std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % span;
  uint64_t v = draw();
  while (v >= limit) v = draw();
  return static_cast<int64_t>(static_cast<uint64_t>(lo) + v % span);
}

}  // namespace aduan::core
