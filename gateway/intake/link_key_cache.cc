#include "gateway/intake/link_key_cache.h"

namespace aduan::gateway {

std::shared_ptr<const conversation::LinkKey> LinkKeyCache::Get(const storage::TicketRecord& t) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(t.id);
    // Compared in full, not by a hash: comparing costs no more than hashing would, and no
    // collision can hand back a stale key.
    if (it != entries_.end() && it->second.text == t.text &&
        it->second.details_json == t.details_json) {
      return it->second.key;
    }
  }
  // Built outside the lock: lanes linking other messages are not held up by this one's parse.
  auto key = std::make_shared<const conversation::LinkKey>(
      conversation::LinkKeyOf(t.text, t.details_json));
  std::lock_guard<std::mutex> lock(mu_);
  ++builds_;
  if (entries_.size() >= capacity_ && !entries_.count(t.id)) entries_.clear();
  entries_[t.id] = Entry{t.text, t.details_json, key};
  return key;
}

size_t LinkKeyCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

uint64_t LinkKeyCache::builds() const {
  std::lock_guard<std::mutex> lock(mu_);
  return builds_;
}

}  // namespace aduan::gateway
