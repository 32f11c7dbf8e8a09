// The storage contract, run against every backend (see store_fixture.h). PostgreSQL joins when
// ADUAN_TEST_POSTGRES_URL names a database the test may write schemas into.
#include "storage/store.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <set>
#include <thread>

#include "store_fixture.h"

namespace aduan::storage {
namespace {

TEST_P(StoreTest, IntakeStoresTheTicketWithItsFirstEvent) {
  auto r = store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  EXPECT_FALSE(r.duplicate);
  EXPECT_EQ(r.ticket_id, "ADU-AAAAAAAA");
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, core::TicketStatus::kRouted);
  EXPECT_EQ(t->agency, "PUPR");
  EXPECT_EQ(t->maladministration, std::vector<std::string>{"PENUNDAAN_BERLARUT"});
  EXPECT_EQ(t->reporter_sender, "+6281234567890");
  EXPECT_EQ(t->created_at_ms, 1000);
  ASSERT_EQ(t->events.size(), 1u);
  EXPECT_EQ(t->events[0].kind, core::EventKind::kCreated);
  EXPECT_EQ(t->events[0].to_status, "routed");
  EXPECT_FALSE(store_->GetTicket("ADU-BBBBBBBB"));
}

TEST_P(StoreTest, TheTicketKeepsItsServiceTopic) {
  IntakeRequest req = Complaint("m1", "ADU-AAAAAAAA");
  req.ticket->topic = "jalan_berlubang";
  store_->Intake(req).value();
  store_->Intake(Complaint("m2", "ADU-BBBBBBBB")).value();
  EXPECT_EQ(store_->GetTicket("ADU-AAAAAAAA")->topic, "jalan_berlubang");
  EXPECT_EQ(store_->GetTicket("ADU-BBBBBBBB")->topic, "");  // older tickets read as no topic
  TicketQuery q;
  q.agency = "PUPR";
  q.limit = 10;
  std::set<std::string> topics;
  for (const auto& t : store_->FindTickets(q)) topics.insert(t.topic);
  EXPECT_TRUE(topics.contains("jalan_berlubang"));
}

TEST_P(StoreTest, ARetriedMessageReturnsTheFirstTicketAndWritesNothing) {
  auto first = store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto again = store_->Intake(Complaint("m1", "ADU-CCCCCCCC")).value();
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.ticket_id, "ADU-AAAAAAAA");
  EXPECT_EQ(again.reply, first.reply);
  EXPECT_FALSE(store_->GetTicket("ADU-CCCCCCCC"));
  EXPECT_EQ(store_->Lease("PUPR", 10, 60000, 2000).size(), 1u);
}

TEST_P(StoreTest, TheSameIdOnAnotherChannelIsAnotherMessage) {
  auto a = store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto req = Complaint("m1", "ADU-CCCCCCCC");
  req.message.channel = "telegram";
  auto b = store_->Intake(req).value();
  EXPECT_FALSE(b.duplicate);
  EXPECT_EQ(b.ticket_id, "ADU-CCCCCCCC");
}

TEST_P(StoreTest, ATakenTicketIdFailsAloneAndLeavesTheMessageUnstored) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto taken = store_->Intake(Complaint("m2", "ADU-AAAAAAAA"));
  ASSERT_FALSE(taken.ok());
  EXPECT_EQ(taken.status().code(), core::StatusCode::kConflict);
  EXPECT_EQ(taken.status().reason(), "ticket_id_taken");
  auto retry = store_->Intake(Complaint("m2", "ADU-DDDDDDDD")).value();
  EXPECT_FALSE(retry.duplicate);  // the failed attempt stored nothing under m2
  EXPECT_EQ(retry.ticket_id, "ADU-DDDDDDDD");
}

TEST_P(StoreTest, AReplayTokenSignsOneMessageOnlyAcrossInstances) {
  auto first = Complaint("m1", "ADU-AAAAAAAA");
  first.replay_token = "tok-1";
  first.replay_expires_at_ms = 1'000'000;
  EXPECT_FALSE(store_->Intake(first).value().replayed);
  // The same token with another message (a forged body), here or on another instance: refused,
  // and nothing of it is written.
  auto forged = Complaint("m2", "ADU-BBBBBBBB");
  forged.replay_token = "tok-1";
  forged.replay_expires_at_ms = 1'000'000;
  EXPECT_TRUE(store_->Intake(forged).value().replayed);
  if (GetParam().shared_by_instances) {
    auto other = OpenAnotherInstance();
    forged.message.provider_message_id = "m3";
    EXPECT_TRUE(other->Intake(forged).value().replayed);
  }
  EXPECT_TRUE(store_->TicketOfMessage("generic", "m2").empty());
  EXPECT_FALSE(store_->GetTicket("ADU-BBBBBBBB"));
}

TEST_P(StoreTest, AFailedIntakeDoesNotSpendItsReplayToken) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto req = Complaint("m2", "ADU-AAAAAAAA");  // its ticket id is taken: the unit fails
  req.replay_token = "tok-2";
  req.replay_expires_at_ms = 1'000'000;
  EXPECT_EQ(store_->Intake(req).status().reason(), "ticket_id_taken");
  req.ticket->id = "ADU-DDDDDDDD";  // the provider's retry, with the same signed token
  auto retry = store_->Intake(req).value();
  EXPECT_FALSE(retry.replayed);
  EXPECT_EQ(retry.ticket_id, "ADU-DDDDDDDD");
}

TEST_P(StoreTest, AnAliasAlreadyStoredMakesTheMessageADuplicate) {
  store_->Intake(Complaint("h:abc:41", "ADU-AAAAAAAA")).value();
  auto req = Complaint("h:abc:42", "ADU-CCCCCCCC");
  req.duplicate_if_stored = {"h:abc:41"};
  auto r = store_->Intake(req).value();
  EXPECT_TRUE(r.duplicate);
  EXPECT_EQ(r.ticket_id, "ADU-AAAAAAAA");
  req.duplicate_if_stored = {"h:abc:40"};
  req.message.provider_message_id = "h:abc:43";
  EXPECT_FALSE(store_->Intake(req).value().duplicate);
}

TEST_P(StoreTest, AMessageWithoutTicketIsStoredAndDeduplicated) {
  IntakeRequest r;
  r.message = {"generic", "hello-1", "+6281111111111", "", "halo", "{}", 5};
  r.reply = "Halo! Kirim aduan Anda ...";
  auto first = store_->Intake(r).value();
  EXPECT_FALSE(first.duplicate);
  EXPECT_EQ(first.ticket_id, "");
  auto again = store_->Intake(r).value();
  EXPECT_TRUE(again.duplicate);
  EXPECT_EQ(again.reply, r.reply);
}

// Conversations and cadres.

TEST_P(StoreTest, ConversationStateIsWrittenWithTheMessageAndGuardedByVersion) {
  EXPECT_FALSE(store_->GetConversation("sms", "+6281"));
  IntakeRequest r = Complaint("m1", "ADU-AAAAAAAA");
  ConversationWrite w;
  w.record = {"sms", "+6281", R"({"last_ticket":"ADU-AAAAAAAA"})", 0, 0};
  w.expect_version = 0;
  r.conversations.push_back(w);
  store_->Intake(r).value();
  auto c = store_->GetConversation("sms", "+6281");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->version, 1);
  EXPECT_EQ(c->state_json, R"({"last_ticket":"ADU-AAAAAAAA"})");
  EXPECT_EQ(c->updated_at_ms, 1000);

  // A second writer that read version 0 lost the race: nothing of its intake is stored.
  IntakeRequest stale = Complaint("m2", "ADU-BBBBBBBB");
  stale.conversations.push_back(w);
  auto lost = store_->Intake(stale);
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.status().code(), core::StatusCode::kStale);
  EXPECT_EQ(lost.status().reason(), "concurrent_change");
  EXPECT_FALSE(store_->GetTicket("ADU-BBBBBBBB"));
  EXPECT_EQ(store_->TicketOfMessage("generic", "m2"), "");
  w.expect_version = 1;
  w.record.state_json = "{}";
  stale.conversations = {w};
  store_->Intake(stale).value();
  EXPECT_EQ(store_->GetConversation("sms", "+6281")->version, 2);
  EXPECT_EQ(store_->ReadFacts({"generic", "+6281234567890", 0, {}}).messages_since, 2);
  EXPECT_EQ(store_->ReadFacts({"generic", "+6281234567890", 1001, {}}).messages_since, 0);
}

TEST_P(StoreTest, TicketChangesApplyInTheIntakeOrFailItWhole) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  IntakeRequest more = Complaint("m2", "unused");
  more.ticket.reset();
  more.attach_to_ticket = "ADU-AAAAAAAA";
  TicketChange withdraw;
  withdraw.ticket_id = "ADU-AAAAAAAA";
  withdraw.only_from_statuses = {core::TicketStatus::kRouted, core::TicketStatus::kTriage};
  withdraw.new_status = core::TicketStatus::kWithdrawn;
  withdraw.queue = TicketChange::Queue::kRemoveUnlessAcked;
  withdraw.details_json = R"({"place":"RT 02"})";
  withdraw.event = EventRecord{};
  withdraw.event->actor = core::Actor::Resident();
  withdraw.event->kind = core::EventKind::kWithdrawn;
  more.ticket_changes.push_back(withdraw);
  store_->Intake(more).value();
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->status, core::TicketStatus::kWithdrawn);
  EXPECT_EQ(t->details_json, R"({"place":"RT 02"})");
  EXPECT_EQ(t->events.back().kind, core::EventKind::kWithdrawn);
  EXPECT_EQ(t->events.back().from_status, "routed");
  EXPECT_TRUE(store_->Lease("PUPR", 10, 1000, 2000).empty());

  // Once picked up by an agency, a dequeue fails the whole intake.
  store_->Intake(Complaint("m3", "ADU-CCCCCCCC")).value();
  auto leased = store_->Lease("PUPR", 10, 1000, 2000);
  ASSERT_EQ(leased.size(), 1u);
  ASSERT_EQ(store_->Ack("PUPR", "ADU-CCCCCCCC", leased[0].lease_id, 2000), AckOutcome::kAcked);
  IntakeRequest late = Complaint("m4", "ADU-DDDDDDDD");
  withdraw.ticket_id = "ADU-CCCCCCCC";
  late.ticket_changes = {withdraw};
  EXPECT_EQ(store_->Intake(late).status().code(), core::StatusCode::kStale);
  EXPECT_FALSE(store_->GetTicket("ADU-DDDDDDDD"));
  EXPECT_EQ(store_->GetTicket("ADU-CCCCCCCC")->status, core::TicketStatus::kRouted);
}

TEST_P(StoreTest, RelayPrivacyAndLinksRoundTripAndAreFound) {
  IntakeRequest r = Complaint("m1", "ADU-AAAAAAAA");
  r.ticket->relayed_by = "kdr_1";
  r.ticket->reporter_contact = "+6281300000042";
  r.ticket->consent = "requested";
  r.ticket->content_private = true;
  r.ticket->reply_address = "chat-1";
  store_->Intake(r).value();
  IntakeRequest second = Complaint("m2", "ADU-BBBBBBBB", "PUPR", false, 2000);
  second.ticket->linked_to = "ADU-AAAAAAAA";
  second.message.sender = "+6289";
  second.ticket->reporter_sender = "+6289";
  store_->Intake(second).value();
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->relayed_by, "kdr_1");
  EXPECT_EQ(t->reporter_contact, "+6281300000042");
  EXPECT_EQ(t->consent, "requested");
  EXPECT_TRUE(t->content_private);
  EXPECT_EQ(t->reply_address, "chat-1");
  EXPECT_EQ(t->linked_count, 1);
  EXPECT_EQ(store_->GetTicket("ADU-BBBBBBBB")->linked_to, "ADU-AAAAAAAA");

  TicketQuery by_cadre;
  by_cadre.relayed_by = "kdr_1";
  auto found = store_->FindTickets(by_cadre);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "ADU-AAAAAAAA");
  TicketQuery recent;
  recent.agency = "PUPR";
  recent.created_since_ms = 1500;
  found = store_->FindTickets(recent);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "ADU-BBBBBBBB");
  TicketQuery own;
  own.reporter_channel = "generic";
  own.reporter_sender = "+6289";
  EXPECT_EQ(store_->FindTickets(own).size(), 1u);
}

TEST_P(StoreTest, ALinkingReadFillsWhatLinkingComparesAndNothingElse) {
  IntakeRequest r = Complaint("m1", "ADU-AAAAAAAA", "PUPR", false, 1000);
  r.ticket->text = "Jalan Mawar berlubang";
  r.ticket->details_json = R"({"location":{"lat":-6.2,"lon":106.8}})";
  r.ticket->linked_to = "ADU-CCCCCCCC";
  r.ticket->reporter_name = "Budi";
  r.ticket->classification_json = R"({"evidence":["jalan"]})";
  store_->Intake(r).value();
  TicketQuery q;
  q.agency = "PUPR";
  q.link_fields_only = true;
  auto found = store_->FindTickets(q);
  ASSERT_EQ(found.size(), 1u);
  const TicketRecord& t = found[0];
  EXPECT_EQ(t.id, "ADU-AAAAAAAA");
  EXPECT_EQ(t.status, r.ticket->status);
  EXPECT_EQ(t.agency, "PUPR");
  EXPECT_EQ(t.channel, r.ticket->channel);
  EXPECT_EQ(t.reporter_sender, r.ticket->reporter_sender);
  EXPECT_EQ(t.linked_to, "ADU-CCCCCCCC");
  EXPECT_EQ(t.text, "Jalan Mawar berlubang");
  EXPECT_EQ(t.details_json, r.ticket->details_json);
  EXPECT_EQ(t.created_at_ms, 1000);
  // What linking never reads is not decoded.
  EXPECT_EQ(t.reporter_name, "");
  EXPECT_EQ(t.classification_json, TicketRecord{}.classification_json);
  // The same query without the flag reads the whole row.
  q.link_fields_only = false;
  found = store_->FindTickets(q);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].reporter_name, "Budi");
  EXPECT_EQ(found[0].classification_json, r.ticket->classification_json);
}

TEST_P(StoreTest, CadresAreRegisteredOncePerIdentityAndCounted) {
  CadreRecord c{"kdr_1", "sms", "+6281", "Rina", "RW 05", true, 10, 10, {}};
  store_->PutCadre(c);
  c.name = "Bu Rina";
  c.created_at_ms = 99;
  store_->PutCadre(c);
  CadreRecord other{"kdr_2", "sms", "+6281", "Ani", "", true, 10, 10, {}};
  EXPECT_THROW(store_->PutCadre(other), CadreConflict);
  auto found = store_->FindCadre("sms", "+6281");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name, "Bu Rina");
  EXPECT_EQ(found->created_at_ms, 10);
  EXPECT_FALSE(store_->FindCadre("whatsapp", "+6281"));
  IntakeRequest r = Complaint("m1", "ADU-AAAAAAAA");
  r.ticket->relayed_by = "kdr_1";
  store_->Intake(r).value();
  auto all = store_->ListCadres();
  ASSERT_EQ(all.size(), 1u);
  ASSERT_EQ(all[0].tickets_by_status.size(), 1u);
  EXPECT_EQ(all[0].tickets_by_status[0], (std::pair<std::string, int64_t>{"routed", 1}));
}

TEST_P(StoreTest, GetCadreReadsOneCadreWithItsCounts) {
  store_->PutCadre({"kdr_1", "sms", "+6281", "Rina", "RW 05", true, 10, 10, {}});
  store_->PutCadre({"kdr_2", "sms", "+6282", "Ani", "", false, 20, 30, {}});
  for (int i = 0; i < 3; ++i) {
    IntakeRequest r = Complaint("m" + std::to_string(i), "ADU-AAAAAAA" + std::to_string(i),
                                i == 2 ? "TRIAGE" : "PUPR");
    r.ticket->relayed_by = "kdr_2";
    store_->Intake(r).value();
  }
  auto rina = store_->GetCadre("kdr_1");
  ASSERT_TRUE(rina);
  EXPECT_EQ(rina->name, "Rina");
  EXPECT_TRUE(rina->tickets_by_status.empty());
  auto ani = store_->GetCadre("kdr_2");
  ASSERT_TRUE(ani);
  EXPECT_FALSE(ani->active);
  EXPECT_EQ(ani->updated_at_ms, 30);
  using Count = std::pair<std::string, int64_t>;
  EXPECT_EQ(ani->tickets_by_status, (std::vector<Count>{{"routed", 2}, {"triage", 1}}));
  EXPECT_FALSE(store_->GetCadre("kdr_3"));
  EXPECT_FALSE(store_->GetCadre(""));
}

TEST_P(StoreTest, LeaseServesUrgentFirstThenOldest) {
  store_->Intake(Complaint("m1", "ADU-11111111", "PUPR", false, 100)).value();
  store_->Intake(Complaint("m2", "ADU-22222222", "PUPR", false, 50)).value();
  store_->Intake(Complaint("m3", "ADU-33333333", "PUPR", true, 300)).value();
  store_->Intake(Complaint("m4", "ADU-44444444", "DLH", true, 10)).value();
  auto leased = store_->Lease("PUPR", 10, 60000, 1000);
  ASSERT_EQ(leased.size(), 3u);
  EXPECT_EQ(leased[0].ticket.id, "ADU-33333333");
  EXPECT_EQ(leased[1].ticket.id, "ADU-22222222");
  EXPECT_EQ(leased[2].ticket.id, "ADU-11111111");
  EXPECT_EQ(leased[0].lease_expires_at_ms, 61000);
  EXPECT_NE(leased[0].lease_id, leased[1].lease_id);
}

TEST_P(StoreTest, LeaseHonoursMax) {
  for (int i = 0; i < 5; ++i) {
    store_->Intake(Complaint("m" + std::to_string(i), "ADU-5555555" + std::to_string(i))).value();
  }
  EXPECT_EQ(store_->Lease("PUPR", 2, 60000, 2000).size(), 2u);
  EXPECT_EQ(store_->Lease("PUPR", 10, 60000, 2000).size(), 3u);
  EXPECT_EQ(store_->Lease("PUPR", 10, 60000, 2000).size(), 0u);
}

TEST_P(StoreTest, AnExpiredLeaseReturnsTheTicketUnderANewLease) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto first = store_->Lease("PUPR", 10, 1000, 2000);
  ASSERT_EQ(first.size(), 1u);
  EXPECT_TRUE(store_->Lease("PUPR", 10, 1000, 2999).empty());  // still leased
  auto second = store_->Lease("PUPR", 10, 1000, 3000);         // expired at 3000
  ASSERT_EQ(second.size(), 1u);
  EXPECT_NE(second[0].lease_id, first[0].lease_id);
  EXPECT_EQ(store_->Ack("PUPR", "ADU-AAAAAAAA", first[0].lease_id, 3100),
            AckOutcome::kLeaseMismatch);
  EXPECT_EQ(store_->Ack("PUPR", "ADU-AAAAAAAA", second[0].lease_id, 3100), AckOutcome::kAcked);
  EXPECT_EQ(store_->Ack("PUPR", "ADU-AAAAAAAA", second[0].lease_id, 3200),
            AckOutcome::kAlreadyAcked);
  EXPECT_TRUE(store_->Lease("PUPR", 10, 1000, 99999).empty());  // acked: gone for good
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  ASSERT_EQ(t->events.size(), 2u);
  EXPECT_EQ(t->events[1].kind, core::EventKind::kAcked);
  EXPECT_EQ(t->events[1].actor, core::Actor::Agency("PUPR"));
}

TEST_P(StoreTest, AnotherAgencyCannotSeeOrAckTheTicket) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  EXPECT_TRUE(store_->Lease("DLH", 10, 1000, 2000).empty());
  auto leased = store_->Lease("PUPR", 10, 1000, 2000);
  ASSERT_EQ(leased.size(), 1u);
  EXPECT_EQ(store_->Ack("DLH", "ADU-AAAAAAAA", leased[0].lease_id, 2100), AckOutcome::kNotFound);
  EXPECT_EQ(store_->Ack("PUPR", "ADU-ZZZZZZZZ", leased[0].lease_id, 2100), AckOutcome::kNotFound);
}

TEST_P(StoreTest, TriageTicketsAreNotOnAnyAgencyQueue) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA", "TRIAGE")).value();
  EXPECT_TRUE(store_->Lease("TRIAGE", 10, 1000, 2000).empty());
  EXPECT_EQ(store_->GetTicket("ADU-AAAAAAAA")->status, core::TicketStatus::kTriage);
}

TEST_P(StoreTest, ApiKeysAreFoundByHashAndKeepTheirAgency) {
  ApiKeyRecord k{"key_1", "abc123", "PUPR", 10, std::nullopt};
  store_->InsertApiKey(k);
  auto found = store_->FindApiKey("abc123");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->agency, "PUPR");
  EXPECT_EQ(found->id, "key_1");
  EXPECT_FALSE(found->revoked_at_ms);
  EXPECT_FALSE(store_->FindApiKey("other"));
  EXPECT_THROW(store_->InsertApiKey(k), StoreError);  // the same hash twice
}

TEST_P(StoreTest, ConcurrentRetriesOfOneMessageMakeOneTicket) {
  constexpr int kThreads = 8, kMessages = 40;
  std::mutex mu;
  std::map<std::string, std::set<std::string>> tickets_per_message;
  std::atomic<int> fresh{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kMessages; ++i) {
        // Every message is sent by every thread, each proposing its own ticket id.
        std::string msg = "m" + std::to_string(i);
        char id[32];  // room for any int the format takes
        snprintf(id, sizeof id, "ADU-%02d%02d%04d", t, i, 0);
        auto r = store_->Intake(Complaint(msg, id)).value();
        if (!r.duplicate) ++fresh;
        std::lock_guard<std::mutex> lock(mu);
        tickets_per_message[msg].insert(r.ticket_id);
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(fresh.load(), kMessages);
  ASSERT_EQ(tickets_per_message.size(), static_cast<size_t>(kMessages));
  for (const auto& [msg, ids] : tickets_per_message) {
    EXPECT_EQ(ids.size(), 1u) << msg << " got several tickets";
    EXPECT_TRUE(store_->GetTicket(*ids.begin())) << msg;
  }
  EXPECT_EQ(store_->Lease("PUPR", 1000, 60000, 5000).size(), static_cast<size_t>(kMessages));
}

TEST_P(StoreTest, ConcurrentConsumersNeverLeaseOneTicketTwice) {
  constexpr int kTickets = 120, kConsumers = 8;
  for (int i = 0; i < kTickets; ++i) {
    char id[32];  // room for any int the format takes
    snprintf(id, sizeof id, "ADU-Q%07d", i);
    store_->Intake(Complaint("q" + std::to_string(i), id)).value();
  }
  std::mutex mu;
  std::vector<std::string> leased;
  std::vector<std::thread> consumers;
  for (int c = 0; c < kConsumers; ++c) {
    consumers.emplace_back([&] {
      for (;;) {
        auto batch = store_->Lease("PUPR", 3, 600000, 10000);
        if (batch.empty()) return;
        std::lock_guard<std::mutex> lock(mu);
        for (auto& l : batch) leased.push_back(l.ticket.id);
      }
    });
  }
  for (auto& th : consumers) th.join();
  std::set<std::string> unique(leased.begin(), leased.end());
  EXPECT_EQ(leased.size(), static_cast<size_t>(kTickets));
  EXPECT_EQ(unique.size(), static_cast<size_t>(kTickets));
}

TEST_P(StoreTest, TheOutboxRowIsWrittenWithTheTicketAndClaimedOnce) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto claimed = store_->ClaimOutbox(10, 1000, 30000);
  ASSERT_EQ(claimed.size(), 1u);
  EXPECT_EQ(claimed[0].ticket_id, "ADU-AAAAAAAA");
  EXPECT_EQ(claimed[0].kind, core::OutboxKind::kAck);
  EXPECT_EQ(claimed[0].recipient, "+6281234567890");
  EXPECT_EQ(claimed[0].status, "pending");
  EXPECT_TRUE(store_->ClaimOutbox(10, 1000, 30000).empty());    // claimed by someone
  EXPECT_EQ(store_->ClaimOutbox(10, 31000, 30000).size(), 1u);  // the claim ran out
}

TEST_P(StoreTest, ASentRowIsNeverClaimedAgain) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto row = store_->ClaimOutbox(10, 1000, 30000).at(0);
  store_->FinishOutbox(row.id, {OutboxAttempt::Result::kSent, "wamid.1", 0, ""}, 1100);
  EXPECT_TRUE(store_->ClaimOutbox(10, 999999999, 30000).empty());
  auto sent = store_->ListOutbox("sent", 10);
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_EQ(sent[0].provider_message_id, "wamid.1");
  EXPECT_EQ(sent[0].attempts, 1);
  EXPECT_TRUE(store_->RecordDeliveryStatus("whatsapp", "wamid.1", "delivered", "", 1200, 1200));
  EXPECT_FALSE(store_->RecordDeliveryStatus("whatsapp", "wamid.unknown", "read", "", 1200, 1200));
  EXPECT_EQ(store_->ListOutbox("sent", 10)[0].delivery_status, "delivered");
}

// Providers deliver reports out of order; each row's status only moves forward.
TEST_P(StoreTest, DeliveryStatusOnlyMovesForward) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto row = store_->ClaimOutbox(10, 1000, 30000).at(0);
  store_->FinishOutbox(row.id, {OutboxAttempt::Result::kSent, "wamid.1", 0, ""}, 1100);
  auto status = [&] { return store_->ListOutbox("sent", 10).at(0).delivery_status; };
  auto report = [&](const std::string& s, int64_t at, const std::string& error = "") {
    return store_->RecordDeliveryStatus("whatsapp", "wamid.1", s, error, at, 9000);
  };
  EXPECT_TRUE(report("read", 3000));
  EXPECT_TRUE(report("delivered", 2000));  // matched, but older news
  EXPECT_EQ(status(), "read");
  EXPECT_TRUE(report("sent", 4000));  // a later time does not make a lesser status news
  EXPECT_EQ(status(), "read");
  EXPECT_TRUE(report("failed", 2500, "131026"));  // a failure older than the read: stale
  EXPECT_EQ(status(), "read");
  EXPECT_TRUE(report("failed", 5000, "131026"));
  EXPECT_EQ(status(), "failed");
  EXPECT_NE(store_->ListOutbox("sent", 10).at(0).last_error.find("131026"), std::string::npos);
  EXPECT_TRUE(report("delivered", 4900));  // reported before the failure: the failure stands
  EXPECT_EQ(status(), "failed");
  EXPECT_TRUE(report("delivered", 6000));  // a later success: the provider got it through
  EXPECT_EQ(status(), "delivered");
}

TEST_P(StoreTest, ARetryWaitsForItsTimeAndADeadRowIsListed) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA")).value();
  auto row = store_->ClaimOutbox(10, 1000, 30000).at(0);
  store_->FinishOutbox(row.id, {OutboxAttempt::Result::kRetry, "", 5000, "HTTP 503"}, 1100);
  EXPECT_TRUE(store_->ClaimOutbox(10, 4999, 30000).empty());
  auto again = store_->ClaimOutbox(10, 5000, 30000);
  ASSERT_EQ(again.size(), 1u);
  EXPECT_EQ(again[0].attempts, 1);
  EXPECT_EQ(again[0].last_error, "HTTP 503");
  store_->FinishOutbox(row.id, {OutboxAttempt::Result::kDead, "", 0, "HTTP 400"}, 5100);
  EXPECT_TRUE(store_->ClaimOutbox(10, 999999999, 30000).empty());
  auto dead = store_->ListOutbox("dead", 10);
  ASSERT_EQ(dead.size(), 1u);
  EXPECT_EQ(dead[0].attempts, 2);
  EXPECT_EQ(dead[0].last_error, "HTTP 400");
}

TEST_P(StoreTest, PingAnswersWhileOpen) { EXPECT_TRUE(store_->Ping()); }

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

TEST(OpenStoreTest, RejectsUnknownSchemesWithTheUrlInTheMessage) {
  try {
    OpenStore("mysql://x");
    FAIL() << "expected StoreError";
  } catch (const StoreError& e) {
    EXPECT_NE(std::string(e.what()).find("mysql://x"), std::string::npos);
  }
  EXPECT_THROW(OpenStore("sqlite:"), StoreError);
}

}  // namespace
}  // namespace aduan::storage
