// What the intake journal holds for one message: the parsed message as the adapter produced
// it, when it arrived, and its receipt. The processor rebuilds the message from this alone,
// so processing a record an hour later (or after a restart) decides as the request would have.
#ifndef ADUAN_GATEWAY_INTAKE_ENTRY_H_
#define ADUAN_GATEWAY_INTAKE_ENTRY_H_

#include <optional>
#include <string>

#include "core/message.h"

namespace aduan::gateway {

struct IntakeEntry {
  // Either a message or, when set, a delivery report whose database write failed (the
  // provider is told 200 all the same; the processor records it when the database is back).
  std::optional<core::DeliveryStatus> status;
  core::InboundMessage message;
  int64_t received_at_ms = 0;  // the webhook's arrival: the pipeline's "now" for this message
  std::string receipt;         // what a generic caller may look the outcome up by
};

// A compact JSON encoding; EncodeEntry(DecodeEntry(x)) keeps every field.
std::string EncodeEntry(const IntakeEntry& entry);
// nullopt when `payload` is not an encoded entry (damage that passed the checksum, or a
// record from an incompatible version).
std::optional<IntakeEntry> DecodeEntry(const std::string& payload);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_INTAKE_ENTRY_H_
