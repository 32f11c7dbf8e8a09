// Signed-in people of the web inbox, and the brake on guessing passwords.
//
// Sessions live in this process's memory: a restart signs everyone out, and with several
// gateway instances the proxy must keep a person on one instance (sticky sessions). A session
// ends after `idle_ms` without a request, after `max_ms` in any case, or at logout.
// Thread safety: every method may be called from any thread.
#ifndef ADUAN_GATEWAY_WEB_SESSIONS_H_
#define ADUAN_GATEWAY_WEB_SESSIONS_H_

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace aduan::gateway::web {

struct Session {
  std::string username;
  std::string name;
  std::string agency;  // "" for an operator
  std::string role;    // "clerk" or "operator"
  std::string csrf;    // every form of this session carries it
  int64_t created_ms = 0;
  int64_t last_seen_ms = 0;
};

class SessionStore {
 public:
  SessionStore(int64_t idle_ms, int64_t max_ms) : idle_ms_(idle_ms), max_ms_(max_ms) {}
  // Starts a session; returns its id (the cookie's value).
  std::string Create(Session session, int64_t now_ms);
  // The live session with this id (its idle timer restarted), or nullopt.
  std::optional<Session> Find(const std::string& id, int64_t now_ms);
  void Remove(const std::string& id);

 private:
  std::mutex mu_;
  std::map<std::string, Session> sessions_;
  int64_t idle_ms_;
  int64_t max_ms_;
};

// Counts wrong passwords per key (a username, an address). After `free_tries` failures each
// further try must wait twice as long as the last, up to `max_wait_ms`; a success clears the
// key. Failures older than `forget_ms` are forgotten.
class LoginThrottle {
 public:
  explicit LoginThrottle(int free_tries = 5, int64_t max_wait_ms = 15 * 60 * 1000,
                         int64_t forget_ms = 60 * 60 * 1000)
      : free_tries_(free_tries), max_wait_ms_(max_wait_ms), forget_ms_(forget_ms) {}
  // Milliseconds `key` must still wait before its next try; 0 when it may try now.
  int64_t WaitMs(const std::string& key, int64_t now_ms);
  void Failed(const std::string& key, int64_t now_ms);
  void Succeeded(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    int64_t last_ms = 0;
  };
  std::mutex mu_;
  std::map<std::string, Entry> entries_;
  int free_tries_;
  int64_t max_wait_ms_;
  int64_t forget_ms_;
};

}  // namespace aduan::gateway::web

#endif  // ADUAN_GATEWAY_WEB_SESSIONS_H_
