// Runs the real `aduan` binary as a child process, for tests that need a process boundary:
// kill -9, SIGTERM draining, exit codes and stderr of the command line.
#ifndef ADUAN_TESTS_E2E_PROCESS_H_
#define ADUAN_TESTS_E2E_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace aduan::testing {

// The shipped config, which the CLI tests run the binary with.
inline const std::string kConfig = std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json";

std::string AduanBinary();

class ChildProcess {
 public:
  // Starts `argv` (argv[0] is the program) with stdout and stderr sent to `log_path`.
  ChildProcess(const std::vector<std::string>& argv, const std::string& log_path);
  ~ChildProcess();  // SIGKILLs the child if it is still running

  void Signal(int sig);
  // Waits for the exit; returns the exit code, or 128+signal when killed.
  int Wait();
  pid_t pid() const { return pid_; }

 private:
  pid_t pid_ = -1;
  bool reaped_ = false;
};

// Runs a command to completion; returns its exit code and fills *output with stdout+stderr.
int RunCommand(const std::vector<std::string>& argv, std::string* output);

// The port a child `aduan serve --port-file FILE` wrote, waiting up to 30 s; -1 when none.
int WaitForPort(const std::string& port_file);

// Reads a whole file ("" when missing).
std::string ReadFile(const std::string& path);

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_E2E_PROCESS_H_
