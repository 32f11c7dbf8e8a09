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
#include "gateway/common/config.h"
#include "gateway/common/metrics.h"
#include "gateway/intake/classifier_handle.h"
#include "gateway/intake/intake.h"
#include "gateway/intake/intake_entry.h"
#include "gateway/intake/intake_journal.h"
#include "gateway/intake/intake_processor.h"
#include "storage/store.h"

namespace aduan::testing {
namespace {

using std::chrono::milliseconds;

constexpr int64_t kArrival = 1'790'000'123'456;

// One run of the gateway's intake side over `journal_dir` and `url`, as `aduan serve` wires
// it: journal, id, pipeline, processor with its position store.
class IntakeRun {
 public:
  IntakeRun(const std::string& url, const std::string& journal_dir, int dedupe_window_seconds) {
    std::string error;
    auto cfg = gateway::LoadConfig(std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", &error);
    if (!cfg) throw std::runtime_error("shipped config: " + error);
    config_ = *cfg;
    config_.intake.journal_dir = journal_dir;
    config_.conversation.duplicate_window_seconds = dedupe_window_seconds;
    store_ = storage::OpenStore(url);
    classifier_ = std::make_unique<gateway::ClassifierHandle>(config_.classifier);
    if (!classifier_->Reload(&error)) throw std::runtime_error("shipped rules: " + error);
    const gateway::Clock clock = [] { return kArrival + 1000; };
    journal_ = gateway::OpenIntakeJournal(config_, url, clock, &error);
    if (!journal_) throw std::runtime_error("journal: " + error);
    gateway::IntakeProcessorOptions options;
    options.journal_id = gateway::IntakeJournalId(journal_dir, &error);
    if (options.journal_id.empty()) throw std::runtime_error("journal id: " + error);
    journal_id_ = options.journal_id;
    pipeline_ =
        std::make_unique<gateway::IntakePipeline>(&config_, store_.get(), classifier_.get(), clock);
    processor_ = std::make_unique<gateway::IntakeProcessor>(journal_.get(), pipeline_.get(),
                                                            &metrics_, clock, nullptr, options);
    processor_->SetPositionStore(store_.get());
  }
  ~IntakeRun() {
    processor_.reset();
    journal_.reset();
  }

  gateway::journal::Journal& journal() { return *journal_; }
  storage::Store& store() { return *store_; }
  gateway::Metrics& metrics() { return metrics_; }
  const std::string& journal_id() const { return journal_id_; }

  // Starts the processor and waits (bounded) until every record is checkpointed.
  bool Drain() {
    processor_->Start();
    for (int i = 0; i < 400; ++i) {
      if (journal_->Stats().depth == 0) return true;
      std::this_thread::sleep_for(milliseconds(25));
    }
    return false;
  }

 private:
  gateway::GatewayConfig config_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<gateway::ClassifierHandle> classifier_;
  std::unique_ptr<gateway::journal::Journal> journal_;
  std::string journal_id_;
  gateway::Metrics metrics_;
  std::unique_ptr<gateway::IntakePipeline> pipeline_;
  std::unique_ptr<gateway::IntakeProcessor> processor_;
};

// A message with no provider id (an email without a Message-ID, say), as a webhook journals it.
std::string MessageWithoutProviderId() {
  gateway::IntakeEntry entry;
  entry.message.channel = "generic";
  entry.message.sender = "+6281234567899";
  entry.message.text = "Saluran air di Jalan Merdeka tersumbat, banjir setiap hujan deras";
  entry.received_at_ms = kArrival;
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
  req.message.received_at_ms = kArrival;
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
