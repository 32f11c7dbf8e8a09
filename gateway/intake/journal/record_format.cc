#include "gateway/intake/journal/record_format.h"

#include "gateway/intake/journal/crc32c.h"

namespace aduan::gateway::journal {
namespace {

void PutLittle(uint64_t v, int bytes, char* out) {
  for (int i = 0; i < bytes; ++i) out[i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

uint64_t GetLittle(const char* in, int bytes) {
  uint64_t v = 0;
  for (int i = 0; i < bytes; ++i) v |= uint64_t{static_cast<unsigned char>(in[i])} << (8 * i);
  return v;
}

}  // namespace

void EncodeRecord(uint64_t seq, int64_t time_ms, std::string_view payload, std::string* out) {
  char header[kHeaderSize];
  PutLittle(payload.size(), 4, header + 4);
  PutLittle(seq, 8, header + 8);
  PutLittle(static_cast<uint64_t>(time_ms), 8, header + 16);
  uint32_t crc = Crc32c(0, header + 4, kHeaderSize - 4);
  crc = Crc32c(crc, payload.data(), payload.size());
  PutLittle(crc, 4, header);
  out->append(header, kHeaderSize);
  out->append(payload);
}

DecodeStatus DecodeRecord(std::string_view data, Record* record, size_t* consumed) {
  if (data.size() < kHeaderSize) return DecodeStatus::kIncomplete;
  uint64_t length = GetLittle(data.data() + 4, 4);
  if (length > kMaxPayload) return DecodeStatus::kCorrupt;
  if (data.size() < kHeaderSize + length) return DecodeStatus::kIncomplete;
  uint32_t crc = Crc32c(0, data.data() + 4, kHeaderSize - 4 + length);
  if (crc != static_cast<uint32_t>(GetLittle(data.data(), 4))) return DecodeStatus::kCorrupt;
  record->seq = GetLittle(data.data() + 8, 8);
  record->time_ms = static_cast<int64_t>(GetLittle(data.data() + 16, 8));
  record->payload.assign(data.data() + kHeaderSize, length);
  *consumed = kHeaderSize + length;
  return DecodeStatus::kOk;
}

}  // namespace aduan::gateway::journal
