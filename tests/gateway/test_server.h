// A real gateway on 127.0.0.1 with an ephemeral port, the shipped config and rules, a temp
// SQLite file and an injectable clock. Tests talk to it over HTTP like any provider would.
// The channel end-to-end tests build their ChannelServer on it too.
#ifndef ADUAN_TESTS_GATEWAY_TEST_SERVER_H_
#define ADUAN_TESTS_GATEWAY_TEST_SERVER_H_

#include <httplib.h>

#include <atomic>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "../storage/temp_dir.h"
#include "gateway/common/config.h"
#include "gateway/http/server.h"
#include "gateway/intake/classifier_handle.h"
#include "gateway/intake/journal/journal.h"
#include "storage/store.h"

namespace aduan::testing {

// A complaint every agency test can file: a damaged road, which routes to PUPR.
inline constexpr const char* kRoad =
    "Jalan raya Cibeber rusak parah dan berlubang, banyak motor jatuh";

class TestServer {
 public:
  // `env` holds the ADUAN_* variables the server sees; `tweak` may edit the loaded config.
  // `db_file`, when set, is the SQLite file to use instead of a fresh one in the temp dir: two
  // servers on one file stand for two gateway instances sharing a database. Without
  // `run_dispatcher` nothing sends the outbox until the test calls server().dispatcher().
  // `start_ms` is where the injected clock starts.
  explicit TestServer(std::map<std::string, std::string> env = {},
                      std::function<void(gateway::GatewayConfig&)> tweak = nullptr,
                      std::string db_file = "", bool run_dispatcher = true,
                      int64_t start_ms = 1'790'000'000'000);
  ~TestServer();

  int port() const { return port_; }
  httplib::Client Client() const;
  storage::Store& store() { return *store_; }
  gateway::GatewayServer& server() { return *server_; }
  std::string db_path() const { return db_file_.empty() ? dir_.File("aduan.db") : db_file_; }
  // Number of rows in `table` of the SQLite file, read through a separate connection.
  int CountRows(const std::string& table, const std::string& where = "1=1") const;
  // Stores, straight through the store, a WhatsApp complaint (message id "w1") from Siti
  // Aminah, +6281299887766, who asked to stay confidential; `text` should name her so tests
  // can look for leaks. Returns the new ticket's number.
  std::string StoreConfidentialComplaint(const std::string& text, const std::string& status,
                                         const std::string& agency);

  std::atomic<int64_t> now_ms;  // the server's clock; tests move it

 private:
  TempDir dir_;
  std::string db_file_;
  std::map<std::string, std::string> env_;
  gateway::GatewayConfig config_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<gateway::ClassifierHandle> classifier_;
  std::unique_ptr<gateway::journal::Journal> journal_;  // outlives server_
  std::unique_ptr<gateway::GatewayServer> server_;
  std::thread thread_;
  int port_ = -1;
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_GATEWAY_TEST_SERVER_H_
