// Finds tickets past their service-level target and acts: marks them overdue, walks
// the escalation chain (agency -> its Inspektorat -> the operator) with one "escalation" event
// per step, tells the operator once, and auto-closes resolved tickets nobody objected to.
//
// All state lives in the store (overdue_since, escalation_level) and every action is guarded
// by the ticket's version, so scanners in several gateway instances never act twice. RunOnce
// takes the time as an argument: tests call it with any time, no sleeping.
#ifndef ADUAN_GATEWAY_SLA_SCANNER_H_
#define ADUAN_GATEWAY_SLA_SCANNER_H_

#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "gateway/common/metrics.h"
#include "gateway/common/pass_loop.h"
#include "storage/store.h"

namespace aduan::gateway {

struct SlaScanReport {
  int escalated = 0;  // tickets that took an escalation step in this pass
  int closed = 0;     // resolved tickets auto-closed
  int overdue = 0;    // tickets marked overdue after the pass
};

class SlaScanner {
 public:
  // All pointers must outlive the scanner. `metrics` may be null. It reads and changes tickets
  // and reads the queue's often-leased entries; nothing else of the store.
  SlaScanner(const GatewayConfig* config, storage::TicketStore* tickets, storage::QueueStore* queue,
             Clock clock, Metrics* metrics);
  ~SlaScanner();

  // One pass over open tickets at `now_ms`. Throws storage::StoreError.
  SlaScanReport RunOnce(int64_t now_ms);

  // Passes every sla.scan_interval_seconds on a background thread until Stop(), also after a
  // pass that failed (gateway/common/pass_loop.h). Does nothing when the interval is 0.
  void Start();
  void Stop();

 private:
  bool Escalate(const storage::TicketRecord& ticket, int level, int64_t due_at_ms, int64_t now);
  bool AutoClose(const storage::TicketRecord& ticket, int64_t now);

  const GatewayConfig* config_;
  storage::TicketStore* tickets_;
  storage::QueueStore* queue_;
  Clock clock_;
  Metrics* metrics_;
  // Last: stopped before the members its passes use go.
  PassLoop loop_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_SLA_SCANNER_H_
