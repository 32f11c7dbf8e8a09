#include "gateway/common/clock.h"

#include <chrono>

namespace aduan::gateway {

int64_t SystemNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace aduan::gateway
