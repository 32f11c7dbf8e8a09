// Plain value types that cross the storage boundary. Times are Unix milliseconds (UTC).
// Storage does not interpret the `*_json` fields: it keeps whatever JSON text it is given.
#ifndef ADUAN_STORAGE_RECORDS_H_
#define ADUAN_STORAGE_RECORDS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/event.h"
#include "core/ticket.h"

namespace aduan::storage {

// A resident's message as received; (channel, provider_message_id) is unique.
struct MessageRecord {
  std::string channel;
  std::string provider_message_id;
  std::string sender;
  std::string display_name;
  std::string text;
  std::string details_json = "{}";  // media, location, references: the gateway's business
  int64_t received_at_ms = 0;
};

struct EventRecord {
  int64_t id = 0;
  int64_t at_ms = 0;
  core::Actor actor;  // stored as its Name(): "system", "agency:PUPR", ...
  core::EventKind kind = core::EventKind::kCreated;
  std::string from_status;
  std::string to_status;
  std::string public_note;
  std::string internal_note;
};

struct TicketRecord {
  std::string id;  // "ADU-7K3QX9M4"
  core::TicketStatus status = core::TicketStatus::kReceived;
  std::string agency;  // agency code, "TRIAGE" when unrouted
  double agency_score = 0;
  std::vector<std::string> maladministration;
  bool urgent = false;
  std::string classification_json = "{}";  // the classifier's explanation
  std::string text;
  std::string channel;
  std::string reporter_sender;
  std::string reporter_name;
  bool confidential = false;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  int64_t version = 1;
  std::vector<EventRecord> events;  // oldest first; filled by reads that ask for them
  // Service-level marks. 0 means "not yet".
  int64_t routed_at_ms = 0;          // reached its current agency; 0: at intake (created_at)
  int64_t first_response_at_ms = 0;  // the agency's first action after routing
  int64_t last_response_at_ms = 0;   // the agency's latest action
  int64_t overdue_since_ms = 0;      // marked overdue by the SLA scanner; 0: on time
  int escalation_level = 0;          // escalation steps taken since it became overdue
  // Conversations and cadres.
  std::string reply_address;        // where replies to the sender go when not reporter_sender
  std::string reporter_contact;     // relayed: the resident's own phone, if the cadre gave one
  std::string relayed_by;           // relayed: the cadre's id; reporter_sender is then the cadre
  bool content_private = false;     // RAHASIA: the content stays out of anything public
  std::string consent;              // relayed: "requested", "given" or "declared"; else ""
  std::string linked_to;            // the earlier ticket about the same thing, or ""
  std::string details_json = "{}";  // location and similar: the gateway's business
  std::string topic;     // the service topic the classifier chose (catalogue code), or ""
  int linked_count = 0;  // reads only: tickets whose linked_to names this one
};

// One (channel, sender)'s conversation with aduan. Storage keeps `state_json` uninterpreted.
struct ConversationRecord {
  std::string channel;
  std::string sender;
  std::string state_json = "{}";
  int64_t version = 0;  // 0: never stored; each write adds one
  int64_t updated_at_ms = 0;
};

// Writing a conversation inside Intake. With `expect_version` set, the write applies only if
// the stored version is still that one (0: no row yet); otherwise nothing of the intake is
// written and it answers stale, so two gateways answering one sender at once cannot both win.
struct ConversationWrite {
  ConversationRecord record;
  std::optional<int64_t> expect_version;
};

// A community cadre (kader) who relays complaints for neighbours.
struct CadreRecord {
  std::string id;       // "kdr_..." or an operator-chosen id
  std::string channel;  // the channel identity they write from
  std::string sender;
  std::string name;
  std::string area;  // kelurahan / RW, free text
  bool active = true;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
  // Reads by ListCadres only: the tickets they relayed, by ticket status.
  std::vector<std::pair<std::string, int64_t>> tickets_by_status;
};

// A reply or push waiting to be sent by the dispatcher.
struct OutboxDraft {
  std::string channel;
  std::string recipient;
  core::OutboxKind kind = core::OutboxKind::kReply;
  std::string body;
  std::string details_json = "{}";
};

// An attachment of the message being stored, written as a `media` row in Intake's transaction
// so that its fetch is never lost. Status "pending" is fetched later by the media worker;
// "stored" (bytes already in the blob store, e.g. an email attachment) and "unavailable"
// (refused at intake: too large, nothing to fetch it with) are final.
struct MediaDraft {
  std::string reference;  // what fetches it: provider media id, file_id, URL; "" when stored
  std::string kind;       // "image", "document", ... as the adapter said
  std::string filename;   // as the provider named it; shown in Content-Disposition only
  std::string status = "pending";
  std::string content_type;  // stored: sniffed from the bytes
  int64_t bytes = 0;         // stored: size of the stripped file
  std::string sha256;        // stored: the blob's key
  std::string last_error;    // unavailable: why
  // Stored: {"latitude","longitude","source":"photo"} from the file's EXIF, or "". Written to
  // the ticket's details as "photo_location" unless it has a location (or one) already.
  std::string photo_location_json;
};

// One change to an existing ticket, applied atomically with its event and outbox rows: an
// agency's or the operator's action (TicketStore::ChangeTicket) or what a resident's message
// changes (IntakeRequest::ticket_changes). The gateway decides what is legal; storage only
// checks the guards and writes. When a guard fails nothing of the change is written.
struct TicketChange {
  std::string ticket_id;
  // Guards. expect_version: the stored ticket still has this version (optimistic concurrency:
  // a caller that read version v and decided on it cannot act on stale state).
  // only_from_statuses, when not empty: the stored ticket has one of these statuses.
  std::optional<int64_t> expect_version;
  std::vector<core::TicketStatus> only_from_statuses;
  std::optional<core::TicketStatus> new_status;  // unset keeps the status
  std::string new_agency;                        // "" keeps the agency
  // kEnqueue: a fresh entry (lease count 0); kRemove: off the queue; kAcknowledge: marked acked
  // as if the lease holder had acked (an agency that answered has the ticket);
  // kRemoveUnlessAcked: off the queue while nobody acked it, and once it was acked a failed
  // guard (a resident cannot withdraw what an agency already picked up).
  enum class Queue { kKeep, kEnqueue, kRemove, kAcknowledge, kRemoveUnlessAcked };
  Queue queue = Queue::kKeep;
  bool agency_response = false;  // sets first_response_at (once) and last_response_at
  bool set_overdue = false;      // writes overdue_since_ms and escalation_level below
  int64_t overdue_since_ms = 0;
  int escalation_level = 0;
  // Edits of the resident's side of the ticket; unset keeps the stored value.
  std::optional<std::string> details_json;
  std::optional<std::string> consent;
  std::optional<std::string> linked_to;
  // Appended when set. Its time is filled in, and its
  // from/to statuses: the stored status and the one after the change. A change that keeps the
  // status leaves them empty when `event_statuses_when_kept` is false (a resident's consent
  // answer says nothing about the status; an agency's reply does: "routed -> routed").
  std::optional<EventRecord> event;
  bool event_statuses_when_kept = true;
  std::vector<OutboxDraft> outbox;
  int64_t now_ms = 0;
};

enum class ChangeOutcome {
  kChanged,
  kNotFound,
  // A guard failed (version, status, or acked for kRemoveUnlessAcked): read the ticket again
  // and decide again.
  kStale,
};

// Which tickets a list returns (TicketStore::ListTickets, IntakeStore::FindTickets): those
// matching every filter set, newest first by (created_at, id), without events.
struct TicketQuery {
  std::string agency;                 // "" = every agency
  std::vector<std::string> statuses;  // empty = any
  std::string relayed_by;             // a cadre's relays
  std::string reporter_channel;       // with reporter_sender: one sender's own tickets
  std::string reporter_sender;
  int64_t created_since_ms = 0;
  int64_t updated_since_ms = 0;
  bool overdue_only = false;
  int limit = 50;
  // Keyset cursor: only tickets strictly older than (before_created_ms, before_id).
  int64_t before_created_ms = 0;
  std::string before_id;
  // Fill only what linking compares (id, status, agency, channel, reporter_sender, linked_to,
  // text, details_json, created_at_ms); every other field keeps its default.
  bool link_fields_only = false;
};

// Everything one inbound message changes, stored in one transaction.
struct IntakeRequest {
  MessageRecord message;
  std::optional<TicketRecord> ticket;  // a new ticket (events ignored: a "created" one is added)
  // Instead of a new ticket: the ticket this message adds to (an edit, an email reply, more
  // detail). The message is linked to it and a "resident_message" event carries its text.
  std::string attach_to_ticket;
  std::vector<OutboxDraft> outbox;
  std::string reply;  // the text answered to the sender; returned again on a retry
  // Other provider ids (same channel) that, if stored, make this message a duplicate: content
  // keys of the previous dedupe window, so a retry straddling a window edge is still caught.
  std::vector<std::string> duplicate_if_stored;
  // Conversations and cadres: written in the same transaction, after the ticket. Each change
  // is applied at message.received_at_ms (its now_ms is not read); when one's guards fail,
  // nothing of the request is written and Intake answers stale.
  std::vector<TicketChange> ticket_changes;
  std::vector<ConversationWrite> conversations;
  // A provider's single-use signing token (message.channel's): recorded in this transaction,
  // kept until `replay_expires_at_ms`. When it was recorded before, nothing is written and
  // the result says `replayed`.
  std::string replay_token;
  int64_t replay_expires_at_ms = 0;
  // The message's attachments (media rows, linked to the message's ticket).
  std::vector<MediaDraft> media;
  // The intake journal record this message came from; empty journal_id when none. It is
  // recorded in applied_journal_records in this transaction. When it was recorded before,
  // nothing is written and the result is the first one, with duplicate=true: a record
  // processed again after a crash between the commit and the journal checkpoint makes no
  // second ticket, whatever the message's provider id.
  std::string journal_id;
  uint64_t journal_seq = 0;
};

// One journal record whose message a transaction stored (see IntakeRequest::journal_id).
struct AppliedJournalRecord {
  uint64_t seq = 0;
  std::string ticket_id;  // empty when the message made no ticket
  std::string reply;
};

struct IntakeResult {
  bool duplicate = false;  // the message was stored before; nothing was written now
  std::string ticket_id;   // the message's ticket (new or earlier); empty when none
  std::string reply;       // the reply stored with the message
  bool replayed = false;   // its replay token was used before; nothing was written now
};

struct LeasedTicket {
  TicketRecord ticket;
  std::string lease_id;
  int64_t lease_expires_at_ms = 0;
};

enum class AckOutcome {
  kAcked,          // taken off the queue for good
  kAlreadyAcked,   // it was acked before with this lease: idempotent success
  kNotFound,       // no such ticket in this agency's queue
  kLeaseMismatch,  // the lease id is not the ticket's current lease (expired and re-leased)
};

// An outbox row as the dispatcher and the operator see it.
struct OutboxRow {
  int64_t id = 0;
  std::string ticket_id;
  std::string channel;
  std::string recipient;
  core::OutboxKind kind = core::OutboxKind::kReply;
  std::string body;
  std::string details_json = "{}";
  std::string status;  // "pending", "sent", "dead"
  int attempts = 0;
  int64_t next_attempt_at_ms = 0;
  std::string provider_message_id;  // set once the provider accepted it
  std::string delivery_status;      // the provider's latest report: delivered, read, failed
  std::string last_error;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// What became of one delivery attempt.
struct OutboxAttempt {
  enum class Result { kSent, kRetry, kDead } result = Result::kRetry;
  std::string provider_message_id;  // kSent
  int64_t next_attempt_at_ms = 0;   // kRetry
  std::string error;                // kRetry, kDead
};

// A media row: one attachment of one message (storage/*/..._media.cc).
struct MediaRecord {
  int64_t id = 0;
  std::string ticket_id;   // "" when the message made no ticket
  std::string message_id;  // the message's provider_message_id
  std::string channel;
  std::string reference;
  std::string kind;
  std::string filename;
  std::string status;  // "pending", "stored", "unavailable"
  std::string content_type;
  int64_t bytes = 0;
  std::string sha256;
  int attempts = 0;
  int64_t next_attempt_at_ms = 0;
  std::string last_error;
  int64_t created_at_ms = 0;
  int64_t updated_at_ms = 0;
};

// What became of one fetch of a claimed media row.
struct MediaAttempt {
  enum class Result { kStored, kRetry, kUnavailable } result = Result::kRetry;
  std::string content_type;         // kStored
  int64_t bytes = 0;                // kStored
  std::string sha256;               // kStored: already in the blob store
  std::string photo_location_json;  // kStored: as MediaDraft::photo_location_json
  int64_t next_attempt_at_ms = 0;   // kRetry
  std::string error;                // kRetry, kUnavailable
};

// Which media rows ListMedia returns: a ticket's (oldest first) or, with status set, every
// row in that status (newest first; operators' dead letters are status "unavailable").
struct MediaQuery {
  std::string ticket_id;
  std::string status;
  int limit = 100;
};

struct ApiKeyRecord {
  std::string id;        // public identifier, e.g. "key_3f9a..."; safe to log
  std::string key_hash;  // hex SHA-256 of the secret; the secret itself is never stored
  std::string agency;
  int64_t created_at_ms = 0;
  std::optional<int64_t> revoked_at_ms;
};

// A person who signs in to the web inbox: an agency's clerk or the city's operator.
struct UserRecord {
  std::string username;       // unique, lower case; what the person types at sign-in
  std::string name;           // shown on the ticket as the actor of their changes
  std::string agency;         // agency code; "" for an operator
  std::string role;           // "clerk" or "operator"
  std::string password_hash;  // libsodium's Argon2id string (salt and cost included)
  bool active = true;
  int64_t created_at_ms = 0;
};

// What the intake pipeline reads about a new message before deciding on it (IntakeStore::
// ReadFacts): the sender's rate count, their conversation and, when asked, recent tickets.
struct IntakeFactsQuery {
  std::string channel;
  std::string sender;
  int64_t messages_since_ms = 0;       // count (channel, sender)'s messages from here on
  std::optional<TicketQuery> tickets;  // linking's candidates, a sender's own tickets ...
};

struct IntakeFacts {
  int64_t messages_since = 0;                      // stored from (channel, sender) since then
  std::optional<ConversationRecord> conversation;  // nullopt: the sender never wrote
  std::vector<TicketRecord> tickets;  // as FindTickets(*query.tickets) returns; empty if unasked
};

// A queue entry as the operator sees it, for tickets leased and abandoned again and again.
struct QueueEntryRecord {
  std::string ticket_id;
  std::string agency;
  bool urgent = false;
  int64_t enqueued_at_ms = 0;
  int lease_count = 0;
  int64_t lease_expires_at_ms = 0;
};

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_RECORDS_H_
