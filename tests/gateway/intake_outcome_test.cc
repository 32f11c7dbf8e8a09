// IntakeOutcome::queued_outbox: whether a message's transaction gave the outbox dispatcher work.
// The webhook and the journal's processor wake the dispatcher only then, so a generic webhook,
// answered in its own response, no longer sends it to poll the database for nothing. A real
// SQLite store and the shipped configuration; the outbox rows are read back to check the flag.
#include <gtest/gtest.h>

#include <memory>
#include <stdexcept>
#include <string>

#include "../storage/temp_dir.h"
#include "gateway/common/config.h"
#include "gateway/intake/classifier_handle.h"
#include "gateway/intake/intake.h"
#include "storage/sqlite/sqlite_store.h"

namespace aduan::gateway {
namespace {

constexpr int64_t kOutcomeTestNow = 1'790'000'000'000;

class IntakeOutcomeTest : public ::testing::Test {
 protected:
  IntakeOutcomeTest() : store_(dir_.File("aduan.db"), storage::StoreOptions{}) {
    std::string error;
    auto cfg = LoadConfig(std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", &error);
    if (!cfg) throw std::runtime_error("shipped config: " + error);
    config_ = *cfg;
    classifier_ = std::make_unique<ClassifierHandle>(config_.classifier);
    if (!classifier_->Reload(&error)) throw std::runtime_error("shipped rules: " + error);
  }

  static core::InboundMessage Message(const std::string& channel, const std::string& id,
                                      const std::string& sender, const std::string& text) {
    core::InboundMessage m;
    m.channel = channel;
    m.provider_message_id = id;
    m.sender = sender;
    m.text = text;
    return m;
  }

  IntakeOutcome Accept(IntakePipeline& pipeline, const core::InboundMessage& m) {
    core::Result<IntakeOutcome> r = pipeline.Accept(m);
    if (!r.ok()) throw std::runtime_error(r.status().message());
    return r.value();
  }

  size_t OutboxRows() { return store_.ListOutbox("pending", 100).size(); }

  testing::TempDir dir_;
  storage::SqliteStore store_;
  GatewayConfig config_;
  std::unique_ptr<ClassifierHandle> classifier_;
};

TEST_F(IntakeOutcomeTest, AGenericComplaintAnsweredInItsResponseQueuesNothing) {
  config_.sla.operator_channel.clear();
  IntakePipeline pipeline(&config_, &store_, classifier_.get(), [] { return kOutcomeTestNow; });
  IntakeOutcome out = Accept(pipeline, Message("generic", "g-1", "081234567890",
                                               "Jalan di depan pasar berlubang, mohon diperbaiki"));
  EXPECT_FALSE(out.ticket.empty());
  EXPECT_FALSE(out.queued_outbox);
  EXPECT_EQ(OutboxRows(), 0u);
}

TEST_F(IntakeOutcomeTest, AProviderComplaintQueuesItsAcknowledgementOnce) {
  IntakePipeline pipeline(&config_, &store_, classifier_.get(), [] { return kOutcomeTestNow; });
  const auto m = Message("whatsapp", "wamid.1", "6281234567891",
                         "Sampah di TPS depan pasar sudah seminggu tidak diangkut");
  IntakeOutcome first = Accept(pipeline, m);
  EXPECT_TRUE(first.queued_outbox);
  EXPECT_EQ(OutboxRows(), 1u);
  // The provider's retry finds the stored message: nothing new for the dispatcher.
  IntakeOutcome retry = Accept(pipeline, m);
  EXPECT_TRUE(retry.duplicate);
  EXPECT_FALSE(retry.queued_outbox);
}

TEST_F(IntakeOutcomeTest, AnUrgentGenericComplaintQueuesTheOperatorsAlert) {
  config_.sla.operator_channel = "whatsapp";
  config_.sla.operator_address = "6281100000000";
  IntakePipeline pipeline(&config_, &store_, classifier_.get(), [] { return kOutcomeTestNow; });
  IntakeOutcome out = Accept(pipeline, Message("generic", "g-2", "081234567892",
                                               "Kebakaran rumah di gang 3 sekarang, api membesar"));
  EXPECT_TRUE(out.queued_outbox);
  EXPECT_GE(OutboxRows(), 1u);
}

}  // namespace
}  // namespace aduan::gateway
