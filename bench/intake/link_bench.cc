// What deciding a new complaint costs when the agency has recent tickets to link against.
// Linking compares the complaint with up to 50 of the agency's recent tickets (intake.cc reads
// them with the rate count); when none is about the same thing, every one of them is compared.
// The tickets here are distinct complaints about roads in different streets, so nothing links
// and the whole list is read, as in a city's ordinary stream.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "gateway/common/config.h"
#include "gateway/intake/conversation/conversation.h"
#include "gateway/intake/link_key_cache.h"

namespace aduan::gateway::conversation {
namespace {

const GatewayConfig& Config() {
  static const GatewayConfig config = [] {
    std::string error;
    auto c = LoadConfig(std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", &error);
    if (!c) throw std::runtime_error(error);
    return *c;
  }();
  return config;
}

std::vector<storage::TicketRecord> RecentTickets(int n, bool with_details) {
  static const char* kWhat[] = {"jalan berlubang",    "aspal mengelupas", "got mampet",
                                "trotoar ambles",     "jembatan retak",   "drainase tersumbat",
                                "gorong-gorong jebol"};
  static const char* kWhere[] = {"Melati", "Kenanga", "Anggrek", "Cempaka", "Flamboyan",
                                 "Dahlia", "Teratai", "Mawar",   "Kamboja", "Sakura"};
  std::vector<storage::TicketRecord> out;
  for (int i = 0; i < n; ++i) {
    storage::TicketRecord t;
    t.id = "ADU-BENCH" + std::to_string(i);
    t.status = core::TicketStatus::kRouted;
    t.channel = "whatsapp";
    t.reporter_sender = "+62811" + std::to_string(1000000 + i);
    t.text = std::string(kWhat[i % 7]) + " di jl " + kWhere[i % 10] + " gang " + std::to_string(i) +
             " sudah dua minggu, mohon segera diperbaiki pak";
    t.details_json = "{}";
    if (with_details) {
      t.details_json = R"({"place":"RT )" + std::to_string(i % 12) +
                       R"( RW 03","location":{"latitude":-6.2,"longitude":106.8,"label":"Pasar )" +
                       kWhere[(i + 3) % 10] + R"("}})";
    }
    out.push_back(std::move(t));
  }
  return out;
}

void DecideNewComplaint(benchmark::State& state) {
  const bool with_details = state.range(1) != 0;
  const bool cached = state.range(2) != 0;
  LinkKeyCache keys;
  Facts facts;
  facts.similar = RecentTickets(static_cast<int>(state.range(0)), with_details);
  facts.candidate_ticket_id = "ADU-NEW0001";
  Inbound in;
  in.channel = "sms";
  in.sender = "+6289900001";
  in.text = "lampu penerangan jalan di depan balai warga Sukamaju padam sejak kemarin malam";
  in.now_ms = 1'800'000'000'000;
  const ReadText text = ReadMessageText(in.text);
  classifier::Classification c;
  c.agency = "PUPR";
  c.agency_score = 0.9;
  c.triage = false;
  const ConversationState start;
  for (auto _ : state) {
    // As the pipeline does for every message: the keys of the tickets just read, from the
    // cache kept between messages.
    facts.similar_keys.clear();
    if (cached) {
      for (const auto& t : facts.similar) facts.similar_keys.push_back(keys.Get(t));
    }
    Decision d = Decide(start, in, text, facts, &c, Config());
    if (!d.new_ticket || !d.new_ticket->linked_to.empty()) state.SkipWithError("linked");
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
// Args: recent tickets read, whether they carry a place and coordinates in their details,
// whether their link keys come from a LinkKeyCache kept between messages.
BENCHMARK(DecideNewComplaint)
    ->Args({0, 0, 0})
    ->Args({50, 0, 0})
    ->Args({50, 1, 0})
    ->Args({50, 0, 1})
    ->Args({50, 1, 1});

}  // namespace
}  // namespace aduan::gateway::conversation

BENCHMARK_MAIN();
