#include "storage/migrations.h"

namespace aduan::storage {

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, R"sql(
CREATE TABLE messages (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  provider_message_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  ticket_id TEXT,
  reply TEXT NOT NULL DEFAULT '',
  received_at INTEGER NOT NULL,
  UNIQUE (channel, provider_message_id)
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  agency TEXT NOT NULL,
  agency_score REAL NOT NULL DEFAULT 0,
  maladministration TEXT NOT NULL DEFAULT '[]',
  urgent INTEGER NOT NULL DEFAULT 0,
  classification TEXT NOT NULL DEFAULT '{}',
  text TEXT NOT NULL,
  channel TEXT NOT NULL,
  reporter_sender TEXT NOT NULL,
  reporter_name TEXT NOT NULL DEFAULT '',
  confidential INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX tickets_agency_created ON tickets(agency, created_at);

CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  kind TEXT NOT NULL,
  from_status TEXT NOT NULL DEFAULT '',
  to_status TEXT NOT NULL DEFAULT '',
  public_note TEXT NOT NULL DEFAULT '',
  internal_note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX ticket_events_ticket ON ticket_events(ticket_id, id);

CREATE TABLE queue (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
  agency TEXT NOT NULL,
  urgent INTEGER NOT NULL DEFAULT 0,
  enqueued_at INTEGER NOT NULL,
  lease_id TEXT,
  lease_expires_at INTEGER,
  lease_count INTEGER NOT NULL DEFAULT 0,
  acked_at INTEGER
);
CREATE INDEX queue_waiting ON queue(agency, acked_at, urgent DESC, enqueued_at);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  ticket_id TEXT,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_until INTEGER,
  provider_message_id TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  agency TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
)sql"},
      // Delivery reports (WhatsApp statuses[], Twilio callbacks) find their row by the id the
      // provider gave our message.
      {2, R"sql(
ALTER TABLE outbox ADD COLUMN delivery_status TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_provider_id ON outbox(channel, provider_message_id);
)sql"},
      // Conversations and cadres: conversation state per (channel, sender), the cadre
      // registry, and what a ticket needs for privacy, relays, consent and linking.
      {3, R"sql(
ALTER TABLE tickets ADD COLUMN reply_address TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN reporter_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN relayed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN content_private INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN consent TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN linked_to TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN details TEXT NOT NULL DEFAULT '{}';
CREATE INDEX tickets_linked_to ON tickets(linked_to) WHERE linked_to <> '';
CREATE INDEX tickets_relayed_by ON tickets(relayed_by, created_at) WHERE relayed_by <> '';
CREATE INDEX tickets_reporter ON tickets(channel, reporter_sender, created_at);
CREATE INDEX messages_sender ON messages(channel, sender, received_at);

CREATE TABLE conversations (
  channel TEXT NOT NULL,
  sender TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT '{}',
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (channel, sender)
);

CREATE TABLE cadres (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  sender TEXT NOT NULL,
  name TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (channel, sender)
);
)sql"},
      // Service-level marks on tickets, so every gateway instance sharing the file
      // sees the same deadlines and escalations; lists by status and by overdue.
      {4, R"sql(
ALTER TABLE tickets ADD COLUMN routed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN first_response_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN last_response_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN overdue_since INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN escalation_level INTEGER NOT NULL DEFAULT 0;
CREATE INDEX tickets_status_created ON tickets(status, created_at);
CREATE INDEX tickets_created ON tickets(created_at, id);
)sql"},
      // The service topic the classifier chose, beside the agency the city profile gave it.
      {5, R"sql(
ALTER TABLE tickets ADD COLUMN topic TEXT NOT NULL DEFAULT '';
)sql"},
      // Delivery reports arrive out of order; the time of the one applied decides whether a
      // later success may replace a failure (storage/delivery_order.h).
      {6, R"sql(
ALTER TABLE outbox ADD COLUMN delivery_status_at INTEGER NOT NULL DEFAULT 0;
)sql"},
      // People of the web inbox: clerks of an agency and the city's operators, each signing in
      // with a password whose Argon2id hash is all that is kept.
      {7, R"sql(
CREATE TABLE users (
  username TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  agency TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
)sql"},
      // Single-use provider tokens (Mailgun's), kept with the messages they signed so that a
      // replay is refused by every instance and after a restart.
      {8, R"sql(
CREATE TABLE replay_tokens (
  channel TEXT NOT NULL,
  token TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  PRIMARY KEY (channel, token)
);
CREATE INDEX replay_tokens_expiry ON replay_tokens(expires_at);
)sql"},
      // Readiness: /readyz writes one row per gateway instance through the normal write path,
      // so "ready" means a write just committed, not only that the database answers.
      {9, R"sql(
CREATE TABLE health_probe (
  instance TEXT PRIMARY KEY,
  probed_at INTEGER NOT NULL
);
)sql"},
      // Evidence: one row per attachment a resident sent, written with the message so its
      // fetch is never lost; the media worker claims pending rows as the dispatcher claims
      // outbox rows. The bytes live in the blob store (a directory beside this file), keyed by
      // sha256.
      {10, R"sql(
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  ticket_id TEXT,
  message_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  content_type TEXT NOT NULL DEFAULT '',
  bytes INTEGER NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL DEFAULT 0,
  claimed_until INTEGER,
  last_error TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX media_ticket ON media(ticket_id, id);
CREATE INDEX media_due ON media(status, next_attempt_at);
)sql"},
      // Exactly once from the intake journal: each journal record whose message was stored,
      // written in that message's transaction, so a record replayed after a crash before the
      // journal's checkpoint is recognised whether or not its message has a provider id.
      // Rows go once the checkpoint passes them.
      {11, R"sql(
CREATE TABLE applied_journal_records (
  journal_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  ticket_id TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (journal_id, seq)
) WITHOUT ROWID;
)sql"},
      // Linking reads an agency's 50 newest tickets for every new complaint. Those rows are
      // the newest in the file, so they sit in the WAL, which a reader copies page by page
      // after every commit; with the classification's explanation a row is ~1.6 KiB, two to a
      // page. This index holds exactly linking's columns in linking's order, ~10 rows to a
      // page, and the query never touches the table. It also serves the agency's list, so it
      // replaces tickets_agency_created.
      {12, R"sql(
CREATE INDEX tickets_agency_link
  ON tickets(agency, created_at, id, status, channel, reporter_sender, linked_to, text, details);
DROP INDEX tickets_agency_created;
)sql"},
  };
  return kMigrations;
}

}  // namespace aduan::storage
