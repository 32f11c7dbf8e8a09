#include "core/random_id.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdint>
#include <limits>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace aduan::core {
namespace {

bool AllOf(const std::string& s, std::string_view alphabet) {
  return s.find_first_not_of(alphabet) == std::string::npos;
}

TEST(RandomIdTest, IdsArePrefixAnd24HexDigitsAndNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    std::string id = RandomId("lease_");
    ASSERT_EQ(id.size(), 6u + 24u) << id;
    EXPECT_EQ(id.substr(0, 6), "lease_");
    EXPECT_TRUE(AllOf(id.substr(6), "0123456789abcdef")) << id;
    EXPECT_TRUE(seen.insert(id).second) << "drawn twice: " << id;
  }
  EXPECT_EQ(RandomId("").size(), 24u);
}

TEST(RandomIdTest, BytesAndTokensHaveTheAskedSize) {
  EXPECT_EQ(RandomBytes(0), "");
  EXPECT_EQ(RandomBytes(25).size(), 25u);
  EXPECT_NE(RandomBytes(16), RandomBytes(16));
  std::string token = RandomToken();
  EXPECT_EQ(token.size(), 43u);  // 32 bytes, base64 without padding
  EXPECT_TRUE(AllOf(token, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))
      << token;
  EXPECT_EQ(RandomToken(3).size(), 4u);
  EXPECT_NE(RandomToken(), RandomToken());
}

// Small draws come from a per-thread block of the generator's output: draws that straddle a
// block's end, draws larger than a block, and draws on several threads at once must still
// never hand the same bytes out twice.
TEST(RandomIdTest, DrawsAcrossBlocksAndThreadsNeverRepeat) {
  std::mutex mu;
  std::set<std::string> seen;
  size_t drawn = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      std::vector<std::string> mine;
      for (int i = 0; i < 500; ++i) mine.push_back(RandomBytes(7 + (i % 3) * 300));
      std::lock_guard<std::mutex> lock(mu);
      for (auto& m : mine) {
        EXPECT_TRUE(m.size() == 7 || m.size() == 307 || m.size() == 607) << m.size();
        seen.insert(m.substr(0, 7));
        ++drawn;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(drawn, 2000u);
  EXPECT_EQ(seen.size(), 2000u);  // 56 random bits each: a repeat means reused bytes
}

// A child forked after this thread drew bytes must not hand out the bytes left in the
// parent's block: they are the parent's next draw.
TEST(RandomIdTest, AForkedChildDoesNotRepeatTheParentsNextBytes) {
  (void)RandomBytes(1);  // the block now holds 511 bytes the parent has not used
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    const std::string mine = RandomBytes(16);
    ssize_t n = write(fds[1], mine.data(), mine.size());
    _exit(n == 16 ? 0 : 1);
  }
  close(fds[1]);
  std::string childs(16, '\0');
  ssize_t got = 0;
  while (got < 16) {
    ssize_t n = read(fds[0], childs.data() + got, 16 - got);
    if (n <= 0) break;
    got += n;
  }
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_EQ(got, 16);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_NE(childs, RandomBytes(16));
}

TEST(RandomIdTest, BetweenStaysInItsRangeAndReachesBothEnds) {
  std::set<int64_t> seen;
  for (int i = 0; i < 500; ++i) {
    int64_t v = RandomBetween(-2, 2);
    ASSERT_GE(v, -2);
    ASSERT_LE(v, 2);
    seen.insert(v);
  }
  EXPECT_EQ(seen, (std::set<int64_t>{-2, -1, 0, 1, 2}));
  EXPECT_EQ(RandomBetween(7, 7), 7);
  EXPECT_EQ(RandomBetween(9, 3), 9);  // an empty range answers its low end
  // The widest range does not overflow.
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t wide = RandomBetween(kMin, kMax);
  EXPECT_TRUE(wide >= kMin && wide <= kMax);
}

}  // namespace
}  // namespace aduan::core
