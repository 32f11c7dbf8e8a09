#include "gateway/common/api_keys.h"

#include <strings.h>

#include "core/crypto.h"
#include "core/random_id.h"

namespace aduan::gateway {
namespace {

std::string RandomSecret() {
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  std::string out = "adk_";
  for (unsigned char b : core::RandomBytes(32)) out.push_back(kChars[b % 62]);  // ~190 bits
  return out;
}

}  // namespace

IssuedKey IssueApiKey(storage::DirectoryStore& store, const std::string& agency, int64_t now_ms) {
  IssuedKey key{core::RandomId("key_"), RandomSecret()};
  store.InsertApiKey({key.id, core::Sha256Hex(key.secret), agency, now_ms, std::nullopt});
  return key;
}

std::optional<Principal> Authenticate(storage::DirectoryStore& store,
                                      const std::string& authorization,
                                      const std::string& admin_token) {
  // RFC 9110 11.1: the scheme is case-insensitive ("bearer", "BEARER" are the same).
  constexpr std::string_view kBearer = "bearer";
  if (authorization.size() <= kBearer.size() + 1 ||
      strncasecmp(authorization.c_str(), kBearer.data(), kBearer.size()) != 0 ||
      (authorization[kBearer.size()] != ' ' && authorization[kBearer.size()] != '\t')) {
    return std::nullopt;
  }
  size_t start = authorization.find_first_not_of(" \t", kBearer.size());
  if (start == std::string::npos) return std::nullopt;
  std::string token = authorization.substr(start);
  while (!token.empty() && (token.back() == ' ' || token.back() == '\t')) token.pop_back();
  if (!admin_token.empty() && core::ConstantTimeEquals(token, admin_token)) {
    return Principal{Principal::Kind::kOperator, "", ""};
  }
  // Looking up by hash means the comparison happens on digests, never on the secret itself.
  auto key = store.FindApiKey(core::Sha256Hex(token));
  if (!key || key->revoked_at_ms) return std::nullopt;
  return Principal{Principal::Kind::kAgency, key->agency, key->id};
}

}  // namespace aduan::gateway
