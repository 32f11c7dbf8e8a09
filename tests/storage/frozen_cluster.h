// Freezes the test PostgreSQL cluster (tests/postgres/with-cluster.sh): SIGSTOP to the
// postmaster and every process it started, as an operator saw when the database host stalled.
// The server then accepts connections into its listen backlog and reads nothing: every client
// without its own deadline waits for as long as the freeze lasts. Thaw() (or the destructor)
// sends SIGCONT, so a failing test never leaves the cluster stopped for the next one.
#ifndef ADUAN_TESTS_STORAGE_FROZEN_CLUSTER_H_
#define ADUAN_TESTS_STORAGE_FROZEN_CLUSTER_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace aduan::testing {

class FrozenCluster {
 public:
  // `url` is any URL of the cluster (it is asked for its data directory, where the
  // postmaster's pid is). Throws std::runtime_error when the processes cannot be found.
  explicit FrozenCluster(const std::string& url);
  ~FrozenCluster();
  FrozenCluster(const FrozenCluster&) = delete;
  FrozenCluster& operator=(const FrozenCluster&) = delete;

  void Thaw();
  size_t frozen_processes() const { return pids_.size(); }

 private:
  std::vector<pid_t> pids_;  // the postmaster first
  bool frozen_ = false;
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_STORAGE_FROZEN_CLUSTER_H_
