// CRC-32C (Castagnoli), the checksum of journal records. Software, table-driven: a record is
// checksummed once when written and once when read, which is small next to its fdatasync.
#ifndef ADUAN_GATEWAY_JOURNAL_CRC32C_H_
#define ADUAN_GATEWAY_JOURNAL_CRC32C_H_

#include <cstddef>
#include <cstdint>

namespace aduan::gateway::journal {

// Continues a CRC-32C over `data`; start with crc = 0. Crc32c("123456789") == 0xE3069283.
uint32_t Crc32c(uint32_t crc, const void* data, size_t size);

}  // namespace aduan::gateway::journal

#endif  // ADUAN_GATEWAY_JOURNAL_CRC32C_H_
