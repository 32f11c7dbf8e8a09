// The intake journal against real files in a temporary directory.
#include "gateway/intake/journal/journal.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>

#include "gateway/intake/journal/crc32c.h"
#include "tests/storage/temp_dir.h"

namespace aduan::gateway::journal {
namespace {

namespace fs = std::filesystem;
using std::chrono::milliseconds;

int64_t FixedNow() { return 1'700'000'000'000; }

// Files this process writes may not grow past `bytes` while it lives (a full disk, on demand).
class FileSizeLimit {
 public:
  explicit FileSizeLimit(rlim_t bytes) {
    getrlimit(RLIMIT_FSIZE, &saved_);
    old_handler_ = signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved_;
    limit.rlim_cur = bytes;
    setrlimit(RLIMIT_FSIZE, &limit);
  }
  ~FileSizeLimit() {
    setrlimit(RLIMIT_FSIZE, &saved_);
    signal(SIGXFSZ, old_handler_);
  }

 private:
  rlimit saved_{};
  sighandler_t old_handler_ = SIG_DFL;
};

std::unique_ptr<Journal> OpenOrDie(const JournalOptions& options) {
  std::string error;
  auto j = Journal::Open(options, FixedNow, &error);
  EXPECT_NE(j, nullptr) << error;
  return j;
}

std::vector<std::string> Payloads(const std::vector<Record>& records) {
  std::vector<std::string> out;
  for (const auto& r : records) out.push_back(r.payload);
  return out;
}

std::vector<fs::path> SegmentFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& e : fs::directory_iterator(dir)) {
    if (e.path().filename().string().rfind("seg-", 0) == 0) out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string FileBytes(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Where a segment's written bytes end: segments are pre-written with zeros, so the file's size
// says nothing of its records.
uint64_t DataEnd(const fs::path& path) {
  const std::string bytes = FileBytes(path);
  return bytes.find_last_not_of('\0') + 1;  // npos + 1 == 0: nothing written
}

// The segment files holding records: not a spare or a fresh segment, which are only zeros.
std::vector<fs::path> RecordFiles(const fs::path& dir) {
  std::vector<fs::path> out;
  for (const auto& f : SegmentFiles(dir)) {
    if (DataEnd(f) > 0) out.push_back(f);
  }
  return out;
}

// Everything readable now, in batches of up to 1000.
std::vector<Record> Drain(Journal& j) {
  std::vector<Record> all;
  for (;;) {
    auto batch = j.Read(1000, 1 << 20, milliseconds(0));
    if (batch.empty()) return all;
    for (auto& r : batch) all.push_back(std::move(r));
  }
}

TEST(Crc32cTest, MatchesTheCastagnoliCheckValue) {
  EXPECT_EQ(Crc32c(0, "123456789", 9), 0xE3069283u);
  // Continuing over pieces equals one pass.
  EXPECT_EQ(Crc32c(Crc32c(0, "1234", 4), "56789", 5), 0xE3069283u);
}

TEST(RecordFormatTest, RoundTripsAndRejectsDamage) {
  std::string bytes;
  EncodeRecord(7, 123, "halo", &bytes);
  Record r;
  size_t used = 0;
  ASSERT_EQ(DecodeRecord(bytes, &r, &used), DecodeStatus::kOk);
  EXPECT_EQ(r.seq, 7u);
  EXPECT_EQ(r.time_ms, 123);
  EXPECT_EQ(r.payload, "halo");
  EXPECT_EQ(used, bytes.size());
  EXPECT_EQ(DecodeRecord(std::string_view(bytes).substr(0, bytes.size() - 1), &r, &used),
            DecodeStatus::kIncomplete);
  bytes[kHeaderSize + 1] ^= 0x20;
  EXPECT_EQ(DecodeRecord(bytes, &r, &used), DecodeStatus::kCorrupt);
}

TEST(JournalTest, AppendsAreReadInOrderWithTheirSequenceNumbers) {
  testing::TempDir dir;
  auto j = OpenOrDie({dir.File("j")});
  EXPECT_EQ(j->Append({"a", "b"}), 1u);
  EXPECT_EQ(j->Append({"c"}), 3u);
  auto records = j->Read(10, 1 << 20, milliseconds(0));
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(Payloads(records), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(records[2].seq, 3u);
  EXPECT_EQ(records[0].time_ms, FixedNow());
  EXPECT_TRUE(j->Read(10, 1 << 20, milliseconds(0)).empty());
  JournalStats s = j->Stats();
  EXPECT_EQ(s.depth, 3u);
  EXPECT_EQ(s.oldest_time_ms, FixedNow());
  j->Checkpoint(3);
  EXPECT_EQ(j->Stats().depth, 0u);
  EXPECT_EQ(j->Stats().oldest_time_ms, 0);
}

TEST(JournalTest, ReadHonoursTheRecordLimit) {
  testing::TempDir dir;
  auto j = OpenOrDie({dir.File("j")});
  j->Append({"1", "2", "3", "4", "5"});
  EXPECT_EQ(Payloads(j->Read(2, 1 << 20, milliseconds(0))), (std::vector<std::string>{"1", "2"}));
  EXPECT_EQ(Payloads(j->Read(10, 1 << 20, milliseconds(0))),
            (std::vector<std::string>{"3", "4", "5"}));
}

// The consumer reads ahead a chunk at a time (1 MiB): small batches end inside a chunk, records
// straddle its end, a record larger than a chunk comes whole, and records appended after a
// chunk was read are found behind it.
TEST(JournalTest, SmallBatchesAndLargeRecordsReadWholeAcrossReadAheadChunks) {
  testing::TempDir dir;
  auto j = OpenOrDie({dir.File("j"), uint64_t{1} << 30, uint64_t{64} << 20});
  std::vector<std::string> expected;
  auto add = [&](std::string payload) {
    expected.push_back(payload);
    j->Append({std::move(payload)});
  };
  for (int i = 0; i < 300; ++i) add(std::string(7000 + i, static_cast<char>('a' + i % 26)));
  add(std::string((3u << 20) + 5, 'L'));  // three chunks and a bit
  for (int i = 0; i < 40; ++i) add("small " + std::to_string(i));
  std::vector<std::string> got;
  for (int round = 0; round < 10000 && got.size() < expected.size(); ++round) {
    auto batch = j->Read(7, 1 << 20, milliseconds(0));
    ASSERT_FALSE(batch.empty()) << "after " << got.size() << " records";
    for (auto& r : batch) {
      EXPECT_EQ(r.seq, got.size() + 1);
      got.push_back(std::move(r.payload));
    }
    if (got.size() == 100) add("appended while a chunk was buffered");
  }
  ASSERT_EQ(got.size(), expected.size());
  for (size_t i = 0; i < got.size(); ++i) EXPECT_EQ(got[i], expected[i]) << "record " << i + 1;
  EXPECT_TRUE(j->Read(10, 1 << 20, milliseconds(0)).empty());
}

TEST(JournalTest, ReopenReplaysEverythingAfterTheCheckpoint) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  {
    auto j = OpenOrDie(options);
    j->Append({"one", "two", "three", "four"});
    ASSERT_EQ(j->Read(2, 1 << 20, milliseconds(0)).size(), 2u);
    j->Checkpoint(2);
  }
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->Stats().depth, 2u);
  EXPECT_EQ(j->Stats().checkpoint_seq, 2u);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"three", "four"}));
  // Numbering goes on after every number handed out, so a checkpoint never covers a new record.
  EXPECT_GT(j->Append({"five"}), 4u);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"five"}));
}

TEST(JournalTest, ATornTailIsDroppedAndLaterAppendsSurvive) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  {
    auto j = OpenOrDie(options);
    j->Append({"kept-1", "kept-2", "torn-record"});
  }
  auto files = SegmentFiles(options.dir);
  ASSERT_EQ(files.size(), 1u);  // the spare is removed on close
  // A crash in the middle of the last write: its last bytes never reached the pre-written file.
  {
    std::fstream f(files[0], std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(DataEnd(files[0]) - 5));
    f.write("\0\0\0\0\0", 5);
  }
  {
    auto j = OpenOrDie(options);
    EXPECT_GT(j->Stats().dropped_bytes, 0u);
    EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"kept-1", "kept-2"}));
    // The torn record's number is not handed out again: its message may have been stored
    // (processed before its sync) under that number.
    EXPECT_GT(j->Append({"after"}), 3u);
  }
  auto j = OpenOrDie(options);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"kept-1", "kept-2", "after"}));
}

// An fdatasync of an append that does not change the file's size flushes data only.
TEST(JournalTest, SegmentsArePreWrittenSoAppendsDoNotGrowTheirFile) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.segment_bytes = 64 * 1024;
  {
    auto j = OpenOrDie(options);
    auto files = SegmentFiles(options.dir);
    ASSERT_GE(files.size(), 1u);
    EXPECT_EQ(fs::file_size(files[0]), options.segment_bytes);
    EXPECT_EQ(DataEnd(files[0]), 0u);
    j->Append({"one", "two"});
    EXPECT_EQ(fs::file_size(files[0]), options.segment_bytes);
    EXPECT_EQ(DataEnd(files[0]), 2 * kHeaderSize + 6);
    // A record larger than what is left of a segment grows its file; it is read back whole.
    j->Append({std::string(100 * 1024, 'L')});
    EXPECT_GT(fs::file_size(files[0]), options.segment_bytes);
  }
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->Stats().dropped_bytes, 0u) << "the zeros after the records are not damage";
  auto all = Drain(*j);
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[2].payload, std::string(100 * 1024, 'L'));
  EXPECT_EQ(j->Stats().bytes, 3 * kHeaderSize + 6 + 100 * 1024);
}

// On a copy-on-write file system pre-writing buys nothing: then a segment grows with its records.
TEST(JournalTest, WithoutPrewriteASegmentGrowsWithItsRecords) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.segment_bytes = 64 * 1024;
  options.prewrite = false;
  {
    auto j = OpenOrDie(options);
    auto files = SegmentFiles(options.dir);
    ASSERT_GE(files.size(), 1u);
    EXPECT_EQ(fs::file_size(files[0]), 0u);
    j->Append({"one", "two"});
    EXPECT_EQ(fs::file_size(files[0]), 2 * kHeaderSize + 6);
  }
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->Stats().dropped_bytes, 0u);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"one", "two"}));
}

// A crash leaves the spare segment behind: it holds no record, is removed at the next open,
// and its number is not used again (numbers only grow, so a later segment sorts after it).
TEST(JournalTest, ASpareLeftByACrashIsRemovedAtOpen) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.segment_bytes = 64 * 1024;
  { OpenOrDie(options)->Append({"kept"}); }
  auto files = SegmentFiles(options.dir);
  ASSERT_EQ(files.size(), 1u);
  const fs::path spare = fs::path(options.dir) / "seg-00000000000000000099.log";
  std::ofstream(spare, std::ios::binary) << std::string(options.segment_bytes, '\0');
  {
    auto j = OpenOrDie(options);
    EXPECT_EQ(j->Stats().dropped_bytes, 0u);
    EXPECT_FALSE(fs::exists(spare));
    EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"kept"}));
    j->Append({"later"});
    auto now = RecordFiles(options.dir);
    ASSERT_EQ(now.size(), 2u);
    EXPECT_GT(now[1].filename().string(), spare.filename().string());
  }
  auto j = OpenOrDie(options);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"kept", "later"}));
}

TEST(JournalTest, ACorruptRecordEndsItsSegmentButNotTheJournal) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  {
    auto j = OpenOrDie(options);
    j->Append({"good", "flipped", "unreachable"});
  }
  auto files = SegmentFiles(options.dir);
  ASSERT_EQ(files.size(), 1u);
  {
    std::fstream f(files[0], std::ios::in | std::ios::out | std::ios::binary);
    // The second record's payload starts after the first record and its own header.
    f.seekp(static_cast<std::streamoff>(kHeaderSize + 4 + kHeaderSize + 2));
    f.put('X');
  }
  {
    auto j = OpenOrDie(options);
    EXPECT_EQ(j->Stats().dropped_bytes, 2 * kHeaderSize + 7 + 11);
    EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"good"}));
    j->Append({"next-segment"});
  }
  auto j = OpenOrDie(options);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"good", "next-segment"}));
}

TEST(JournalTest, ProcessedSegmentsAreDeleted) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.segment_bytes = 200;  // a few records per segment
  auto j = OpenOrDie(options);
  for (int i = 0; i < 30; ++i) j->Append({std::string(40, 'a' + i % 26)});
  ASSERT_GT(RecordFiles(options.dir).size(), 5u);
  auto all = Drain(*j);
  ASSERT_EQ(all.size(), 30u);
  const size_t before = RecordFiles(options.dir).size();
  j->Checkpoint(all[14].seq);
  EXPECT_LT(RecordFiles(options.dir).size(), before);
  EXPECT_EQ(RecordFiles(options.dir).size(), j->Stats().segments);
  j->Checkpoint(all.back().seq);
  // Only the segment being written remains, and at most one spare beside it.
  EXPECT_EQ(RecordFiles(options.dir).size(), 1u);
  EXPECT_LE(SegmentFiles(options.dir).size(), 2u);
  EXPECT_EQ(j->Stats().segments, 1u);
  // A reopened journal has nothing to replay, and deletes what holds only processed records.
  j.reset();
  j = OpenOrDie(options);
  EXPECT_TRUE(Drain(*j).empty());
  EXPECT_TRUE(RecordFiles(options.dir).empty());
  EXPECT_LE(SegmentFiles(options.dir).size(), 2u);
}

TEST(JournalTest, TheCapRefusesAppendsUntilRecordsAreProcessed) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.segment_bytes = 256;
  options.max_bytes = 1024;
  auto j = OpenOrDie(options);
  const std::string payload(100, 'p');
  int accepted = 0;
  try {
    for (; accepted < 100; ++accepted) j->Append({payload});
  } catch (const JournalFull& e) {
    EXPECT_NE(std::string(e.what()).find("full"), std::string::npos);
  }
  EXPECT_GT(accepted, 0);
  EXPECT_LT(accepted, 100);
  EXPECT_LE(j->Stats().bytes, options.max_bytes);
  EXPECT_THROW(j->Append({payload}), JournalFull);
  auto all = Drain(*j);
  ASSERT_EQ(all.size(), static_cast<size_t>(accepted));
  j->Checkpoint(all.back().seq);
  EXPECT_NO_THROW(j->Append({payload}));
}

TEST(JournalTest, ConcurrentAppendersGetDistinctDurableRecords) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.segment_bytes = 4096;  // rotations happen while others append
  {
    auto j = OpenOrDie(options);
    std::vector<std::thread> threads;
    for (int t = 0; t < 8; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < 100; ++i) j->Append({std::to_string(t) + ":" + std::to_string(i)});
      });
    }
    for (auto& t : threads) t.join();
  }
  auto j = OpenOrDie(options);
  auto all = Drain(*j);
  ASSERT_EQ(all.size(), 800u);
  std::set<std::string> payloads;
  for (size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].seq, i + 1);
    payloads.insert(all[i].payload);
  }
  EXPECT_EQ(payloads.size(), 800u);
}

TEST(JournalTest, SyncCountersCountEachDurableRecordOnce) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->Stats().syncs, 0u);
  j->Append({"a", "b", "c"});  // one request's three messages: one sync
  JournalStats s = j->Stats();
  EXPECT_EQ(s.syncs, 1u);
  EXPECT_EQ(s.synced_records, 3u);
  EXPECT_EQ(s.last_sync_records, 3u);
  j->Append({"d"});
  s = j->Stats();
  EXPECT_EQ(s.syncs, 2u);
  EXPECT_EQ(s.synced_records, 4u);
  EXPECT_EQ(s.last_sync_records, 1u);
}

TEST(JournalTest, SyncCountersAddUpUnderConcurrentAppendsAndRotations) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.segment_bytes = 4096;  // a rotation's sync makes records durable too
  auto j = OpenOrDie(options);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 100; ++i) j->Append({std::to_string(t) + ":" + std::to_string(i)});
    });
  }
  for (auto& t : threads) t.join();
  JournalStats s = j->Stats();
  // However the appends were grouped, each record was made durable by exactly one sync.
  EXPECT_EQ(s.synced_records, 800u);
  EXPECT_GE(s.syncs, 1u);
  EXPECT_LE(s.syncs, 800u);
  EXPECT_GE(s.last_sync_records, 1u);
}

TEST(JournalTest, SyncCountersStartAtZeroAfterReopen) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  OpenOrDie(options)->Append({"a", "b"});
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->Stats().syncs, 0u);  // replayed records were synced by the previous process
  EXPECT_EQ(j->Stats().synced_records, 0u);
  j->Append({"c"});
  EXPECT_EQ(j->Stats().synced_records, 1u);
}

TEST(JournalTest, AWaitingReadWakesForANewAppend) {
  testing::TempDir dir;
  auto j = OpenOrDie({dir.File("j")});
  std::thread writer([&] {
    std::this_thread::sleep_for(milliseconds(50));
    j->Append({"late"});
  });
  auto records = j->Read(10, 1 << 20, milliseconds(30000));
  writer.join();
  EXPECT_EQ(Payloads(records), (std::vector<std::string>{"late"}));
}

TEST(JournalTest, AnUnusableDirectoryIsAClearError) {
  testing::TempDir dir;
  std::ofstream(dir.File("file")) << "x";
  std::string error;
  auto j = Journal::Open({dir.File("file")}, FixedNow, &error);
  EXPECT_EQ(j, nullptr);
  EXPECT_NE(error.find(dir.File("file")), std::string::npos) << error;
}

TEST(JournalTest, AFailedWriteLosesOnlyItsOwnRecordsAndAppendsGoOn) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  {
    auto j = OpenOrDie(options);
    j->Append({"before"});
    auto files = RecordFiles(options.dir);
    ASSERT_EQ(files.size(), 1u);
    {
      FileSizeLimit full(DataEnd(files[0]) + 10);  // the next record fits only in part
      EXPECT_THROW(j->Append({std::string(1000, 'x')}), JournalError);
    }
    EXPECT_EQ(j->Append({"after"}), 3u);
    EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"before", "after"}));
  }
  auto j = OpenOrDie(options);
  EXPECT_GT(j->Stats().dropped_bytes, 0u);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"before", "after"}));
}

// Waits (up to 10 s) until `seq` is no longer pending; returns its state.
Durability SettledState(const Journal& j, uint64_t seq) {
  for (int i = 0; i < 1000; ++i) {
    Durability d = j.StateOf(seq);
    if (d != Durability::kPending) return d;
    std::this_thread::sleep_for(milliseconds(10));
  }
  return Durability::kPending;
}

TEST(JournalTest, AsyncAppendsBecomeDurableAndTheListenerIsTold) {
  testing::TempDir dir;
  auto j = OpenOrDie({dir.File("j")});
  std::atomic<int> told{0};
  j->SetSyncListener([&told] { told.fetch_add(1); });
  EXPECT_EQ(j->AppendAsync({"a", "b"}), 1u);
  EXPECT_EQ(j->AppendAsync({"c"}), 3u);
  EXPECT_EQ(SettledState(*j, 3), Durability::kDurable);
  EXPECT_EQ(j->StateOf(1), Durability::kDurable);
  EXPECT_EQ(j->StateOf(4), Durability::kPending);  // not appended yet
  EXPECT_GE(told.load(), 1);
  // Only durable records are readable, so the consumer never sees one that could be lost.
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(j->Stats().synced_records, 3u);
}

TEST(JournalTest, ClosingSyncsWhatWasAppendedAsynchronously) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  {
    auto j = OpenOrDie(options);
    for (int i = 0; i < 200; ++i) j->AppendAsync({"r" + std::to_string(i)});
  }  // the syncer is joined only once everything written is synced
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->Stats().dropped_bytes, 0u);
  EXPECT_EQ(Drain(*j).size(), 200u);
}

// A record nobody waits for is synced within the lazy window, not at once.
TEST(JournalTest, LazyRecordsBecomeDurableWithinTheWindowWithNobodyAsking) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.lazy_sync_ms = 20;
  auto j = OpenOrDie(options);
  for (int i = 0; i < 50; ++i) EXPECT_EQ(j->AppendLazy({"r" + std::to_string(i)}), i + 1u);
  EXPECT_EQ(SettledState(*j, 50), Durability::kDurable);
  EXPECT_EQ(Drain(*j).size(), 50u);
  // Fifty appends in well under the window share few syncs, not one each.
  EXPECT_LT(j->Stats().syncs, 50u);
}

// With a window far longer than the test, only someone who waits can have synced the lazy
// records: a later AppendAsync (its sync covers everything written before it) or WaitDurable.
TEST(JournalTest, AWaiterSyncsTheLazyRecordsBeforeItAtOnce) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.lazy_sync_ms = 600'000;
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->AppendLazy({"lazy-1"}), 1u);
  EXPECT_EQ(j->AppendLazy({"lazy-2"}), 2u);
  EXPECT_EQ(j->StateOf(2), Durability::kPending);
  EXPECT_EQ(j->AppendAsync({"held"}), 3u);
  EXPECT_EQ(SettledState(*j, 3), Durability::kDurable);
  EXPECT_EQ(j->StateOf(1), Durability::kDurable);
  EXPECT_EQ(j->AppendLazy({"lazy-4"}), 4u);
  j->WaitDurable(4);  // returns at once: it syncs, it does not wait out the window
  EXPECT_EQ(j->StateOf(4), Durability::kDurable);
  EXPECT_EQ(Payloads(Drain(*j)), (std::vector<std::string>{"lazy-1", "lazy-2", "held", "lazy-4"}));
}

// Closing the journal inside the window still syncs the lazy records first.
TEST(JournalTest, ClosingSyncsLazyRecordsInsideTheWindow) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  options.lazy_sync_ms = 600'000;
  {
    auto j = OpenOrDie(options);
    for (int i = 0; i < 20; ++i) j->AppendLazy({"r" + std::to_string(i)});
  }
  auto j = OpenOrDie(options);
  EXPECT_EQ(j->Stats().dropped_bytes, 0u);
  EXPECT_EQ(Drain(*j).size(), 20u);
}

TEST(JournalTest, AsyncAndBlockingAppendersShareSyncsAndEveryRecordIsKept) {
  testing::TempDir dir;
  auto j = OpenOrDie({dir.File("j"), uint64_t{1} << 30, 64 * 1024});  // rotations too
  std::vector<std::thread> threads;
  std::mutex mu;
  std::vector<uint64_t> async_last;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 150; ++i) {
        std::string payload(100 + i, static_cast<char>('a' + t));
        if (t % 2 == 0) {
          uint64_t seq = j->AppendAsync({payload});
          std::lock_guard lock(mu);
          async_last.push_back(seq);
        } else {
          uint64_t seq = j->Append({payload});
          EXPECT_EQ(j->StateOf(seq), Durability::kDurable);
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  for (uint64_t seq : async_last) EXPECT_EQ(SettledState(*j, seq), Durability::kDurable) << seq;
  auto all = Drain(*j);
  ASSERT_EQ(all.size(), 1200u);
  for (size_t i = 0; i < all.size(); ++i) EXPECT_EQ(all[i].seq, i + 1);
}

// A failed write abandons what was written since the last sync: an asynchronous record from
// before it is then either durable (synced in time) and read, or lost and never read, never
// pending forever and never both.
TEST(JournalTest, AsyncRecordsAroundAFailedWriteAreDurableOrLostNeverInBetween) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  auto j = OpenOrDie(options);
  j->Append({"first"});
  auto files = RecordFiles(options.dir);
  ASSERT_EQ(files.size(), 1u);
  uint64_t before = 0;
  {
    FileSizeLimit full(DataEnd(files[0]) + 200);
    before = j->AppendAsync({"async before the failure"});
    EXPECT_THROW(j->AppendAsync({std::string(4000, 'x')}), JournalError);
  }
  Durability state = SettledState(*j, before);
  ASSERT_NE(state, Durability::kPending);
  uint64_t after = j->AppendAsync({"after"});
  EXPECT_EQ(SettledState(*j, after), Durability::kDurable);
  std::vector<std::string> expected = {"first"};
  if (state == Durability::kDurable) expected.push_back("async before the failure");
  expected.push_back("after");
  EXPECT_EQ(Payloads(Drain(*j)), expected);
}

// Records processed before their sync may be stored under their numbers and then lost in a
// crash; after a restart no number handed out before is used again, across reservation blocks.
TEST(JournalTest, NumbersHandedOutBeforeACrashAreNeverReused) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  uint64_t last = 0;
  {
    auto j = OpenOrDie(options);
    for (int i = 0; i < 5000; ++i) last = j->AppendAsync({"r" + std::to_string(i)});
    j->WaitDurable(last);
  }
  // The crash takes every record that was written (none of it reached the disk).
  for (const auto& f : SegmentFiles(options.dir)) fs::resize_file(f, 0);
  uint64_t next = 0;
  {
    auto j = OpenOrDie(options);
    EXPECT_TRUE(Drain(*j).empty());
    next = j->Append({"after the crash"});
    EXPECT_GT(next, last);
  }
  auto j = OpenOrDie(options);
  EXPECT_GT(j->Append({"after a clean restart"}), next);
}

TEST(JournalTest, AnUnreadableReservationIsAClearError) {
  testing::TempDir dir;
  JournalOptions options{dir.File("j")};
  { OpenOrDie(options)->Append({"x"}); }
  std::ofstream(fs::path(options.dir) / "reserved") << "not a number";
  std::string error;
  EXPECT_EQ(Journal::Open(options, FixedNow, &error), nullptr);
  EXPECT_NE(error.find("reserved"), std::string::npos) << error;
  EXPECT_NE(error.find("not a journal reservation"), std::string::npos) << error;
}

TEST(JournalTest, ASecondOpenOfTheSameDirectoryIsRefused) {
  testing::TempDir dir;
  auto first = OpenOrDie({dir.File("j")});
  std::string error;
  EXPECT_EQ(Journal::Open({dir.File("j")}, FixedNow, &error), nullptr);
  EXPECT_NE(error.find("in use"), std::string::npos) << error;
  first.reset();
  EXPECT_NE(Journal::Open({dir.File("j")}, FixedNow, &error), nullptr) << error;
}

}  // namespace
}  // namespace aduan::gateway::journal
