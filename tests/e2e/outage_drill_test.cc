// The outage drill: the real `aduan serve` on PostgreSQL (the throw-away cluster of
// tests/postgres/with-cluster.sh) with an intake journal, while the database is shut down for
// about ten seconds under a steady stream of generic and signed WhatsApp webhooks. WhatsApp is
// never answered 5xx, the generic webhook answers 202 with a receipt, aduan is killed with
// SIGKILL in the middle of the outage, and after the database and aduan are back every
// acknowledged message is exactly one message row and one ticket.
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
#include "channels/crypto.h"
#include "process.h"
#include "storage/postgres/pg_connection.h"

namespace aduan::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr char kWhatsAppSecret[] = "drill-app-secret";
constexpr auto kOutage = seconds(10);

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
};

// Sends webhooks from `threads` senders to `port` until `stop`; each message has its own
// sender (no follow-ups or rate limits) and id.
void Send(int port, const std::string& phase, int threads, std::atomic<bool>& stop, Acks& acks) {
  const int phase_digit = phase == "up" ? 1 : phase == "down" ? 2 : 3;
  std::vector<std::thread> senders;
  for (int t = 0; t < threads; ++t) {
    senders.emplace_back([&, t] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(30, 0);
      for (int i = 0; !stop.load(); ++i) {
        const bool wa = (i + t) % 2 == 0;
        const std::string id = phase + "-" + std::to_string(t) + "-" + std::to_string(i);
        // A phone of its own per message: a second message from one sender would be a
        // follow-up of the first, not a ticket.
        const std::string phone =
            "6281" + std::to_string(phase_digit) + std::to_string(1000000 + t * 100000 + i);
        httplib::Result r =
            wa ? c.Post("/webhooks/whatsapp",
                        {{"X-Hub-Signature-256",
                          "sha256=" + channels::HexEncode(channels::HmacSha256(
                                          kWhatsAppSecret, WhatsAppBody("wamid." + id, phone)))}},
                        WhatsAppBody("wamid." + id, phone), "application/json")
               : c.Post("/webhooks/generic", GenericBody(id, phone), "application/json");
        if (!r) return;  // the server went away (the kill): nothing was acknowledged
        std::lock_guard lock(acks.mu);
        if (r->status == 200 || r->status == 202) {
          (wa ? acks.whatsapp : acks.generic).insert(wa ? "wamid." + id : id);
          if (!wa && r->status == 202) ++acks.generic_202;
        } else if (r->status >= 500) {
          ++(wa ? acks.whatsapp_5xx : acks.generic_5xx);
        } else {
          ++acks.other;
          ADD_FAILURE() << "unexpected " << r->status << ": " << r->body;
        }
        std::this_thread::sleep_for(milliseconds(40));
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
  std::thread load([&] { Send(port, phase, 8, stop, acks); });
  std::this_thread::sleep_for(d);
  stop = true;
  load.join();
}

int64_t MessageRows(const PgSchema& schema) {
  return storage::PgConnection(schema.url()).Run("SELECT COUNT(*) FROM messages").Int64(0, 0);
}

TEST(OutageDrillTest, NothingAcknowledgedIsLostOrDoubledAcrossAnOutageAndAKill) {
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
  auto outage_started = std::chrono::steady_clock::now();
  SendFor(port, "down", kOutage / 2, acks);
  first->Signal(SIGKILL);  // mid-outage, with acknowledged messages still in the journal only
  first->Wait();
  std::this_thread::sleep_for(kOutage - (std::chrono::steady_clock::now() - outage_started));
  ASSERT_TRUE(cluster.Start());

  auto second = StartAduan(schema, dir, "second", &port);
  ASSERT_GT(port, 0) << ReadFile(dir.File("second.log"));
  SendFor(port, "back", milliseconds(1500), acks);

  // Everything acknowledged becomes a ticket, within a bound.
  httplib::Client c("127.0.0.1", port);
  int64_t backlog = -1;
  for (int i = 0; i < 300 && backlog != 0; ++i) {
    if (auto r = c.Get("/readyz")) {
      json body = json::parse(r->body, nullptr, false);
      if (body.contains("journal")) backlog = body["journal"]["backlog"].get<int64_t>();
    }
    if (backlog != 0) std::this_thread::sleep_for(milliseconds(100));
  }
  ASSERT_EQ(backlog, 0) << ReadFile(dir.File("second.log")).substr(0, 4000);

  std::cout << "drill: acknowledged " << acks.whatsapp.size() << " WhatsApp and "
            << acks.generic.size() << " generic (" << acks.generic_202 << " answered 202); stored "
            << MessageRows(schema) << " messages\n";
  EXPECT_EQ(acks.whatsapp_5xx, 0) << "WhatsApp was refused during the outage";
  EXPECT_EQ(acks.generic_5xx, 0);
  EXPECT_GT(acks.generic_202, 0) << "the generic webhook answered 202 while the database was down";
  EXPECT_GT(acks.generic.size(), generic_before);
  EXPECT_GT(acks.whatsapp.size(), 10u);

  storage::PgConnection db(schema.url());
  std::map<std::pair<std::string, std::string>, int> stored;
  auto rows = db.Run("SELECT channel, provider_message_id, ticket_id FROM messages");
  std::set<std::string> tickets;
  for (int i = 0; i < rows.rows(); ++i) {
    ++stored[{rows.Text(i, 0), rows.Text(i, 1)}];
    if (!rows.IsNull(i, 2)) tickets.insert(rows.Text(i, 2));
  }
  for (const auto& id : acks.whatsapp) {
    EXPECT_EQ((stored[{"whatsapp", id}]), 1) << id << " was acknowledged";
  }
  for (const auto& id : acks.generic) {
    EXPECT_EQ((stored[{"generic", id}]), 1) << id << " was acknowledged";
  }
  // Unacknowledged attempts (cut by the kill) may be stored too, but never twice, and each
  // stored complaint is its own ticket.
  EXPECT_EQ(db.Run("SELECT COUNT(*) FROM tickets").Int64(0, 0), static_cast<int64_t>(rows.rows()));
  EXPECT_EQ(tickets.size(), static_cast<size_t>(rows.rows()));
  EXPECT_GE(static_cast<size_t>(rows.rows()), acks.whatsapp.size() + acks.generic.size());
  second->Signal(SIGTERM);
  EXPECT_EQ(second->Wait(), 0);
}

}  // namespace
}  // namespace aduan::testing
