// Time as the gateway sees it: Unix milliseconds from an injected function, so tests and the
// service-level scanner can run on a clock they control.
#ifndef ADUAN_GATEWAY_CLOCK_H_
#define ADUAN_GATEWAY_CLOCK_H_

#include <cstdint>
#include <functional>

namespace aduan::gateway {

using Clock = std::function<int64_t()>;  // Unix milliseconds

// The system's wall clock in Unix milliseconds; the default Clock.
int64_t SystemNowMs();

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_CLOCK_H_
