// kill -9 during load: every message that was answered 200 must be stored exactly once, and a
// restarted gateway must recognise each one as a retry. Then SIGTERM must drain and exit 0.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "../storage/temp_dir.h"
#include "process.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

std::unique_ptr<ChildProcess> StartServer(const TempDir& dir, const std::string& name, int* port) {
  std::string port_file = dir.File(name + ".port");
  std::filesystem::remove(port_file);
  auto child = std::make_unique<ChildProcess>(
      std::vector<std::string>{AduanBinary(), "serve", "--config",
                               std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", "--db",
                               "sqlite:" + dir.File("aduan.db"), "--listen", "127.0.0.1:0",
                               "--port-file", port_file},
      dir.File(name + ".log"));
  *port = WaitForPort(port_file);
  return child;
}

// One sender per message: these tests are about durability, and a single sender sending
// hundreds of messages a minute would (rightly) meet the per-sender rate limit.
json Message(const std::string& id) {
  std::string digits = std::to_string(std::hash<std::string>{}(id) % 10000000);
  return {{"id", id},
          {"from", "+62813" + std::string(7 - digits.size(), '0') + digits},
          {"text", "Lampu PJU di gang " + id + " mati sudah seminggu, jalan gelap sekali"}};
}

TEST(CrashTest, EveryMessageAnswered200SurvivesKillDashNineExactlyOnce) {
  TempDir dir;
  int port = -1;
  auto server = StartServer(dir, "first", &port);
  ASSERT_GT(port, 0) << ReadFile(dir.File("first.log"));

  constexpr int kClients = 4, kPerClient = 300, kKillAfter = 150;
  std::mutex mu;
  std::map<std::string, std::string> acked;  // message id -> ticket answered with 200
  std::atomic<int> acked_count{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_connection_timeout(2, 0);
      client.set_read_timeout(5, 0);
      for (int i = 0; i < kPerClient; ++i) {
        std::string id = std::to_string(c) + "-" + std::to_string(i);
        auto r = client.Post("/webhooks/generic", Message(id).dump(), "application/json");
        if (!r) return;  // the server is gone
        if (r->status != 200) continue;
        std::lock_guard<std::mutex> lock(mu);
        acked[id] = json::parse(r->body)["ticket"];
        ++acked_count;
      }
    });
  }
  for (int i = 0; i < 400 && acked_count.load() < kKillAfter; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  server->Signal(SIGKILL);
  EXPECT_EQ(server->Wait(), 128 + SIGKILL);
  for (auto& t : clients) t.join();
  ASSERT_GE(acked.size(), 1u);

  {
    SQLite::Database db(dir.File("aduan.db"), SQLite::OPEN_READWRITE);
    std::multiset<std::string> stored;
    SQLite::Statement q(db, "SELECT provider_message_id, ticket_id FROM messages");
    std::map<std::string, std::string> ticket_of;
    while (q.executeStep()) {
      stored.insert(q.getColumn(0).getString());
      ticket_of[q.getColumn(0).getString()] = q.getColumn(1).getString();
    }
    for (const auto& [id, ticket] : acked) {
      EXPECT_EQ(stored.count(id), 1u)
          << id << " was answered 200 but is stored " << stored.count(id) << " times";
      EXPECT_EQ(ticket_of[id], ticket) << id;
    }
  }

  auto restarted = StartServer(dir, "second", &port);
  ASSERT_GT(port, 0) << ReadFile(dir.File("second.log"));
  httplib::Client client("127.0.0.1", port);
  for (const auto& [id, ticket] : acked) {
    auto r = client.Post("/webhooks/generic", Message(id).dump(), "application/json");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200);
    json body = json::parse(r->body);
    EXPECT_TRUE(body["duplicate"].get<bool>()) << id;
    EXPECT_EQ(body["ticket"], ticket) << id;
  }
  restarted->Signal(SIGTERM);
  EXPECT_EQ(restarted->Wait(), 0) << ReadFile(dir.File("second.log"));
  EXPECT_NE(ReadFile(dir.File("second.log")).find("\"msg\":\"stopped\""), std::string::npos);
}

TEST(CrashTest, SigtermLetsInFlightRequestsFinish) {
  TempDir dir;
  int port = -1;
  auto server = StartServer(dir, "drain", &port);
  ASSERT_GT(port, 0);
  constexpr int kClients = 6, kPerClient = 40;
  std::atomic<int> ok{0}, refused{0}, broken{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      for (int i = 0; i < kPerClient; ++i) {
        std::string id = "d" + std::to_string(c) + "-" + std::to_string(i);
        auto r = client.Post("/webhooks/generic", Message(id).dump(), "application/json");
        if (!r) {
          ++refused;  // after shutdown began: connection refused or closed, never a bad answer
          return;
        }
        if (r->status == 200) {
          ++ok;
        } else {
          ++broken;
        }
      }
    });
  }
  while (ok.load() < 20) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
  for (auto& t : clients) t.join();
  EXPECT_EQ(broken.load(), 0);
  SQLite::Database db(dir.File("aduan.db"), SQLite::OPEN_READONLY);
  EXPECT_GE(db.execAndGet("SELECT COUNT(*) FROM messages").getInt(), ok.load());
}

TEST(CrashTest, SighupReloadsTheRulesWithoutStopping) {
  TempDir dir;
  int port = -1;
  auto server = StartServer(dir, "hup", &port);
  ASSERT_GT(port, 0);
  server->Signal(SIGHUP);
  std::string log;
  for (int i = 0; i < 200 && log.find("classifier rules reloaded") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    log = ReadFile(dir.File("hup.log"));
  }
  EXPECT_NE(log.find("classifier rules reloaded"), std::string::npos) << log;
  httplib::Client client("127.0.0.1", port);
  auto r = client.Post("/webhooks/generic", Message("h-1").dump(), "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  server->Signal(SIGTERM);
  EXPECT_EQ(server->Wait(), 0);
}

}  // namespace
}  // namespace aduan::testing
