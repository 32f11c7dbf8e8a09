// IntakeStore::ReadFacts: the rate count, the conversation and the recent tickets a new message
// is decided on, read together, agree with what the single reads (FindTickets,
// GetConversation) return, on every backend.
#include <gtest/gtest.h>

#include "storage/store.h"
#include "store_fixture.h"

namespace aduan::storage {
namespace {

class IntakeFactsTest : public StoreTest {};

std::vector<std::string> Ids(const std::vector<TicketRecord>& tickets) {
  std::vector<std::string> ids;
  for (const auto& t : tickets) ids.push_back(t.id);
  return ids;
}

TEST_P(IntakeFactsTest, AStrangerHasNoMessagesNoConversationAndNoTickets) {
  TicketQuery similar;
  similar.agency = "PUPR";
  IntakeFacts facts = store_->ReadFacts({"whatsapp", "+6289999", 0, similar});
  EXPECT_EQ(facts.messages_since, 0);
  EXPECT_FALSE(facts.conversation);
  EXPECT_TRUE(facts.tickets.empty());
}

TEST_P(IntakeFactsTest, CountsConversationAndTicketsAgreeWithTheSingleReads) {
  // Five complaints from one sender, three at PUPR and two at DLH, over time.
  for (int i = 0; i < 5; ++i) {
    std::string n = std::to_string(i);
    IntakeRequest r = Complaint("m" + n, "ADU-AAAAAAA" + n, i % 2 ? "DLH" : "PUPR",
                                /*urgent=*/false, 1000 + i * 100);
    if (i == 4) {
      ConversationWrite w;
      w.record = {"generic", "+6281234567890", R"({"last_ticket":"ADU-AAAAAAA4"})", 0, 0};
      w.expect_version = 0;
      r.conversations.push_back(w);
    }
    store_->Intake(r).value();
  }
  TicketQuery similar;
  similar.agency = "PUPR";
  similar.created_since_ms = 1000;
  similar.link_fields_only = true;
  IntakeFacts facts = store_->ReadFacts({"generic", "+6281234567890", 1200, similar});
  EXPECT_EQ(facts.messages_since, 3);  // received at 1200, 1300 and 1400
  ASSERT_TRUE(facts.conversation);
  EXPECT_EQ(facts.conversation->version, 1);
  EXPECT_EQ(facts.conversation->state_json, R"({"last_ticket":"ADU-AAAAAAA4"})");
  EXPECT_EQ(facts.conversation->updated_at_ms, 1400);
  EXPECT_EQ(facts.conversation->channel, "generic");
  auto single = store_->GetConversation("generic", "+6281234567890");
  ASSERT_TRUE(single);
  EXPECT_EQ(facts.conversation->state_json, single->state_json);
  EXPECT_EQ(facts.conversation->version, single->version);
  // Newest first, as FindTickets returns them, with linking's fields filled.
  EXPECT_EQ(Ids(facts.tickets),
            (std::vector<std::string>{"ADU-AAAAAAA4", "ADU-AAAAAAA2", "ADU-AAAAAAA0"}));
  EXPECT_EQ(Ids(facts.tickets), Ids(store_->FindTickets(similar)));
  EXPECT_EQ(facts.tickets[0].status, core::TicketStatus::kRouted);
  EXPECT_EQ(facts.tickets[0].text, "Jalan rusak parah");
  EXPECT_EQ(facts.tickets[0].created_at_ms, 1400);

  // Every field of a full read, and the limit.
  TicketQuery own;
  own.reporter_channel = "generic";
  own.reporter_sender = "+6281234567890";
  own.limit = 2;
  facts = store_->ReadFacts({"generic", "+6281234567890", 0, own});
  EXPECT_EQ(facts.messages_since, 5);
  ASSERT_EQ(facts.tickets.size(), 2u);
  auto full = store_->FindTickets(own);
  ASSERT_EQ(full.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(facts.tickets[i].id, full[i].id);
    EXPECT_EQ(facts.tickets[i].agency, full[i].agency);
    EXPECT_EQ(facts.tickets[i].maladministration, full[i].maladministration);
    EXPECT_EQ(facts.tickets[i].agency_score, full[i].agency_score);
    EXPECT_EQ(facts.tickets[i].version, full[i].version);
  }

  // Without a ticket query only the count and the conversation come back.
  facts = store_->ReadFacts({"generic", "+6281234567890", 0, std::nullopt});
  EXPECT_EQ(facts.messages_since, 5);
  EXPECT_TRUE(facts.conversation);
  EXPECT_TRUE(facts.tickets.empty());
}

TEST_P(IntakeFactsTest, AnotherSendersMessagesAndConversationDoNotCount) {
  IntakeRequest r = Complaint("m1", "ADU-AAAAAAAA");
  ConversationWrite w;
  w.record = {"generic", "+6281234567890", "{}", 0, 0};
  w.expect_version = 0;
  r.conversations.push_back(w);
  store_->Intake(r).value();
  IntakeFacts facts = store_->ReadFacts({"generic", "+6281111", 0, std::nullopt});
  EXPECT_EQ(facts.messages_since, 0);
  EXPECT_FALSE(facts.conversation);
  facts = store_->ReadFacts({"sms", "+6281234567890", 0, std::nullopt});
  EXPECT_EQ(facts.messages_since, 0);
  EXPECT_FALSE(facts.conversation);
}

INSTANTIATE_TEST_SUITE_P(Backends, IntakeFactsTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace aduan::storage
