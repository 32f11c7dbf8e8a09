#include "storage/group_commit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "storage/store.h"

namespace aduan::storage {
namespace {

// A transaction that records what the committer asked of it. Commit can be held back so tests
// can pile work up behind it deterministically, and can be told to fail.
class RecordingTx : public BatchTransaction {
 public:
  void Begin() override { log.push_back("begin"); }
  void Commit() override {
    std::unique_lock<std::mutex> lock(mu);
    ++commits_started;
    cv.notify_all();
    cv.wait(lock, [this] { return !hold; });
    if (fail_commit) throw std::runtime_error("disk full");
    log.push_back("commit");
  }
  void Rollback() noexcept override { log.push_back("rollback"); }
  void Savepoint() override { log.push_back("sp"); }
  void ReleaseSavepoint() override { log.push_back("release"); }
  void RollbackToSavepoint() override { log.push_back("rollback_to"); }

  void Release() {
    std::lock_guard<std::mutex> lock(mu);
    hold = false;
    cv.notify_all();
  }
  void WaitForCommit(int n) {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return commits_started >= n; });
  }

  std::vector<std::string> log;  // touched only on the committer thread until it stops
  std::mutex mu;
  std::condition_variable cv;
  bool hold = false;
  bool fail_commit = false;
  int commits_started = 0;
};

TEST(GroupCommitTest, ACallerReturnsOnlyAfterItsBatchCommitted) {
  RecordingTx tx;
  tx.hold = true;
  GroupCommitter gc(&tx, 64);
  std::atomic<bool> returned{false};
  std::thread caller([&] {
    gc.Run([] {});
    returned = true;
  });
  tx.WaitForCommit(1);
  EXPECT_FALSE(returned.load());  // the commit is still in progress, so Run must still wait
  tx.Release();
  caller.join();
  EXPECT_TRUE(returned.load());
}

TEST(GroupCommitTest, WorkQueuedDuringACommitSharesTheNextTransaction) {
  RecordingTx tx;
  tx.hold = true;
  GroupCommitter gc(&tx, 64);
  std::thread first([&] { gc.Run([] {}); });
  tx.WaitForCommit(1);  // the first batch is now syncing
  constexpr int kWaiting = 20;
  std::atomic<int> ran{0};
  std::vector<std::thread> waiting;
  for (int i = 0; i < kWaiting; ++i) waiting.emplace_back([&] { gc.Run([&] { ++ran; }); });
  // Every waiting caller must be queued before the first commit finishes.
  while (gc.queued() < kWaiting) std::this_thread::yield();
  tx.Release();
  first.join();
  for (auto& t : waiting) t.join();
  EXPECT_EQ(ran.load(), kWaiting);
  EXPECT_EQ(gc.units(), static_cast<uint64_t>(kWaiting + 1));
  EXPECT_EQ(gc.batches(), 2u) << "the 20 callers queued behind one commit share one transaction";
}

TEST(GroupCommitTest, MaxBatchSplitsLargeQueues) {
  RecordingTx tx;
  tx.hold = true;
  GroupCommitter gc(&tx, 4);
  std::thread first([&] { gc.Run([] {}); });
  tx.WaitForCommit(1);
  std::vector<std::thread> waiting;
  for (int i = 0; i < 10; ++i) waiting.emplace_back([&] { gc.Run([] {}); });
  while (gc.queued() < 10) std::this_thread::yield();
  tx.Release();
  first.join();
  for (auto& t : waiting) t.join();
  EXPECT_EQ(gc.units(), 11u);
  EXPECT_EQ(gc.batches(), 4u);  // 1, then 4 + 4 + 2
}

TEST(GroupCommitTest, ALoneFailingUnitIsRolledBackAndRethrownToItsCaller) {
  RecordingTx tx;
  GroupCommitter gc(&tx, 64);
  EXPECT_THROW(gc.Run([] { throw std::invalid_argument("bad unit"); }), std::invalid_argument);
  int value = gc.Call([] { return 42; });
  EXPECT_EQ(value, 42);
  // Alone in its batch, the failed unit takes its transaction with it. A batch where nothing
  // fails takes no savepoints.
  std::vector<std::string> expected = {"begin", "rollback", "begin", "commit"};
  EXPECT_EQ(tx.log, expected);
  EXPECT_EQ(gc.rerun_batches(), 0u);
}

TEST(GroupCommitTest, AFailingUnitInABatchFailsAloneAndTheOthersCommitOnce) {
  RecordingTx tx;
  tx.hold = true;
  GroupCommitter gc(&tx, 64);
  std::thread first([&] { gc.Run([] {}); });
  tx.WaitForCommit(1);
  // Three units queue, in order, behind the held commit and form the next batch.
  int runs_a = 0, runs_b = 0, runs_c = 0;  // touched on the committer thread only
  std::thread a([&] {
    gc.Run([&] {
      ++runs_a;
      tx.log.push_back("a");
    });
  });
  while (gc.queued() < 1) std::this_thread::yield();
  std::thread b([&] {
    EXPECT_THROW(gc.Run([&] {
      ++runs_b;
      tx.log.push_back("b");
      throw std::invalid_argument("bad unit");
    }),
                 std::invalid_argument);
  });
  while (gc.queued() < 2) std::this_thread::yield();
  std::thread c([&] {
    gc.Run([&] {
      ++runs_c;
      tx.log.push_back("c");
    });
  });
  while (gc.queued() < 3) std::this_thread::yield();
  tx.Release();
  for (auto* t : {&first, &a, &b, &c}) t->join();
  // The first try ends at b; the second runs a and c under savepoints and leaves b out.
  std::vector<std::string> expected = {"begin",    "commit", "begin",   "a",     "b",
                                       "rollback", "begin",  "sp",      "a",     "release",
                                       "sp",       "c",      "release", "commit"};
  EXPECT_EQ(tx.log, expected);
  EXPECT_EQ(runs_a, 2);
  EXPECT_EQ(runs_b, 1) << "a failed unit is not run again";
  EXPECT_EQ(runs_c, 1);
  EXPECT_EQ(gc.rerun_batches(), 1u);
  EXPECT_EQ(gc.batches(), 2u);
}

TEST(GroupCommitTest, AFailedCommitFailsEveryCallerInTheBatch) {
  RecordingTx tx;
  tx.fail_commit = true;
  GroupCommitter gc(&tx, 64);
  EXPECT_THROW(gc.Run([] {}), StoreError);
  tx.fail_commit = false;
  EXPECT_NO_THROW(gc.Run([] {}));
  EXPECT_EQ(gc.batches(), 1u);  // only the successful one counts
}

TEST(GroupCommitTest, ManyThreadsEachSeeTheirOwnResult) {
  RecordingTx tx;
  GroupCommitter gc(&tx, 32);
  constexpr int kThreads = 16, kEach = 200;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        int got = gc.Call([&] { return t * 100000 + i; });
        if (got != t * 100000 + i) ++mismatches;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
  EXPECT_EQ(gc.units(), static_cast<uint64_t>(kThreads * kEach));
}

}  // namespace
}  // namespace aduan::storage
