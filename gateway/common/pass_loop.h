// A background worker's loop: run a pass, wait, run again, until stopped. The outbox dispatcher,
// the media worker and the SLA scanner all work this way; the loop is here once so that they
// wait the same way while their passes fail.
//
// A pass returns how many items it handled and throws when it cannot work (storage away).
//   - A pass that handled something is followed by the next one at once: more may be due.
//   - A pass that handled nothing is followed by a wait of `idle_poll_ms`, cut short by Wake().
//   - A pass that threw is followed by a back-off that doubles from `idle_poll_ms` with every
//     pass failing in a row, up to `max_backoff_ms`; wakes are ignored meanwhile (they only say
//     more items are waiting, which cannot be worked while passes fail). Without it, each wake
//     became a pass and a log line every few milliseconds for the whole outage.
//   - The first failure, every 50th after it and the first pass that works again are logged
//     (`name` says whose passes they are).
// Stop() wakes the thread and joins it; it returns once the pass under way has finished.
#ifndef ADUAN_GATEWAY_COMMON_PASS_LOOP_H_
#define ADUAN_GATEWAY_COMMON_PASS_LOOP_H_

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

namespace aduan::gateway {

struct PassLoopOptions {
  PassLoopOptions(std::string name, std::string thread_name, int64_t idle_poll_ms)
      : name(std::move(name)), thread_name(std::move(thread_name)), idle_poll_ms(idle_poll_ms) {}

  std::string name;         // in log lines: "outbox", "media", "SLA scan"
  std::string thread_name;  // at most 15 characters (pthread_setname_np)
  int64_t idle_poll_ms;
  int64_t max_backoff_ms = 5000;
};

// How long the loop waits after `failed_passes` (>= 1) passes failed in a row: idle_poll_ms
// doubled once per failure after the first, at most 5 doublings, and never over max_backoff_ms.
int64_t PassBackoffMs(const PassLoopOptions& options, int failed_passes);

class PassLoop {
 public:
  // `pass` runs on the loop's thread only.
  PassLoop(PassLoopOptions options, std::function<int()> pass);
  ~PassLoop();  // Stop()
  PassLoop(const PassLoop&) = delete;
  PassLoop& operator=(const PassLoop&) = delete;

  // Starts the thread; a second call while it runs does nothing.
  void Start();
  // Ends the wait after an idle pass early. Ignored while backing off after failures.
  void Wake();
  // Stops and joins the thread. Safe to call more than once, and without Start().
  void Stop();

 private:
  void Run();

  const PassLoopOptions options_;
  const std::function<int()> pass_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_COMMON_PASS_LOOP_H_
