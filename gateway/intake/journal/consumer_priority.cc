#include "gateway/intake/journal/consumer_priority.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace aduan::gateway::journal {

bool LowerThisThreadPriority(int delta, std::string* error) {
  // On Linux PRIO_PROCESS with a thread id addresses that one thread (nice is per thread).
  const auto tid = static_cast<id_t>(::syscall(SYS_gettid));
  errno = 0;
  const int current = ::getpriority(PRIO_PROCESS, tid);
  if (current == -1 && errno != 0) {
    *error = std::string("getpriority: ") + std::strerror(errno);
    return false;
  }
  if (::setpriority(PRIO_PROCESS, tid, current + delta) != 0) {
    *error = std::string("setpriority: ") + std::strerror(errno);
    return false;
  }
  return true;
}

}  // namespace aduan::gateway::journal
