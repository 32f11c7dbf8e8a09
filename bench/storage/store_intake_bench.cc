// Durable intake straight into the Store, no HTTP: how many complaints per second the group
// committer makes durable with N concurrent writers, and the latency each writer sees.
// Usage: store_intake_bench [URL] [SECONDS] [INSTANCES]
//   (default: a temp sqlite: file, 5 s, 1). INSTANCES > 1 opens that many stores on the one
//   database, as that many gateway processes would (PostgreSQL), and deals the writers out
//   among them round-robin.
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

int main(int argc, char** argv) {
  std::string dir = std::filesystem::temp_directory_path() / "aduan-store-bench";
  std::filesystem::remove_all(dir);
  std::string url = argc > 1 && *argv[1] ? argv[1] : "sqlite:" + dir + "/bench.db";
  double seconds = argc > 2 ? std::atof(argv[2]) : 5;
  int instances = argc > 3 ? std::max(1, std::atoi(argv[3])) : 1;
  std::vector<std::unique_ptr<aduan::storage::Store>> stores;
  for (int i = 0; i < instances; ++i) stores.push_back(aduan::storage::OpenStore(url));
  std::printf("store: %s, %d instance(s), %.0f s per point\n%8s %12s %9s %9s\n", url.c_str(),
              instances, seconds, "writers", "intakes/s", "p50 ms", "p99 ms");
  std::atomic<int64_t> serial{0};
  for (int writers : {1, 4, 16, 64}) {
    std::atomic<bool> stop{false};
    std::vector<std::vector<double>> latencies(writers);
    std::vector<std::thread> threads;
    auto start = Clock::now();
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        while (!stop.load(std::memory_order_relaxed)) {
          int64_t n = ++serial;
          aduan::storage::IntakeRequest r;
          r.message = {"generic",
                       "bench-" + std::to_string(n),
                       "+62812" + std::to_string(n % 99991),
                       "",
                       "Jalan rusak berlubang di RT 3 dekat SDN 2, sudah 3 bulan",
                       "{}",
                       n};
          aduan::storage::TicketRecord t;
          char id[16];
          std::snprintf(id, sizeof id, "ADU-%08lld", static_cast<long long>(n % 100000000));
          t.id = id;
          t.status = aduan::core::TicketStatus::kRouted;
          t.agency = "PUPR";
          t.text = r.message.text;
          t.channel = "generic";
          t.reporter_sender = r.message.sender;
          r.ticket = t;
          r.reply = "Terima kasih, aduan Anda tercatat dengan nomor " + t.id;
          r.outbox.push_back(
              {"whatsapp", r.message.sender, aduan::core::OutboxKind::kAck, r.reply, "{}"});
          auto t0 = Clock::now();
          stores[w % instances]->Intake(r).value();
          latencies[w].push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
        }
      });
    }
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    stop = true;
    for (auto& th : threads) th.join();
    double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    std::vector<double> all;
    for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
    std::sort(all.begin(), all.end());
    std::printf("%8d %12.0f %9.2f %9.2f\n", writers, all.size() / elapsed, all[all.size() / 2],
                all[all.size() * 99 / 100]);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
