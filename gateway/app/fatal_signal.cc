#include "gateway/app/fatal_signal.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>

namespace aduan::gateway {
namespace {

// The line's fixed part, prepared outside the handler (JSON escaping allocates).
char g_tail[4096];  // the fixed text below plus at most 400 bytes of storage name
size_t g_tail_len = 0;

// A small append-only buffer the handler can use: no allocation, truncates silently.
struct Line {
  char buf[3072];
  size_t len = 0;
  void Add(const char* s, size_t n) {
    if (n > sizeof buf - len) n = sizeof buf - len;
    memcpy(buf + len, s, n);
    len += n;
  }
  void Add(const char* s) { Add(s, strlen(s)); }
  void Digits(uint64_t v, int width) {  // zero-padded to `width`
    char d[24];
    int n = 0;
    do {
      d[n++] = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v != 0 && n < 24);
    while (n < width && n < 24) d[n++] = '0';
    while (n > 0) Add(&d[--n], 1);
  }
  void Hex(uintptr_t v) {
    char d[2 * sizeof v];
    int n = 0;
    do {
      d[n++] = "0123456789abcdef"[v & 15];
      v >>= 4;
    } while (v != 0);
    Add("0x");
    while (n > 0) Add(&d[--n], 1);
  }
};

// Unix time as "2026-11-23T07:34:05.123Z", by arithmetic only (gmtime is not signal-safe).
// Days to civil date after Howard Hinnant's public-domain algorithm.
void AddTime(Line& line) {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  int64_t secs = now.tv_sec;
  int64_t days = secs / 86400, rest = secs % 86400;
  days += 719468;
  int64_t era = days / 146097;
  int64_t doe = days - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  line.Digits(static_cast<uint64_t>(year), 4);
  line.Add("-");
  line.Digits(static_cast<uint64_t>(month), 2);
  line.Add("-");
  line.Digits(static_cast<uint64_t>(day), 2);
  line.Add("T");
  line.Digits(static_cast<uint64_t>(rest / 3600), 2);
  line.Add(":");
  line.Digits(static_cast<uint64_t>(rest / 60 % 60), 2);
  line.Add(":");
  line.Digits(static_cast<uint64_t>(rest % 60), 2);
  line.Add(".");
  line.Digits(static_cast<uint64_t>(now.tv_nsec / 1000000), 3);
  line.Add("Z");
}

// Several threads can fault on the same lost mapping at once. The first one writes the line and
// ends the process; the others wait for that instead of returning (which would fault again) or
// taking the default action (which would kill the process before the line is out, with
// SIGBUS's status instead of ours).
std::atomic<bool> g_reporting{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the handler needs a lock-free flag");

void OnSigbus(int, siginfo_t* info, void*) {
  if (g_reporting.exchange(true)) {
    for (;;) pause();
  }
  Line line;
  line.Add("{\"ts\":\"");
  AddTime(line);
  line.Add("\",\"level\":\"error\",\"signal\":\"SIGBUS\",\"fault_addr\":\"");
  line.Hex(reinterpret_cast<uintptr_t>(info ? info->si_addr : nullptr));
  line.Add("\",");
  line.Add(g_tail, g_tail_len);
  ssize_t ignored = write(STDERR_FILENO, line.buf, line.len);
  (void)ignored;
  _exit(kFatalSignalExitCode);
}

}  // namespace

void InstallFatalSignalLog(const std::string& storage) {
  // Keys after "ts", "level", "signal" and "fault_addr", which the handler writes itself.
  nlohmann::json tail = {
      {"msg",
       "fatal: SIGBUS, a memory-mapped file could not be read or written; the process exits"},
      {"storage", storage.substr(0, 400)},
      {"check",
       "SQLite maps the database's -shm file: check that the disk holding the database is not "
       "full, that the database, its -wal and -shm files and their folder are writable by this "
       "user and were not truncated, removed or replaced, and that the filesystem is still "
       "mounted; then start aduan again. Every message answered 200 is in the database and its "
       "WAL."},
      {"exit_code", kFatalSignalExitCode}};
  std::string text = tail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  text = text.substr(1);  // drop '{': the handler writes the line's start
  text.push_back('\n');
  memcpy(g_tail, text.data(), text.size());
  g_tail_len = text.size();

  struct sigaction sa {};
  sa.sa_sigaction = OnSigbus;
  sa.sa_flags = SA_SIGINFO;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGBUS, &sa, nullptr);
}

}  // namespace aduan::gateway
