// PostgreSQL's numbered migrations: the same numbers and meaning as SQLite's
// (storage/sqlite/sqlite_migrations.cc), in PostgreSQL's types: BIGINT for Unix milliseconds
// and identity keys, BOOLEAN for flags, DOUBLE PRECISION for scores.
#include "storage/migrations.h"

namespace aduan::storage {

const std::vector<Migration>& PgMigrations() {
  static const std::vector<Migration> kMigrations = {
      {1, R"sql(
CREATE TABLE messages (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  channel TEXT NOT NULL,
  provider_message_id TEXT NOT NULL,
  sender TEXT NOT NULL,
  display_name TEXT NOT NULL DEFAULT '',
  text TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  ticket_id TEXT,
  reply TEXT NOT NULL DEFAULT '',
  received_at BIGINT NOT NULL,
  UNIQUE (channel, provider_message_id)
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  status TEXT NOT NULL,
  agency TEXT NOT NULL,
  agency_score DOUBLE PRECISION NOT NULL DEFAULT 0,
  maladministration TEXT NOT NULL DEFAULT '[]',
  urgent BOOLEAN NOT NULL DEFAULT false,
  classification TEXT NOT NULL DEFAULT '{}',
  text TEXT NOT NULL,
  channel TEXT NOT NULL,
  reporter_sender TEXT NOT NULL,
  reporter_name TEXT NOT NULL DEFAULT '',
  confidential BOOLEAN NOT NULL DEFAULT false,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX tickets_agency_created ON tickets(agency, created_at);

CREATE TABLE ticket_events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  at BIGINT NOT NULL,
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
  urgent BOOLEAN NOT NULL DEFAULT false,
  enqueued_at BIGINT NOT NULL,
  lease_id TEXT,
  lease_expires_at BIGINT,
  lease_count INTEGER NOT NULL DEFAULT 0,
  acked_at BIGINT
);
CREATE INDEX queue_waiting ON queue(agency, acked_at, urgent DESC, enqueued_at);

CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id TEXT,
  channel TEXT NOT NULL,
  recipient TEXT NOT NULL,
  kind TEXT NOT NULL,
  body TEXT NOT NULL,
  details TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL DEFAULT 'pending',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL,
  claimed_until BIGINT,
  provider_message_id TEXT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, next_attempt_at);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  key_hash TEXT NOT NULL UNIQUE,
  agency TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  revoked_at BIGINT
);
)sql"},
      // Delivery reports find their row by the id the provider gave our message.
      {2, R"sql(
ALTER TABLE outbox ADD COLUMN delivery_status TEXT NOT NULL DEFAULT '';
CREATE INDEX outbox_provider_id ON outbox(channel, provider_message_id);
)sql"},
      // Conversation state per (channel, sender), the cadre registry, and what a
      // ticket needs for privacy, relays, consent and linking.
      {3, R"sql(
ALTER TABLE tickets ADD COLUMN reply_address TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN reporter_contact TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN relayed_by TEXT NOT NULL DEFAULT '';
ALTER TABLE tickets ADD COLUMN content_private BOOLEAN NOT NULL DEFAULT false;
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
  version BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (channel, sender)
);

CREATE TABLE cadres (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  sender TEXT NOT NULL,
  name TEXT NOT NULL,
  area TEXT NOT NULL DEFAULT '',
  active BOOLEAN NOT NULL DEFAULT true,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (channel, sender)
);
)sql"},
      // Service-level marks on tickets, shared by every instance; lists by status and
      // by overdue.
      {4, R"sql(
ALTER TABLE tickets ADD COLUMN routed_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN first_response_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN last_response_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE tickets ADD COLUMN overdue_since BIGINT NOT NULL DEFAULT 0;
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
ALTER TABLE outbox ADD COLUMN delivery_status_at BIGINT NOT NULL DEFAULT 0;
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
  active BOOLEAN NOT NULL DEFAULT true,
  created_at BIGINT NOT NULL
);
)sql"},
      // Single-use provider tokens (Mailgun's), kept with the messages they signed so that a
      // replay is refused by every instance and after a restart.
      {8, R"sql(
CREATE TABLE replay_tokens (
  channel TEXT NOT NULL,
  token TEXT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (channel, token)
);
CREATE INDEX replay_tokens_expiry ON replay_tokens(expires_at);
)sql"},
      // Readiness: /readyz writes one row per gateway instance through the normal write path,
      // so "ready" means a write just committed, not only that the database answers.
      {9, R"sql(
CREATE TABLE health_probe (
  instance TEXT PRIMARY KEY,
  probed_at BIGINT NOT NULL
);
)sql"},
      // Evidence: one row per attachment a resident sent, written with the message so its
      // fetch is never lost; media workers of every instance claim pending rows with SKIP
      // LOCKED. The bytes live in media_blobs, keyed by sha256, so every instance serves them.
      {10, R"sql(
CREATE TABLE media (
  id BIGSERIAL PRIMARY KEY,
  ticket_id TEXT,
  message_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  reference TEXT NOT NULL DEFAULT '',
  kind TEXT NOT NULL DEFAULT '',
  filename TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL,
  content_type TEXT NOT NULL DEFAULT '',
  bytes BIGINT NOT NULL DEFAULT 0,
  sha256 TEXT NOT NULL DEFAULT '',
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at BIGINT NOT NULL DEFAULT 0,
  claimed_until BIGINT,
  last_error TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX media_ticket ON media(ticket_id, id);
CREATE INDEX media_due ON media(status, next_attempt_at);
CREATE TABLE media_blobs (
  sha256 TEXT PRIMARY KEY,
  data BYTEA NOT NULL
);
)sql"},
      // Exactly once from the intake journal: each journal record whose message was stored,
      // written in that message's transaction. Every instance has its own journal id, so
      // instances never meet on a key. Rows go once the journal's checkpoint passes them.
      {11, R"sql(
CREATE TABLE applied_journal_records (
  journal_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  ticket_id TEXT NOT NULL DEFAULT '',
  reply TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (journal_id, seq)
);
)sql"},
      // The agency index as SQLite's migration 12 names it, with the id that breaks ties in
      // linking's and the lists' order. SQLite's also carries linking's columns; a PostgreSQL
      // B-tree entry is limited to about 2.7 kB and a complaint text may be longer, so here it
      // keeps the keys only.
      {12, R"sql(
CREATE INDEX tickets_agency_link ON tickets(agency, created_at, id);
DROP INDEX tickets_agency_created;
)sql"},
  };
  return kMigrations;
}

}  // namespace aduan::storage
