#include "frozen_cluster.h"

#include <libpq-fe.h>
#include <signal.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>

namespace aduan::testing {
namespace {

std::string DataDirectory(const std::string& url) {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("cannot connect to the test cluster: " + why);
  }
  PGresult* r = PQexec(conn, "SELECT current_setting('data_directory')");
  std::string dir = PQresultStatus(r) == PGRES_TUPLES_OK ? PQgetvalue(r, 0, 0) : "";
  PQclear(r);
  PQfinish(conn);
  if (dir.empty()) throw std::runtime_error("the test cluster did not say its data directory");
  return dir;
}

// The parent pid field of /proc/PID/stat (after the command in parentheses).
pid_t ParentOf(const std::filesystem::path& stat_file) {
  std::ifstream in(stat_file);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto close = text.rfind(')');
  if (close == std::string::npos) return -1;
  char state = 0;
  long ppid = -1;
  if (std::sscanf(text.c_str() + close + 1, " %c %ld", &state, &ppid) != 2) return -1;
  return static_cast<pid_t>(ppid);
}

}  // namespace

FrozenCluster::FrozenCluster(const std::string& url) {
  std::ifstream pid_file(DataDirectory(url) + "/postmaster.pid");
  long postmaster = 0;
  if (!(pid_file >> postmaster) || postmaster <= 0) {
    throw std::runtime_error("cannot read the postmaster's pid");
  }
  // The postmaster first, so it starts no new backend while its children are being found.
  if (kill(static_cast<pid_t>(postmaster), SIGSTOP) != 0) {
    throw std::runtime_error("cannot stop the postmaster");
  }
  pids_.push_back(static_cast<pid_t>(postmaster));
  frozen_ = true;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    if (ParentOf(entry.path() / "stat") != postmaster) continue;
    pid_t child = static_cast<pid_t>(std::stol(name));
    if (kill(child, SIGSTOP) == 0) pids_.push_back(child);
  }
}

FrozenCluster::~FrozenCluster() { Thaw(); }

void FrozenCluster::Thaw() {
  if (!frozen_) return;
  for (auto it = pids_.rbegin(); it != pids_.rend(); ++it) kill(*it, SIGCONT);
  frozen_ = false;
}

}  // namespace aduan::testing
