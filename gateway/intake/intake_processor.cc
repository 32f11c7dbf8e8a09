#include "gateway/intake/intake_processor.h"

#include <algorithm>
#include <atomic>

#include "gateway/common/log.h"
#include "gateway/intake/intake_entry.h"
#include "gateway/intake/journal/consumer_priority.h"
#include "gateway/intake/lane_pool.h"

namespace aduan::gateway {
namespace {

// How long an idle processor waits for records before it refreshes its gauges.
constexpr std::chrono::milliseconds kIdleWait{1000};
constexpr size_t kBatchBytes = 4 << 20;
constexpr std::chrono::milliseconds kCheckpointEvery{200};

// Whose conversation a message belongs to: one sender's messages are processed in order.
std::string SenderKey(const core::InboundMessage& m) { return m.channel + '\x1f' + m.sender; }

}  // namespace

IntakeProcessor::IntakeProcessor(journal::Journal* journal, IntakePipeline* pipeline,
                                 Metrics* metrics, Clock clock, std::function<void()> processed,
                                 IntakeProcessorOptions options)
    : journal_(journal),
      pipeline_(pipeline),
      metrics_(metrics),
      clock_(std::move(clock)),
      processed_(std::move(processed)),
      options_(options) {}

IntakeProcessor::~IntakeProcessor() { Stop(); }

void IntakeProcessor::Start() {
  std::lock_guard lock(mu_);
  if (thread_.joinable() || stopping_) return;
  processed_seq_ = journal_->Stats().checkpoint_seq;
  replay_through_ = journal_->Stats().last_seq;
  thread_ = std::thread([this] { Loop(); });
}

void IntakeProcessor::Stop() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
    done_cv_.notify_all();
  }
  journal_->Stop();
  if (thread_.joinable()) thread_.join();
}

bool IntakeProcessor::Sleep(std::chrono::milliseconds d) {
  std::unique_lock lock(mu_);
  return !done_cv_.wait_for(lock, d, [&] { return stopping_; });
}

void IntakeProcessor::AddPending(uint64_t seq, const IntakeEntry& entry) {
  std::lock_guard lock(mu_);
  if (seq <= processed_seq_ && !entries_.count(seq)) return;  // done and already forgotten
  auto [it, fresh] = entries_.try_emplace(seq);
  if (fresh) it->second.receipt = entry.receipt;
  if (!entry.receipt.empty()) receipts_[entry.receipt] = seq;
  if (!it->second.outcome && it->second.sender.empty() && !entry.status) {
    it->second.sender = SenderKey(entry.message);
    pending_by_sender_[it->second.sender].insert(seq);
  }
}

bool IntakeProcessor::SenderHasEarlier(const std::string& sender, uint64_t seq) const {
  auto it = pending_by_sender_.find(sender);
  return it != pending_by_sender_.end() && !it->second.empty() && *it->second.begin() < seq;
}

void IntakeProcessor::Remember(uint64_t seq, const std::string& receipt,
                               const IntakeOutcome& outcome) {
  std::lock_guard lock(mu_);
  Entry& e = entries_[seq];
  e.receipt = receipt;
  e.outcome = outcome;
  e.owner = Owner::kNone;
  if (!e.sender.empty()) {
    auto waiting = pending_by_sender_.find(e.sender);
    if (waiting != pending_by_sender_.end()) {
      waiting->second.erase(seq);
      if (waiting->second.empty()) pending_by_sender_.erase(waiting);
    }
  }
  if (!receipt.empty()) receipts_[receipt] = seq;
  while (entries_.size() > options_.remembered_outcomes && entries_.begin()->second.outcome) {
    auto r = receipts_.find(entries_.begin()->second.receipt);
    if (r != receipts_.end() && r->second == entries_.begin()->first) receipts_.erase(r);
    entries_.erase(entries_.begin());
  }
  // Waiters are woken once per lane (WakeWaiters), not per message: with many requests
  // waiting, waking all of them for each outcome costs more than the intake itself.
}

IntakeProcessor::Claim IntakeProcessor::ClaimForProcessor(uint64_t seq) {
  std::unique_lock lock(mu_);
  done_cv_.wait(lock, [&] {
    auto it = entries_.find(seq);
    return stopping_ || it == entries_.end() || it->second.owner != Owner::kInline;
  });
  Entry& e = entries_[seq];
  if (e.outcome) return Claim::kDone;
  if (stopping_) return Claim::kStopping;
  e.owner = Owner::kProcessor;
  return Claim::kMine;
}

void IntakeProcessor::Release(uint64_t seq) {
  std::lock_guard lock(mu_);
  auto it = entries_.find(seq);
  if (it != entries_.end()) it->second.owner = Owner::kNone;
  done_cv_.notify_all();
}

std::optional<IntakeOutcome> IntakeProcessor::Await(
    uint64_t seq, const IntakeEntry& entry, std::chrono::steady_clock::time_point deadline) {
  if (auto out = ProcessInline(seq, entry, deadline)) return out;
  if (!WorthWaiting()) return std::nullopt;
  return WaitFor(seq, std::max(std::chrono::milliseconds(0),
                               std::chrono::duration_cast<std::chrono::milliseconds>(
                                   deadline - std::chrono::steady_clock::now())));
}

std::optional<IntakeOutcome> IntakeProcessor::ProcessInline(
    uint64_t seq, const IntakeEntry& entry, std::chrono::steady_clock::time_point deadline) {
  const std::string sender = SenderKey(entry.message);
  {
    std::unique_lock lock(mu_);
    // Records on disk from before the start have senders nobody registered: until the
    // processor has passed them, any of them may be this sender's.
    if (processed_seq_ < replay_through_) return std::nullopt;
    // The sender's earlier messages are being processed by their own requests (a resident
    // sending three quick lines): this one follows them. Those left to the processor keep it
    // waiting to the deadline, and then it is left to the processor too.
    const bool settled = done_cv_.wait_until(lock, deadline, [&] {
      return stopping_ || !storage_ok_ || !SenderHasEarlier(sender, seq);
    });
    if (!settled || stopping_ || !storage_ok_) return std::nullopt;
    auto it = entries_.find(seq);
    if (it == entries_.end() || it->second.outcome || it->second.owner != Owner::kNone) {
      return std::nullopt;
    }
    it->second.owner = Owner::kInline;
  }
  try {
    IntakeOutcome out = AcceptEntry(entry, seq);
    Remember(seq, entry.receipt, out);
    WakeWaiters();
    return out;
  } catch (const storage::StoreError& e) {
    {
      std::lock_guard lock(mu_);
      storage_ok_ = false;  // later webhooks answer at once; the processor retries this one
      last_error_ = e.what();
    }
    Release(seq);
  } catch (const std::exception&) {
    Release(seq);  // the processor logs and counts what breaks the pipeline
  }
  return std::nullopt;
}

IntakeOutcome IntakeProcessor::AcceptEntry(const IntakeEntry& e, uint64_t seq) {
  auto started = std::chrono::steady_clock::now();
  core::Result<IntakeOutcome> accepted =
      pipeline_->Accept(e.message, e.received_at_ms, {options_.journal_id, seq});
  // To the journal a store too busy to take the message is one that is away: the record stays,
  // and the message is tried again later.
  if (!accepted.ok()) throw storage::StoreError(accepted.status().message());
  IntakeOutcome out = std::move(accepted.value());
  const std::string labels = "channel=\"" + e.message.channel + "\"";
  metrics_->Count(out.duplicate ? "aduan_duplicate_messages_total" : "aduan_messages_total",
                  labels);
  if (!out.duplicate && !out.ticket.empty()) {
    metrics_->Count("aduan_tickets_created_total", labels);
  }
  if (out.replayed) {
    Log(LogLevel::kWarn, "message refused: its signed token was used before",
        {{"channel", e.message.channel}, {"seq", seq}});
  }
  // One line per message, with no personal data: an operator can follow traffic.
  Log(LogLevel::kInfo, "message accepted",
      {{"channel", e.message.channel},
       {"ticket", out.ticket},
       {"agency", out.agency},
       {"duplicate", out.duplicate},
       {"rate_limited", out.rate_limited},
       {"seq", seq},
       {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
                  .count()}});
  return out;
}

void IntakeProcessor::WakeWaiters() {
  std::lock_guard lock(mu_);
  done_cv_.notify_all();
}

std::optional<IntakeOutcome> IntakeProcessor::WaitFor(uint64_t seq,
                                                      std::chrono::milliseconds wait) {
  std::unique_lock lock(mu_);
  std::optional<IntakeOutcome> out;
  done_cv_.wait_for(lock, wait, [&] {
    auto it = entries_.find(seq);
    if (it != entries_.end() && it->second.outcome) out = it->second.outcome;
    return out.has_value() || stopping_;
  });
  return out;
}

std::optional<IntakeOutcome> IntakeProcessor::OutcomeOfReceipt(const std::string& receipt) {
  std::lock_guard lock(mu_);
  auto r = receipts_.find(receipt);
  if (r == receipts_.end()) return std::nullopt;
  auto it = entries_.find(r->second);
  if (it == entries_.end()) return std::nullopt;
  return it->second.outcome;
}

bool IntakeProcessor::IsPending(const std::string& receipt) {
  std::lock_guard lock(mu_);
  auto r = receipts_.find(receipt);
  if (r == receipts_.end()) return false;
  auto it = entries_.find(r->second);
  return it != entries_.end() && !it->second.outcome;
}

ProcessorHealth IntakeProcessor::Health() {
  ProcessorHealth h;
  h.journal = journal_->Stats();
  std::lock_guard lock(mu_);
  h.storage_ok = storage_ok_;
  h.last_error = last_error_;
  return h;
}

bool IntakeProcessor::WorthWaiting() {
  {
    std::lock_guard lock(mu_);
    if (!storage_ok_ || stopping_) return false;
  }
  return journal_->Stats().depth <= 4 * options_.batch_records;
}

void IntakeProcessor::PublishGauges() {
  journal::JournalStats s = journal_->Stats();
  metrics_->Gauge("aduan_journal_depth", static_cast<double>(s.depth));
  metrics_->Gauge("aduan_journal_bytes", static_cast<double>(s.bytes));
  metrics_->Gauge("aduan_journal_segments", static_cast<double>(s.segments));
  metrics_->Gauge(
      "aduan_journal_oldest_unprocessed_age_seconds",
      s.oldest_time_ms ? std::max<int64_t>(0, clock_() - s.oldest_time_ms) / 1000.0 : 0.0);
  // The group sync: rate(records) / rate(syncs) is how many appends share one fdatasync.
  metrics_->SetCounter("aduan_journal_syncs_total", "", s.syncs);
  metrics_->SetCounter("aduan_journal_synced_records_total", "", s.synced_records);
  metrics_->Gauge("aduan_journal_last_sync_records", static_cast<double>(s.last_sync_records));
}

void IntakeProcessor::Loop() {
  // Acknowledgements first (consumer_priority.h); the batch's lane threads inherit this.
  std::string priority_error;
  if (!journal::SetThisThreadPriority(options_.priority, &priority_error)) {
    Log(LogLevel::kWarn, "intake processor runs at normal priority", {{"error", priority_error}});
  }
  // Started here, so they inherit the lowered priority; they live as long as this loop.
  LanePool lanes(std::max(0, options_.lanes - 1));
  for (;;) {
    {
      std::lock_guard lock(mu_);
      if (stopping_) break;
    }
    // Before the first batch: the replayed records already stored are not decided again.
    LoadStoredPositions();
    std::vector<journal::Record> batch;
    try {
      batch = journal_->Read(options_.batch_records, kBatchBytes, kIdleWait);
    } catch (const journal::JournalError& e) {
      // Damage found while reading: nothing sensible to do but say so and try again later.
      Log(LogLevel::kError, "intake journal unreadable", {{"error", e.what()}});
      PublishGauges();
      if (!Sleep(options_.max_backoff)) break;
      continue;
    }
    if (!batch.empty()) {
      ProcessBatch(std::move(batch), lanes);
    } else if (unsaved_seq_ != 0) {
      SaveCheckpoint(unsaved_seq_);  // idle: the deferred checkpoint
    }
    PublishGauges();
  }
  if (unsaved_seq_ != 0) SaveCheckpoint(unsaved_seq_);
}

bool IntakeProcessor::LoadStoredPositions() {
  if (positions_loaded_) return true;
  if (positions_ == nullptr || options_.journal_id.empty()) return positions_loaded_ = true;
  const uint64_t checkpoint = journal_->Stats().checkpoint_seq;
  std::vector<storage::AppliedJournalRecord> stored;
  try {
    stored = positions_->AppliedJournalRecords(options_.journal_id, checkpoint);
  } catch (const storage::StoreError& e) {
    // The database is away; its transactions still check each position. Tried again.
    Log(LogLevel::kDebug, "cannot read stored journal positions yet", {{"error", e.what()}});
    return false;
  }
  size_t replayed = 0;
  for (const auto& r : stored) {
    // Only records from before this start: later ones were processed here, and their own
    // outcome (with its receipt) is already remembered.
    if (r.seq > replay_through_) break;
    {
      std::lock_guard lock(mu_);
      auto it = entries_.find(r.seq);
      if (it != entries_.end() && (it->second.outcome || it->second.owner != Owner::kNone)) {
        continue;
      }
    }
    IntakeOutcome out;
    out.ticket = r.ticket_id;
    out.reply = r.reply;
    out.duplicate = true;
    Remember(r.seq, "", out);
    ++replayed;
  }
  if (replayed > 0) {
    // A crash came between their commits and the checkpoint: they are not decided again.
    Log(LogLevel::kInfo, "journal records stored before the last checkpoint are not redone",
        {{"records", replayed}, {"checkpoint", checkpoint}});
    metrics_->Count("aduan_intake_replayed_records_total", "", replayed);
  }
  positions_loaded_ = true;
  ForgetPassedPositions(checkpoint);
  return true;
}

void IntakeProcessor::ForgetPassedPositions(uint64_t checkpoint) {
  if (positions_ == nullptr || options_.journal_id.empty() || checkpoint <= forgotten_seq_) {
    return;
  }
  try {
    positions_->ForgetJournalRecords(options_.journal_id, checkpoint);
    forgotten_seq_ = checkpoint;
  } catch (const storage::StoreError& e) {
    // Harmless: they are never replayed, and the next prune takes them.
    Log(LogLevel::kWarn, "cannot forget passed journal positions", {{"error", e.what()}});
  }
}

void IntakeProcessor::SaveCheckpoint(uint64_t seq) {
  try {
    journal_->Checkpoint(seq);
    unsaved_seq_ = 0;
    // Only positions a durable checkpoint passed go: a crash never replays them.
    if (seq >= forgotten_seq_ + options_.prune_every_records) ForgetPassedPositions(seq);
  } catch (const journal::JournalError& e) {
    // The records are in the database; a replay would find them there (see the header).
    Log(LogLevel::kError, "intake journal checkpoint failed", {{"error", e.what()}});
    unsaved_seq_ = seq;
  }
  last_checkpoint_ = std::chrono::steady_clock::now();
}

void IntakeProcessor::ProcessBatch(std::vector<journal::Record> records, LanePool& pool) {
  const size_t n = records.size();
  std::vector<std::optional<IntakeEntry>> entries(n);
  std::vector<char> done(n, 0);
  const size_t lane_count = static_cast<size_t>(std::max(1, options_.lanes));
  std::vector<std::vector<size_t>> lanes(lane_count);
  {
    // Most records were processed by their own request (ProcessInline): they are not decoded
    // again, and get no lane.
    std::lock_guard lock(mu_);
    for (size_t i = 0; i < n; ++i) {
      auto it = entries_.find(records[i].seq);
      done[i] = it != entries_.end() && it->second.outcome;
    }
  }
  for (size_t i = 0; i < n; ++i) {
    if (done[i]) continue;
    entries[i] = DecodeEntry(records[i].payload);
    if (!entries[i]) {
      // It passed its checksum, so it is what some version of us wrote: keep it in the log.
      Log(LogLevel::kError, "intake journal record unreadable; skipped",
          {{"seq", records[i].seq}, {"bytes", records[i].payload.size()}});
      metrics_->Count("aduan_intake_unreadable_records_total", "");
      Remember(records[i].seq, "", IntakeOutcome{});
      done[i] = 1;
      continue;
    }
    // After a restart nobody has said these were pending: their receipts answer "pending" now.
    if (!entries[i]->receipt.empty()) AddPending(records[i].seq, *entries[i]);
    if (entries[i]->status) {
      // Reports about one outgoing message keep their order.
      lanes[std::hash<std::string>{}(entries[i]->status->provider_message_id) % lane_count]
          .push_back(i);
      continue;
    }
    lanes[std::hash<std::string>{}(SenderKey(entries[i]->message)) % lane_count].push_back(i);
  }
  std::atomic<bool> queued{false};  // some message wrote outbox rows: the dispatcher has work
  std::mutex error_mu;
  std::string error;
  auto run_lane = [&](const std::vector<size_t>& lane) {
    for (size_t i : lane) {
      if (done[i]) continue;
      const IntakeEntry& e = *entries[i];
      Claim claim = ClaimForProcessor(records[i].seq);
      if (claim == Claim::kDone) {  // a request thread processed it
        done[i] = 1;
        continue;
      }
      if (claim == Claim::kStopping) {
        std::lock_guard lock(error_mu);
        error = "stopping";
        return;
      }
      try {
        if (e.status) {
          if (record_status_) record_status_(*e.status, e.received_at_ms);
          Remember(records[i].seq, "", IntakeOutcome{});
          done[i] = 1;
          continue;
        }
        IntakeOutcome out = AcceptEntry(e, records[i].seq);
        if (out.queued_outbox) queued = true;
        Remember(records[i].seq, e.receipt, out);
        done[i] = 1;
      } catch (const storage::StoreError& ex) {
        // The database is away: this sender's later messages wait for this one.
        Release(records[i].seq);
        std::lock_guard lock(error_mu);
        error = ex.what();
        return;
      } catch (const std::exception& ex) {
        // A message that breaks the pipeline itself would stop every message behind it; it is
        // logged with its journal position (the record stays on disk until its segment goes).
        Log(LogLevel::kError, "intake failed for a journal record; skipped",
            {{"seq", records[i].seq}, {"channel", e.message.channel}, {"error", ex.what()}});
        metrics_->Count("aduan_intake_failed_records_total", "");
        Remember(records[i].seq, e.receipt, IntakeOutcome{});
        done[i] = 1;
      }
    }
  };
  auto backoff = options_.min_backoff;
  for (int attempt = 1;; ++attempt) {
    error.clear();
    std::vector<const std::vector<size_t>*> busy;
    for (const auto& lane : lanes) {
      if (std::any_of(lane.begin(), lane.end(), [&](size_t i) { return !done[i]; })) {
        busy.push_back(&lane);
      }
    }
    pool.RunLanes(busy.size(), [&](size_t k) {
      run_lane(*busy[k]);
      WakeWaiters();
    });
    if (error.empty()) break;
    if (error == "stopping") return;  // the records stay in the journal
    {
      std::lock_guard lock(mu_);
      storage_ok_ = false;
      last_error_ = error;
    }
    metrics_->Count("aduan_intake_retries_total", "");
    Log(attempt == 1 ? LogLevel::kError : LogLevel::kWarn,
        "storage failed while processing the intake journal; retrying",
        {{"error", error}, {"attempt", attempt}, {"backoff_ms", backoff.count()}});
    PublishGauges();
    if (!Sleep(backoff)) return;  // stopping: the records stay in the journal
    backoff = std::min(backoff * 2, options_.max_backoff);
  }
  {
    std::lock_guard lock(mu_);
    storage_ok_ = true;
    last_error_.clear();
  }
  const uint64_t last = records.back().seq;
  // A checkpoint costs two syncs. Under load it is written every kCheckpointEvery, not per
  // batch: a crash then replays a little more, which the dedupe key absorbs (see the header).
  if (journal_->Stats().last_seq <= last ||
      std::chrono::steady_clock::now() - last_checkpoint_ >= kCheckpointEvery) {
    SaveCheckpoint(last);
  } else {
    unsaved_seq_ = last;
  }
  {
    std::lock_guard lock(mu_);
    processed_seq_ = std::max(processed_seq_, last);
  }
  WakeWaiters();  // the unreadable records' waiters too
  metrics_->Count("aduan_intake_batches_total", "");
  metrics_->Count("aduan_intake_batch_records_total", "", n);
  metrics_->Gauge("aduan_intake_last_batch_records", static_cast<double>(n));
  metrics_->Gauge("aduan_intake_processing_lag_seconds",
                  std::max<int64_t>(0, clock_() - records.back().time_ms) / 1000.0);
  if (queued && processed_) processed_();
}

}  // namespace aduan::gateway
