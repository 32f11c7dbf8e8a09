// Agency API keys: issued once, stored only as a SHA-256 hash, checked on every request (so a
// revoked key is refused at once, with no cache to wait out).
#ifndef ADUAN_GATEWAY_API_KEYS_H_
#define ADUAN_GATEWAY_API_KEYS_H_

#include <optional>
#include <string>

#include "storage/store.h"

namespace aduan::gateway {

struct IssuedKey {
  std::string id;      // "key_..." public identifier, safe to log and list
  std::string secret;  // "adk_..." shown to the operator once, never stored
};

// Creates a key for `agency` and stores its hash. Throws StoreError.
IssuedKey IssueApiKey(storage::DirectoryStore& store, const std::string& agency, int64_t now_ms);

// Who is calling the API.
struct Principal {
  enum class Kind { kAgency, kOperator } kind = Kind::kAgency;
  std::string agency;  // set for kAgency
  std::string key_id;  // set for kAgency
};

// Resolves an Authorization header value ("Bearer ...") to a principal, or nullopt when the
// token is missing, unknown or revoked. `admin_token` empty disables the operator.
std::optional<Principal> Authenticate(storage::DirectoryStore& store,
                                      const std::string& authorization,
                                      const std::string& admin_token);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_API_KEYS_H_
