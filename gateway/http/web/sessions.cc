#include "gateway/http/web/sessions.h"

#include <algorithm>

#include "core/random_id.h"

namespace aduan::gateway::web {

std::string SessionStore::Create(Session session, int64_t now_ms) {
  std::string id = core::RandomToken();
  session.csrf = core::RandomToken();
  session.created_ms = now_ms;
  session.last_seen_ms = now_ms;
  std::lock_guard<std::mutex> lock(mu_);
  // Sweep ended sessions here, so memory stays bounded by the sessions alive at once.
  for (auto it = sessions_.begin(); it != sessions_.end();) {
    bool ended =
        now_ms - it->second.last_seen_ms > idle_ms_ || now_ms - it->second.created_ms > max_ms_;
    it = ended ? sessions_.erase(it) : std::next(it);
  }
  sessions_[id] = std::move(session);
  return id;
}

std::optional<Session> SessionStore::Find(const std::string& id, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (now_ms - it->second.last_seen_ms > idle_ms_ || now_ms - it->second.created_ms > max_ms_) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen_ms = now_ms;
  return it->second;
}

void SessionStore::Remove(const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  sessions_.erase(id);
}

int64_t LoginThrottle::WaitMs(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return 0;
  if (now_ms - it->second.last_ms > forget_ms_) {
    entries_.erase(it);
    return 0;
  }
  int over = it->second.failures - free_tries_;
  if (over < 0) return 0;
  int64_t wait = 1000;
  for (int i = 0; i < over && wait < max_wait_ms_; ++i) wait *= 2;
  wait = std::min(wait, max_wait_ms_);
  return std::max<int64_t>(0, it->second.last_ms + wait - now_ms);
}

void LoginThrottle::Failed(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  Entry& e = entries_[key];
  ++e.failures;
  e.last_ms = now_ms;
}

void LoginThrottle::Succeeded(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.erase(key);
}

}  // namespace aduan::gateway::web
