// The journal consumer's lower OS priority and scheduling class, read back from the kernel.
#include "gateway/intake/journal/consumer_priority.h"

#include <gtest/gtest.h>
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <thread>

namespace aduan::gateway::journal {
namespace {

int NiceOfThisThread() {
  return ::getpriority(PRIO_PROCESS, static_cast<id_t>(::syscall(SYS_gettid)));
}

TEST(ConsumerPriorityTest, LowersOnlyTheCallingThreadAndThreadsItStarts) {
  const int before = NiceOfThisThread();
  int lowered = 0, child = 0;
  bool ok = false;
  std::string error;
  std::thread consumer([&] {
    ok = LowerThisThreadPriority(3, &error);
    lowered = NiceOfThisThread();
    std::thread lane([&] { child = NiceOfThisThread(); });  // like the processor's lanes
    lane.join();
  });
  consumer.join();
  ASSERT_TRUE(ok) << error;
  EXPECT_EQ(lowered, std::min(before + 3, 19));  // 19 is the kernel's floor of priority
  EXPECT_EQ(child, lowered);
  EXPECT_EQ(NiceOfThisThread(), before);  // the request threads keep theirs
}

TEST(ConsumerPriorityTest, IdleSchedulesTheCallingThreadAndItsLanesOnlyOnSpareCpu) {
  const int policy_before = ::sched_getscheduler(0);
  int consumer_policy = -1, lane_policy = -1;
  bool ok = false;
  std::string error;
  std::thread consumer([&] {
    ok = SetThisThreadPriority(ConsumerPriority::kIdle, &error);
    consumer_policy = ::sched_getscheduler(0);
    std::thread lane([&] { lane_policy = ::sched_getscheduler(0); });
    lane.join();
  });
  consumer.join();
  ASSERT_TRUE(ok) << error;
  EXPECT_EQ(consumer_policy, SCHED_IDLE);
  EXPECT_EQ(lane_policy, SCHED_IDLE);
  EXPECT_EQ(::sched_getscheduler(0), policy_before);  // the request threads keep theirs
}

TEST(ConsumerPriorityTest, LowIsNiceTenAndNormalChangesNothing) {
  const int before = NiceOfThisThread();
  int low = 0, normal = 0, normal_policy = -1;
  std::string error;
  bool low_ok = false, normal_ok = false;
  std::thread([&] {
    low_ok = SetThisThreadPriority(ConsumerPriority::kLow, &error);
    low = NiceOfThisThread();
  }).join();
  std::thread([&] {
    normal_ok = SetThisThreadPriority(ConsumerPriority::kNormal, &error);
    normal = NiceOfThisThread();
    normal_policy = ::sched_getscheduler(0);
  }).join();
  ASSERT_TRUE(low_ok && normal_ok) << error;
  EXPECT_EQ(low, std::min(before + kConsumerNiceDelta, 19));
  EXPECT_EQ(normal, before);
  EXPECT_EQ(normal_policy, SCHED_OTHER);
}

}  // namespace
}  // namespace aduan::gateway::journal
