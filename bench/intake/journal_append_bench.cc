// Durable appends to the intake journal from many threads at once, as webhooks make them: each
// thread appends one WhatsApp-sized record and waits until it is fdatasync'ed (the group sync
// shares one sync among the threads waiting). Arg 1: segments pre-written with zeros (the
// default); arg 0: segments that grow with their records. Both run in one binary, in turns, so
// the machine's noise falls on both alike. See bench/README.md.
#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>

#include "gateway/intake/journal/journal.h"

namespace aduan::gateway::journal {
namespace {

namespace fs = std::filesystem;

std::unique_ptr<Journal> g_journal;
std::string g_dir;

void BM_DurableAppend(benchmark::State& state) {
  if (state.thread_index() == 0) {
    std::string templ = (fs::temp_directory_path() / "aduan-journal-bench-XXXXXX").string();
    g_dir = mkdtemp(templ.data()) ? templ : "";
    JournalOptions options{g_dir + "/j"};
    options.prewrite = state.range(0) != 0;
    std::string error;
    g_journal = Journal::Open(
        options, [] { return int64_t{1'700'000'000'000}; }, &error);
    if (!g_journal) state.SkipWithError(error.c_str());
  }
  const std::vector<std::string> record = {std::string(1500, 'w')};
  for (auto _ : state) {
    if (g_journal) benchmark::DoNotOptimize(g_journal->Append(record));
  }
  state.SetItemsProcessed(state.iterations());
  if (state.thread_index() == 0) {
    if (g_journal) {
      const JournalStats s = g_journal->Stats();
      state.counters["records_per_sync"] =
          s.syncs ? static_cast<double>(s.synced_records) / static_cast<double>(s.syncs) : 0;
    }
    g_journal.reset();
    std::error_code ec;
    fs::remove_all(g_dir, ec);
  }
}
BENCHMARK(BM_DurableAppend)
    ->ArgName("prewrite")
    ->Arg(0)
    ->Arg(1)
    ->Threads(1)
    ->Threads(16)
    ->MinTime(3)
    ->UseRealTime();

}  // namespace
}  // namespace aduan::gateway::journal

BENCHMARK_MAIN();
