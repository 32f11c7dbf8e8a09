// SQLite's WAL index (the database's -shm file) is memory-mapped; when its pages can no longer
// be backed the process takes SIGBUS. It must not vanish without a word: the log says what
// happened and what to check, and the exit status says it was this.
#include "gateway/app/fatal_signal.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>
#include <vector>

#include "../storage/temp_dir.h"
#include "process.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

// The log line that mentions SIGBUS, parsed; null when there is none.
json SigbusLine(const std::string& log) {
  std::istringstream lines(log);
  std::string line;
  while (std::getline(lines, line)) {
    if (line.find("SIGBUS") != std::string::npos) return json::parse(line, nullptr, false);
  }
  return nullptr;
}

TEST(FatalSignalTest, ALostSharedMemoryMappingIsLoggedWithWhatToCheckBeforeTheProcessEnds) {
  TempDir dir;
  std::string db = dir.File("aduan.db");
  ChildProcess server(
      {AduanBinary(), "serve", "--config", std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json",
       "--db", "sqlite:" + db, "--listen", "127.0.0.1:0", "--port-file", dir.File("port")},
      dir.File("server.log"));
  int port = WaitForPort(dir.File("port"));
  ASSERT_GT(port, 0) << ReadFile(dir.File("server.log"));
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(5, 0);
  auto stored = client.Post("/webhooks/generic",
                            R"({"id":"b1","from":"+6281234567890","text":"Got mampet di RT 2"})",
                            "application/json");
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->status, 200) << stored->body;

  // The mapped file loses its pages under the running process, as when it is truncated or
  // the disk under it goes away; the next access to the WAL index faults.
  std::filesystem::resize_file(db + "-shm", 0);
  client.Post("/webhooks/generic",
              R"({"id":"b2","from":"+6281234567891","text":"Lampu jalan mati di gang 5"})",
              "application/json");  // may get no answer: the process is dying

  auto exited = std::async(std::launch::async, [&] { return server.Wait(); });
  if (exited.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
    server.Signal(SIGKILL);  // bounded: a process that never faulted is a failure, not a hang
  }
  int status = exited.get();
  std::string log = ReadFile(dir.File("server.log"));
  EXPECT_EQ(status, gateway::kFatalSignalExitCode) << log;
  json line = SigbusLine(log);
  ASSERT_TRUE(line.is_object()) << "no parsable SIGBUS line in:\n" << log;
  EXPECT_EQ(line["level"], "error");
  EXPECT_EQ(line["storage"], "sqlite:" + db);
  EXPECT_NE(line["check"].get<std::string>().find("-shm"), std::string::npos);
  EXPECT_NE(line["check"].get<std::string>().find("disk"), std::string::npos);
  EXPECT_EQ(line["ts"].get<std::string>().size(), std::string("2026-11-23T07:34:05.123Z").size());
}

// Request workers and the processor all touch the WAL index, so a lost mapping faults on several
// threads at once. The process must still end with one line and its own status, not be killed
// by a second fault arriving while the first is being reported.
TEST(FatalSignalTest, ManyThreadsFaultingAtOnceStillGiveOneLineAndTheExitStatus) {
  TempDir dir;
  std::string mapped = dir.File("mapped");
  std::string log = dir.File("child.log");
  for (int round = 0; round < 5; ++round) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      int out = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
      dup2(out, STDERR_FILENO);
      int fd = open(mapped.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
      if (fd < 0 || ftruncate(fd, 1 << 16) != 0) _exit(90);
      auto* page = static_cast<volatile char*>(
          mmap(nullptr, 1 << 16, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0));
      if (page == MAP_FAILED) _exit(91);
      gateway::InstallFatalSignalLog("test:mapped");
      std::atomic<bool> go{false};
      std::vector<std::thread> threads;
      for (int i = 0; i < 16; ++i) {
        threads.emplace_back([&, i] {
          while (!go.load()) {
          }
          for (;;) page[(i * 4096) % (1 << 16)] = 1;  // faults once the file is gone
        });
      }
      if (ftruncate(fd, 0) != 0) _exit(92);
      go = true;
      for (auto& t : threads) t.join();
      _exit(93);  // unreachable: every thread faults
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status)) << "round " << round << ": killed by signal "
                                   << (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
    EXPECT_EQ(WEXITSTATUS(status), gateway::kFatalSignalExitCode) << "round " << round;
    std::string text = ReadFile(log);
    size_t lines = 0;
    for (char c : text) lines += c == '\n';
    EXPECT_EQ(lines, 1u) << text;
    EXPECT_TRUE(SigbusLine(text).is_object()) << text;
  }
}

}  // namespace
}  // namespace aduan::testing
