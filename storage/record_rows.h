// Backend-neutral reading of records: the column lists both backends select, and the mapping of
// one result row to a record, written once for any driver.
//
// `Row` is a small adapter over one driver's current row that offers
//   std::string Text(int col), int64_t Int64(int col), double Double(int col),
//   bool Bool(int col), bool IsNull(int col)
// (see SqliteRow in storage/sqlite/ and PgRow in storage/postgres/). Columns are read by position,
// in the order of the matching k*Columns list below, so a list and its mapping change together.
#ifndef ADUAN_STORAGE_RECORD_ROWS_H_
#define ADUAN_STORAGE_RECORD_ROWS_H_

#include <string>
#include <vector>

#include "storage/records.h"

namespace aduan::storage {

// Code lists (maladministration) are stored as JSON arrays of strings.
std::string JoinCodes(const std::vector<std::string>& codes);
std::vector<std::string> SplitCodes(const std::string& text);

// Statuses and kinds are stored as their names. A name this build does not know (a row written
// by a newer version, or edited by hand) is a StoreError, never a silent default.
core::TicketStatus TicketStatusFromColumn(const std::string& text);
core::OutboxKind OutboxKindFromColumn(const std::string& text);
core::EventKind EventKindFromColumn(const std::string& text);
core::Actor ActorFromColumn(const std::string& text);
inline std::string Column(core::TicketStatus status) { return std::string(core::Name(status)); }
inline std::string Column(core::OutboxKind kind) { return std::string(core::Name(kind)); }
inline std::string Column(core::EventKind kind) { return std::string(core::Name(kind)); }
inline std::string Column(const core::Actor& actor) { return actor.Name(); }

// Selected FROM tickets (unaliased: the last column counts the tickets linked to this one).
// The `<> ''` in the count lets SQLite and PostgreSQL use the partial index tickets_linked_to;
// without it every ticket read scanned the whole table.
#define ADUAN_TICKET_STORED_COLUMNS                                                              \
  "id, status, agency, agency_score, maladministration, urgent, classification, text, channel, " \
  "reporter_sender, reporter_name, confidential, created_at, updated_at, version, "              \
  "routed_at, first_response_at, last_response_at, overdue_since, escalation_level, "            \
  "reply_address, reporter_contact, relayed_by, content_private, consent, linked_to, details, "  \
  "topic, "
inline constexpr const char* kTicketColumns = ADUAN_TICKET_STORED_COLUMNS
    "(SELECT COUNT(*) FROM tickets AS l WHERE l.linked_to = tickets.id AND l.linked_to <> '')";
// The same columns with linked_count left at 0, for reads that never show it (FindTickets):
// the count is one more lookup per row, and linking reads 50 rows per inbound complaint.
inline constexpr const char* kTicketColumnsUncounted = ADUAN_TICKET_STORED_COLUMNS "0";
#undef ADUAN_TICKET_STORED_COLUMNS
// What linking compares (TicketQuery::link_fields_only).
// A full row carries the classification's evidence and a dozen more strings: decoding 50 of
// them for every inbound complaint was a third of the gateway's CPU under load.
inline constexpr const char* kTicketLinkColumns =
    "id, status, agency, channel, reporter_sender, linked_to, text, details, created_at";

inline constexpr const char* kEventColumns =
    "id, at, actor, kind, from_status, to_status, public_note, internal_note";

inline constexpr const char* kMediaColumns =
    "id, COALESCE(ticket_id, ''), message_id, channel, reference, kind, filename, status, "
    "content_type, bytes, sha256, attempts, next_attempt_at, last_error, created_at, updated_at";
inline constexpr const char* kOutboxColumns =
    "id, COALESCE(ticket_id, ''), channel, recipient, kind, body, details, status, attempts, "
    "next_attempt_at, COALESCE(provider_message_id, ''), delivery_status, last_error, "
    "created_at, updated_at";

inline constexpr const char* kApiKeyColumns = "id, key_hash, agency, created_at, revoked_at";

inline constexpr const char* kUserColumns =
    "username, name, agency, role, password_hash, active, created_at";

inline constexpr const char* kCadreColumns =
    "id, channel, sender, name, area, active, created_at, updated_at";

inline constexpr const char* kQueueEntryColumns =
    "ticket_id, agency, urgent, enqueued_at, lease_count, COALESCE(lease_expires_at, 0)";

template <class Row>
TicketRecord TicketFromRow(const Row& r) {
  TicketRecord t;
  t.id = r.Text(0);
  t.status = TicketStatusFromColumn(r.Text(1));
  t.agency = r.Text(2);
  t.agency_score = r.Double(3);
  t.maladministration = SplitCodes(r.Text(4));
  t.urgent = r.Bool(5);
  t.classification_json = r.Text(6);
  t.text = r.Text(7);
  t.channel = r.Text(8);
  t.reporter_sender = r.Text(9);
  t.reporter_name = r.Text(10);
  t.confidential = r.Bool(11);
  t.created_at_ms = r.Int64(12);
  t.updated_at_ms = r.Int64(13);
  t.version = r.Int64(14);
  t.routed_at_ms = r.Int64(15);
  t.first_response_at_ms = r.Int64(16);
  t.last_response_at_ms = r.Int64(17);
  t.overdue_since_ms = r.Int64(18);
  t.escalation_level = static_cast<int>(r.Int64(19));
  t.reply_address = r.Text(20);
  t.reporter_contact = r.Text(21);
  t.relayed_by = r.Text(22);
  t.content_private = r.Bool(23);
  t.consent = r.Text(24);
  t.linked_to = r.Text(25);
  t.details_json = r.Text(26);
  t.topic = r.Text(27);
  t.linked_count = static_cast<int>(r.Int64(28));
  return t;
}

template <class Row>
TicketRecord TicketLinkFieldsFromRow(const Row& r) {
  TicketRecord t;
  t.id = r.Text(0);
  t.status = TicketStatusFromColumn(r.Text(1));
  t.agency = r.Text(2);
  t.channel = r.Text(3);
  t.reporter_sender = r.Text(4);
  t.linked_to = r.Text(5);
  t.text = r.Text(6);
  t.details_json = r.Text(7);
  t.created_at_ms = r.Int64(8);
  return t;
}

// Which of a ticket's fields a read fills: each has its column list and its row mapping.
enum class TicketFields { kAll, kAllButLinkedCount, kLinking };

// What FindTickets reads for `query`: linking's few columns, or everything but the count.
inline TicketFields FieldsFor(const TicketQuery& query) {
  return query.link_fields_only ? TicketFields::kLinking : TicketFields::kAllButLinkedCount;
}

inline const char* TicketColumnsFor(TicketFields fields) {
  switch (fields) {
    case TicketFields::kAll:
      return kTicketColumns;
    case TicketFields::kAllButLinkedCount:
      return kTicketColumnsUncounted;
    case TicketFields::kLinking:
      return kTicketLinkColumns;
  }
  return kTicketColumns;
}

// A row selected with TicketColumnsFor(fields).
template <class Row>
TicketRecord TicketFromRow(const Row& r, TicketFields fields) {
  return fields == TicketFields::kLinking ? TicketLinkFieldsFromRow(r) : TicketFromRow(r);
}

template <class Row>
EventRecord EventFromRow(const Row& r) {
  EventRecord e;
  e.id = r.Int64(0);
  e.at_ms = r.Int64(1);
  e.actor = ActorFromColumn(r.Text(2));
  e.kind = EventKindFromColumn(r.Text(3));
  e.from_status = r.Text(4);
  e.to_status = r.Text(5);
  e.public_note = r.Text(6);
  e.internal_note = r.Text(7);
  return e;
}

template <class Row>
OutboxRow OutboxFromRow(const Row& r) {
  OutboxRow o;
  o.id = r.Int64(0);
  o.ticket_id = r.Text(1);
  o.channel = r.Text(2);
  o.recipient = r.Text(3);
  o.kind = OutboxKindFromColumn(r.Text(4));
  o.body = r.Text(5);
  o.details_json = r.Text(6);
  o.status = r.Text(7);
  o.attempts = static_cast<int>(r.Int64(8));
  o.next_attempt_at_ms = r.Int64(9);
  o.provider_message_id = r.Text(10);
  o.delivery_status = r.Text(11);
  o.last_error = r.Text(12);
  o.created_at_ms = r.Int64(13);
  o.updated_at_ms = r.Int64(14);
  return o;
}

template <class Row>
MediaRecord MediaFromRow(const Row& r) {
  MediaRecord m;
  m.id = r.Int64(0);
  m.ticket_id = r.Text(1);
  m.message_id = r.Text(2);
  m.channel = r.Text(3);
  m.reference = r.Text(4);
  m.kind = r.Text(5);
  m.filename = r.Text(6);
  m.status = r.Text(7);
  m.content_type = r.Text(8);
  m.bytes = r.Int64(9);
  m.sha256 = r.Text(10);
  m.attempts = static_cast<int>(r.Int64(11));
  m.next_attempt_at_ms = r.Int64(12);
  m.last_error = r.Text(13);
  m.created_at_ms = r.Int64(14);
  m.updated_at_ms = r.Int64(15);
  return m;
}

template <class Row>
ApiKeyRecord ApiKeyFromRow(const Row& r) {
  ApiKeyRecord k;
  k.id = r.Text(0);
  k.key_hash = r.Text(1);
  k.agency = r.Text(2);
  k.created_at_ms = r.Int64(3);
  if (!r.IsNull(4)) k.revoked_at_ms = r.Int64(4);
  return k;
}

template <class Row>
UserRecord UserFromRow(const Row& r) {
  UserRecord u;
  u.username = r.Text(0);
  u.name = r.Text(1);
  u.agency = r.Text(2);
  u.role = r.Text(3);
  u.password_hash = r.Text(4);
  u.active = r.Bool(5);
  u.created_at_ms = r.Int64(6);
  return u;
}

template <class Row>
QueueEntryRecord QueueEntryFromRow(const Row& r) {
  QueueEntryRecord e;
  e.ticket_id = r.Text(0);
  e.agency = r.Text(1);
  e.urgent = r.Bool(2);
  e.enqueued_at_ms = r.Int64(3);
  e.lease_count = static_cast<int>(r.Int64(4));
  e.lease_expires_at_ms = r.Int64(5);
  return e;
}

template <class Row>
CadreRecord CadreFromRow(const Row& r) {
  CadreRecord c;
  c.id = r.Text(0);
  c.channel = r.Text(1);
  c.sender = r.Text(2);
  c.name = r.Text(3);
  c.area = r.Text(4);
  c.active = r.Bool(5);
  c.created_at_ms = r.Int64(6);
  c.updated_at_ms = r.Int64(7);
  return c;
}

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_RECORD_ROWS_H_
