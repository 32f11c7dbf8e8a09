// Exactly once across a crash between a batch's commit and the journal's checkpoint, on both
// backends: the real journal on disk, the real intake pipeline and processor, a real SQLite
// file or a schema of the PostgreSQL test cluster (tests/postgres/with-cluster.sh).
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "../storage/pg_schema.h"
#include "../storage/temp_dir.h"
#include "gateway/intake/intake_entry.h"
#include "intake_run.h"
#include "storage/store.h"

namespace aduan::testing {
namespace {

using std::chrono::milliseconds;

// A message with no provider id (an email without a Message-ID, say), as a webhook journals it.
std::string MessageWithoutProviderId() {
  gateway::IntakeEntry entry;
  entry.message.channel = "generic";
  entry.message.sender = "+6281234567899";
  entry.message.text = "Saluran air di Jalan Merdeka tersumbat, banjir setiap hujan deras";
  entry.received_at_ms = kIntakeArrival;
  return gateway::EncodeEntry(entry);
}

size_t Tickets(storage::Store& store) {
  storage::TicketQuery all;
  all.limit = 100;
  return store.ListTickets(all).size();
}

class JournalReplayTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgresql") {
      if (!TestPostgresUrl()) GTEST_SKIP() << kNoPostgres;
      schema_ = std::make_unique<PgSchema>();
      url_ = schema_->url();
    } else {
      url_ = "sqlite:" + dir_.File("aduan.db");
    }
    journal_dir_ = dir_.File("journal");
  }

  TempDir dir_;
  std::unique_ptr<PgSchema> schema_;
  std::string url_, journal_dir_;
};

TEST_P(JournalReplayTest, ACrashBetweenCommitAndCheckpointMakesNoSecondTicket) {
  std::string journal_id;
  {
    IntakeRun first(url_, journal_dir_, 60);
    journal_id = first.journal_id();
    first.journal().Append({MessageWithoutProviderId()});
    ASSERT_TRUE(first.Drain());
    ASSERT_EQ(Tickets(first.store()), 1u);
    auto stored = first.store().AppliedJournalRecords(journal_id, 0);
    ASSERT_EQ(stored.size(), 1u) << "the position is stored with the ticket";
    EXPECT_EQ(stored[0].seq, 1u);
    EXPECT_EQ(stored[0].ticket_id.rfind("ADU-", 0), 0u);
  }
  // As the disk looks when the process died after the commit and before the checkpoint.
  // Meanwhile the operator changed the dedupe window, so the message's content key is not the
  // one stored: only its journal position can tell that it was stored before.
  std::ofstream(std::filesystem::path(journal_dir_) / "checkpoint", std::ios::trunc) << "0\n";
  {
    IntakeRun second(url_, journal_dir_, 7);
    EXPECT_EQ(second.journal_id(), journal_id) << "the id belongs to the directory";
    EXPECT_EQ(second.journal().Stats().depth, 1u) << "the record is replayed";
    ASSERT_TRUE(second.Drain());
    EXPECT_EQ(Tickets(second.store()), 1u) << "no second ticket";
    EXPECT_NE(second.metrics().Render().find("aduan_intake_replayed_records_total 1"),
              std::string::npos)
        << second.metrics().Render();
  }
  // The checkpoint now passed the record: the next start forgets its position.
  IntakeRun third(url_, journal_dir_, 60);
  ASSERT_TRUE(third.Drain());
  for (int i = 0; i < 200 && !third.store().AppliedJournalRecords(journal_id, 0).empty(); ++i) {
    std::this_thread::sleep_for(milliseconds(25));
  }
  EXPECT_TRUE(third.store().AppliedJournalRecords(journal_id, 0).empty());
  EXPECT_EQ(Tickets(third.store()), 1u);
}

TEST_P(JournalReplayTest, TheStoreAnswersARecordItStoredWithItsFirstOutcome) {
  // The transaction's own check, for a record a request thread and a replay both reach.
  IntakeRun run(url_, journal_dir_, 60);
  storage::IntakeRequest req;
  req.message.channel = "generic";
  req.message.provider_message_id = "key-one";
  req.message.sender = "+6281234567898";
  req.message.text = "Jalan berlubang";
  req.message.received_at_ms = kIntakeArrival;
  req.reply = "first reply";
  req.journal_id = run.journal_id();
  req.journal_seq = 42;
  storage::IntakeResult first = run.store().Intake(req).value();
  EXPECT_FALSE(first.duplicate);
  req.message.provider_message_id = "key-two";  // another key: only the position matches
  req.reply = "second reply";
  storage::IntakeResult again = run.store().Intake(req).value();
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.reply, "first reply");
  req.journal_id = "j-another-instance";  // another journal's record 42 is another message
  EXPECT_FALSE(run.store().Intake(req).value().duplicate);
}

INSTANTIATE_TEST_SUITE_P(Backends, JournalReplayTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace aduan::testing
