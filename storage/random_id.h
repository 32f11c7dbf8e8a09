// Random identifiers for leases and rows: unique, not secret (agency API keys use OpenSSL).
#ifndef ADUAN_STORAGE_RANDOM_ID_H_
#define ADUAN_STORAGE_RANDOM_ID_H_

#include <string>
#include <string_view>

namespace aduan::storage {

// `prefix` followed by 24 lowercase hex digits (96 random bits). Thread-safe.
std::string RandomId(std::string_view prefix);

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_RANDOM_ID_H_
