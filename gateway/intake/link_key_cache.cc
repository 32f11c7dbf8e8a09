#include "gateway/intake/link_key_cache.h"

#include <functional>
#include <string_view>

namespace aduan::gateway {
namespace {

size_t ContentHash(const storage::TicketRecord& t) {
  const size_t text = std::hash<std::string_view>{}(t.text);
  const size_t details = std::hash<std::string_view>{}(t.details_json);
  return text ^ (details + 0x9e3779b97f4a7c15ULL + (text << 6) + (text >> 2));
}

}  // namespace

std::shared_ptr<const conversation::LinkKey> LinkKeyCache::Get(const storage::TicketRecord& t) {
  const size_t hash = ContentHash(t);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = entries_.find(t.id);
    if (it != entries_.end() && it->second.content_hash == hash) return it->second.key;
  }
  // Built outside the lock: lanes linking other messages are not held up by this one's parse.
  auto key = std::make_shared<const conversation::LinkKey>(
      conversation::LinkKeyOf(t.text, t.details_json));
  std::lock_guard<std::mutex> lock(mu_);
  ++builds_;
  if (entries_.size() >= capacity_ && !entries_.count(t.id)) entries_.clear();
  entries_[t.id] = Entry{hash, key};
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
