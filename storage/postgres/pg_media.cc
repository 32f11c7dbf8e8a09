// Media rows and blobs on PostgreSQL. Workers of several instances claim from one table with
// FOR UPDATE SKIP LOCKED, as dispatchers claim the outbox. The bytes are kept in media_blobs
// (sent and read as hex text: the connection speaks text parameters only) so that every
// instance serves every file.
#include <algorithm>

#include "core/crypto.h"
#include "storage/postgres/pg_store_internal.h"

namespace aduan::storage {
namespace {

// A photo's GPS is the ticket's location hint only while it has no better one.
void ApplyPhotoLocation(PgConnection& conn, const std::string& ticket_id,
                        const std::string& location_json) {
  if (ticket_id.empty() || location_json.empty()) return;
  conn.Exec(
      "UPDATE tickets SET details = jsonb_set(details::jsonb, '{photo_location}', $1::jsonb)::text "
      "WHERE id = $2 AND NOT (details::jsonb ? 'location') "
      "AND NOT (details::jsonb ? 'photo_location')",
      {location_json, ticket_id});
}

}  // namespace

void InsertMedia(PgConnection& conn, const std::string& ticket_id, const MessageRecord& m,
                 const std::vector<MediaDraft>& media) {
  for (const MediaDraft& d : media) {
    conn.Exec(
        "INSERT INTO media(ticket_id, message_id, channel, reference, kind, filename, status, "
        "content_type, bytes, sha256, last_error, next_attempt_at, created_at, updated_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, $12)",
        {PgParam::NullIfEmpty(ticket_id), m.provider_message_id, m.channel, d.reference, d.kind,
         d.filename, d.status, d.content_type, d.bytes, d.sha256, d.last_error, m.received_at_ms});
    ApplyPhotoLocation(conn, ticket_id, d.photo_location_json);
  }
}

std::vector<MediaRecord> PgStore::ClaimMedia(int max, int64_t now_ms, int64_t claim_ms) {
  return impl_->Write([&](PgConnection& conn) {
    PgResult q = conn.Exec(
        std::string("UPDATE media SET claimed_until = $2 WHERE id IN ("
                    "SELECT id FROM media WHERE status = 'pending' AND next_attempt_at <= $1 "
                    "AND (claimed_until IS NULL OR claimed_until <= $1) "
                    "ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) RETURNING ") +
            kMediaColumns,
        {now_ms, now_ms + claim_ms, max});
    std::vector<MediaRecord> rows;
    for (int i = 0; i < q.rows(); ++i) rows.push_back(MediaFromRow(PgRow{q, i}));
    std::sort(rows.begin(), rows.end(), [](const MediaRecord& a, const MediaRecord& b) {
      return std::tie(a.next_attempt_at_ms, a.id) < std::tie(b.next_attempt_at_ms, b.id);
    });
    return rows;
  });
}

void PgStore::FinishMedia(int64_t id, const MediaAttempt& a, int64_t now_ms) {
  impl_->Write([&](PgConnection& conn) {
    const char* status = a.result == MediaAttempt::Result::kStored        ? "stored"
                         : a.result == MediaAttempt::Result::kUnavailable ? "unavailable"
                                                                          : "pending";
    PgResult done = conn.Exec(
        "UPDATE media SET status = $1::text, attempts = attempts + 1, claimed_until = NULL, "
        "next_attempt_at = $2, last_error = $3, "
        "content_type = CASE WHEN $1::text = 'stored' THEN $4 ELSE content_type END, "
        "bytes = CASE WHEN $1::text = 'stored' THEN $5::bigint ELSE bytes END, "
        "sha256 = CASE WHEN $1::text = 'stored' THEN $6 ELSE sha256 END, "
        "updated_at = $7 WHERE id = $8 AND status = 'pending' RETURNING COALESCE(ticket_id, '')",
        {status, a.result == MediaAttempt::Result::kRetry ? a.next_attempt_at_ms : now_ms, a.error,
         a.content_type, a.bytes, a.sha256, now_ms, id});
    if (done.rows() > 0 && a.result == MediaAttempt::Result::kStored) {
      ApplyPhotoLocation(conn, done.Text(0, 0), a.photo_location_json);
    }
  });
}

std::vector<MediaRecord> PgStore::ListMedia(const MediaQuery& query) {
  auto conn = impl_->readers->Borrow();
  const bool by_ticket = query.status.empty();
  PgResult q =
      conn->Exec(std::string("SELECT ") + kMediaColumns +
                     (by_ticket ? " FROM media WHERE ticket_id = $1 ORDER BY id LIMIT $2"
                                : " FROM media WHERE status = $1 ORDER BY id DESC LIMIT $2"),
                 {by_ticket ? query.ticket_id : query.status, query.limit});
  std::vector<MediaRecord> rows;
  for (int i = 0; i < q.rows(); ++i) rows.push_back(MediaFromRow(PgRow{q, i}));
  return rows;
}

std::optional<MediaRecord> PgStore::GetMedia(int64_t id) {
  auto conn = impl_->readers->Borrow();
  PgResult q =
      conn->Exec(std::string("SELECT ") + kMediaColumns + " FROM media WHERE id = $1", {id});
  if (q.rows() == 0) return std::nullopt;
  return MediaFromRow(PgRow{q, 0});
}

std::string PgStore::PutBlob(const std::string& bytes) {
  std::string sha = core::Sha256Hex(bytes);
  impl_->Write([&](PgConnection& conn) {
    conn.Exec(
        "INSERT INTO media_blobs(sha256, data) VALUES ($1, decode($2, 'hex')) "
        "ON CONFLICT (sha256) DO NOTHING",
        {sha, core::HexEncode(bytes)});
  });
  return sha;
}

std::optional<std::string> PgStore::GetBlob(const std::string& sha256) {
  auto conn = impl_->readers->Borrow();
  PgResult q =
      conn->Exec("SELECT encode(data, 'hex') FROM media_blobs WHERE sha256 = $1", {sha256});
  if (q.rows() == 0) return std::nullopt;
  auto bytes = core::HexDecode(q.Text(0, 0));
  // A row that no longer hashes to its key is damaged: not served, as on disk.
  if (!bytes || core::Sha256Hex(*bytes) != sha256) return std::nullopt;
  return bytes;
}

}  // namespace aduan::storage
