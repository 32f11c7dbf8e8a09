#include "test_server.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <stdexcept>

#include "gateway/intake/intake_journal.h"
#include "gateway/tickets/ticket_number.h"

namespace aduan::testing {

TestServer::TestServer(std::map<std::string, std::string> env,
                       std::function<void(gateway::GatewayConfig&)> tweak, std::string db_file,
                       bool run_dispatcher, int64_t start_ms)
    : now_ms(start_ms), db_file_(std::move(db_file)), env_(std::move(env)) {
  // Tests reach loopback only: any provider API the test did not point at its own fake goes
  // to a closed local port, never to the real provider's host.
  for (const char* channel : {"WHATSAPP", "TELEGRAM", "TWILIO", "SMS", "MAILGUN", "SENDGRID"}) {
    env_.emplace(std::string("ADUAN_") + channel + "_API_BASE", "http://127.0.0.1:9");
  }
  std::string error;
  auto cfg = gateway::LoadConfig(std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", &error);
  if (!cfg) throw std::runtime_error("shipped config: " + error);
  config_ = *cfg;
  if (tweak) tweak(config_);
  store_ = storage::OpenStore("sqlite:" + db_path());
  classifier_ = std::make_unique<gateway::ClassifierHandle>(config_.classifier);
  if (!classifier_->Reload(&error)) throw std::runtime_error("shipped rules: " + error);
  gateway::ServerDeps deps;
  deps.config = &config_;
  deps.store = store_.get();
  deps.classifier = classifier_.get();
  deps.env = [this](std::string_view name) -> std::optional<std::string> {
    auto it = env_.find(std::string(name));
    if (it == env_.end()) return std::nullopt;
    return it->second;
  };
  deps.clock = [this] { return now_ms.load(); };
  deps.run_dispatcher = run_dispatcher;
  // Each server has its own journal, also when two share a database file.
  if (config_.intake.journal) {
    if (config_.intake.journal_dir.empty()) config_.intake.journal_dir = dir_.File("journal");
    journal_ = gateway::OpenIntakeJournal(config_, "sqlite:" + db_path(), deps.clock, &error);
    if (!journal_) throw std::runtime_error("intake journal: " + error);
    deps.journal = journal_.get();
    deps.journal_id = gateway::IntakeJournalId(config_.intake.journal_dir, &error);
    if (deps.journal_id.empty()) throw std::runtime_error("intake journal id: " + error);
  }
  server_ = std::make_unique<gateway::GatewayServer>(deps);
  port_ = server_->Bind("127.0.0.1", 0, &error);
  if (port_ <= 0) throw std::runtime_error(error);
  thread_ = std::thread([this] { server_->Serve(); });
  // Wait until the accept loop runs so the first request is not refused.
  for (int i = 0; i < 500; ++i) {
    if (Client().Get("/healthz")) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw std::runtime_error("test server did not come up");
}

TestServer::~TestServer() {
  server_->Stop();
  thread_.join();
}

httplib::Client TestServer::Client() const {
  httplib::Client c("127.0.0.1", port_);
  c.set_connection_timeout(5, 0);
  c.set_read_timeout(30, 0);
  return c;
}

std::string TestServer::StoreConfidentialComplaint(const std::string& text,
                                                   const std::string& status,
                                                   const std::string& agency) {
  storage::IntakeRequest req;
  req.message = {"whatsapp", "w1", "+6281299887766", "Siti Aminah", text, "{}", now_ms.load()};
  storage::TicketRecord t;
  t.id = gateway::NewTicketNumber();
  t.status = core::ParseTicketStatus(status).value();
  t.agency = agency;
  t.text = text;
  t.channel = "whatsapp";
  t.reporter_sender = req.message.sender;
  t.reporter_name = "Siti Aminah";
  t.confidential = true;
  req.ticket = t;
  store_->Intake(req).value();
  return t.id;
}

int TestServer::CountRows(const std::string& table, const std::string& where) const {
  SQLite::Database db(db_path(), SQLite::OPEN_READONLY);
  return db.execAndGet("SELECT COUNT(*) FROM " + table + " WHERE " + where).getInt();
}

}  // namespace aduan::testing
