// Who processes a journaled message that waits for its answer: its own request, while the
// database is there and nothing of the same sender is ahead of it, however long the backlog of
// other senders' acknowledged messages is. One sender's messages stay in journal order.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <thread>

#include "../storage/pg_schema.h"
#include "../storage/temp_dir.h"
#include "gateway/intake/intake_entry.h"
#include "intake_run.h"

namespace aduan::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

gateway::IntakeEntry Message(const std::string& channel, const std::string& sender,
                             const std::string& text) {
  gateway::IntakeEntry entry;
  entry.message.channel = channel;
  entry.message.sender = sender;
  entry.message.text = text;
  entry.received_at_ms = kIntakeArrival;
  return entry;
}

// Appends `entry` as the webhook does for a message whose answer waits; returns its seq.
uint64_t Journal(IntakeRun& run, const gateway::IntakeEntry& entry) {
  uint64_t seq = run.journal().Append({gateway::EncodeEntry(entry)});
  run.processor().AddPending(seq, entry);
  return seq;
}

// On a SQLite file, and on a schema of the PostgreSQL test cluster when there is one
// (tests/postgres/with-cluster.sh).
class InlineProcessingTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string url = "sqlite:" + dir_.File("aduan.db");
    if (GetParam() == "postgresql") {
      if (!TestPostgresUrl()) GTEST_SKIP() << kNoPostgres;
      schema_ = std::make_unique<PgSchema>();
      url = schema_->url();
    }
    run_ = std::make_unique<IntakeRun>(url, dir_.File("journal"), 60);
  }

  IntakeRun& run() { return *run_; }

  TempDir dir_;
  std::unique_ptr<PgSchema> schema_;
  std::unique_ptr<IntakeRun> run_;
};

TEST_P(InlineProcessingTest, ABacklogOfOtherSendersDoesNotTakeARequestsOwnTicketAway) {
  // More acknowledged provider messages than the processor takes in four batches, none of them
  // reached yet: the processor is far behind.
  std::vector<std::string> acknowledged;
  for (int i = 0; i < 1030; ++i) {
    acknowledged.push_back(gateway::EncodeEntry(
        Message("whatsapp", "62811000" + std::to_string(10000 + i),
                "Sampah menumpuk di depan pasar, bau sekali sudah tiga hari")));
  }
  run().journal().Append(acknowledged);
  ASSERT_FALSE(run().processor().WorthWaiting()) << "the backlog counts as long";

  auto complaint = Message("generic", "+6281234500001",
                           "Lampu jalan di Jalan Ahmad Yani mati sudah seminggu, gelap sekali");
  uint64_t seq = Journal(run(), complaint);
  auto out = run().processor().Await(seq, complaint, steady_clock::now() + milliseconds(5000));
  ASSERT_TRUE(out) << "processed by its own request, not left behind the backlog";
  EXPECT_EQ(out->ticket.rfind("ADU-", 0), 0u) << out->reply;
  EXPECT_FALSE(out->duplicate);

  // The processor later passes over it without a second ticket.
  ASSERT_TRUE(run().Drain());
  storage::TicketQuery all;
  all.limit = 2000;
  EXPECT_EQ(run().store().ListTickets(all).size(), acknowledged.size() + 1);
}

TEST_P(InlineProcessingTest, ASendersMessageWaitsForTheOnesAheadOfItThatTheProcessorHolds) {
  // The resident's complaint was left to the processor (its request gave up on it).
  auto complaint = Message("generic", "+6281234500002",
                           "Jalan di depan SD Negeri 3 berlubang besar, motor sering jatuh");
  uint64_t first = Journal(run(), complaint);
  // Then they ask for their list: answered before the complaint, it would say "none".
  auto list = Message("generic", "+6281234500002", "daftar");
  uint64_t second = Journal(run(), list);
  EXPECT_FALSE(run().processor().Await(second, list, steady_clock::now() + milliseconds(200)))
      << "not processed ahead of the sender's earlier message";
  // Another resident is not held up by them.
  auto other = Message("generic", "+6281234500003",
                       "Air PDAM di perumahan kami mati sejak kemarin pagi, tolong dicek");
  uint64_t third = Journal(run(), other);
  auto other_out = run().processor().Await(third, other, steady_clock::now() + milliseconds(5000));
  ASSERT_TRUE(other_out);
  EXPECT_EQ(other_out->ticket.rfind("ADU-", 0), 0u);

  ASSERT_TRUE(run().Drain());
  auto complaint_out = run().processor().WaitFor(first, milliseconds(5000));
  auto list_out = run().processor().WaitFor(second, milliseconds(5000));
  ASSERT_TRUE(complaint_out);
  ASSERT_TRUE(list_out);
  ASSERT_FALSE(complaint_out->ticket.empty()) << complaint_out->reply;
  EXPECT_NE(list_out->reply.find(complaint_out->ticket), std::string::npos)
      << "the list, processed after the complaint, names it: " << list_out->reply;
}

TEST_P(InlineProcessingTest, QuickLinesFromOneSenderAreEachProcessedByTheirOwnRequests) {
  // Three lines sent one after another, each request processing its own: the later ones wait
  // for the earlier ones' requests, not for the processor.
  auto complaint =
      Message("generic", "+6281234500004",
              "Pungutan liar di kantor kelurahan untuk surat pindah, diminta 200 ribu");
  auto list = Message("generic", "+6281234500004", "daftar");
  uint64_t first = Journal(run(), complaint);
  uint64_t second = Journal(run(), list);
  auto deadline = steady_clock::now() + milliseconds(10000);
  // The later line's request gets there first.
  std::optional<gateway::IntakeOutcome> list_out;
  std::thread later([&] { list_out = run().processor().Await(second, list, deadline); });
  std::this_thread::sleep_for(milliseconds(100));
  auto complaint_out = run().processor().Await(first, complaint, deadline);
  later.join();
  ASSERT_TRUE(complaint_out);
  ASSERT_TRUE(list_out) << "it waited for the earlier line's request, then took its own";
  EXPECT_NE(list_out->reply.find(complaint_out->ticket), std::string::npos) << list_out->reply;
}

INSTANTIATE_TEST_SUITE_P(Backends, InlineProcessingTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace aduan::testing
