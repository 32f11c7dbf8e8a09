// Link keys of recent tickets, kept between messages.
//
// Linking compares each new complaint with up to 50 of its agency's recent tickets, and the
// next complaint for the same agency reads mostly the same tickets. Building a ticket's key
// (tokenising its text, parsing its details) once instead of once per message removes most
// of what linking costs (bench/intake/link_bench.cc).
//
// A key is found by ticket id and used only while the ticket's text and details are what they
// were when it was built: a location added to a ticket later changes its details, and the key
// is built again. Thread-safe. Bounded: once `capacity` tickets are held it starts over, which
// costs one rebuild of the tickets still in use.
#ifndef ADUAN_GATEWAY_INTAKE_LINK_KEY_CACHE_H_
#define ADUAN_GATEWAY_INTAKE_LINK_KEY_CACHE_H_

#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "gateway/intake/conversation/place.h"
#include "storage/records.h"

namespace aduan::gateway {

class LinkKeyCache {
 public:
  explicit LinkKeyCache(size_t capacity = 8192) : capacity_(capacity) {}

  // The key of `ticket` (its id, text and details_json are read). The returned key stays valid
  // for as long as the caller holds it, whatever the cache does afterwards.
  std::shared_ptr<const conversation::LinkKey> Get(const storage::TicketRecord& ticket);

  size_t size() const;
  uint64_t builds() const;  // keys built so far (misses), for tests

 private:
  struct Entry {
    // What the key was built from (a few hundred bytes a ticket, ~3 MiB at capacity).
    std::string text;
    std::string details_json;
    std::shared_ptr<const conversation::LinkKey> key;
  };
  const size_t capacity_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;
  uint64_t builds_ = 0;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_INTAKE_LINK_KEY_CACHE_H_
