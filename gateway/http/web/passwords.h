// Password hashing for the people of the web inbox: libsodium's Argon2id with its interactive
// cost, a random salt per password, and the parameters kept inside the hash string so a later
// raise of the cost still verifies old hashes.
#ifndef ADUAN_GATEWAY_WEB_PASSWORDS_H_
#define ADUAN_GATEWAY_WEB_PASSWORDS_H_

#include <string>

namespace aduan::gateway::web {

// The "$argon2id$..." string to store. Throws std::runtime_error when libsodium cannot start
// or runs out of memory.
std::string HashPassword(const std::string& password);

// True when `password` matches `hash` (a string HashPassword made). A malformed hash is false.
bool VerifyPassword(const std::string& hash, const std::string& password);

}  // namespace aduan::gateway::web

#endif  // ADUAN_GATEWAY_WEB_PASSWORDS_H_
