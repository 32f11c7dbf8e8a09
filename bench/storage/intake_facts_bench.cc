// The reads a new complaint is decided on, before its transaction: the sender's rate count,
// their conversation and the classified agency's recent tickets (linking's 50 candidates).
// "separate" makes them as three calls, three round trips (ReadFacts with the count alone,
// GetConversation, FindTickets), as intake did before ReadFacts; "together" is one ReadFacts.
// Usage: intake_facts_bench [URL] [SECONDS] [READERS]
//   (default: a temp sqlite: file, 3 s per point, 8 concurrent readers).
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "storage/store.h"

using Clock = std::chrono::steady_clock;
namespace st = aduan::storage;

namespace {

constexpr int kTickets = 1000;
constexpr int kSenders = 200;

st::IntakeRequest Complaint(int i) {
  st::IntakeRequest r;
  r.message.channel = "whatsapp";
  r.message.provider_message_id = "wamid." + std::to_string(i);
  r.message.sender = "+62812" + std::to_string(100000 + i % kSenders);
  r.message.text = "Jalan berlubang di depan pasar, sudah dua minggu belum diperbaiki";
  r.message.received_at_ms = 1'000'000 + i;
  st::TicketRecord t;
  std::string n = std::to_string(i);
  t.id = "ADU-B" + std::string(7 - n.size(), '0') + n;
  t.status = aduan::core::TicketStatus::kRouted;
  t.agency = i % 4 ? "PUPR" : "DLH";
  t.text = r.message.text;
  t.channel = r.message.channel;
  t.reporter_sender = r.message.sender;
  r.ticket = t;
  st::ConversationWrite w;
  w.record = {r.message.channel, r.message.sender, R"({"last_ticket":")" + t.id + "\"}", 0, 0};
  r.conversations.push_back(w);  // unguarded: the latest wins
  return r;
}

st::IntakeFactsQuery Query(int i) {
  st::IntakeFactsQuery q;
  q.channel = "whatsapp";
  q.sender = "+62812" + std::to_string(100000 + i % kSenders);
  q.messages_since_ms = 1'000'000 + kTickets - 600'000;
  st::TicketQuery similar;
  similar.agency = "PUPR";
  similar.created_since_ms = 0;
  similar.limit = 50;
  similar.link_fields_only = true;
  q.tickets = similar;
  return q;
}

// Reads per second with `readers` threads for `seconds`, and the p50/p99 of one message's reads.
void Run(st::Store& store, const char* name, bool together, int readers, double seconds) {
  std::atomic<bool> stop{false};
  std::vector<std::vector<double>> latencies(readers);
  std::vector<std::thread> threads;
  auto start = Clock::now();
  for (int r = 0; r < readers; ++r) {
    threads.emplace_back([&, r] {
      for (int i = r; !stop.load(std::memory_order_relaxed); i += readers) {
        st::IntakeFactsQuery q = Query(i);
        auto t0 = Clock::now();
        size_t seen = 0;
        if (together) {
          seen = store.ReadFacts(q).tickets.size();
        } else {
          st::IntakeFactsQuery count_only = q;
          count_only.tickets.reset();
          store.ReadFacts(count_only);
          store.GetConversation(q.channel, q.sender);
          seen = store.FindTickets(*q.tickets).size();
        }
        if (seen != 50) std::abort();  // the bench must read what intake reads
        latencies[r].push_back(
            std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  stop = true;
  for (auto& t : threads) t.join();
  double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  std::printf("%10s %8d %12.0f %9.3f %9.3f\n", name, readers, all.size() / elapsed,
              all[all.size() / 2], all[all.size() * 99 / 100]);
}

}  // namespace

int main(int argc, char** argv) {
  std::string dir = std::filesystem::temp_directory_path() / "aduan-facts-bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  std::string url = argc > 1 && *argv[1] ? argv[1] : "sqlite:" + dir + "/bench.db";
  double seconds = argc > 2 ? std::atof(argv[2]) : 3;
  int readers = argc > 3 ? std::max(1, std::atoi(argv[3])) : 8;
  auto store = st::OpenStore(url);
  for (int i = 0; i < kTickets; ++i) store->Intake(Complaint(i)).value();
  std::printf("store: %s, %d tickets, %.0f s per point\n%10s %8s %12s %9s %9s\n", url.c_str(),
              kTickets, seconds, "reads", "readers", "messages/s", "p50 ms", "p99 ms");
  for (int round = 0; round < 2; ++round) {
    Run(*store, "separate", false, readers, seconds);
    Run(*store, "together", true, readers, seconds);
  }
  return 0;
}
