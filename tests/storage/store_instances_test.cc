// Several gateway instances on one database: two stores opened on the same database (two
// processes' worth of connections and committers) must together keep the promises one store
// keeps alone. Runs against every backend built for it (PostgreSQL; one SQLite file serves one
// instance).
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "store_fixture.h"

namespace aduan::storage {
namespace {

class StoreInstancesTest : public StoreTest {
 protected:
  void SetUp() override {
    if (!GetParam().shared_by_instances) {
      GTEST_SKIP() << GetParam().name << " serves one gateway instance per database";
    }
    StoreTest::SetUp();
    if (IsSkipped()) return;
    other_ = OpenAnotherInstance();
    instances_ = {store_.get(), other_.get()};
  }
  std::unique_ptr<Store> other_;
  std::vector<Store*> instances_;
};

TEST_P(StoreInstancesTest, OneMessageDeliveredToBothInstancesAtOnceMakesOneTicket) {
  constexpr int kThreadsPerInstance = 4, kMessages = 60;
  std::mutex mu;
  std::map<std::string, std::set<std::string>> tickets_per_message;
  std::atomic<int> fresh{0};
  std::vector<std::thread> threads;
  for (size_t s = 0; s < instances_.size(); ++s) {
    for (int t = 0; t < kThreadsPerInstance; ++t) {
      threads.emplace_back([&, s, t] {
        for (int i = 0; i < kMessages; ++i) {
          // Every thread of both instances sends every message with its own ticket id.
          std::string msg = "m" + std::to_string(i);
          char id[32];  // room for any int the format takes
          snprintf(id, sizeof id, "ADU-%zu%d%06d", s, t, i);
          auto r = instances_[s]->Intake(Complaint(msg, id)).value();
          if (!r.duplicate) ++fresh;
          std::lock_guard<std::mutex> lock(mu);
          tickets_per_message[msg].insert(r.ticket_id);
        }
      });
    }
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(fresh.load(), kMessages);
  ASSERT_EQ(tickets_per_message.size(), static_cast<size_t>(kMessages));
  for (const auto& [msg, ids] : tickets_per_message) {
    EXPECT_EQ(ids.size(), 1u) << msg << " got several tickets";
    EXPECT_TRUE(other_->GetTicket(*ids.begin())) << msg;
  }
  // One queue entry and one acknowledgement per message, whichever instance looks.
  EXPECT_EQ(store_->Lease("PUPR", 1000, 60000, 5000).size(), static_cast<size_t>(kMessages));
  EXPECT_EQ(other_->ClaimOutbox(1000, 5000, 60000).size(), static_cast<size_t>(kMessages));
}

TEST_P(StoreInstancesTest, ConsumersOnBothInstancesNeverLeaseOneTicketTwice) {
  constexpr int kTickets = 150, kConsumersPerInstance = 4;
  for (int i = 0; i < kTickets; ++i) {
    char id[32];  // room for any int the format takes
    snprintf(id, sizeof id, "ADU-Q%07d", i);
    instances_[i % 2]->Intake(Complaint("q" + std::to_string(i), id)).value();
  }
  std::mutex mu;
  std::vector<std::string> leased;
  std::vector<std::thread> consumers;
  for (Store* s : instances_) {
    for (int c = 0; c < kConsumersPerInstance; ++c) {
      consumers.emplace_back([&, s] {
        for (;;) {
          auto batch = s->Lease("PUPR", 3, 600000, 10000);
          if (batch.empty()) return;
          std::lock_guard<std::mutex> lock(mu);
          for (auto& l : batch) leased.push_back(l.ticket.id);
        }
      });
    }
  }
  for (auto& th : consumers) th.join();
  std::set<std::string> unique(leased.begin(), leased.end());
  EXPECT_EQ(leased.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kTickets));
}

TEST_P(StoreInstancesTest, DispatchersOnBothInstancesNeverClaimOneReplyTwice) {
  constexpr int kRows = 120, kDispatchersPerInstance = 3;
  for (int i = 0; i < kRows; ++i) {
    char id[32];  // room for any int the format takes
    snprintf(id, sizeof id, "ADU-R%07d", i);
    store_->Intake(Complaint("r" + std::to_string(i), id)).value();
  }
  std::mutex mu;
  std::vector<int64_t> claimed;
  std::vector<std::thread> dispatchers;
  for (Store* s : instances_) {
    for (int d = 0; d < kDispatchersPerInstance; ++d) {
      dispatchers.emplace_back([&, s] {
        for (;;) {
          auto rows = s->ClaimOutbox(4, 2000, 600000);
          if (rows.empty()) return;
          for (const auto& r : rows) {
            s->FinishOutbox(r.id, {OutboxAttempt::Result::kSent, "p" + std::to_string(r.id), 0, ""},
                            2100);
          }
          std::lock_guard<std::mutex> lock(mu);
          for (const auto& r : rows) claimed.push_back(r.id);
        }
      });
    }
  }
  for (auto& th : dispatchers) th.join();
  std::set<int64_t> unique(claimed.begin(), claimed.end());
  EXPECT_EQ(claimed.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kRows));
  EXPECT_EQ(other_->ListOutbox("sent", 1000).size(), static_cast<size_t>(kRows));
}

TEST_P(StoreInstancesTest, AnAckThroughOneInstanceEndsTheLeaseTakenThroughTheOther) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto leased = store_->Lease("PUPR", 10, 1000, 2000);
  ASSERT_EQ(leased.size(), 1u);
  EXPECT_TRUE(other_->Lease("PUPR", 10, 1000, 2500).empty());
  EXPECT_EQ(other_->Ack("PUPR", "ADU-AAAAAAAA", leased[0].lease_id, 2600), AckOutcome::kAcked);
  EXPECT_TRUE(store_->Lease("PUPR", 10, 1000, 99999).empty());
}

// Threads on both instances keep changing the same tickets, each reading the version, deciding
// and retrying when another got there first: every change that answered kChanged must be in the
// ticket exactly once (its version and its events count them), and none is applied twice.
TEST_P(StoreInstancesTest, ChangesThroughBothInstancesAreAppliedOnceAndNeverLost) {
  constexpr int kTickets = 4, kThreadsPerInstance = 3, kChangesPerThread = 15;
  for (int i = 0; i < kTickets; ++i) {
    store_->Intake(Complaint("c" + std::to_string(i), "ADU-C000000" + std::to_string(i))).value();
  }
  std::atomic<int> changed{0};
  std::vector<std::thread> threads;
  for (size_t s = 0; s < instances_.size(); ++s) {
    for (int t = 0; t < kThreadsPerInstance; ++t) {
      threads.emplace_back([&, s, t] {
        for (int n = 0; n < kChangesPerThread;) {
          const std::string id = "ADU-C000000" + std::to_string((t + n) % kTickets);
          auto ticket = instances_[s]->GetTicket(id);
          ASSERT_TRUE(ticket);
          TicketChange c;
          c.ticket_id = id;
          c.expect_version = ticket->version;
          c.agency_response = true;
          c.event.emplace().actor = core::Actor::Operator("instance " + std::to_string(s));
          c.event->kind = core::EventKind::kReply;
          c.now_ms = 2000 + n;
          auto outcome = instances_[s]->ChangeTicket(c);
          ASSERT_NE(outcome, ChangeOutcome::kNotFound);
          if (outcome == ChangeOutcome::kChanged) {
            ++changed;
            ++n;
          }
        }
      });
    }
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(changed.load(), 2 * kThreadsPerInstance * kChangesPerThread);
  int64_t applied = 0;
  for (int i = 0; i < kTickets; ++i) {
    auto t = other_->GetTicket("ADU-C000000" + std::to_string(i));
    ASSERT_TRUE(t);
    // Version 1 came with the "created" event; every change adds one to each.
    EXPECT_EQ(t->version, static_cast<int64_t>(t->events.size())) << t->id;
    applied += t->version - 1;
  }
  EXPECT_EQ(applied, changed.load());
}

// One resident writing to both instances at once: each instance reads the conversation, decides
// and writes it with the version it read. Per version exactly one write wins; the losers' whole
// intakes are rolled back (no message stored), so the version counts the stored messages.
TEST_P(StoreInstancesTest, AConversationMovesOnOnceAcrossBothInstances) {
  constexpr int kThreadsPerInstance = 3, kMessagesPerThread = 8;
  std::atomic<int> won{0};
  std::vector<std::thread> threads;
  for (size_t s = 0; s < instances_.size(); ++s) {
    for (int t = 0; t < kThreadsPerInstance; ++t) {
      threads.emplace_back([&, s, t] {
        for (int n = 0; n < kMessagesPerThread;) {
          auto before = instances_[s]->GetConversation("sms", "+6281");
          IntakeRequest r;
          r.message = {
              "sms",   "s" + std::to_string(s) + "t" + std::to_string(t) + "n" + std::to_string(n),
              "+6281", "",
              "halo",  "{}",
              1000 + n};
          ConversationWrite w;
          w.record = {"sms", "+6281", "{}", 0, 0};
          w.expect_version = before ? before->version : 0;
          r.conversations.push_back(w);
          auto stored = instances_[s]->Intake(r);
          if (stored.ok()) {
            ++won;
            ++n;
          } else {
            // Another writer moved the conversation on: read again, decide again.
            ASSERT_EQ(stored.status().code(), core::StatusCode::kStale);
            ASSERT_EQ(stored.status().reason(), "concurrent_change");
          }
        }
      });
    }
  }
  for (auto& th : threads) th.join();
  const int total = 2 * kThreadsPerInstance * kMessagesPerThread;
  ASSERT_EQ(won.load(), total);
  auto c = other_->GetConversation("sms", "+6281");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->version, total);
  EXPECT_EQ(store_->ReadFacts({"sms", "+6281", 0, {}}).messages_since, total);
}

TEST_P(StoreInstancesTest, OneIdentityBecomesOneCadreWhenBothInstancesRegisterIt) {
  for (int round = 0; round < 10; ++round) {
    const std::string sender = "+62813" + std::to_string(round);
    std::atomic<int> registered{0}, refused{0};
    std::vector<std::thread> threads;
    for (size_t s = 0; s < instances_.size(); ++s) {
      threads.emplace_back([&, s] {
        CadreRecord c{"kdr_" + std::to_string(round) + "_" + std::to_string(s),
                      "sms",
                      sender,
                      "Rina",
                      "RW 05",
                      true,
                      10,
                      10,
                      {}};
        try {
          instances_[s]->PutCadre(c);
          ++registered;
        } catch (const CadreConflict&) {
          ++refused;
        }
      });
    }
    for (auto& th : threads) th.join();
    EXPECT_EQ(registered.load(), 1) << sender;
    EXPECT_EQ(refused.load(), 1) << sender;
    EXPECT_TRUE(other_->FindCadre("sms", sender)) << sender;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreInstancesTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace aduan::storage
