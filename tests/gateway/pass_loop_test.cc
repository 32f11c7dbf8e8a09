// The background workers' loop (gateway/common/pass_loop.h): the back-off while passes fail,
// the next pass at once after one that worked, Wake() ending an idle wait, Stop() ending any.
// Waits here are for something to happen (with a generous cap so a broken loop fails instead
// of hanging the suite), never measurements of how long it took.
#include "gateway/common/pass_loop.h"

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <utility>

namespace aduan::gateway {
namespace {

constexpr int64_t kHourMs = 60 * 60 * 1000;

PassLoopOptions Options(int64_t idle_poll_ms) { return {"test", "aduan-test", idle_poll_ms}; }

// Counts passes; `answer(n)` gives what pass number n (1-based) returns, or throws.
class Passes {
 public:
  explicit Passes(std::function<int(int)> answer) : answer_(std::move(answer)) {}

  int Run() {
    int n;
    {
      std::lock_guard<std::mutex> lock(mu_);
      n = ++count_;
    }
    cv_.notify_all();
    return answer_(n);
  }
  // True once at least `n` passes began; false when a minute went by first.
  bool WaitFor(int n) {
    std::unique_lock<std::mutex> lock(mu_);
    return cv_.wait_for(lock, std::chrono::minutes(1), [&] { return count_ >= n; });
  }
  int count() {
    std::lock_guard<std::mutex> lock(mu_);
    return count_;
  }

 private:
  std::function<int(int)> answer_;
  std::mutex mu_;
  std::condition_variable cv_;
  int count_ = 0;
};

TEST(PassBackoffTest, DoublesFromTheIdlePollPerFailureUpToFiveTimesAndTheCap) {
  PassLoopOptions o = Options(250);
  EXPECT_EQ(PassBackoffMs(o, 1), 250);
  EXPECT_EQ(PassBackoffMs(o, 2), 500);
  EXPECT_EQ(PassBackoffMs(o, 3), 1000);
  EXPECT_EQ(PassBackoffMs(o, 4), 2000);
  EXPECT_EQ(PassBackoffMs(o, 5), 4000);
  EXPECT_EQ(PassBackoffMs(o, 6), 5000);  // max_backoff_ms
  EXPECT_EQ(PassBackoffMs(o, 1000), 5000);

  PassLoopOptions small = Options(10);
  EXPECT_EQ(PassBackoffMs(small, 6), 320);  // five doublings, under the cap
  EXPECT_EQ(PassBackoffMs(small, 60), 320);
}

TEST(PassLoopTest, KeepsPassingWhilePassesThrowAndAfterTheyWorkAgain) {
  Passes passes([](int n) -> int {
    if (n <= 3) throw std::runtime_error("store away (test)");
    return 0;
  });
  PassLoop loop(Options(1), [&] { return passes.Run(); });
  loop.Start();
  EXPECT_TRUE(passes.WaitFor(6));
  loop.Stop();
}

TEST(PassLoopTest, APassThatWorkedIsFollowedAtOnceWithoutAWake) {
  // Idle waits are an hour: the fourth pass can only come from the three that worked.
  Passes passes([](int n) { return n <= 3 ? 1 : 0; });
  PassLoop loop(Options(kHourMs), [&] { return passes.Run(); });
  loop.Start();
  EXPECT_TRUE(passes.WaitFor(4));
  loop.Stop();
  EXPECT_EQ(passes.count(), 4);  // the fourth found nothing, and Stop ended the hour's wait
}

TEST(PassLoopTest, WakeEndsAnIdleWaitAndASecondStartChangesNothing) {
  Passes passes([](int) { return 0; });
  PassLoop loop(Options(kHourMs), [&] { return passes.Run(); });
  loop.Start();
  ASSERT_TRUE(passes.WaitFor(1));
  loop.Start();  // already running: nothing (a second thread would abort the process)
  loop.Wake();
  EXPECT_TRUE(passes.WaitFor(2));
  loop.Stop();
}

TEST(PassLoopTest, StopEndsABackOffAndIsSafeTwiceOrWithoutStart) {
  Passes passes([](int) -> int { throw std::runtime_error("store away (test)"); });
  // A back-off of an hour after the first failure: Stop must not wait for it.
  PassLoopOptions o = Options(kHourMs);
  o.max_backoff_ms = kHourMs;
  PassLoop loop(o, [&] { return passes.Run(); });
  loop.Start();
  ASSERT_TRUE(passes.WaitFor(1));
  loop.Wake();  // ignored while backing off
  loop.Stop();
  loop.Stop();
  EXPECT_EQ(passes.count(), 1);

  PassLoop never_started(Options(1), [] { return 0; });
  never_started.Stop();
}

}  // namespace
}  // namespace aduan::gateway
