// A provider's Retry-After, in either of HTTP's forms (gateway/outbox_dispatcher.h).
#include <gtest/gtest.h>

#include "gateway/delivery/outbox_dispatcher.h"

namespace aduan::gateway {
namespace {

TEST(RetryAfterTest, SecondsOrAnHttpDate) {
  // 2015-10-21T07:28:00Z
  constexpr int64_t kNow = 1'445'412'480'000;
  EXPECT_EQ(RetryAfterMs("120", kNow), 120'000);
  EXPECT_EQ(RetryAfterMs(" 0 ", kNow), 0);
  EXPECT_EQ(RetryAfterMs("Wed, 21 Oct 2015 07:28:30 GMT", kNow), 30'000);
  EXPECT_EQ(RetryAfterMs("Wed, 21 Oct 2015 07:27:00 GMT", kNow), 0);  // already past
  EXPECT_EQ(RetryAfterMs("-5", kNow), -1);
  EXPECT_EQ(RetryAfterMs("soon", kNow), -1);
  EXPECT_EQ(RetryAfterMs("9223372036854775807", kNow), 366LL * 24 * 3600 * 1000);  // no overflow
}

}  // namespace
}  // namespace aduan::gateway
