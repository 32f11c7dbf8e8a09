// Drains the intake journal into the intake pipeline, on its own thread.
//
// Exactly once: the processor checkpoints the journal only after the batch's transactions have
// committed. A crash between a commit and its checkpoint replays those records. Each message's
// transaction also records its journal position (the journal's random id and the record's
// seq: storage's applied_journal_records), so a replayed record is recognised by its position,
// whatever its channel and whether or not it has a provider id: the store answers with the
// first outcome and writes nothing. On its first batch the processor reads the positions
// stored after the checkpoint and does not decide those records again. The messages table's
// unique key (channel, provider id or content hash) stays as a second net. Positions are
// keyed by journal id, so instances sharing one PostgreSQL database never meet on a key;
// those the checkpoint passed are forgotten at start and every prune_every_records records.
//
// While the database is healthy, the webhook's own request thread processes its records
// (Await); the processor then finds them done and only checkpoints. Who processes a record is
// claimed under a lock, so a record is never processed by both at once. A request thread takes
// its record only when nothing of the same sender is ahead of it: records registered with
// AddPending and not yet done, or records on disk from before Start() that the processor has
// not passed. Acknowledge-only records are never registered; a channel's messages are either
// all acknowledge-only or all registered while the configuration stays the same, and a change
// of configuration means a restart, so the replay rule covers them.
//
// A batch is split into lanes by sender: one sender's messages are processed in journal
// order (a conversation depends on it), different senders' in parallel, so their transactions
// share the store's group commit. When the database fails, what is left of the batch is
// retried with growing backoff; nothing after it is read until it is done.
#ifndef ADUAN_GATEWAY_INTAKE_PROCESSOR_H_
#define ADUAN_GATEWAY_INTAKE_PROCESSOR_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/message.h"
#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "gateway/common/metrics.h"
#include "gateway/intake/intake.h"
#include "gateway/intake/intake_entry.h"
#include "gateway/intake/journal/journal.h"

namespace aduan::gateway {

class LanePool;

struct IntakeProcessorOptions {
  size_t batch_records = 256;
  int lanes = 16;
  // How the processor's threads are scheduled beside the request threads (consumer_priority.h).
  GatewayConfig::Intake::ProcessorPriority priority =
      GatewayConfig::Intake::ProcessorPriority::kLow;
  std::chrono::milliseconds min_backoff{100};
  std::chrono::milliseconds max_backoff{5000};
  size_t remembered_outcomes = 65536;  // recent outcomes kept for waiters and receipts
  // The journal's id (see IntakeJournalId); recorded with every message stored from it. Empty:
  // positions are not recorded and only the messages' own keys catch a replay.
  std::string journal_id;
  // Positions the checkpoint passed are forgotten once it moved this many records further.
  uint64_t prune_every_records = 10000;
};

// The state /readyz reports.
struct ProcessorHealth {
  bool storage_ok = true;  // the last attempt reached the database
  std::string last_error;  // when not
  journal::JournalStats journal;
};

class IntakeProcessor {
 public:
  // All pointers must outlive the processor. `processed` runs after each batch that wrote
  // outbox rows (the outbox dispatcher's wake-up).
  IntakeProcessor(journal::Journal* journal, IntakePipeline* pipeline, Metrics* metrics,
                  Clock clock, std::function<void()> processed, IntakeProcessorOptions options);
  ~IntakeProcessor();  // Stop()s

  // Where journaled delivery reports go (Store::RecordDeliveryStatus); set before Start().
  using StatusRecorder = std::function<void(const core::DeliveryStatus&, int64_t now_ms)>;
  void SetStatusRecorder(StatusRecorder recorder) { record_status_ = std::move(recorder); }
  // Where the journal positions recorded with options.journal_id are read and forgotten; set
  // before Start(). Without it positions are still recorded, never read back or pruned.
  void SetPositionStore(storage::IntakeStore* store) { positions_ = store; }

  void Start();
  void Stop();  // finishes the attempt under way; unprocessed records stay in the journal

  // The outcome of journal record `seq`, waiting for it up to `wait`; nullopt on timeout.
  std::optional<IntakeOutcome> WaitFor(uint64_t seq, std::chrono::milliseconds wait);
  // The outcome of the message with `receipt`, when processed recently.
  std::optional<IntakeOutcome> OutcomeOfReceipt(const std::string& receipt);
  // Whether a message with `receipt` is in the journal waiting to be processed.
  bool IsPending(const std::string& receipt);
  // Marks record `seq`, holding `entry`, as waiting: its receipt answers "pending" and its
  // sender's later records wait for it. The webhook calls this right after appending.
  void AddPending(uint64_t seq, const IntakeEntry& entry);

  // The outcome of record `seq` (appended and AddPending'd, holding `entry`) by `deadline`.
  // While the database is healthy the calling request thread processes it itself, once the
  // sender's earlier records are done: a webhook then costs what it did before the journal,
  // and concurrent webhooks share the store's group commit. Otherwise it waits for the
  // processor while the backlog is short (WorthWaiting). nullopt: left to the processor, which
  // processes it once, in its sender's order.
  std::optional<IntakeOutcome> Await(uint64_t seq, const IntakeEntry& entry,
                                     std::chrono::steady_clock::time_point deadline);

  ProcessorHealth Health();
  // Sets the journal gauges (depth, bytes, segments, oldest age) in the metrics to now.
  void PublishGauges();
  // Whether a webhook should wait for the processor to reach its record: the database took the
  // last attempt and the backlog is short. Otherwise waiting would only hold a worker thread
  // for nothing. It does not decide whether a request processes its own record (Await).
  bool WorthWaiting();

 private:
  // Processes record `seq` on the calling thread once nothing of its sender is ahead of it
  // (waiting for that until `deadline`). nullopt: not taken (the processor has it, the sender
  // has records left to the processor, the database is away) or the store failed (the
  // processor takes it over, with its retries).
  std::optional<IntakeOutcome> ProcessInline(uint64_t seq, const IntakeEntry& entry,
                                             std::chrono::steady_clock::time_point deadline);
  // Under mu_: whether a record of `sender` before `seq` is registered and not done.
  bool SenderHasEarlier(const std::string& sender, uint64_t seq) const;
  void Loop();
  // Processes `records` (one batch), senders' lanes in parallel on `pool`; returns when all
  // are done or Stop() was called.
  void ProcessBatch(std::vector<journal::Record> records, LanePool& pool);
  void Remember(uint64_t seq, const std::string& receipt, const IntakeOutcome& outcome);
  // Accept() plus the metrics and the log line; throws what Accept() throws.
  IntakeOutcome AcceptEntry(const IntakeEntry& entry, uint64_t seq);
  enum class Claim { kMine, kDone, kStopping };
  // The processor takes record `seq`, waiting while a request thread processes it.
  Claim ClaimForProcessor(uint64_t seq);
  void Release(uint64_t seq);  // processing of `seq` failed: nobody owns it
  // Sleeps `d` unless Stop() comes first; returns false when stopping.
  bool Sleep(std::chrono::milliseconds d);
  void WakeWaiters();
  void SaveCheckpoint(uint64_t seq);  // processor thread only
  // Processor thread only. Once per start: marks the records stored after the checkpoint as
  // done with their stored outcome, and forgets positions the checkpoint passed. False when
  // the store could not be read (the transactions' own check still holds; tried again later).
  bool LoadStoredPositions();
  void ForgetPassedPositions(uint64_t checkpoint);  // processor thread only

  journal::Journal* journal_;
  IntakePipeline* pipeline_;
  Metrics* metrics_;
  Clock clock_;
  std::function<void()> processed_;
  StatusRecorder record_status_;
  const IntakeProcessorOptions options_;

  std::mutex mu_;
  std::condition_variable done_cv_;
  bool stopping_ = false;
  bool storage_ok_ = true;
  std::string last_error_;
  enum class Owner { kNone, kInline, kProcessor };  // who is processing a record now
  struct Entry {
    Owner owner = Owner::kNone;
    std::string receipt;                   // empty for provider messages
    std::string sender;                    // SenderKey(); empty when not registered
    std::optional<IntakeOutcome> outcome;  // empty while pending
  };
  // Pending and recent records by journal seq; processed ones beyond the bound are forgotten.
  std::map<uint64_t, Entry> entries_;
  std::map<std::string, uint64_t, std::less<>> receipts_;  // receipt -> seq, for entries_
  // Registered records not done yet, by sender: what keeps one sender's messages in order.
  std::map<std::string, std::set<uint64_t>, std::less<>> pending_by_sender_;
  uint64_t processed_seq_ = 0;  // every record up to here is done
  // Processor thread only: a processed position not yet checkpointed, and when one last was.
  uint64_t unsaved_seq_ = 0;
  std::chrono::steady_clock::time_point last_checkpoint_{};
  storage::IntakeStore* positions_ = nullptr;
  bool positions_loaded_ = false;  // processor thread only
  uint64_t replay_through_ = 0;    // the last record on disk at Start(): replays end there
  uint64_t forgotten_seq_ = 0;     // processor thread only: positions forgotten through here
  std::thread thread_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_INTAKE_PROCESSOR_H_
