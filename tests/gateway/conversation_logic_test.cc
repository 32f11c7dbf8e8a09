// The conversation as a pure function: text reading, place heuristics and Decide(), with no
// server, storage or clock. The HTTP scripts (conversation_*_script_test.cc) cover the wiring.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "gateway/common/config.h"
#include "gateway/intake/conversation/conversation.h"
#include "gateway/intake/intake.h"
#include "gateway/tickets/recipients.h"
#include "gateway/tickets/reply_template.h"
#include "gateway/tickets/ticket_number.h"

namespace aduan::gateway::conversation {
namespace {

const GatewayConfig& Config() {
  static const GatewayConfig config = [] {
    std::string error;
    auto c = LoadConfig(std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", &error);
    if (!c) throw std::runtime_error(error);
    return *c;
  }();
  return *&config;
}

struct TextCase {
  TextCase(std::string text, Command command, std::string argument = "", bool anonymous = false,
           bool secret = false)
      : text(std::move(text)),
        command(command),
        argument(std::move(argument)),
        anonymous(anonymous),
        secret(secret) {}
  std::string text;
  Command command;
  std::string argument = "";
  bool anonymous = false;
  bool secret = false;
};

TEST(ConversationTextTest, ReadsCommandsGreetingsAndPrivacy) {
  const TextCase cases[] = {
      {"halo", Command::kGreeting},
      {"Assalamu'alaikum", Command::kGreeting},
      {"P", Command::kGreeting},
      {"tes", Command::kGreeting},
      {"haloooo min", Command::kGreeting},
      {"", Command::kGreeting},  // a sticker: no words at all
      {"/start", Command::kGreeting},
      {"tes air PDAM keruh", Command::kNone},
      {"STATUS ADU-7K3QX9M4", Command::kStatus, "ADU-7K3QX9M4"},
      {"cek adu 7k3q x9m4", Command::kStatus, "adu 7k3q x9m4"},
      {"/status ADU-7K3QX9M4", Command::kStatus, "ADU-7K3QX9M4"},
      {"/status@aduan_bot ADU-7K3QX9M4", Command::kStatus, "ADU-7K3QX9M4"},
      {"status", Command::kStatus, ""},
      {"cek lampu jalan mati di gang mawar", Command::kNone},
      {"BATAL ADU-7K3QX9M4", Command::kWithdraw, "ADU-7K3QX9M4"},
      {"DAFTAR", Command::kList},
      {"daftar ulang KTP dipersulit", Command::kNone},
      {"YA", Command::kYes},
      {"tidak", Command::kNo},
      {"/hapus", Command::kUnknown},
      {"ANONIM pungli di kelurahan", Command::kNone, "", true},
      {"RAHASIA petugas minta uang", Command::kNone, "", false, true},
      {"anonim, rahasia: ada pungli", Command::kNone, "", true, true},
      {"tolong jangan sebut nama saya, petugas minta uang", Command::kNone, "", true},
      {"mohon dirahasiakan, ada pungli parkir", Command::kNone, "", false, true},
      {"anonimitas pelapor", Command::kNone},
      {"Rahasia umum bahwa petugas minta uang", Command::kNone},
      {"#rahasia ada pungli parkir", Command::kNone, "", false, true},
  };
  for (const auto& c : cases) {
    ReadText r = ReadMessageText(c.text);
    EXPECT_EQ(r.command, c.command) << c.text;
    EXPECT_EQ(r.argument, c.argument) << c.text;
    EXPECT_EQ(r.anonymous, c.anonymous) << c.text;
    EXPECT_EQ(r.secret, c.secret) << c.text;
  }
  EXPECT_EQ(ReadMessageText("ANONIM pungli di kelurahan").body, "pungli di kelurahan");
  EXPECT_EQ(ReadMessageText("[RAHASIA] anonim: ada pungli").body, "ada pungli");
  EXPECT_EQ(ReadMessageText("Rahasia umum bahwa petugas minta uang").body,
            "Rahasia umum bahwa petugas minta uang");
}

struct RelayCase {
  std::string text;
  RelayHeader want;
};

TEST(ConversationTextTest, ReadsRelaysInOneLineAndLabelledLines) {
  const RelayCase cases[] = {
      {"LAPOR UNTUK Ibu Siti, RT 02/RW 05 Ciwaduk: jalan rusak depan masjid",
       {"Ibu Siti", "RT 02/RW 05 Ciwaduk", "", "jalan rusak depan masjid"}},
      {"lapor untuk Pak Dedi, 0812-3456-7890: sampah tidak diangkut",
       {"Pak Dedi", "", "+6281234567890", "sampah tidak diangkut"}},
      {"LAPOR UNTUK Bu Ani\nHP 081234567890\nlampu jalan mati di gang mawar",
       {"Bu Ani", "", "+6281234567890", "lampu jalan mati di gang mawar"}},
      {"LAPOR UNTUK\nNama: Ibu Siti\nAlamat: RT 02/RW 05\nHP: 0812 3456 7890\nAduan: got mampet",
       {"Ibu Siti", "RT 02/RW 05", "+6281234567890", "got mampet"}},
      {"LAPOR UNTUK Ibu Siti:", {"Ibu Siti", "", "", ""}},
  };
  for (const auto& c : cases) {
    ReadText r = ReadMessageText(c.text);
    ASSERT_EQ(r.command, Command::kRelay) << c.text;
    EXPECT_EQ(r.relay.name, c.want.name) << c.text;
    EXPECT_EQ(r.relay.place, c.want.place) << c.text;
    EXPECT_EQ(r.relay.phone, c.want.phone) << c.text;
    EXPECT_EQ(r.relay.text, c.want.text) << c.text;
  }
}

TEST(ConversationPlaceTest, TellsAPlaceFromTheThingComplainedAbout) {
  const std::pair<std::string, bool> cases[] = {
      {"jalan rusak parah", false},
      {"sampah menumpuk sudah seminggu", false},
      {"Jalan di depan SDN 3 Cilegon rusak", true},
      {"jalan Raya Serang berlubang", true},
      {"lampu mati di Jl. Merdeka", true},
      {"got mampet RT 02 RW 05", true},
      {"banjir di gang mawar", true},
      {"lampu jalan mati dekat masjid", true},
      {"pkl di kelurahan Ciwaduk", true},
  };
  for (const auto& [text, placed] : cases) EXPECT_EQ(MentionsPlace(text), placed) << text;
  EXPECT_EQ(SharedTerms(LinkKeyOf("got mampet di RT 02 Ciwaduk", "{}"),
                        LinkKeyOf("RT 2 Ciwaduk got got", "{}")),
            3);
  EXPECT_NEAR(DistanceMeters({-6.0, 106.0}, {-6.001, 106.0}), 111, 1);
}

TEST(ConversationTextTest, ALinkKeyReadsThePlaceAndCoordinatesInTheDetails) {
  const LinkKey key = LinkKeyOf(
      "lampu mati", R"({"place": "gang Mawar", "location": {"latitude": -6.2, "longitude": 106.8,)"
                    R"( "label": "Masjid Raya"}, "other": "kata"})");
  EXPECT_EQ(key.terms,
            (std::vector<std::string>{"gang", "lampu", "masjid", "mati", "mawar", "raya"}));
  ASSERT_TRUE(key.coordinates);
  EXPECT_DOUBLE_EQ(key.coordinates->latitude, -6.2);
  EXPECT_DOUBLE_EQ(key.coordinates->longitude, 106.8);
  // Coordinates that are not numbers, a place that is not text, and details that are not JSON
  // add nothing; the text's own terms stay.
  const LinkKey odd = LinkKeyOf("lampu mati", R"({"place": 7, "location": {"latitude": "x"}})");
  EXPECT_EQ(odd.terms, (std::vector<std::string>{"lampu", "mati"}));
  EXPECT_FALSE(odd.coordinates);
  EXPECT_EQ(LinkKeyOf("lampu mati", R"({"place": "gang)").terms,
            (std::vector<std::string>{"lampu", "mati"}));
}

// A small driver: one sender, messages in order, the state carried between them.
class Script {
 public:
  Decision Send(const std::string& text, Facts facts = {},
                std::optional<classifier::Classification> c = std::nullopt) {
    Inbound in{"whatsapp", "+6281111", "", "Warga", text, false, std::nullopt, "", now};
    if (facts.candidate_ticket_id.empty())
      facts.candidate_ticket_id = "ADU-NEW" + std::to_string(++n);
    ReadText read = ReadMessageText(text);
    Decision d = Decide(state, in, read, facts, c ? &*c : nullptr, Config());
    state = d.next;
    return d;
  }
  ConversationState state;
  int64_t now = 1'000'000'000;
  int n = 0;
};

classifier::Classification Routed(const std::string& agency, bool urgent = false) {
  classifier::Classification c;
  c.agency = agency;
  c.triage = false;
  c.agency_score = 0.8;
  c.urgent = urgent;
  return c;
}

TEST(ConversationDecideTest, AComplaintWithoutAPlaceAsksOnceAndTheAnswerJoinsIt) {
  Script s;
  Decision first = s.Send("jalan rusak parah banyak lubang", {}, Routed("PUPR"));
  ASSERT_TRUE(first.new_ticket);
  EXPECT_NE(first.reply.find("Di mana lokasinya"), std::string::npos) << first.reply;
  EXPECT_EQ(s.state.awaiting, "location");
  storage::TicketRecord t = *first.new_ticket;
  s.now += 60'000;
  Facts facts;
  facts.awaited_ticket = t;
  Decision answer = s.Send("depan SDN 3 Cilegon", facts);
  EXPECT_FALSE(answer.new_ticket);
  EXPECT_EQ(answer.attach_to, t.id);
  ASSERT_EQ(answer.changes.size(), 1u);
  EXPECT_NE(answer.changes[0].details_json->find("SDN 3"), std::string::npos);
  EXPECT_TRUE(s.state.awaiting.empty());
}

TEST(ConversationDecideTest, UrgentSaysCall112AndAPlacedComplaintIsNotAsked) {
  Script s;
  Decision d = s.Send("kabel listrik putus di Jl. Merdeka, nyetrum", {}, Routed("PLN", true));
  ASSERT_TRUE(d.new_ticket);
  EXPECT_NE(d.reply.find("112"), std::string::npos);
  EXPECT_NE(d.reply.find(d.new_ticket->id), std::string::npos);
  EXPECT_TRUE(s.state.awaiting.empty());
}

TEST(ConversationDecideTest, FollowUpsJoinWithinTheWindowAndNotAfter) {
  Script s;
  Decision first = s.Send("sampah menumpuk di pasar baru", {}, Routed("DLH"));
  std::string id = first.new_ticket->id;
  s.now += 60'000;
  Decision photo = s.Send("", {});
  EXPECT_EQ(photo.attach_to, "") << "no media, no text: help";
  Inbound in{"whatsapp", "+6281111", "", "", "", true, std::nullopt, "", s.now};
  Facts f;
  f.candidate_ticket_id = "ADU-OTHER";
  Decision media = Decide(s.state, in, ReadMessageText(""), f, nullptr, Config());
  EXPECT_EQ(media.attach_to, id);
  EXPECT_FALSE(media.new_ticket);
  s.now += int64_t{Config().conversation.followup_window_seconds} * 1000 + 1;
  Decision later = s.Send("lampu jalan mati di gang mawar", {}, Routed("PUPR"));
  EXPECT_TRUE(later.new_ticket);
}

TEST(ConversationDecideTest, AWholeComplaintForAnotherAgencyInTheWindowIsItsOwnTicket) {
  Script s;
  Decision first = s.Send("sampah menumpuk di pasar baru sudah seminggu", {}, Routed("DLH"));
  const std::string id = first.new_ticket->id;
  s.now += 60'000;
  // A short detail joins the open ticket whatever the classifier makes of it.
  Decision detail = s.Send("di depan SDN 3", {}, Routed("DISDIK"));
  EXPECT_FALSE(detail.new_ticket);
  EXPECT_EQ(detail.attach_to, id);
  // More of the same complaint joins it too.
  Decision more = s.Send("baunya sampai ke rumah rumah warga sekitar pasar", {}, Routed("DLH"));
  EXPECT_FALSE(more.new_ticket);
  EXPECT_EQ(more.attach_to, id);
  // So does a whole text the classifier is unsure of.
  classifier::Classification unsure;
  Decision vague = s.Send("tolong ya pak segera ditindaklanjuti secepatnya", {}, unsure);
  EXPECT_FALSE(vague.new_ticket);
  // A whole complaint for another agency opens its own ticket, which that agency sees.
  Decision other =
      s.Send("lampu jalan di gang mawar mati semua sejak minggu lalu", {}, Routed("DISHUB"));
  ASSERT_TRUE(other.new_ticket);
  EXPECT_EQ(other.new_ticket->agency, "DISHUB");
  EXPECT_TRUE(other.attach_to.empty());
  // And the follow-up window now belongs to the newer ticket.
  s.now += 30'000;
  Decision photo_text = s.Send("tiangnya yang dekat masjid", {}, Routed("DISHUB"));
  EXPECT_EQ(photo_text.attach_to, other.new_ticket->id);
}

TEST(ConversationDecideTest, TheSameTextAgainIsTheSameComplaint) {
  Script s;
  std::string id = s.Send("Sampah menumpuk di pasar baru!", {}, Routed("DLH")).new_ticket->id;
  s.now += int64_t{Config().conversation.followup_window_seconds} * 1000 + 1;
  Decision again = s.Send("sampah menumpuk di pasar baru", {}, Routed("DLH"));
  EXPECT_FALSE(again.new_ticket);
  EXPECT_EQ(again.attach_to, id);
  EXPECT_NE(again.reply.find("sudah tercatat"), std::string::npos);
}

// Another resident's routed report, as linking reads it from the agency's recent tickets.
storage::TicketRecord AnotherResidentsReport(const std::string& text) {
  storage::TicketRecord earlier;
  earlier.id = "ADU-FIRST00";
  earlier.status = core::TicketStatus::kRouted;
  earlier.channel = "sms";
  earlier.reporter_sender = "+6289999";
  earlier.text = text;
  return earlier;
}

TEST(ConversationDecideTest, OtherResidentsReportsAreLinkedToTheFirst) {
  Script s;
  Facts f;
  f.similar = {AnotherResidentsReport("got mampet di RT 02 RW 05 Ciwaduk")};
  Decision d = s.Send("got mampet banjir RT 2 RW 5 Ciwaduk", f, Routed("PUPR"));
  ASSERT_TRUE(d.new_ticket);
  EXPECT_EQ(d.new_ticket->linked_to, "ADU-FIRST00");
  // Details JSON keys ("place", "location") are not words the two reports share.
  f.similar[0].details_json = R"({"place": "gang Mawar", "location": {"label": "Masjid"}})";
  Script other;
  Decision unrelated = other.Send("lampu taman kota mati", f, Routed("PUPR"));
  EXPECT_EQ(unrelated.new_ticket->linked_to, "");
}

TEST(ConversationDecideTest, LinkingComparesTheKeysThePipelineKept) {
  Facts f;
  f.similar = {AnotherResidentsReport("lampu taman kota mati")};
  // The kept key is what is compared, not the ticket's text: it says the same as the new
  // report, so the two are linked although the stored text alone would not link them.
  f.similar_keys = {
      std::make_shared<const LinkKey>(LinkKeyOf("got mampet di RT 02 RW 05 Ciwaduk", "{}"))};
  Script s;
  Decision d = s.Send("got mampet banjir RT 2 RW 5 Ciwaduk", f, Routed("PUPR"));
  ASSERT_TRUE(d.new_ticket);
  EXPECT_EQ(d.new_ticket->linked_to, "ADU-FIRST00");
  // A null key, as when none was kept, is built from the ticket: that text does not link.
  f.similar_keys = {nullptr};
  Script other;
  Decision unkept = other.Send("got mampet banjir RT 2 RW 5 Ciwaduk", f, Routed("PUPR"));
  ASSERT_TRUE(unkept.new_ticket);
  EXPECT_EQ(unkept.new_ticket->linked_to, "");
}

TEST(ConversationDecideTest, StatusShowsMoreToTheOwnerOnly) {
  storage::TicketRecord t;
  t.id = NewTicketNumber();
  t.status = core::TicketStatus::kInProgress;
  t.channel = "whatsapp";
  t.reporter_sender = "+6281111";
  storage::EventRecord note;
  note.actor = core::Actor::Agency("PUPR");
  note.public_note = "Tim dijadwalkan Kamis";
  t.events = {note};
  std::string typed = "adu " + t.id.substr(4, 4) + "-" + t.id.substr(8);
  Facts f;
  f.named_ticket_input = typed;
  f.named_ticket = t;
  Script owner;
  EXPECT_EQ(owner.Send("STATUS " + typed, f).reply,
            t.id + ": sedang ditangani. Tim dijadwalkan Kamis.");
  t.reporter_sender = "+6282222";
  f.named_ticket = t;
  Script stranger;
  EXPECT_EQ(stranger.Send("STATUS " + typed, f).reply, t.id + ": sedang ditangani.");
  // The resident a cadre reported for sees what the reporter sees.
  t.relayed_by = "kdr_1";
  t.reporter_contact = "+6281111";
  f.named_ticket = t;
  Script resident;
  EXPECT_EQ(resident.Send("STATUS " + typed, f).reply,
            t.id + ": sedang ditangani. Tim dijadwalkan Kamis.");
  std::string typo = t.id;
  typo[6] = typo[6] == 'A' ? 'B' : 'A';
  Facts bad;
  bad.named_ticket_input = typo;
  EXPECT_NE(stranger.Send("STATUS " + typo, bad).reply.find("salah ketik"), std::string::npos);
}

TEST(ConversationDecideTest, WithdrawOnlyOwnTicketsNoAgencyPickedUp) {
  storage::TicketRecord t;
  t.id = NewTicketNumber();
  t.status = core::TicketStatus::kRouted;
  t.channel = "whatsapp";
  t.reporter_sender = "+6281111";
  Facts f;
  f.named_ticket_input = t.id;
  f.named_ticket = t;
  Script s;
  Decision ok = s.Send("BATAL " + t.id, f);
  ASSERT_EQ(ok.changes.size(), 1u);
  EXPECT_EQ(ok.changes[0].new_status, core::TicketStatus::kWithdrawn);
  EXPECT_EQ(ok.changes[0].queue, storage::TicketChange::Queue::kRemoveUnlessAcked);
  storage::EventRecord acked;
  acked.kind = core::EventKind::kAcked;
  f.named_ticket->events = {acked};
  EXPECT_TRUE(s.Send("BATAL " + t.id, f).changes.empty());
  f.named_ticket->events.clear();
  f.named_ticket->reporter_sender = "+6282222";
  Decision theirs = s.Send("BATAL " + t.id, f);
  EXPECT_TRUE(theirs.changes.empty());
  EXPECT_NE(theirs.reply.find("bukan aduan Anda"), std::string::npos);
}

TEST(ConversationDecideTest, ACadreRelayRecordsTheResidentAndAsksConsent) {
  Script s;
  Facts f;
  f.cadre =
      storage::CadreRecord{"kdr_1", "whatsapp", "+6281111", "Bu Rina", "RW 05", true, 0, 0, {}};
  Decision d = s.Send("LAPOR UNTUK Ibu Siti, RT 02/RW 05 Ciwaduk, 0812 3456 7890: got mampet", f,
                      Routed("PUPR"));
  ASSERT_TRUE(d.new_ticket);
  EXPECT_EQ(d.new_ticket->reporter_name, "Ibu Siti");
  EXPECT_EQ(d.new_ticket->reporter_contact, "+6281234567890");
  EXPECT_EQ(d.new_ticket->relayed_by, "kdr_1");
  EXPECT_EQ(d.new_ticket->consent, "requested");
  ASSERT_EQ(d.others.size(), 1u);
  EXPECT_EQ(d.others[0].recipient, "+6281234567890");
  ASSERT_EQ(d.other_conversations.size(), 1u);
  EXPECT_EQ(StateFromJson(d.other_conversations[0].record.state_json).awaiting, "consent");
  EXPECT_EQ(d.other_conversations[0].expect_version, 0);
  // A resident who wrote before keeps what aduan remembered about them.
  ConversationState hers;
  hers.last_ticket = "ADU-HERS000";
  hers.last_ticket_at_ms = 5;
  f.relayed_resident =
      storage::ConversationRecord{"whatsapp", "+6281234567890", StateToJson(hers), 4, 5};
  Script again;
  Decision merged = again.Send("LAPOR UNTUK Ibu Siti, 0812 3456 7890: got mampet di gang Mawar", f,
                               Routed("PUPR"));
  ASSERT_EQ(merged.other_conversations.size(), 1u);
  ConversationState after = StateFromJson(merged.other_conversations[0].record.state_json);
  EXPECT_EQ(after.last_ticket, "ADU-HERS000");
  EXPECT_EQ(after.awaiting, "consent");
  EXPECT_EQ(merged.other_conversations[0].expect_version, 4);
  f.relayed_resident.reset();
  EXPECT_TRUE(s.state.awaiting.empty()) << "the relay names a place: nothing to ask";
  Decision empty = s.Send("LAPOR UNTUK Ibu Siti:", f);
  EXPECT_FALSE(empty.new_ticket);
  EXPECT_NE(empty.reply.find("Contoh"), std::string::npos);
  f.cadre->active = false;
  s.now += 3'600'000;
  Decision inactive = s.Send("LAPOR UNTUK Pak Dedi: sampah di pasar baru", f, Routed("DLH"));
  ASSERT_TRUE(inactive.new_ticket);
  EXPECT_EQ(inactive.new_ticket->relayed_by, "");
  EXPECT_NE(inactive.reply.find("belum terdaftar"), std::string::npos);
}

TEST(ConversationDecideTest, OverTheLimitApologisesOnceThenDrops) {
  Script s;
  Facts f;
  f.over_rate_limit = true;
  Decision first = s.Send("sampah", f);
  EXPECT_TRUE(first.rate_limited);
  EXPECT_TRUE(first.store_message);
  EXPECT_NE(first.reply.find("terlalu banyak"), std::string::npos);
  Decision second = s.Send("sampah lagi", f);
  EXPECT_TRUE(second.rate_limited);
  EXPECT_FALSE(second.store_message);
}

TEST(ReplyTemplatesTest, EveryReplyFitsOneSmsWithTypicalFields) {
  std::ifstream in(std::string(ADUAN_SOURCE_DIR) + "/config/replies.json");
  std::stringstream text;
  text << in.rdbuf();
  auto doc = nlohmann::json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  // The longest agency name a resident is likely to see in an acknowledgement.
  const std::vector<std::pair<std::string, std::string>> fields = {
      {"ticket", "ADU-7K3QX9M4"},
      {"agency", "Dinas Pekerjaan Umum dan Penataan Ruang"},
      {"name", "Ibu Siti Rahmawati"},
      {"cadre", "Bu Rina"},
      {"status", "sedang ditangani"},
      {"minutes", "10"},
      {"note", ""},
      {"list", ""}};
  for (const char* language : {"id", "en"}) {
    ASSERT_TRUE(doc.contains(language));
    for (const auto& [key, tmpl] : doc[language].items()) {
      std::string reply = FillTemplate(tmpl.get<std::string>(), fields);
      size_t chars = 0;
      for (unsigned char c : reply) chars += (c & 0xC0) != 0x80;
      EXPECT_LE(chars, 160u) << language << "." << key << ": " << reply;
    }
  }
}

TEST(NotificationRecipientsTest, ReporterThenTheRelayedResidentsPhone) {
  storage::TicketRecord t;
  t.channel = "telegram";
  t.reporter_sender = "111";
  t.reply_address = "222";
  auto r = NotificationRecipients(t);
  ASSERT_EQ(r.size(), 1u);
  EXPECT_EQ(r[0].address, "222");
  t.channel = "whatsapp";
  t.reply_address.clear();
  t.relayed_by = "kdr_1";
  t.reporter_contact = "+6281234567890";
  t.consent = "given";
  r = NotificationRecipients(t);
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].address, "+6281234567890");
  t.consent = "refused";
  EXPECT_EQ(NotificationRecipients(t).size(), 1u);
  t.channel = "generic";
  EXPECT_TRUE(NotificationRecipients(t).empty());
}

}  // namespace
}  // namespace aduan::gateway::conversation
