// Intake that loses to concurrent changes on every try: IntakePipeline::Accept answers
// kUnavailable instead of throwing, and the webhook maps it to the same 503 a store that is
// down gets (Retry-After, "storage_unavailable"), storing nothing; once the store takes the
// message again, the provider's retry is stored. The store is a real SQLite store whose Intake
// can be switched to answer "stale", as it does when a conversation moved on meanwhile.
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>

#include "../storage/temp_dir.h"
#include "gateway/common/config.h"
#include "gateway/http/server.h"
#include "gateway/intake/classifier_handle.h"
#include "gateway/intake/intake.h"
#include "storage/sqlite/sqlite_store.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

constexpr int64_t kNow = 1'790'000'000'000;

class AlwaysStaleStore : public storage::SqliteStore {
 public:
  using SqliteStore::SqliteStore;
  core::Result<storage::IntakeResult> Intake(const storage::IntakeRequest& request) override {
    ++calls;
    if (stale) return core::Status::Stale("concurrent_change", "conversation moved on (test)");
    return SqliteStore::Intake(request);
  }
  std::atomic<bool> stale{true};
  std::atomic<int> calls{0};
};

class IntakeBusyTest : public ::testing::Test {
 protected:
  IntakeBusyTest() : store_(dir_.File("aduan.db"), storage::StoreOptions{}) {
    std::string error;
    auto cfg = LoadConfig(std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", &error);
    if (!cfg) throw std::runtime_error("shipped config: " + error);
    config_ = *cfg;
    config_.intake.journal = false;  // each webhook runs the pipeline and waits for its answer
    classifier_ = std::make_unique<ClassifierHandle>(config_.classifier);
    if (!classifier_->Reload(&error)) throw std::runtime_error("shipped rules: " + error);
  }

  core::InboundMessage Complaint() {
    core::InboundMessage m;
    m.channel = "generic";
    m.provider_message_id = "busy-1";
    m.sender = "081234567890";
    m.text = "Jalan di depan pasar berlubang besar, mohon diperbaiki";
    return m;
  }

  testing::TempDir dir_;
  AlwaysStaleStore store_;
  GatewayConfig config_;
  std::unique_ptr<ClassifierHandle> classifier_;
};

TEST_F(IntakeBusyTest, AcceptAnswersUnavailableAfterItsTriesAndStoresNothing) {
  IntakePipeline pipeline(&config_, &store_, classifier_.get(), [] { return kNow; });
  core::Result<IntakeOutcome> r = pipeline.Accept(Complaint());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), core::StatusCode::kUnavailable);
  EXPECT_EQ(r.status().reason(), "storage_unavailable");
  EXPECT_GT(store_.calls.load(), 1) << "a lost race is tried again before giving up";
  EXPECT_EQ(store_.TicketOfMessage("generic", "busy-1"), "");

  store_.stale = false;
  r = pipeline.Accept(Complaint());
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r.value().ticket.empty());
  EXPECT_EQ(store_.TicketOfMessage("generic", "busy-1"), r.value().ticket);
}

TEST_F(IntakeBusyTest, TheWebhookAnswers503AndTheProvidersRetryIsStored) {
  ServerDeps deps;
  deps.config = &config_;
  deps.store = &store_;
  deps.classifier = classifier_.get();
  deps.env = [](std::string_view name) -> std::optional<std::string> {
    // Any provider API goes to a closed local port, never to a real host.
    if (name.ends_with("_API_BASE")) return "http://127.0.0.1:9";
    return std::nullopt;
  };
  deps.clock = [] { return kNow; };
  deps.run_dispatcher = false;
  deps.run_sla_scanner = false;
  GatewayServer server(deps);
  std::string error;
  const int port = server.Bind("127.0.0.1", 0, &error);
  ASSERT_GT(port, 0) << error;
  std::thread serving([&] { server.Serve(); });
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(30, 0);
  bool up = false;
  for (int i = 0; i < 500 && !up; ++i) {
    up = static_cast<bool>(client.Get("/healthz"));
    if (!up) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_TRUE(up) << "server did not come up";

  const std::string body =
      json{{"id", "busy-1"}, {"from", "081234567890"}, {"text", Complaint().text}}.dump();
  auto refused = client.Post("/webhooks/generic", body, "application/json");
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 503);
  EXPECT_EQ(refused->get_header_value("Retry-After"), "5");
  const json error_body = json::parse(refused->body)["error"];
  EXPECT_EQ(error_body["code"], "storage_unavailable");
  EXPECT_EQ(error_body["message"], "could not store the message; retry later");
  EXPECT_EQ(store_.TicketOfMessage("generic", "busy-1"), "");

  store_.stale = false;
  auto stored = client.Post("/webhooks/generic", body, "application/json");
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->status, 200) << stored->body;
  EXPECT_EQ(store_.TicketOfMessage("generic", "busy-1"), json::parse(stored->body)["ticket"]);

  server.Stop();
  serving.join();
}

}  // namespace
}  // namespace aduan::gateway
