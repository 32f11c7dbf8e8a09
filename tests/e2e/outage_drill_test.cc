// The outage drill at the size of a real failover: the real `aduan serve` on PostgreSQL (the
// throw-away cluster of tests/postgres/with-cluster.sh) with an intake journal, while the
// database is shut down for 30 seconds under about 200 generic and signed WhatsApp webhooks a
// second. WhatsApp is never answered 5xx, the generic webhook answers 202 with a receipt;
// aduan is killed with SIGKILL in the middle of the outage and started again while the
// database is still down, where it must serve (healthz OK, readyz degraded) and keep
// acknowledging. Once the database is back, every acknowledged message is exactly one message
// row and one ticket within 30 seconds. Its figures go to bench/README.md (journal section).
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "../storage/pg_schema.h"
#include "../storage/temp_dir.h"
#include "core/crypto.h"
#include "process.h"
#include "storage/postgres/pg_connection.h"

namespace aduan::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kWhatsAppSecret[] = "drill-app-secret";
constexpr auto kOutage = seconds(30);
// When in the outage aduan is killed.
constexpr auto kKillAfter = seconds(10);
// How long the test waits for the backlog to drain after the database returns. It only stops a
// drain that never ends from hanging the suite: how fast the drain is (the target is 30 s) is a
// figure the test prints and bench/README.md records, because a sanitizer build on a busy
// machine is several times slower than the release build the target is about.
constexpr auto kDrainBound = seconds(300);
// Webhooks offered per second, half generic and half WhatsApp, by kSenders paced senders.
constexpr int kRate = 200;
constexpr int kSenders = 64;

// The program `name` as found on $PATH (RunCommand does not search it); `name` when absent.
std::string OnPath(const std::string& name) {
  const char* path = std::getenv("PATH");
  std::stringstream dirs(path ? path : "");
  for (std::string dir; std::getline(dirs, dir, ':');) {
    std::string candidate = dir + "/" + name;
    if (!dir.empty() && access(candidate.c_str(), X_OK) == 0) return candidate;
  }
  return name;
}

// Stops and starts the test cluster as its owner would (`pg_ctl stop -m fast`, then `start`
// with the options it was first started with, which PostgreSQL keeps in postmaster.opts).
class ClusterControl {
 public:
  explicit ClusterControl(const std::string& url) {
    storage::PgConnection c(url);
    data_ = c.Run("SELECT current_setting('data_directory')").Text(0, 0);
    std::ifstream opts(data_ + "/postmaster.opts");
    std::string line;
    std::getline(opts, line);
    // <bindir>/postgres "-D" "<data dir>" "-c" "listen_addresses=" ...
    std::string binary = line.substr(0, line.find(' '));
    if (!binary.empty() && binary.front() == '"') binary = binary.substr(1, binary.size() - 2);
    if (binary.empty()) throw std::runtime_error("cannot read " + data_ + "/postmaster.opts");
    bindir_ = std::filesystem::path(binary).parent_path().string();
    std::vector<std::string> words;
    for (size_t at = line.find('"', binary.size() + 1); at != std::string::npos;
         at = line.find('"', at)) {
      size_t end = line.find('"', at + 1);
      if (end == std::string::npos) break;
      words.push_back(line.substr(at + 1, end - at - 1));
      at = end + 1;
    }
    for (size_t i = 0; i < words.size(); ++i) {
      if (words[i] == "-D") {
        ++i;
        continue;
      }
      options_ += (options_.empty() ? "" : " ") + words[i];
    }
  }
  ~ClusterControl() {
    if (stopped_) Start();
  }

  void Stop() { stopped_ = PgCtl({"-m", "fast", "-w", "stop"}); }
  bool Start() {
    bool ok =
        PgCtl({"-l", data_ + "/drill-restart.log", "-w", "-t", "60", "-o", options_, "start"});
    if (ok) stopped_ = false;
    return ok;
  }

 private:
  bool PgCtl(std::vector<std::string> args) {
    std::vector<std::string> argv;
    // initdb refused root, so with-cluster.sh made the cluster the `postgres` user's.
    if (geteuid() == 0) argv = {OnPath("runuser"), "-u", "postgres", "--"};
    argv.push_back(bindir_ + "/pg_ctl");
    argv.push_back("-D");
    argv.push_back(data_);
    argv.insert(argv.end(), args.begin(), args.end());
    std::string out;
    int rc = RunCommand(argv, &out);
    if (rc != 0) ADD_FAILURE() << "pg_ctl failed: " << out;
    return rc == 0;
  }

  std::string data_, bindir_, options_;
  bool stopped_ = false;
};

std::string WhatsAppBody(const std::string& id, const std::string& phone) {
  return json{{"object", "whatsapp_business_account"},
              {"entry",
               {{{"id", "1"},
                 {"changes",
                  {{{"field", "messages"},
                    {"value",
                     {{"messaging_product", "whatsapp"},
                      {"metadata", {{"phone_number_id", "106540352242922"}}},
                      {"contacts", {{{"profile", {{"name", "Warga"}}}, {"wa_id", phone}}}},
                      {"messages",
                       {{{"from", phone},
                         {"id", id},
                         {"timestamp", "1790000000"},
                         {"type", "text"},
                         {"text",
                          {{"body", "Banjir setinggi lutut di gang " + id +
                                        " Kelurahan Sukamaju, air tidak surut"}}}}}}}}}}}}}}}
      .dump();
}

std::string GenericBody(const std::string& id, const std::string& phone) {
  return json{{"id", id},
              {"from", "+" + phone},
              {"text", "Lampu penerangan jalan mati di Jalan Melati nomor " + id}}
      .dump();
}

// What the senders were told, by message.
struct Acks {
  std::mutex mu;
  std::set<std::string> generic, whatsapp;  // provider ids acknowledged (200 or 202)
  int whatsapp_5xx = 0, generic_5xx = 0, generic_202 = 0, other = 0;
  int unanswered = 0;                      // requests that got no HTTP answer at all
  double whatsapp_ms = 0, generic_ms = 0;  // summed answer times, for the figures
};

// Sends webhooks from `threads` senders to `port` until `stop`; each message has its own
// sender (no follow-ups or rate limits) and id.
void Send(int port, const std::string& phase, int threads, std::atomic<bool>& stop, Acks& acks) {
  const int phase_digit = phase == "up" ? 1 : phase == "down" ? 2 : phase == "restarted" ? 4 : 3;
  std::vector<std::thread> senders;
  for (int t = 0; t < threads; ++t) {
    senders.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(30, 0);
      // Paced, not back to back: each sender takes its turn every `period`, so the senders
      // together offer kRate messages a second whatever an answer takes.
      const auto period = std::chrono::microseconds(1'000'000 * threads / kRate);
      auto next = std::chrono::steady_clock::now() + period * t / threads;
      for (int i = 0; !stop.load(); ++i) {
        std::this_thread::sleep_until(next);
        next += period;
        const bool wa = (i + t) % 2 == 0;
        const std::string id = phase + "-" + std::to_string(t) + "-" + std::to_string(i);
        // A phone of its own per message: a second message from one sender would be a
        // follow-up of the first, not a ticket.
        const std::string phone =
            "6281" + std::to_string(phase_digit) + std::to_string(1000000 + t * 100000 + i);
        const auto sent = std::chrono::steady_clock::now();
        httplib::Result r =
            wa ? c.Post("/webhooks/whatsapp",
                        {{"X-Hub-Signature-256",
                          "sha256=" + core::HexEncode(core::HmacSha256(
                                          kWhatsAppSecret, WhatsAppBody("wamid." + id, phone)))}},
                        WhatsAppBody("wamid." + id, phone), "application/json")
               : c.Post("/webhooks/generic", GenericBody(id, phone), "application/json");
        if (!r) {
          // Nothing was acknowledged; the sender goes on (the kill comes between phases).
          {
            std::lock_guard lock(acks.mu);
            if (acks.unanswered++ < 5) {
              std::cerr << "no answer: " << httplib::to_string(r.error()) << "\n";
            }
          }
          continue;
        }
        std::lock_guard lock(acks.mu);
        (wa ? acks.whatsapp_ms : acks.generic_ms) +=
            std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - sent)
                .count();
        if (r->status == 200 || r->status == 202) {
          (wa ? acks.whatsapp : acks.generic).insert(wa ? "wamid." + id : id);
          if (!wa && r->status == 202) ++acks.generic_202;
        } else if (r->status >= 500) {
          ++(wa ? acks.whatsapp_5xx : acks.generic_5xx);
        } else {
          ++acks.other;
          ADD_FAILURE() << "unexpected " << r->status << ": " << r->body;
        }
      }
    });
  }
  for (auto& s : senders) s.join();
}

std::unique_ptr<ChildProcess> StartAduan(const PgSchema& schema, const TempDir& dir,
                                         const std::string& name, int* port) {
  std::string port_file = dir.File(name + ".port");
  auto child = std::make_unique<ChildProcess>(
      std::vector<std::string>{AduanBinary(), "serve", "--config",
                               std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", "--db",
                               schema.url(), "--listen", "127.0.0.1:0", "--port-file", port_file,
                               "--journal-dir", dir.File("journal")},
      dir.File(name + ".log"));
  *port = WaitForPort(port_file);
  return child;
}

// Runs `phase` senders for `d`.
void SendFor(int port, const std::string& phase, std::chrono::milliseconds d, Acks& acks) {
  std::atomic<bool> stop{false};
  std::thread load([&] { Send(port, phase, kSenders, stop, acks); });
  std::this_thread::sleep_for(d);
  stop = true;
  load.join();
}

int64_t MessageRows(const PgSchema& schema) {
  return storage::PgConnection(schema.url()).Run("SELECT COUNT(*) FROM messages").Int64(0, 0);
}

// GET `path` on `port`: the status, or -1 when nothing answered.
int StatusOf(int port, const std::string& path, std::string* body = nullptr) {
  httplib::Client c("127.0.0.1", port);
  c.set_read_timeout(10, 0);
  auto r = c.Get(path);
  if (!r) return -1;
  if (body) *body = r->body;
  return r->status;
}

// The journal backlog /readyz reports, or -1.
int64_t Backlog(int port) {
  std::string body;
  if (StatusOf(port, "/readyz", &body) < 0) return -1;
  json ready = json::parse(body, nullptr, false);
  if (!ready.is_object() || !ready.contains("journal")) return -1;
  return ready["journal"]["backlog"].get<int64_t>();
}

TEST(OutageDrillTest, NothingAcknowledgedIsLostOrDoubledAcrossAnOutageAKillAndARestart) {
  if (!TestPostgresUrl()) GTEST_SKIP() << kNoPostgres;
  PgSchema schema;
  TempDir dir;
  setenv("ADUAN_WHATSAPP_APP_SECRET", kWhatsAppSecret, 1);
  setenv("ADUAN_WHATSAPP_ACCESS_TOKEN", "drill-token", 1);
  setenv("ADUAN_WHATSAPP_API_BASE", "http://127.0.0.1:9", 1);  // replies go nowhere real
  ClusterControl cluster(*TestPostgresUrl());
  Acks acks;

  int port = -1;
  auto first = StartAduan(schema, dir, "first", &port);
  ASSERT_GT(port, 0) << ReadFile(dir.File("first.log"));
  SendFor(port, "up", milliseconds(1500), acks);
  const size_t generic_before = acks.generic.size();

  cluster.Stop();
  const auto outage_started = std::chrono::steady_clock::now();
  SendFor(port, "down", kKillAfter, acks);
  first->Signal(SIGKILL);  // mid-outage, with acknowledged messages still in the journal only
  first->Wait();

  // Started again while the database is still down: it serves from its journal.
  auto second = StartAduan(schema, dir, "second", &port);
  ASSERT_GT(port, 0) << "aduan must start while the database is down: "
                     << ReadFile(dir.File("second.log")).substr(0, 4000);
  EXPECT_EQ(StatusOf(port, "/healthz"), 200);
  std::string ready;
  EXPECT_EQ(StatusOf(port, "/readyz", &ready), 200) << ready;
  const size_t acked_before_restart = acks.whatsapp.size() + acks.generic.size();
  SendFor(port, "restarted",
          std::chrono::duration_cast<milliseconds>(
              kOutage - (std::chrono::steady_clock::now() - outage_started)),
          acks);
  EXPECT_GT(acks.whatsapp.size() + acks.generic.size(), acked_before_restart)
      << "the restarted gateway acknowledges while the database is down";
  ASSERT_EQ(StatusOf(port, "/readyz", &ready), 200) << ready;
  EXPECT_EQ(json::parse(ready, nullptr, false).value("status", ""), "degraded") << ready;
  const int64_t backlog_at_return = Backlog(port);
  const double outage_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - outage_started).count();

  ASSERT_TRUE(cluster.Start());
  const auto back = std::chrono::steady_clock::now();
  std::atomic<bool> stop_load{false};
  std::thread load([&] { Send(port, "back", kSenders, stop_load, acks); });
  std::this_thread::sleep_for(milliseconds(1500));
  stop_load = true;
  load.join();

  // Everything acknowledged becomes a ticket.
  int64_t backlog = -1;
  while (backlog != 0 && std::chrono::steady_clock::now() - back < kDrainBound) {
    backlog = Backlog(port);
    if (backlog != 0) std::this_thread::sleep_for(milliseconds(100));
  }
  const double drain_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - back).count();
  ASSERT_EQ(backlog, 0) << ReadFile(dir.File("second.log")).substr(0, 4000);

  const size_t acked = acks.whatsapp.size() + acks.generic.size();
  std::cout << "drill: outage " << outage_s << " s; acknowledged " << acks.whatsapp.size()
            << " WhatsApp and " << acks.generic.size() << " generic (" << acks.generic_202
            << " answered 202), " << acked_before_restart << " before the kill; journal backlog "
            << backlog_at_return << " when the database returned; drained in " << drain_s
            << " s; stored " << MessageRows(schema) << " messages; " << acks.unanswered
            << " requests got no answer; mean answer " << acks.whatsapp_ms / acks.whatsapp.size()
            << " ms WhatsApp, " << acks.generic_ms / acks.generic.size() << " ms generic\n";
  EXPECT_EQ(acks.whatsapp_5xx, 0) << "WhatsApp was refused during the outage";
  EXPECT_EQ(acks.generic_5xx, 0);
  EXPECT_GT(acks.generic_202, 0) << "the generic webhook answered 202 while the database was down";
  EXPECT_GT(acks.generic.size(), generic_before);
  EXPECT_GT(acked, 5000u) << "the drill ran at about 200 messages a second";
  EXPECT_GT(backlog_at_return, 0) << "the outage left work in the journal";

  storage::PgConnection db(schema.url());
  std::map<std::pair<std::string, std::string>, int> stored;
  auto rows = db.Run("SELECT channel, provider_message_id, ticket_id FROM messages");
  std::set<std::string> tickets;
  for (int i = 0; i < rows.rows(); ++i) {
    ++stored[{rows.Text(i, 0), rows.Text(i, 1)}];
    if (!rows.IsNull(i, 2)) tickets.insert(rows.Text(i, 2));
  }
  int missing = 0;
  for (const auto& id : acks.whatsapp) {
    if (stored[{"whatsapp", id}] != 1) ++missing;
  }
  for (const auto& id : acks.generic) {
    if (stored[{"generic", id}] != 1) ++missing;
  }
  EXPECT_EQ(missing, 0) << "acknowledged messages not stored exactly once";
  // Unacknowledged attempts (cut by the kill) may be stored too, but never twice, and each
  // stored complaint is its own ticket.
  EXPECT_EQ(db.Run("SELECT COUNT(*) FROM tickets").Int64(0, 0), static_cast<int64_t>(rows.rows()));
  EXPECT_EQ(tickets.size(), static_cast<size_t>(rows.rows()));
  EXPECT_GE(static_cast<size_t>(rows.rows()), acked);
  second->Signal(SIGTERM);
  EXPECT_EQ(second->Wait(), 0);
}

}  // namespace
}  // namespace aduan::testing
