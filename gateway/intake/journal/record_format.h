// One journal record on disk. Segment files are a plain sequence of records:
//
//   crc32c  u32   over everything after it: length, sequence, time and payload
//   length  u32   payload bytes
//   seq     u64   the record's sequence number; strictly increasing across all segments
//   time    u64   Unix milliseconds when it was appended
//   payload length bytes
//
// All integers little-endian. A reader stops at the first record that is incomplete, fails
// its checksum, is longer than kMaxPayload, or does not carry a larger sequence number than
// the one before: everything from there on in that segment is a torn tail (never synced, so
// never acknowledged) or damage, and framing cannot be trusted past it.
#ifndef ADUAN_GATEWAY_JOURNAL_RECORD_FORMAT_H_
#define ADUAN_GATEWAY_JOURNAL_RECORD_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace aduan::gateway::journal {

inline constexpr size_t kHeaderSize = 24;
// A webhook body is at most 25 MiB (email); its parsed messages fit with room to spare.
inline constexpr uint32_t kMaxPayload = 64u << 20;

struct Record {
  uint64_t seq = 0;
  int64_t time_ms = 0;
  std::string payload;
};

// Appends the encoded record to *out.
void EncodeRecord(uint64_t seq, int64_t time_ms, std::string_view payload, std::string* out);

enum class DecodeStatus { kOk, kIncomplete, kCorrupt };

// Decodes the record at the start of `data`. On kOk fills *record and *consumed (its size on
// disk). kIncomplete: `data` ends inside the record. kCorrupt: checksum or length is wrong.
DecodeStatus DecodeRecord(std::string_view data, Record* record, size_t* consumed);

}  // namespace aduan::gateway::journal

#endif  // ADUAN_GATEWAY_JOURNAL_RECORD_FORMAT_H_
