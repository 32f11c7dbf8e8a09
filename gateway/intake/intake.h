// The intake pipeline: one InboundMessage in, one durable outcome out.
//
// It classifies the text, draws a ticket number, renders the acknowledgement and hands the
// message, ticket, first event, queue entry and outbox row to the store as one transaction.
// It returns only once that transaction is durable, so the caller may then answer 200.
#ifndef ADUAN_GATEWAY_INTAKE_H_
#define ADUAN_GATEWAY_INTAKE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/message.h"
#include "core/status.h"
#include "gateway/common/clock.h"
#include "gateway/common/config.h"
#include "gateway/intake/classifier_handle.h"
#include "gateway/intake/conversation/conversation.h"
#include "gateway/intake/link_key_cache.h"
#include "storage/store.h"

namespace aduan::gateway {

struct IntakeOutcome {
  std::string ticket;  // empty when the message made no ticket
  bool duplicate = false;
  std::string reply;  // what the sender is told
  // The sender is over the per-sender limit: the generic webhook answers 429 (providers get
  // 200 and the apology once, through the outbox).
  bool rate_limited = false;
  // The message's single-use provider token was used before: nothing was stored (401).
  bool replayed = false;
  std::string agency;  // a new ticket's agency (or TRIAGE), for the log; else empty
  // The transaction wrote outbox rows (a reply, a push, the operator's alert): the dispatcher
  // has work. A generic webhook answered in its response usually writes none.
  bool queued_outbox = false;
};

// Where a message sits in an intake journal: the journal's random id (one per journal
// directory, so one per instance) and the record's sequence number. Empty id: no journal.
struct JournalPosition {
  std::string journal_id;
  uint64_t seq = 0;
};

class IntakePipeline {
 public:
  // All pointers must outlive the pipeline. Thread-safe: Accept() runs on many threads.
  IntakePipeline(const GatewayConfig* config, storage::Store* store, ClassifierHandle* classifier,
                 Clock clock);

  // Stores `message` durably (or finds it stored before) together with everything the
  // conversation decided (see gateway/conversation/conversation.h), in one transaction.
  // Not ok (kUnavailable, reason "storage_unavailable") when every try lost to a concurrent
  // change: nothing was stored, and the caller answers as it would for a store that is down
  // (the provider or the journal tries again later). Throws storage::StoreError when storage
  // fails.
  core::Result<IntakeOutcome> Accept(const core::InboundMessage& message);
  // The same for a message that arrived at `received_at_ms` (the journal's processor): the
  // conversation decides, and a message without a provider id is keyed, by that time, so a
  // record processed twice is recognised as the same message. With `from` set, the store
  // records the journal position in the message's transaction and a second processing of
  // that record returns the first outcome (duplicate=true), provider id or not.
  core::Result<IntakeOutcome> Accept(const core::InboundMessage& message, int64_t received_at_ms,
                                     const JournalPosition& from = {});

  // The dedupe key for a message whose provider gave no id: a hash of sender, text and media
  // within `window_ms` of `now_ms`. Exposed for tests.
  static std::string ContentKey(const core::InboundMessage& message, int64_t now_ms,
                                int64_t window_ms);

 private:
  // The ticket an incoming message continues, or "": an edit of a stored message, an email
  // replying to our acknowledgement or to the resident's earlier mail, or a subject carrying
  // one of the sender's own ticket numbers.
  std::string FindThread(const core::InboundMessage& message);
  // One try of Accept(). Not ok when nothing was stored and it must run again: kStale (a
  // ticket or conversation it decided on changed meanwhile) or kConflict (the drawn ticket
  // number is taken). Throws storage::StoreError when storage fails.
  core::Result<IntakeOutcome> AcceptOnce(const core::InboundMessage& message, int64_t now,
                                         const JournalPosition& from);
  // The sender went over the per-sender limit with `recent` messages in the window (a retry of
  // an answered message never does).
  bool OverRateLimit(const storage::IntakeRequest& req, int64_t recent);
  // The classification of a complaint's text, or nullopt when `text` is no complaint (a
  // command) or has nothing to classify. It depends on the message alone.
  std::optional<classifier::Classification> ClassifyComplaint(const conversation::ReadText& text,
                                                              const conversation::Inbound& inbound);
  // Everything a new message is decided on that one ReadFacts call reads: the rate count,
  // the sender's conversation and, for a routed classification, the agency's recent tickets
  // that linking compares.
  storage::IntakeFactsQuery FactsQuery(const core::InboundMessage& in,
                                       const std::optional<classifier::Classification>& c,
                                       int64_t now) const;
  // Reads what only some messages need (the cadre, a named or awaited ticket, a list).
  void LookUp(const core::InboundMessage& in, const conversation::ConversationState& state,
              const conversation::ReadText& text, int64_t now, conversation::Facts* facts);
  // Adds the push that tells `ticket`'s agency about a resident's follow-up, when the agency
  // has a push URL.
  void AddFollowUpPush(const std::string& ticket, const std::string& text, int64_t now,
                       storage::IntakeRequest* req);

  const GatewayConfig* config_;
  storage::Store* store_;
  ClassifierHandle* classifier_;
  Clock clock_;
  LinkKeyCache link_keys_;  // the agencies' recent tickets, as linking compares them
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_INTAKE_H_
