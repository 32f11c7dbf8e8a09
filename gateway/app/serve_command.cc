// `aduan serve`: load config, open storage, start the server, and shut down cleanly on
// SIGTERM/SIGINT (in-flight requests finish, the store drains its last batch, exit 0).
// SIGHUP reloads the classifier rules; a broken rule file keeps the old rules.
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "gateway/app/cli.h"
#include "gateway/app/fatal_signal.h"
#include "gateway/common/log.h"
#include "gateway/http/server.h"
#include "gateway/intake/intake_journal.h"

namespace aduan::gateway {
namespace {

std::optional<std::string> EnvVar(std::string_view name) {
  const char* v = std::getenv(std::string(name).c_str());
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

// Each open connection is a descriptor; the usual soft limit of 1024 would refuse clients long
// before http.max_connections. Raise it to the hard limit the system allows.
void RaiseOpenFileLimit() {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur >= limit.rlim_max) return;
  limit.rlim_cur = std::min<rlim_t>(limit.rlim_max, 1 << 20);
  setrlimit(RLIMIT_NOFILE, &limit);
}

void ApplyLogLevelFromEnv() {
  auto level = EnvVar("ADUAN_LOG_LEVEL").value_or("info");
  if (level == "debug") SetLogLevel(LogLevel::kDebug);
  if (level == "warn") SetLogLevel(LogLevel::kWarn);
  if (level == "error") SetLogLevel(LogLevel::kError);
}

}  // namespace

int ServeCommand(const CliArgs& args) {
  ApplyLogLevelFromEnv();
  std::string error;
  std::string config_path = args.Get("--config").value_or(DefaultConfigPath());
  auto cfg = LoadConfig(config_path, &error);
  if (!cfg) {
    std::cerr << "aduan: bad config: " << error << "\n";
    return 2;
  }
  std::string listen = args.Get("--listen").value_or(cfg->listen);
  std::string host;
  int port = 0;
  if (!SplitHostPort(listen, &host, &port)) {
    std::cerr << "aduan: --listen '" << listen << "' is not HOST:PORT\n";
    return 2;
  }
  ClassifierHandle classifier(cfg->classifier);
  if (!classifier.Reload(&error)) {
    std::cerr << "aduan: bad classifier rules: " << error << "\n";
    return 2;
  }

  // Block the signals before any thread starts so every thread inherits the mask and only the
  // signal thread below ever sees them.
  sigset_t signals;
  sigemptyset(&signals);
  for (int s : {SIGINT, SIGTERM, SIGHUP, SIGUSR1}) sigaddset(&signals, s);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);
  // A file-size limit (ulimit -f) then fails the write with EFBIG, which storage reports and
  // the request answers 503, instead of killing the process without a word.
  signal(SIGXFSZ, SIG_IGN);

  std::unique_ptr<storage::Store> store;
  std::string db = StorageUrl(args, cfg->storage_url);
  if (auto dir = args.Get("--journal-dir")) cfg->intake.journal_dir = *dir;
  storage::StoreOptions store_options = cfg->StoreOptions();
  // With a journal, what webhooks bring is kept until the database answers: a database that
  // is down at start (a restart during an outage) must not keep the gateway down too.
  store_options.open_while_unreachable = !JournalDirFor(*cfg, db).empty();
  try {
    store = storage::OpenStore(db, store_options);
  } catch (const std::exception& e) {
    std::cerr << "aduan: cannot open storage: " << e.what() << "\n";
    return 2;
  }
  if (store_options.open_while_unreachable && !store->Ping()) {
    Log(LogLevel::kWarn,
        "the database does not answer; webhooks are kept in the intake journal until it does");
  }
  InstallFatalSignalLog(db.rfind("sqlite:", 0) == 0 ? db : "postgresql");

  RaiseOpenFileLimit();
  if (!EnvVar("ADUAN_ADMIN_TOKEN")) {
    Log(LogLevel::kWarn,
        "ADUAN_ADMIN_TOKEN is not set: every operator call (tickets, keys, cadres, outbox, "
        "SLA) answers 401 until it is");
  }
  std::unique_ptr<journal::Journal> journal = OpenIntakeJournal(*cfg, db, SystemNowMs, &error);
  if (!journal && !error.empty()) {
    std::cerr << "aduan: cannot open the intake journal: " << error << "\n";
    return 2;
  }
  if (!journal && cfg->intake.journal) {
    Log(LogLevel::kWarn,
        "no intake.journal_dir for PostgreSQL: webhooks wait for the database (set one local "
        "directory per instance to acknowledge first)");
  }
  ServerDeps deps{&*cfg, store.get(), &classifier, EnvVar, SystemNowMs};
  deps.journal = journal.get();
  if (journal) {
    deps.journal_id = IntakeJournalId(JournalDirFor(*cfg, db), &error);
    if (deps.journal_id.empty()) {
      std::cerr << "aduan: cannot open the intake journal: " << error << "\n";
      return 2;
    }
  }
  auto server = std::make_unique<GatewayServer>(deps);
  int bound = server->Bind(host, port, &error);
  if (bound < 0) {
    std::cerr << "aduan: " << error << "\n";
    return 1;
  }
  if (auto port_file = args.Get("--port-file")) {
    std::ofstream(*port_file) << bound << "\n";
  }
  Log(LogLevel::kInfo, "listening",
      {{"addr", host + ":" + std::to_string(bound)},
       {"storage", db.rfind("sqlite:", 0) == 0 ? db : "postgresql"},
       {"channels", server->EnabledChannels()},
       {"threads", cfg->http_threads}});

  std::thread signal_thread([&] {
    for (;;) {
      int sig = 0;
      if (sigwait(&signals, &sig) != 0) continue;
      if (sig == SIGHUP) {
        std::string reload_error;
        if (classifier.Reload(&reload_error)) {
          Log(LogLevel::kInfo, "classifier rules reloaded");
        } else {
          Log(LogLevel::kError, "classifier reload failed; old rules stay",
              {{"error", reload_error}});
        }
        continue;
      }
      if (sig == SIGINT || sig == SIGTERM) {
        Log(LogLevel::kInfo, "shutting down", {{"signal", sig == SIGINT ? "SIGINT" : "SIGTERM"}});
        server->Stop();
      }
      return;  // SIGUSR1: the server stopped by itself
    }
  });
  bool served = server->Serve();
  pthread_kill(signal_thread.native_handle(), SIGUSR1);
  signal_thread.join();
  // The server's processor and workers use the journal and the store: they go first.
  server.reset();
  journal.reset();
  store.reset();  // the last batch is durable before the process says goodbye
  Log(LogLevel::kInfo, "stopped");
  return served ? 0 : 1;
}

}  // namespace aduan::gateway
