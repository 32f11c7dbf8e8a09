// The store's part in readiness, on every backend: a probe write goes through the write path
// and is remembered as a commit.
#include <gtest/gtest.h>

#include "store_fixture.h"

namespace aduan::storage {
namespace {

class HealthStoreTest : public StoreTest {};

TEST_P(HealthStoreTest, AProbeWriteCommitsAndIsRememberedAsTheLastCommit) {
  WriteHealth before = store_->LastWrites();
  EXPECT_EQ(before.last_failure_ms, 0);
  EXPECT_TRUE(before.last_failure.empty());
  store_->ProbeWrite(1000);
  store_->ProbeWrite(2000);  // the same instance's row again: an upsert, not a conflict
  WriteHealth after = store_->LastWrites();
  EXPECT_GT(after.last_commit_ms, 0);
  EXPECT_GE(after.last_commit_ms, before.last_commit_ms);
  EXPECT_EQ(after.last_failure_ms, 0);
}

TEST_P(HealthStoreTest, InstancesSharingADatabaseProbeSideBySide) {
  if (!GetParam().shared_by_instances) GTEST_SKIP() << "one instance per file";
  auto other = OpenAnotherInstance();
  store_->ProbeWrite(1000);
  other->ProbeWrite(1000);
  store_->ProbeWrite(2000);
  EXPECT_EQ(other->LastWrites().last_failure_ms, 0);
  EXPECT_EQ(store_->LastWrites().last_failure_ms, 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, HealthStoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace aduan::storage
