// Media rows and blobs on SQLite: claims and fetch results like the outbox's, and the bytes in
// the content-addressed directory beside the database file.
#include "storage/sqlite/sqlite_store_internal.h"

namespace aduan::storage {
namespace {

// A photo's GPS is the ticket's location hint only while it has no better one.
void ApplyPhotoLocation(StatementCache& writes, const std::string& ticket_id,
                        const std::string& location_json) {
  if (ticket_id.empty() || location_json.empty()) return;
  SQLite::Statement& u = writes.Get(
      "UPDATE tickets SET details = json_set(details, '$.photo_location', json(?1)) "
      "WHERE id = ?2 AND json_valid(details) AND json_type(details, '$.location') IS NULL "
      "AND json_type(details, '$.photo_location') IS NULL");
  u.bind(1, location_json);
  u.bind(2, ticket_id);
  u.exec();
}

}  // namespace

void InsertMedia(StatementCache& writes, const std::string& ticket_id, const MessageRecord& m,
                 const std::vector<MediaDraft>& media) {
  for (const MediaDraft& d : media) {
    SQLite::Statement& q = writes.Get(
        "INSERT INTO media(ticket_id, message_id, channel, reference, kind, filename, status, "
        "content_type, bytes, sha256, last_error, next_attempt_at, created_at, updated_at) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12, ?12)");
    if (ticket_id.empty()) {
      q.bind(1);
    } else {
      q.bind(1, ticket_id);
    }
    q.bind(2, m.provider_message_id);
    q.bind(3, m.channel);
    q.bind(4, d.reference);
    q.bind(5, d.kind);
    q.bind(6, d.filename);
    q.bind(7, d.status);
    q.bind(8, d.content_type);
    q.bind(9, d.bytes);
    q.bind(10, d.sha256);
    q.bind(11, d.last_error);
    q.bind(12, m.received_at_ms);
    q.exec();
    ApplyPhotoLocation(writes, ticket_id, d.photo_location_json);
  }
}

std::vector<MediaRecord> SqliteStore::ClaimMedia(int max, int64_t now_ms, int64_t claim_ms) {
  return Translated([&] {
    return impl_->committer->Call([&] {
      SQLite::Statement& q =
          impl_->writes.Get(std::string("SELECT ") + kMediaColumns +
                            " FROM media WHERE status = 'pending' AND next_attempt_at <= ? "
                            "AND (claimed_until IS NULL OR claimed_until <= ?) "
                            "ORDER BY next_attempt_at, id LIMIT ?");
      q.bind(1, now_ms);
      q.bind(2, now_ms);
      q.bind(3, max);
      std::vector<MediaRecord> rows;
      while (q.executeStep()) rows.push_back(MediaFromRow(SqliteRow{q}));
      SQLite::Statement& claim =
          impl_->writes.Get("UPDATE media SET claimed_until = ? WHERE id = ?");
      for (const auto& r : rows) {
        claim.reset();
        claim.bind(1, now_ms + claim_ms);
        claim.bind(2, r.id);
        claim.exec();
      }
      return rows;
    });
  });
}

void SqliteStore::FinishMedia(int64_t id, const MediaAttempt& a, int64_t now_ms) {
  Translated([&] {
    impl_->committer->Run([&] {
      const char* status = a.result == MediaAttempt::Result::kStored        ? "stored"
                           : a.result == MediaAttempt::Result::kUnavailable ? "unavailable"
                                                                            : "pending";
      SQLite::Statement& u = impl_->writes.Get(
          "UPDATE media SET status = ?1, attempts = attempts + 1, claimed_until = NULL, "
          "next_attempt_at = ?2, last_error = ?3, "
          "content_type = CASE WHEN ?1 = 'stored' THEN ?4 ELSE content_type END, "
          "bytes = CASE WHEN ?1 = 'stored' THEN ?5 ELSE bytes END, "
          "sha256 = CASE WHEN ?1 = 'stored' THEN ?6 ELSE sha256 END, "
          "updated_at = ?7 WHERE id = ?8 AND status = 'pending'");
      u.bind(1, status);
      u.bind(2, a.result == MediaAttempt::Result::kRetry ? a.next_attempt_at_ms : now_ms);
      u.bind(3, a.error);
      u.bind(4, a.content_type);
      u.bind(5, a.bytes);
      u.bind(6, a.sha256);
      u.bind(7, now_ms);
      u.bind(8, id);
      if (u.exec() > 0 && a.result == MediaAttempt::Result::kStored) {
        SQLite::Statement& t =
            impl_->writes.Get("SELECT COALESCE(ticket_id, '') FROM media WHERE id = ?");
        t.bind(1, id);
        std::string ticket = t.executeStep() ? t.getColumn(0).getString() : std::string();
        t.reset();
        ApplyPhotoLocation(impl_->writes, ticket, a.photo_location_json);
      }
    });
    return 0;
  });
}

std::vector<MediaRecord> SqliteStore::ListMedia(const MediaQuery& query) {
  return Translated([&] {
    Impl::Reader r(impl_.get());
    const bool by_ticket = query.status.empty();
    SQLite::Statement& q =
        r.Get(std::string("SELECT ") + kMediaColumns +
              (by_ticket ? " FROM media WHERE ticket_id = ? ORDER BY id LIMIT ?"
                         : " FROM media WHERE status = ? ORDER BY id DESC LIMIT ?"));
    q.bind(1, by_ticket ? query.ticket_id : query.status);
    q.bind(2, query.limit);
    std::vector<MediaRecord> rows;
    while (q.executeStep()) rows.push_back(MediaFromRow(SqliteRow{q}));
    return rows;
  });
}

std::optional<MediaRecord> SqliteStore::GetMedia(int64_t id) {
  return Translated([&]() -> std::optional<MediaRecord> {
    Impl::Reader r(impl_.get());
    SQLite::Statement& q =
        r.Get(std::string("SELECT ") + kMediaColumns + " FROM media WHERE id = ?");
    q.bind(1, id);
    if (!q.executeStep()) return std::nullopt;
    return MediaFromRow(SqliteRow{q});
  });
}

namespace {

media::FileBlobStore& BlobsOf(std::once_flag& once, std::unique_ptr<media::FileBlobStore>& blobs,
                              const std::string& path) {
  std::call_once(once, [&] {
    blobs = std::make_unique<media::FileBlobStore>(media::FileBlobStore::RootBeside(path));
  });
  return *blobs;
}

}  // namespace

std::string SqliteStore::PutBlob(const std::string& bytes) {
  try {
    return BlobsOf(impl_->blobs_once, impl_->blobs, impl_->path).Put(bytes);
  } catch (const std::exception& e) {
    throw StoreError(std::string("storing a file: ") + e.what());
  }
}

std::optional<std::string> SqliteStore::GetBlob(const std::string& sha256) {
  try {
    return BlobsOf(impl_->blobs_once, impl_->blobs, impl_->path).Get(sha256);
  } catch (const std::exception& e) {
    throw StoreError(std::string("reading a file: ") + e.what());
  }
}

}  // namespace aduan::storage
