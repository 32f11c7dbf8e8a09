// The real `aduan serve` on PostgreSQL while the database host stalls (the throw-away cluster
// of tests/postgres/with-cluster.sh, SIGSTOPped): complaints are answered 503 within the
// configured deadlines instead of waiting out the stall, /readyz says not ready at once, and
// the gateway takes complaints again, each once, when the database resumes.
#include <gtest/gtest.h>
#include <httplib.h>
#include <signal.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "../storage/frozen_cluster.h"
#include "../storage/pg_schema.h"
#include "../storage/temp_dir.h"
#include "process.h"

namespace aduan::testing {
namespace {

using nlohmann::json;

std::string Complaint(const std::string& id) {
  return json{{"id", id},
              {"from", "+6281234500" + id.substr(id.size() - 3)},
              {"text", "Got mampet di RT 2 RW 5 Ciwaduk, air meluap ke jalan " + id}}
      .dump();
}

struct FrozenAnswers {
  int complaint = 0;
  std::string complaint_code;
  int readyz = 0;
  std::string readyz_code;
  int healthz = 0;
};

TEST(FrozenPostgresTest, ComplaintsGet503WhileTheDatabaseStallsAndAreStoredOnceAfter) {
  if (!TestPostgresUrl()) GTEST_SKIP() << kNoPostgres;
  PgSchema schema;
  TempDir dir;
  // The shipped config: its default deadlines are what is under test.
  ChildProcess server(
      {AduanBinary(), "serve", "--config", std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json",
       "--db", schema.url(), "--listen", "127.0.0.1:0", "--port-file", dir.File("port")},
      dir.File("server.log"));
  int port = WaitForPort(dir.File("port"));
  ASSERT_GT(port, 0) << ReadFile(dir.File("server.log"));
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(60, 0);  // the bound below is the test's, not the client's
  auto first = client.Post("/webhooks/generic", Complaint("fz-001"), "application/json");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200) << first->body;
  auto ready = client.Get("/readyz");
  ASSERT_TRUE(ready);
  ASSERT_EQ(ready->status, 200) << ready->body;
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));  // past the reuse of that probe

  std::future<FrozenAnswers> answers;
  bool answered_while_frozen = false;
  {
    FrozenCluster frozen(*TestPostgresUrl());
    answers = std::async(std::launch::async, [&] {
      FrozenAnswers a;
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(60, 0);
      if (auto r = c.Get("/readyz")) {
        a.readyz = r->status;
        a.readyz_code =
            json::parse(r->body, nullptr, false).value("error", json::object()).value("code", "");
      }
      if (auto r = c.Get("/healthz")) a.healthz = r->status;
      if (auto r = c.Post("/webhooks/generic", Complaint("fz-002"), "application/json")) {
        a.complaint = r->status;
        a.complaint_code =
            json::parse(r->body, nullptr, false).value("error", json::object()).value("code", "");
      }
      return a;
    });
    answered_while_frozen = answers.wait_for(std::chrono::seconds(30)) == std::future_status::ready;
  }
  ASSERT_TRUE(answered_while_frozen) << "a request waited for the stalled database";
  FrozenAnswers a = answers.get();
  EXPECT_EQ(a.complaint, 503);
  EXPECT_EQ(a.complaint_code, "storage_unavailable");
  EXPECT_EQ(a.readyz, 503);
  EXPECT_EQ(a.readyz_code, "storage_timeout");
  EXPECT_EQ(a.healthz, 200);

  // Resumed: the refused complaint is stored (once) on the provider's retry.
  int status = 0;
  std::string body;
  for (int i = 0; i < 100 && status != 200; ++i) {  // bounded: the gateway reconnects itself
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    auto r = client.Post("/webhooks/generic", Complaint("fz-002"), "application/json");
    status = r ? r->status : 0;
    body = r ? r->body : "";
  }
  ASSERT_EQ(status, 200) << body;
  EXPECT_FALSE(json::parse(body)["duplicate"].get<bool>());
  auto again = client.Post("/webhooks/generic", Complaint("fz-002"), "application/json");
  ASSERT_TRUE(again);
  EXPECT_TRUE(json::parse(again->body)["duplicate"].get<bool>());

  server.Signal(SIGTERM);
  EXPECT_EQ(server.Wait(), 0) << ReadFile(dir.File("server.log"));
}

}  // namespace
}  // namespace aduan::testing
