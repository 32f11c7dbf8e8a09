// The outbox dispatcher while its passes fail (the database is away): it backs off between
// passes and ignores wakes meanwhile, instead of a pass and a log line per acknowledged
// webhook, and passes again once the store answers. The store is a real SQLite store behind a
// switch that makes ClaimOutbox fail.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "../storage/temp_dir.h"
#include "gateway/delivery/outbox_dispatcher.h"

namespace aduan::gateway {
namespace {

// Forwards to `real`; the first `failures` claims throw StoreError. Each claim records how
// many wakes the test had sent by then.
class FailingOutbox : public storage::OutboxStore {
 public:
  FailingOutbox(storage::OutboxStore* real, int failures, const std::atomic<int>* wakes)
      : real_(real), failures_(failures), wakes_(wakes) {}

  std::vector<storage::OutboxRow> ClaimOutbox(int max, int64_t now_ms, int64_t claim_ms) override {
    bool fail;
    {
      std::lock_guard<std::mutex> lock(mu_);
      wakes_at_claim_.push_back(wakes_->load());
      fail = static_cast<int>(wakes_at_claim_.size()) <= failures_;
    }
    cv_.notify_all();
    if (fail) throw storage::StoreError("database away (test)");
    return real_->ClaimOutbox(max, now_ms, claim_ms);
  }
  void FinishOutbox(int64_t id, const storage::OutboxAttempt& attempt, int64_t now_ms) override {
    real_->FinishOutbox(id, attempt, now_ms);
  }
  bool RecordDeliveryStatus(const std::string& channel, const std::string& provider_message_id,
                            const std::string& status, const std::string& error,
                            int64_t reported_at_ms, int64_t now_ms) override {
    return real_->RecordDeliveryStatus(channel, provider_message_id, status, error, reported_at_ms,
                                       now_ms);
  }
  std::vector<storage::OutboxRow> ListOutbox(const std::string& status, int limit) override {
    return real_->ListOutbox(status, limit);
  }
  std::string TicketOfOutboxRow(int64_t outbox_id) override {
    return real_->TicketOfOutboxRow(outbox_id);
  }

  // Waits (up to a minute, then the test fails on the count) for `n` claims; their wake counts.
  std::vector<int> WaitForClaims(size_t n) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait_for(lock, std::chrono::seconds(60), [&] { return wakes_at_claim_.size() >= n; });
    return wakes_at_claim_;
  }

 private:
  storage::OutboxStore* real_;
  const int failures_;
  const std::atomic<int>* wakes_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<int> wakes_at_claim_;
};

TEST(OutboxBackoffTest, FailingPassesBackOffIgnoringWakesAndResumeOnceTheStoreAnswers) {
  testing::TempDir dir;
  auto real = storage::OpenStore("sqlite:" + dir.File("aduan.db"));
  std::atomic<int> wakes{0};
  constexpr int kFailures = 3;
  FailingOutbox store(real.get(), kFailures, &wakes);
  DispatcherOptions options;
  options.idle_poll_ms = 300;  // failed passes then wait 300, 600, 1200 ms
  OutboxDispatcher dispatcher(
      &store, {}, [](std::string_view) { return std::nullopt; },
      [] { return int64_t{1'700'000'000'000}; }, options);
  dispatcher.Start();
  // Every acknowledged webhook wakes the dispatcher; here one does every millisecond.
  std::atomic<bool> stop{false};
  std::thread waker([&] {
    while (!stop) {
      dispatcher.Wake();
      ++wakes;
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  });
  std::vector<int> at = store.WaitForClaims(kFailures + 2);
  stop = true;
  waker.join();
  dispatcher.Stop();

  // Two passes after the failures: the store answered and the dispatcher went on passing.
  ASSERT_GE(at.size(), static_cast<size_t>(kFailures + 2));
  // After each failed pass hundreds of wakes arrived before the next pass: they did not start
  // one. (A dispatcher that honoured them passed again at the first one, a wake later.)
  for (int i = 0; i < kFailures; ++i) {
    EXPECT_GE(at[i + 1] - at[i], 20) << "wakes between failed pass " << i + 1 << " and the next";
  }
}

}  // namespace
}  // namespace aduan::gateway
