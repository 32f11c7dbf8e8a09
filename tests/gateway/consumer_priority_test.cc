// The journal consumer's lower OS priority, read back from the kernel.
#include "gateway/intake/journal/consumer_priority.h"

#include <gtest/gtest.h>
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

}  // namespace
}  // namespace aduan::gateway::journal
