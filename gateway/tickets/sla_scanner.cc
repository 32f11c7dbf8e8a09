#include "gateway/tickets/sla_scanner.h"

#include "gateway/common/log.h"
#include "gateway/tickets/lifecycle.h"
#include "gateway/tickets/sla.h"

namespace aduan::gateway {
namespace {

constexpr int kPage = 200;

PassLoopOptions ScanLoop(const GatewayConfig& config) {
  const int64_t interval_ms = int64_t{config.sla.scan_interval_seconds} * 1000;
  PassLoopOptions o("SLA scan", "aduan-sla", interval_ms);
  o.max_backoff_ms = interval_ms;  // a failed scan is tried again after the interval, no sooner
  return o;
}

}  // namespace

SlaScanner::SlaScanner(const GatewayConfig* config, storage::TicketStore* tickets,
                       storage::QueueStore* queue, Clock clock, Metrics* metrics)
    : config_(config),
      tickets_(tickets),
      queue_(queue),
      clock_(std::move(clock)),
      metrics_(metrics),
      // A scan reports what it found, not work left over: the next one waits the interval.
      loop_(ScanLoop(*config), [this] {
        RunOnce(clock_());
        return 0;
      }) {}

SlaScanner::~SlaScanner() { Stop(); }

bool SlaScanner::Escalate(const storage::TicketRecord& t, int level, int64_t due_at_ms,
                          int64_t now) {
  storage::TicketChange c;
  c.ticket_id = t.id;
  c.expect_version = t.version;
  c.now_ms = now;
  c.set_overdue = true;
  c.overdue_since_ms = t.overdue_since_ms ? t.overdue_since_ms : due_at_ms;
  c.escalation_level = level;
  c.event.emplace();
  c.event->actor = core::Actor::System();
  c.event->kind = core::EventKind::kEscalation;
  SlaTarget target = CurrentDeadline(t, *config_).target;
  std::string to = EscalationTargetName(t, level, *config_);
  c.event->internal_note = "overdue: " + SlaTargetName(target) + " was due " +
                           FormatTime(due_at_ms) + "; escalated to " + to;
  if (level >= kEscalatedToOperator && t.escalation_level < kEscalatedToOperator &&
      !config_->sla.operator_channel.empty() && !config_->sla.operator_address.empty()) {
    // The version guard makes this row part of exactly one successful change: told once.
    storage::OutboxDraft tell;
    tell.channel = config_->sla.operator_channel;
    tell.recipient = config_->sla.operator_address;
    tell.kind = core::OutboxKind::kEscalation;
    tell.body = "Aduan " + t.id + " (" + t.agency + ") melewati batas waktu " +
                SlaTargetName(target) + " (" + FormatTime(due_at_ms) + ").";
    c.outbox.push_back(std::move(tell));
  }
  if (tickets_->ChangeTicket(c) != storage::ChangeOutcome::kChanged) return false;
  Log(LogLevel::kWarn, "ticket escalated",
      {{"ticket", t.id}, {"agency", t.agency}, {"escalation_level", level}, {"to", to}});
  if (metrics_)
    metrics_->Count("aduan_escalations_total", "to_level=\"" + std::to_string(level) + "\"");
  return true;
}

bool SlaScanner::AutoClose(const storage::TicketRecord& summary, int64_t now) {
  auto t = tickets_->GetTicket(summary.id);
  if (!t || t->version != summary.version) return false;  // changed meanwhile: next pass
  int64_t last = t->last_response_at_ms ? t->last_response_at_ms : t->updated_at_ms;
  for (const auto& e : t->events) {
    // The resident wrote after the agency's last word: an objection. A person decides.
    if (e.kind == core::EventKind::kResidentMessage && e.at_ms > last) return false;
  }
  LifecycleAction close{"close", "", "", "closed automatically: no objection within the period"};
  return ApplyLifecycle(*config_, *tickets_, t->id, core::Actor::System(), close, now).ok();
}

SlaScanReport SlaScanner::RunOnce(int64_t now_ms) {
  SlaScanReport report;
  storage::TicketQuery q;
  q.statuses = {"triage", "routed", "resolved"};
  q.limit = kPage;
  for (;;) {
    auto page = tickets_->ListTickets(q);
    for (const auto& t : page) {
      SlaDeadline d = CurrentDeadline(t, *config_);
      if (d.target == SlaTarget::kAutoClose) {
        if (now_ms >= d.due_at_ms && AutoClose(t, now_ms)) ++report.closed;
        continue;
      }
      int level = DueEscalationLevel(d, *config_, now_ms);
      if (level > t.escalation_level && Escalate(t, level, d.due_at_ms, now_ms)) {
        ++report.escalated;
      }
    }
    if (static_cast<int>(page.size()) < kPage) break;
    q.before_created_ms = page.back().created_at_ms;
    q.before_id = page.back().id;
  }
  storage::TicketQuery overdue;
  overdue.overdue_only = true;
  overdue.limit = 100000;
  report.overdue = static_cast<int>(tickets_->ListTickets(overdue).size());
  if (metrics_) {
    metrics_->Gauge("aduan_overdue_tickets", report.overdue);
    // Tickets leased and abandoned too often: a consumer is crashing on them.
    auto flagged = queue_->ListQueueEntries(config_->max_abandoned_leases + 1, 100000);
    metrics_->Gauge("aduan_flagged_queue_entries", static_cast<double>(flagged.size()));
  }
  return report;
}

void SlaScanner::Start() {
  if (config_->sla.scan_interval_seconds > 0) loop_.Start();
}

void SlaScanner::Stop() { loop_.Stop(); }

}  // namespace aduan::gateway
