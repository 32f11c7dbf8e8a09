// The Store contract for the ticket lifecycle: version-guarded ticket changes, ticket lists, queue
// flags and key revocation. Runs against every backend through the shared fixture
// (store_fixture.h).
#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <thread>

#include "storage/store.h"
#include "store_fixture.h"

namespace aduan::storage {
namespace {

// A complaint that queues nothing for the outbox: these tests count the rows a change writes.
IntakeRequest ComplaintWithoutOutbox(const std::string& msg_id, const std::string& ticket_id,
                                     const std::string& agency, int64_t at_ms) {
  IntakeRequest r = Complaint(msg_id, ticket_id, agency, /*urgent=*/false, at_ms);
  r.outbox.clear();
  return r;
}

class LifecycleStoreTest : public StoreTest {};

TEST_P(LifecycleStoreTest, AChangeWritesStatusEventOutboxAndBumpsTheVersion) {
  store_->Intake(ComplaintWithoutOutbox("m1", "ADU-AAAAAAAA", "PUPR", 1000)).value();
  TicketChange c;
  c.ticket_id = "ADU-AAAAAAAA";
  c.expect_version = 1;
  c.new_status = core::TicketStatus::kInProgress;
  c.agency_response = true;
  c.event.emplace().actor = core::Actor::Agency("PUPR");
  c.event->kind = core::EventKind::kStatus;
  c.event->public_note = "sedang dikerjakan";
  c.event->internal_note = "tim B";
  c.outbox.push_back(
      {"whatsapp", "+6281234567890", core::OutboxKind::kNotify, "Aduan sedang ditangani", "{}"});
  c.now_ms = 5000;
  ASSERT_EQ(store_->ChangeTicket(c), ChangeOutcome::kChanged);
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->status, core::TicketStatus::kInProgress);
  EXPECT_EQ(t->version, 2);
  EXPECT_EQ(t->updated_at_ms, 5000);
  EXPECT_EQ(t->first_response_at_ms, 5000);
  EXPECT_EQ(t->last_response_at_ms, 5000);
  ASSERT_EQ(t->events.size(), 2u);
  EXPECT_EQ(t->events[1].from_status, "routed");
  EXPECT_EQ(t->events[1].to_status, "in_progress");
  EXPECT_EQ(t->events[1].actor, core::Actor::Agency("PUPR"));
  EXPECT_EQ(t->events[1].public_note, "sedang dikerjakan");
  EXPECT_EQ(t->events[1].internal_note, "tim B");
  auto pending = store_->ListOutbox("pending", 10);
  ASSERT_EQ(pending.size(), 1u);
  EXPECT_EQ(pending[0].ticket_id, "ADU-AAAAAAAA");
  EXPECT_EQ(pending[0].kind, core::OutboxKind::kNotify);

  // A second response keeps the first response time and moves the last.
  c.expect_version = 2;
  c.new_status = core::TicketStatus::kResolved;
  c.outbox.clear();
  c.now_ms = 9000;
  ASSERT_EQ(store_->ChangeTicket(c), ChangeOutcome::kChanged);
  t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->first_response_at_ms, 5000);
  EXPECT_EQ(t->last_response_at_ms, 9000);
}

TEST_P(LifecycleStoreTest, AStaleVersionWritesNothing) {
  store_->Intake(ComplaintWithoutOutbox("m1", "ADU-AAAAAAAA", "PUPR", 1000)).value();
  TicketChange c;
  c.ticket_id = "ADU-AAAAAAAA";
  c.expect_version = 7;
  c.new_status = core::TicketStatus::kResolved;
  c.event.emplace().kind = core::EventKind::kStatus;
  c.outbox.push_back({"whatsapp", "+62811", core::OutboxKind::kNotify, "x", "{}"});
  c.now_ms = 2000;
  EXPECT_EQ(store_->ChangeTicket(c), ChangeOutcome::kStale);
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->status, core::TicketStatus::kRouted);
  EXPECT_EQ(t->version, 1);
  EXPECT_EQ(t->events.size(), 1u);
  EXPECT_TRUE(store_->ListOutbox("pending", 10).empty());
  c.ticket_id = "ADU-ZZZZZZZZ";
  EXPECT_EQ(store_->ChangeTicket(c), ChangeOutcome::kNotFound);
}

TEST_P(LifecycleStoreTest, ConcurrentChangesOnOneVersionLetExactlyOneThrough) {
  store_->Intake(ComplaintWithoutOutbox("m1", "ADU-AAAAAAAA", "PUPR", 1000)).value();
  std::atomic<int> changed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      TicketChange c;
      c.ticket_id = "ADU-AAAAAAAA";
      c.expect_version = 1;
      c.set_overdue = true;
      c.overdue_since_ms = 1500;
      c.escalation_level = 1;
      c.event.emplace().kind = core::EventKind::kEscalation;
      c.now_ms = 2000 + i;
      if (store_->ChangeTicket(c) == ChangeOutcome::kChanged) ++changed;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(changed.load(), 1);
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->overdue_since_ms, 1500);
  EXPECT_EQ(t->escalation_level, 1);
  EXPECT_EQ(t->events.size(), 2u);
}

TEST_P(LifecycleStoreTest, ReroutingRequeuesAtTheNewAgencyAndRestartsTheClock) {
  store_->Intake(ComplaintWithoutOutbox("m1", "ADU-AAAAAAAA", "PUPR", 1000)).value();
  auto leased = store_->Lease("PUPR", 10, 60000, 1100);
  ASSERT_EQ(leased.size(), 1u);
  TicketChange c;
  c.ticket_id = "ADU-AAAAAAAA";
  c.expect_version = 1;
  c.new_status = core::TicketStatus::kRouted;
  c.new_agency = "DISHUB";
  c.queue = TicketChange::Queue::kEnqueue;
  c.event.emplace().kind = core::EventKind::kReroute;
  c.now_ms = 3000;
  ASSERT_EQ(store_->ChangeTicket(c), ChangeOutcome::kChanged);
  EXPECT_TRUE(store_->Lease("PUPR", 10, 60000, 3100).empty());
  auto at_dishub = store_->Lease("DISHUB", 10, 60000, 3100);
  ASSERT_EQ(at_dishub.size(), 1u);  // not blocked by PUPR's live lease
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->agency, "DISHUB");
  EXPECT_EQ(t->routed_at_ms, 3000);
  EXPECT_EQ(t->first_response_at_ms, 0);

  c.expect_version = 2;
  c.new_status = core::TicketStatus::kTriage;
  c.new_agency = "TRIAGE";
  c.queue = TicketChange::Queue::kRemove;
  c.now_ms = 4000;
  ASSERT_EQ(store_->ChangeTicket(c), ChangeOutcome::kChanged);
  EXPECT_TRUE(store_->Lease("DISHUB", 10, 60000, 999999).empty());
}

// The guards a resident's message uses (allowed statuses, "off the queue unless acked") hold
// for ChangeTicket too: a failed guard writes nothing, and the field edits apply without a
// version guard.
TEST_P(LifecycleStoreTest, StatusAndQueueGuardsWriteNothingWhenTheyFail) {
  store_->Intake(ComplaintWithoutOutbox("m1", "ADU-AAAAAAAA", "PUPR", 1000)).value();
  TicketChange withdraw;
  withdraw.ticket_id = "ADU-AAAAAAAA";
  withdraw.only_from_statuses = {core::TicketStatus::kTriage};
  withdraw.new_status = core::TicketStatus::kWithdrawn;
  withdraw.queue = TicketChange::Queue::kRemoveUnlessAcked;
  withdraw.event.emplace().kind = core::EventKind::kWithdrawn;
  withdraw.outbox.push_back({"whatsapp", "+62811", core::OutboxKind::kNotify, "x", "{}"});
  withdraw.now_ms = 2000;
  EXPECT_EQ(store_->ChangeTicket(withdraw), ChangeOutcome::kStale);  // it is routed

  auto leased = store_->Lease("PUPR", 10, 60000, 1100);
  ASSERT_EQ(leased.size(), 1u);
  ASSERT_EQ(store_->Ack("PUPR", "ADU-AAAAAAAA", leased[0].lease_id, 1200), AckOutcome::kAcked);
  const size_t events = store_->GetTicket("ADU-AAAAAAAA")->events.size();  // created, acked
  withdraw.only_from_statuses = {core::TicketStatus::kRouted};
  EXPECT_EQ(store_->ChangeTicket(withdraw), ChangeOutcome::kStale);  // an agency has it
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->status, core::TicketStatus::kRouted);
  EXPECT_EQ(t->version, 1);
  EXPECT_EQ(t->events.size(), events);
  EXPECT_TRUE(store_->ListOutbox("pending", 10).empty());

  // Edits with no guard, no status and an event that says nothing of the status.
  TicketChange consent;
  consent.ticket_id = "ADU-AAAAAAAA";
  consent.consent = "given";
  consent.details_json = R"({"place":"RT 02"})";
  consent.linked_to = "ADU-BBBBBBBB";
  consent.event_statuses_when_kept = false;
  consent.event.emplace().kind = core::EventKind::kConsentGiven;
  consent.now_ms = 3000;
  ASSERT_EQ(store_->ChangeTicket(consent), ChangeOutcome::kChanged);
  t = store_->GetTicket("ADU-AAAAAAAA");
  EXPECT_EQ(t->status, core::TicketStatus::kRouted);
  EXPECT_EQ(t->version, 2);
  EXPECT_EQ(t->consent, "given");
  EXPECT_EQ(t->details_json, R"({"place":"RT 02"})");
  EXPECT_EQ(t->linked_to, "ADU-BBBBBBBB");
  ASSERT_EQ(t->events.size(), events + 1);
  EXPECT_EQ(t->events.back().kind, core::EventKind::kConsentGiven);
  EXPECT_EQ(t->events.back().actor, core::Actor::System());
  EXPECT_EQ(t->events.back().from_status, "");
  EXPECT_EQ(t->events.back().to_status, "");

  // Without an event kind nothing is appended; a kept status is recorded by default.
  TicketChange quiet;
  quiet.ticket_id = "ADU-AAAAAAAA";
  quiet.expect_version = 2;
  quiet.details_json = "{}";
  quiet.now_ms = 4000;
  ASSERT_EQ(store_->ChangeTicket(quiet), ChangeOutcome::kChanged);
  EXPECT_EQ(store_->GetTicket("ADU-AAAAAAAA")->events.size(), events + 1);
  quiet.expect_version = 3;
  quiet.event.emplace().kind = core::EventKind::kReply;
  ASSERT_EQ(store_->ChangeTicket(quiet), ChangeOutcome::kChanged);
  t = store_->GetTicket("ADU-AAAAAAAA");
  ASSERT_EQ(t->events.size(), events + 2);
  EXPECT_EQ(t->events.back().kind, core::EventKind::kReply);
  EXPECT_EQ(t->events.back().from_status, "routed");
  EXPECT_EQ(t->events.back().to_status, "routed");
  EXPECT_EQ(t->details_json, "{}");
}

// One query type for the lists and the conversation's reads: every filter works through both
// methods, and only ListTickets counts the tickets linked to each.
TEST_P(LifecycleStoreTest, OneTicketQueryServesListsAndTheConversationsReads) {
  IntakeRequest a = ComplaintWithoutOutbox("m1", "ADU-AAAAAAAA", "PUPR", 1000);
  a.ticket->relayed_by = "kdr_1";
  a.ticket->reporter_name = "Budi";
  store_->Intake(a).value();
  IntakeRequest b = ComplaintWithoutOutbox("m2", "ADU-BBBBBBBB", "PUPR", 2000);
  b.ticket->linked_to = "ADU-AAAAAAAA";
  b.message.sender = b.ticket->reporter_sender = "+6289";
  store_->Intake(b).value();
  store_->Intake(ComplaintWithoutOutbox("m3", "ADU-CCCCCCCC", "TRIAGE", 3000)).value();

  TicketQuery relays;
  relays.relayed_by = "kdr_1";
  relays.statuses = {"routed"};
  auto listed = store_->ListTickets(relays);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, "ADU-AAAAAAAA");
  EXPECT_EQ(listed[0].linked_count, 1);
  auto found = store_->FindTickets(relays);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].linked_count, 0);
  relays.statuses = {"triage"};
  EXPECT_TRUE(store_->FindTickets(relays).empty());

  TicketQuery own;
  own.reporter_channel = "generic";
  own.reporter_sender = "+6289";
  own.created_since_ms = 1500;
  listed = store_->ListTickets(own);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, "ADU-BBBBBBBB");
  own.created_since_ms = 2500;
  EXPECT_TRUE(store_->ListTickets(own).empty());

  TicketQuery recent;
  recent.agency = "PUPR";
  recent.before_created_ms = 2000;
  recent.before_id = "ADU-BBBBBBBB";
  recent.link_fields_only = true;
  found = store_->FindTickets(recent);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, "ADU-AAAAAAAA");
  EXPECT_EQ(found[0].reporter_name, "");  // linking's columns only
  recent.before_id.clear();
  recent.before_created_ms = 0;
  recent.updated_since_ms = 1500;
  listed = store_->ListTickets(recent);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].id, "ADU-BBBBBBBB");
}

TEST_P(LifecycleStoreTest, ListTicketsFiltersAndPagesNewestFirst) {
  for (int i = 0; i < 5; ++i) {
    std::string id = "ADU-AAAAAAA" + std::to_string(i);
    store_
        ->Intake(ComplaintWithoutOutbox("m" + std::to_string(i), id, i % 2 ? "DISHUB" : "PUPR",
                                        1000 + i))
        .value();
  }
  store_->Intake(ComplaintWithoutOutbox("t1", "ADU-TTTTTTTT", "TRIAGE", 2000)).value();
  TicketQuery q;
  q.agency = "PUPR";
  auto pupr = store_->ListTickets(q);
  ASSERT_EQ(pupr.size(), 3u);
  EXPECT_EQ(pupr[0].id, "ADU-AAAAAAA4");
  EXPECT_EQ(pupr[2].id, "ADU-AAAAAAA0");

  TicketQuery page;
  page.limit = 2;
  std::vector<std::string> seen;
  // Bounded, so a cursor that does not advance fails here instead of looping forever.
  for (int pages = 0; pages < 10; ++pages) {
    auto got = store_->ListTickets(page);
    for (const auto& t : got) seen.push_back(t.id);
    if (static_cast<int>(got.size()) < page.limit) break;
    page.before_created_ms = got.back().created_at_ms;
    page.before_id = got.back().id;
  }
  EXPECT_EQ(seen.size(), 6u);
  EXPECT_EQ(std::set<std::string>(seen.begin(), seen.end()).size(), 6u);
  EXPECT_EQ(seen.front(), "ADU-TTTTTTTT");

  TicketQuery triage;
  triage.statuses = {"triage"};
  ASSERT_EQ(store_->ListTickets(triage).size(), 1u);
  TicketQuery since;
  since.updated_since_ms = 1003;
  EXPECT_EQ(store_->ListTickets(since).size(), 3u);
  TicketQuery overdue;
  overdue.overdue_only = true;
  EXPECT_TRUE(store_->ListTickets(overdue).empty());
}

TEST_P(LifecycleStoreTest, QueueEntriesLeasedOftenAreListed) {
  store_->Intake(ComplaintWithoutOutbox("m1", "ADU-AAAAAAAA", "PUPR", 1000)).value();
  store_->Intake(ComplaintWithoutOutbox("m2", "ADU-BBBBBBBB", "PUPR", 1001)).value();
  // Lease both, let the leases expire, three times over; then ack B.
  std::string lease_b;
  for (int round = 0; round < 3; ++round) {
    for (const auto& l : store_->Lease("PUPR", 10, 100, 2000 + round * 1000)) {
      if (l.ticket.id == "ADU-BBBBBBBB") lease_b = l.lease_id;
    }
  }
  EXPECT_EQ(store_->Ack("PUPR", "ADU-BBBBBBBB", lease_b, 4050), AckOutcome::kAcked);
  auto flagged = store_->ListQueueEntries(3, 10);
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].ticket_id, "ADU-AAAAAAAA");
  EXPECT_EQ(flagged[0].lease_count, 3);
  EXPECT_TRUE(store_->ListQueueEntries(4, 10).empty());
}

TEST_P(LifecycleStoreTest, KeysAreListedAndRevokedOnce) {
  store_->InsertApiKey({"key_1", "hash1", "PUPR", 100, std::nullopt});
  store_->InsertApiKey({"key_2", "hash2", "DISHUB", 200, std::nullopt});
  auto keys = store_->ListApiKeys();
  ASSERT_EQ(keys.size(), 2u);
  EXPECT_EQ(keys[0].id, "key_2");
  EXPECT_TRUE(store_->RevokeApiKey("key_1", 300));
  EXPECT_TRUE(store_->RevokeApiKey("key_1", 400));
  EXPECT_FALSE(store_->RevokeApiKey("key_9", 300));
  auto k = store_->FindApiKey("hash1");
  ASSERT_TRUE(k && k->revoked_at_ms);
  EXPECT_EQ(*k->revoked_at_ms, 300);
  EXPECT_FALSE(store_->FindApiKey("hash2")->revoked_at_ms);
}

INSTANTIATE_TEST_SUITE_P(Backends, LifecycleStoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace aduan::storage
