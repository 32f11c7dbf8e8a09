// The journal's consumer yields the CPU to its appenders.
//
// A webhook is answered once its record is synced; turning records into tickets can wait.
// During a burst on a machine with few cores, the processor draining the journal competes with
// the request threads appending to it, and every CPU second it takes is one the
// acknowledgements do not get. Running the consumer at a lower OS priority lets
// acknowledgements win while requests arrive and gives the consumer the idle CPU once they
// stop; the backlog this leaves is bounded by the journal's size cap.
//
// The consumer's critical sections shared with request threads are short (map look-ups, the
// journal's index), so a low-priority thread preempted inside one delays a request by one
// time slice at most; its disk reads and database work happen outside them.
#ifndef ADUAN_GATEWAY_JOURNAL_CONSUMER_PRIORITY_H_
#define ADUAN_GATEWAY_JOURNAL_CONSUMER_PRIORITY_H_

#include <string>

#include "gateway/common/config.h"

namespace aduan::gateway::journal {

using ConsumerPriority = GatewayConfig::Intake::ProcessorPriority;

// How much nicer than the rest of the process a kLow consumer runs: at +10 the scheduler gives
// a runnable consumer thread about a tenth of the share of a request thread, so it still
// progresses under sustained load.
inline constexpr int kConsumerNiceDelta = 10;

// Schedules the calling thread (Linux: per thread; threads it starts later inherit it) as
// `priority` says: kIdle as SCHED_IDLE, which runs only when no normal thread wants the CPU;
// kLow at kConsumerNiceDelta; kNormal unchanged. Returns false and sets *error when the OS
// refuses; the caller may go on at normal priority, which is correct, only slower to
// acknowledge during a burst.
bool SetThisThreadPriority(ConsumerPriority priority, std::string* error);

// Raises the calling thread's nice value by `delta`. Same contract as above.
bool LowerThisThreadPriority(int delta, std::string* error);

}  // namespace aduan::gateway::journal

#endif  // ADUAN_GATEWAY_JOURNAL_CONSUMER_PRIORITY_H_
