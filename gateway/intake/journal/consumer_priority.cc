#include "gateway/intake/journal/consumer_priority.h"

#include <pthread.h>
#include <sched.h>
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

bool SetThisThreadPriority(ConsumerPriority priority, std::string* error) {
  switch (priority) {
    case ConsumerPriority::kNormal:
      return true;
    case ConsumerPriority::kLow:
      return LowerThisThreadPriority(kConsumerNiceDelta, error);
    case ConsumerPriority::kIdle: {
      sched_param param{};
      param.sched_priority = 0;
      int rc = ::pthread_setschedparam(::pthread_self(), SCHED_IDLE, &param);
      if (rc != 0) {
        *error = std::string("pthread_setschedparam(SCHED_IDLE): ") + std::strerror(rc);
        return false;
      }
      return true;
    }
  }
  return true;
}

}  // namespace aduan::gateway::journal
