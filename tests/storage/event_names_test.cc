// Event kinds and actors: their text forms are what ticket_events has always held, every one
// reads back as itself, and a name this build does not know is a StoreError on every backend,
// never a silent default.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "core/event.h"
#include "storage/postgres/pg_connection.h"
#include "storage/record_rows.h"
#include "store_fixture.h"

namespace aduan::storage {
namespace {

using core::Actor;
using core::EventKind;

TEST(EventKindTest, NamesAreTheStoredWordsAndParseBack) {
  EXPECT_EQ(core::Name(EventKind::kCreated), "created");
  EXPECT_EQ(core::Name(EventKind::kResidentMessage), "resident_message");
  EXPECT_EQ(core::Name(EventKind::kNotOurAuthority), "not_our_authority");
  EXPECT_EQ(core::Name(EventKind::kConsentRefused), "consent_refused");
  for (int i = 0; i <= static_cast<int>(EventKind::kWithdrawn); ++i) {
    auto kind = static_cast<EventKind>(i);
    EXPECT_NE(core::Name(kind), "unknown") << i;
    EXPECT_EQ(core::ParseEventKind(core::Name(kind)), kind) << core::Name(kind);
  }
  EXPECT_FALSE(core::ParseEventKind("note"));
  EXPECT_FALSE(core::ParseEventKind(""));
  EXPECT_FALSE(core::ParseEventKind("Created"));
}

TEST(ActorTest, TextFormsAreTheStoredOnes) {
  EXPECT_EQ(Actor::System().Name(), "system");
  EXPECT_EQ(Actor::Resident().Name(), "resident");
  EXPECT_EQ(Actor::Operator().Name(), "operator");
  EXPECT_EQ(Actor::Operator("Rina Operator").Name(), "operator (Rina Operator)");
  EXPECT_EQ(Actor::Agency("PUPR").Name(), "agency:PUPR");
  EXPECT_EQ(Actor::Agency("PUPR", "Budi Santoso").Name(), "agency:PUPR (Budi Santoso)");
}

TEST(ActorTest, EveryActorParsesBackAsItself) {
  for (const Actor& a :
       {Actor::System(), Actor::Resident(), Actor::Operator(), Actor::Operator("Rina"),
        Actor::Agency("DINKES"), Actor::Agency("PUPR", "Budi (shift pagi)")}) {
    auto parsed = core::ParseActor(a.Name());
    ASSERT_TRUE(parsed) << a.Name();
    EXPECT_EQ(*parsed, a) << a.Name();
  }
}

TEST(ActorTest, TextThatNamesNoActorIsRefused) {
  for (const char* text : {"", "System", "agency:", "agency", "instance:1", "operator (",
                           "operator ()", "operator (Rina", "system (Rina)", "resident (Ani)"}) {
    EXPECT_FALSE(core::ParseActor(text)) << text;
  }
}

TEST(ActorTest, JsonCarriesTheNames) {
  nlohmann::json j = {{"actor", Actor::Agency("PUPR")}, {"kind", EventKind::kAcked}};
  EXPECT_EQ(j.dump(), R"({"actor":"agency:PUPR","kind":"acked"})");
  EXPECT_EQ(j["actor"].get<Actor>(), Actor::Agency("PUPR"));
  EXPECT_EQ(j["kind"].get<EventKind>(), EventKind::kAcked);
  EXPECT_THROW(nlohmann::json("nobody").get<Actor>(), std::invalid_argument);
  EXPECT_THROW(nlohmann::json("note").get<EventKind>(), std::invalid_argument);
}

TEST(EventColumnsTest, UnknownNamesAreStoreErrors) {
  EXPECT_EQ(EventKindFromColumn("reroute"), EventKind::kReroute);
  EXPECT_EQ(ActorFromColumn("agency:PUPR (Budi)"), Actor::Agency("PUPR", "Budi"));
  EXPECT_THROW(EventKindFromColumn("note"), StoreError);
  EXPECT_THROW(ActorFromColumn("instance:1"), StoreError);
}

class EventStoreTest : public StoreTest {
 protected:
  // Writes `sql` past the store, as a hand edit or a newer version would.
  void Tamper(const std::string& sql) {
    if (GetParam().name == "sqlite") {
      SQLite::Database db(scratch_.dir.File("aduan.db"), SQLite::OPEN_READWRITE);
      db.exec(sql);
    } else {
      PgConnection(scratch_.schema->url()).Exec(sql);
    }
  }
};

TEST_P(EventStoreTest, EveryKindAndActorIsStoredAndReadAsWritten) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA"));
  int64_t version = 1;
  const Actor who[] = {Actor::Operator("Rina"), Actor::Agency("PUPR", "Budi"),
                       Actor::Agency("PUPR"), Actor::System()};
  for (int i = 0; i <= static_cast<int>(EventKind::kWithdrawn); ++i) {
    TicketChange c;
    c.ticket_id = "ADU-AAAAAAAA";
    c.expect_version = version++;
    c.event.emplace().kind = static_cast<EventKind>(i);
    c.event->actor = who[i % 4];
    c.now_ms = 2000 + i;
    ASSERT_EQ(store_->ChangeTicket(c), ChangeOutcome::kChanged);
  }
  auto t = store_->GetTicket("ADU-AAAAAAAA");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->events.size(), 1u + static_cast<size_t>(EventKind::kWithdrawn) + 1u);
  EXPECT_EQ(t->events[0].kind, EventKind::kCreated);
  EXPECT_EQ(t->events[0].actor, Actor::System());
  for (int i = 0; i <= static_cast<int>(EventKind::kWithdrawn); ++i) {
    EXPECT_EQ(t->events[i + 1].kind, static_cast<EventKind>(i));
    EXPECT_EQ(t->events[i + 1].actor, who[i % 4]);
  }
}

TEST_P(EventStoreTest, AnUnknownKindInTheDatabaseIsAStoreError) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA"));
  Tamper("UPDATE ticket_events SET kind = 'note'");
  EXPECT_THROW(store_->GetTicket("ADU-AAAAAAAA"), StoreError);
}

TEST_P(EventStoreTest, AnUnknownActorInTheDatabaseIsAStoreError) {
  store_->Intake(Complaint("m1", "ADU-AAAAAAAA"));
  Tamper("UPDATE ticket_events SET actor = 'instance:1'");
  EXPECT_THROW(store_->GetTicket("ADU-AAAAAAAA"), StoreError);
}

INSTANTIATE_TEST_SUITE_P(Backends, EventStoreTest, ::testing::ValuesIn(Backends()),
                         [](const auto& info) { return info.param.name; });

}  // namespace
}  // namespace aduan::storage
