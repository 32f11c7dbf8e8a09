#include "core/random_id.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <random>
#include <stdexcept>

#include "core/crypto.h"

namespace aduan::core {

namespace {

// RAND_bytes has a fixed cost per call (a lock and a generator round, ~5 us under load, 1-2% of
// a new complaint's CPU for its ticket number), so each thread draws a block and hands it out
// in pieces. The bytes are the same generator's output; a block serves one thread only, and a
// byte handed out is wiped from it.
constexpr size_t kBlockBytes = 512;

// Bumped in a forked child: a block drawn before the fork would otherwise hand the parent's
// unused bytes out a second time in the child (OpenSSL reseeds itself after a fork; a copy of
// its output does not).
std::atomic<uint64_t> g_fork_generation{0};

bool DrawFromBlock(unsigned char* out, size_t n) {
  static std::once_flag at_fork;
  std::call_once(at_fork, [] {
    pthread_atfork(nullptr, nullptr,
                   [] { g_fork_generation.fetch_add(1, std::memory_order_relaxed); });
  });
  struct Block {
    unsigned char bytes[kBlockBytes];
    size_t used = kBlockBytes;
    uint64_t generation = 0;
    ~Block() { OPENSSL_cleanse(bytes, sizeof bytes); }
  };
  thread_local Block block;
  const uint64_t generation = g_fork_generation.load(std::memory_order_relaxed);
  if (block.generation != generation) {
    OPENSSL_cleanse(block.bytes, sizeof block.bytes);
    block.used = kBlockBytes;
    block.generation = generation;
  }
  while (n > 0) {
    if (block.used == kBlockBytes) {
      if (RAND_bytes(block.bytes, static_cast<int>(kBlockBytes)) != 1) return false;
      block.used = 0;
    }
    const size_t k = std::min(n, kBlockBytes - block.used);
    std::memcpy(out, block.bytes + block.used, k);
    OPENSSL_cleanse(block.bytes + block.used, k);
    block.used += k;
    out += k;
    n -= k;
  }
  return true;
}

}  // namespace

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  if (n == 0) return out;
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  const bool drawn =
      n >= kBlockBytes ? RAND_bytes(p, static_cast<int>(n)) == 1 : DrawFromBlock(p, n);
  if (drawn) return out;
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
