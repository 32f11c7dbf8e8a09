// POST/GET /webhooks/{channel}: verify, parse, store durably (in the intake journal, or through
// the pipeline when there is none), then answer.
#include <strings.h>

#include <algorithm>
#include <chrono>

#include "channels/form.h"
#include "channels/util.h"
#include "core/message.h"
#include "core/utf8.h"
#include "gateway/common/log.h"
#include "gateway/http/held_answer.h"
#include "gateway/http/http_util.h"
#include "gateway/http/routes.h"
#include "gateway/intake/intake_entry.h"
#include "gateway/intake/journal/journal.h"
#include "gateway/intake/receipt.h"

namespace aduan::gateway {
namespace {

channels::WebhookRequest ToWebhookRequest(const httplib::Request& req, const GatewayContext& ctx) {
  channels::WebhookRequest out;
  out.method = req.method;
  out.path = req.path;
  std::string original_type = req.get_header_value(kOriginalContentType);
  for (const auto& [k, v] : req.headers) {
    if (strcasecmp(k.c_str(), kOriginalContentType) == 0) continue;
    if (!original_type.empty() && strcasecmp(k.c_str(), "Content-Type") == 0) continue;
    out.headers.emplace(k, v);
  }
  if (!original_type.empty()) out.headers.emplace("Content-Type", original_type);
  std::string target = req.target.empty() ? req.path : req.target;
  auto q = target.find('?');
  if (q != std::string::npos) {
    // A query with a broken escape parses as empty: token checks then fail with a clear 401.
    if (auto fields = channels::ParseUrlEncoded(target.substr(q + 1))) {
      for (auto& f : *fields) out.query.emplace(f.name, f.value);
    }
  }
  out.body = req.body;
  std::string base = ctx.public_base_url;
  if (base.empty()) base = "http://" + req.get_header_value("Host");
  while (!base.empty() && base.back() == '/') base.pop_back();
  out.public_url = base + target;
  out.now_ms = ctx.deps.clock();
  return out;
}

std::string PendingReply(const GatewayContext& ctx) {
  auto it = ctx.deps.config->replies.find("pending");
  if (it != ctx.deps.config->replies.end()) return it->second;
  return "Aduan Anda sudah kami terima dan sedang dicatat.";
}

// How long a webhook carrying `messages` waits for their tickets before it answers; 0: it is
// answered as soon as they are in the journal.
int WaitMsFor(const GatewayConfig& cfg, const std::string& channel,
              const std::vector<core::InboundMessage>& messages) {
  // A message with a single-use token waits like the generic caller: a replay is refused in
  // the answer when the database is there to tell.
  bool has_token = std::any_of(messages.begin(), messages.end(),
                               [](const auto& m) { return !m.replay_token.empty(); });
  if (channels::TraitsOf(channel).answers_inline || has_token) {
    return std::max(cfg.intake.reply_wait_ms, has_token ? cfg.intake.provider_wait_ms : 0);
  }
  return cfg.intake.provider_wait_ms;
}

// Acknowledge-only: the provider gets its 200 once the records are durable and nobody asks
// about them later.
bool AcknowledgeOnly(const GatewayConfig& cfg, const std::string& channel,
                     const std::vector<core::InboundMessage>& messages) {
  return !channels::TraitsOf(channel).answers_inline && WaitMsFor(cfg, channel, messages) == 0;
}

// Appends `messages` to the journal (durably, or with the answer held until they are) and
// waits, up to the channel's wait, for the processor's outcomes. Returns false after writing a
// refusal (503) into `res`.
bool JournalMessages(GatewayContext& ctx, const std::string& channel,
                     const std::vector<core::InboundMessage>& messages,
                     std::vector<std::optional<IntakeOutcome>>* outcomes,
                     std::vector<std::string>* receipts, httplib::Response& res) {
  const GatewayConfig& cfg = *ctx.deps.config;
  const int64_t now = ctx.deps.clock();
  const bool answers_inline = channels::TraitsOf(channel).answers_inline;
  int wait_ms = WaitMsFor(cfg, channel, messages);
  const bool ack_only = AcknowledgeOnly(cfg, channel, messages);
  // Under a front that can hold the answer no thread sleeps on the sync.
  const bool held = ack_only && CanHoldAnswer();
  std::vector<std::string> payloads;
  std::vector<IntakeEntry> entries;
  for (const auto& m : messages) {
    IntakeEntry entry;
    entry.message = m;
    entry.received_at_ms = now;
    if (answers_inline) entry.receipt = ReceiptFor(m, now, cfg);
    entries.push_back(std::move(entry));
    receipts->push_back(entries.back().receipt);
    payloads.push_back(EncodeEntry(entries.back()));
  }
  auto refuse = [&](const journal::JournalError& e) {
    Log(LogLevel::kError, "intake journal failed; webhook refused",
        {{"channel", channel}, {"error", e.what()}});
    ctx.metrics.Count("aduan_journal_refusals_total", "reason=\"error\"");
    res.set_header("Retry-After", "5");
    WriteError(res, 503, "intake_unavailable", "could not store the message; retry later");
    return false;
  };
  uint64_t first = 0;
  try {
    if (!payloads.empty()) {
      // Only an acknowledgement without a front to hold it waits for the sync here. A message
      // this request processes is answered from its database commit, so the sync need not
      // come first (the journal never reuses a number handed out before a crash) nor come
      // soon; one left to the processor waits for it below.
      if (ack_only) {
        first = held ? ctx.deps.journal->AppendAsync(payloads) : ctx.deps.journal->Append(payloads);
      } else {
        first = ctx.deps.journal->AppendLazy(payloads);
      }
      if (held) HoldAnswerUntil(first + payloads.size() - 1);
    }
  } catch (const journal::JournalFull& e) {
    Log(LogLevel::kError, "intake journal full; webhook refused",
        {{"channel", channel}, {"error", e.what()}});
    ctx.metrics.Count("aduan_journal_refusals_total", "reason=\"full\"");
    res.set_header("Retry-After", "30");
    WriteError(res, 503, "intake_full", "the intake backlog is full; retry later");
    return false;
  } catch (const journal::JournalError& e) {
    return refuse(e);
  }
  if (ack_only) {
    // No receipt, no wait: skipping the processor's bookkeeping keeps this path off the
    // processor's lock, which its low-priority threads hold while they work through a burst.
    outcomes->resize(messages.size());
    return true;
  }
  for (size_t i = 0; i < messages.size(); ++i) ctx.processor->AddPending(first + i, entries[i]);
  // While the database is healthy this request makes the tickets itself, as it did before the
  // journal; the commit makes them durable.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  bool all_stored = true;
  for (size_t i = 0; i < messages.size(); ++i) {
    outcomes->push_back(wait_ms > 0 ? ctx.processor->Await(first + i, entries[i], deadline)
                                    : std::nullopt);
    if (!outcomes->back()) all_stored = false;
  }
  if (!all_stored) {
    // "Accepted" for a message left to the processor promises it is on disk.
    try {
      ctx.deps.journal->WaitDurable(first + payloads.size() - 1);
    } catch (const journal::JournalError& e) {
      return refuse(e);
    }
  }
  return true;
}

// Keeps delivery reports the database refused in the journal; false when that failed too.
bool JournalStatuses(GatewayContext& ctx, const std::vector<core::DeliveryStatus>& statuses) {
  std::vector<std::string> payloads;
  for (const auto& st : statuses) {
    IntakeEntry entry;
    entry.status = st;
    entry.message.channel = st.channel;
    entry.received_at_ms = ctx.deps.clock();
    payloads.push_back(EncodeEntry(entry));
  }
  try {
    if (!payloads.empty()) ctx.deps.journal->Append(payloads);
    return true;
  } catch (const std::runtime_error& e) {  // JournalFull, JournalError
    Log(LogLevel::kError, "intake journal refused delivery reports", {{"error", e.what()}});
    return false;
  }
}

void HandleWebhook(GatewayContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto started = std::chrono::steady_clock::now();
  const std::string channel = req.matches[1];
  auto it = ctx.adapters.find(channel);
  if (it == ctx.adapters.end()) {
    WriteError(res, 404, "unknown_channel",
               "channel '" + channel + "' does not exist or is not enabled (its secret is unset)");
    ctx.metrics.Count("aduan_webhook_requests_total", "channel=\"unknown\",code=\"404\"");
    return;
  }
  const channels::ChannelAdapter& adapter = *it->second;
  channels::HandleResult parsed = adapter.Handle(ToWebhookRequest(req, ctx));
  auto count = [&](int code) {
    ctx.metrics.Count("aduan_webhook_requests_total",
                      "channel=\"" + channel + "\",code=\"" + std::to_string(code) + "\"");
  };
  if (parsed.error) {
    WriteError(res, parsed.error->http_status, parsed.error->code, parsed.error->message);
    count(parsed.error->http_status);
    return;
  }
  // Only a caller that reads our answer can be told its text is too long; a provider would
  // retry or drop it, so provider texts are kept whole.
  const bool answers_inline = channels::TraitsOf(channel).answers_inline;
  if (answers_inline) {
    for (const auto& m : parsed.parsed.messages) {
      if (core::Utf8Length(m.text) > ctx.deps.config->max_text_chars) {
        WriteError(res, 413, "text_too_long",
                   "field 'text' has " + std::to_string(core::Utf8Length(m.text)) +
                       " characters; the limit is " +
                       std::to_string(ctx.deps.config->max_text_chars));
        count(413);
        return;
      }
    }
  }
  // Whatever an adapter lets through, a message needs a sender to answer and something to
  // read: blank or invisible text counts as no text.
  std::vector<core::InboundMessage> messages;
  for (auto& m : parsed.parsed.messages) {
    if (channels::TrimView(m.sender).empty()) {
      parsed.parsed.ignored.push_back("message " + m.provider_message_id + " without a sender");
      continue;
    }
    if (channels::IsBlankText(m.text)) m.text.clear();
    if (m.text.empty() && m.subject.empty() && m.media.empty() && !m.location && !m.contact &&
        !m.is_edit) {
      parsed.parsed.ignored.push_back("message " + m.provider_message_id + " with nothing in it");
      continue;
    }
    messages.push_back(std::move(m));
  }
  // On an event thread only an acknowledgement held until the journal's sync goes on: anything
  // else would wait for the database or the sync there (held_answer.h).
  if (MustNotBlock() && !(ctx.processor && CanHoldAnswer() && parsed.parsed.statuses.empty() &&
                          AcknowledgeOnly(*ctx.deps.config, channel, messages))) {
    PassToWorker();
    return;
  }
  // Each message's outcome in order; nullopt: safe in the journal, not processed in time.
  std::vector<std::optional<IntakeOutcome>> outcomes;
  std::vector<std::string> receipts;
  if (ctx.processor) {
    if (!JournalMessages(ctx, channel, messages, &outcomes, &receipts, res)) {
      count(res.status);
      return;
    }
  } else {
    // Nothing is acknowledged unless it is durable: the provider must retry.
    auto unavailable = [&](const core::Status& why) {
      Log(LogLevel::kError, "storage failed during intake",
          {{"channel", channel}, {"error", why.message()}});
      res.set_header("Retry-After", "5");
      WriteError(res, HttpStatusOf(why.code()), why.reason(),
                 "could not store the message; retry later");
      count(res.status);
    };
    try {
      for (const auto& m : messages) {
        auto message_started = std::chrono::steady_clock::now();
        core::Result<IntakeOutcome> accepted = ctx.intake->Accept(m);
        if (!accepted.ok()) {
          unavailable(accepted.status());
          return;
        }
        IntakeOutcome out = std::move(accepted.value());
        // One line per accepted message, with no personal data: an operator can follow traffic.
        Log(LogLevel::kInfo, "message accepted",
            {{"channel", channel},
             {"ticket", out.ticket},
             {"agency", out.agency},
             {"duplicate", out.duplicate},
             {"rate_limited", out.rate_limited},
             {"ms", std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                              message_started)
                        .count()}});
        outcomes.push_back(out);
        receipts.emplace_back();
        if (out.replayed || (out.rate_limited && answers_inline)) break;
        ctx.metrics.Count(out.duplicate ? "aduan_duplicate_messages_total" : "aduan_messages_total",
                          "channel=\"" + channel + "\"");
        if (!out.duplicate && !out.ticket.empty()) {
          ctx.metrics.Count("aduan_tickets_created_total", "channel=\"" + channel + "\"");
        }
      }
    } catch (const storage::StoreError& e) {
      unavailable(core::Status::Unavailable("storage_unavailable", e.what()));
      return;
    }
  }
  nlohmann::json results = nlohmann::json::array();
  bool pending = false;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i]) {
      pending = true;
      results.push_back(
          {{"accepted", true}, {"receipt", receipts[i]}, {"reply", PendingReply(ctx)}});
      continue;
    }
    const IntakeOutcome& out = *outcomes[i];
    if (out.replayed) {
      WriteError(res, 401, "replayed_token",
                 "this signed token was already used for another message");
      count(401);
      return;
    }
    if (out.rate_limited && answers_inline) {
      // Providers get 200 (a retry would only repeat the flood) and the apology through the
      // outbox; the generic caller reads the answer, so it gets a clear 429.
      res.set_header("Retry-After",
                     std::to_string(ctx.deps.config->conversation.rate_limit_window_seconds));
      WriteError(res, 429, "rate_limited", out.reply);
      count(429);
      return;
    }
    results.push_back({{"ticket", out.ticket}, {"duplicate", out.duplicate}, {"reply", out.reply}});
  }
  for (const auto& note : parsed.parsed.ignored) {
    Log(LogLevel::kInfo, "webhook item ignored", {{"channel", channel}, {"what", note}});
  }
  bool statuses_failed = false;
  try {
    for (const auto& st : parsed.parsed.statuses) {
      // A report for a message we never sent (or sent from another system) is not an error.
      bool matched = ctx.deps.store->RecordDeliveryStatus(
          st.channel, st.provider_message_id, st.status, st.error,
          st.at_ms ? st.at_ms : ctx.deps.clock(), ctx.deps.clock());
      ctx.metrics.Count("aduan_delivery_statuses_total", "channel=\"" + channel + "\",status=\"" +
                                                             st.status + "\",matched=\"" +
                                                             (matched ? "yes" : "no") + "\"");
    }
  } catch (const storage::StoreError& e) {
    Log(LogLevel::kError, "storage failed recording a delivery status", {{"error", e.what()}});
    // With a journal the reports are kept there and recorded (again: recording a report twice
    // changes nothing) when the database is back, so the provider is not refused.
    statuses_failed = !(ctx.processor && JournalStatuses(ctx, parsed.parsed.statuses));
  }
  if (statuses_failed) {
    res.set_header("Retry-After", "5");
    WriteError(res, 503, "storage_unavailable", "could not store the status; retry later");
    count(503);
    return;
  }
  // Only a message processed here can have queued a reply now, and only one that wrote outbox
  // rows gives the dispatcher work. A journaled one wakes it when the processor has made it:
  // waking it for each acknowledgement (or each generic webhook, answered in its response)
  // kept it polling the database nonstop under load, at the requests' priority.
  if (std::any_of(outcomes.begin(), outcomes.end(),
                  [](const auto& o) { return o.has_value() && o->queued_outbox; })) {
    ctx.dispatcher->Wake();
  }
  if (parsed.parsed.reply) {
    res.status = parsed.parsed.reply->status;
    res.set_content(parsed.parsed.reply->body, parsed.parsed.reply->content_type);
  } else if (answers_inline && results.size() == 1) {
    // 202: the message is safe in the journal and its ticket follows (see the receipt).
    WriteJson(res, pending ? 202 : 200, results[0]);
  } else {
    WriteJson(res, 200, {{"accepted", results}, {"statuses", parsed.parsed.statuses.size()}});
  }
  count(res.status);
  ctx.metrics.ObserveWebhookSeconds(
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

}  // namespace

void RegisterWebhookRoutes(httplib::Server& server, GatewayContext& ctx) {
  auto handler = [&ctx](const httplib::Request& req, httplib::Response& res) {
    HandleWebhook(ctx, req, res);
  };
  server.Post(R"(/webhooks/([A-Za-z0-9_-]+))", handler);
  server.Get(R"(/webhooks/([A-Za-z0-9_-]+))", handler);
}

}  // namespace aduan::gateway
