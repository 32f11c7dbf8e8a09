// A thin RAII layer over libpq for the PostgreSQL backend: one owned connection, owned results,
// parameterised `$n` queries prepared once per connection, and errors as StoreError.
//
// Ownership: PgConnection owns its PGconn, PgResult its PGresult; both close/free on
// destruction and are movable, not copyable.
// Thread safety: none. A connection is used by one thread at a time (the committer thread owns
// the writer; readers borrow one from PgPool for a call).
// Errors: every failure throws PgError (a StoreError) whose message names the problem and the
// server's SQLSTATE, never the password of the URL.
// Deadlines: connecting and every statement are bounded (PgTimeouts). A server that stops
// answering (frozen, overloaded, a network that drops packets) costs a caller at most the
// deadline: the call throws PgError and the connection is closed, since its protocol state is
// unknown (broken() is then true and the pool or the committer opens a fresh one). A COMMIT
// that times out may or may not have committed; callers already treat any error as "not
// acknowledged", and a provider's retry is recognised by its message id.
#ifndef ADUAN_STORAGE_POSTGRES_PG_CONNECTION_H_
#define ADUAN_STORAGE_POSTGRES_PG_CONNECTION_H_

#include <libpq-fe.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "storage/store.h"

namespace aduan::storage {

// SQLSTATEs the backend reacts to.
inline constexpr std::string_view kUniqueViolation = "23505";
inline constexpr std::string_view kDeadlockDetected = "40P01";

class PgError : public StoreError {
 public:
  PgError(const std::string& message, std::string sqlstate, std::string constraint)
      : StoreError(message), sqlstate_(std::move(sqlstate)), constraint_(std::move(constraint)) {}
  const std::string& sqlstate() const { return sqlstate_; }      // "" when not from the server
  const std::string& constraint() const { return constraint_; }  // the violated constraint, or ""

 private:
  std::string sqlstate_;
  std::string constraint_;
};

// Client-side limits, in milliseconds; 0 means none. The server is also asked to cancel a
// statement running longer than `statement_ms` (its statement_timeout), so a query that is
// merely slow ends cleanly there and the connection stays usable.
struct PgTimeouts {
  int connect_ms = 2000;
  int statement_ms = 3000;
};

// One text-format parameter; nullopt is SQL NULL.
struct PgParam {
  std::optional<std::string> text;
  PgParam(std::nullopt_t) {}  // NOLINT: implicit on purpose, params are written inline
  PgParam(std::string s) : text(std::move(s)) {}    // NOLINT
  PgParam(const char* s) : text(std::string(s)) {}  // NOLINT
  PgParam(int64_t v) : text(std::to_string(v)) {}   // NOLINT
  PgParam(int v) : text(std::to_string(v)) {}       // NOLINT
  PgParam(bool v) : text(v ? "true" : "false") {}   // NOLINT
  PgParam(double v);                                // NOLINT
  // "" becomes NULL: columns that are NULL rather than empty when unset (ticket_id).
  static PgParam NullIfEmpty(const std::string& s);
  // A text[] literal of `items`, for `= ANY($n::text[])`: one statement for any list length.
  static PgParam TextArray(const std::vector<std::string>& items);
};

class PgResult {
 public:
  explicit PgResult(PGresult* res) : res_(res) {}
  ~PgResult();
  PgResult(PgResult&& other) noexcept : res_(other.res_) { other.res_ = nullptr; }
  PgResult& operator=(PgResult&& other) noexcept;
  PgResult(const PgResult&) = delete;
  PgResult& operator=(const PgResult&) = delete;

  int rows() const;
  int columns() const;
  int64_t affected() const;     // rows an INSERT/UPDATE/DELETE touched
  std::string command() const;  // the command tag: "COMMIT", "ROLLBACK", "INSERT 0 1", ...
  std::string Text(int row, int col) const;
  int64_t Int64(int row, int col) const;
  double Double(int row, int col) const;
  bool Bool(int row, int col) const;
  bool IsNull(int row, int col) const;

 private:
  PGresult* res_;
};

// One row of a result, for the shared mappings in storage/record_rows.h.
struct PgRow {
  const PgResult& r;
  int row;
  std::string Text(int c) const { return r.Text(row, c); }
  int64_t Int64(int c) const { return r.Int64(row, c); }
  double Double(int c) const { return r.Double(row, c); }
  bool Bool(int c) const { return r.Bool(row, c); }
  bool IsNull(int c) const { return r.IsNull(row, c); }
};

class PgConnection {
 public:
  // Connects to `url` (a libpq URI or conninfo string) within timeouts.connect_ms. Throws
  // PgError naming the redacted URL. TCP keepalives are on (the URL may override them), so a
  // peer that vanished while the connection idled in a pool is noticed.
  explicit PgConnection(const std::string& url, PgTimeouts timeouts = {});
  ~PgConnection();
  PgConnection(const PgConnection&) = delete;
  PgConnection& operator=(const PgConnection&) = delete;

  // Runs one statement with `$1..$n` parameters. The statement is prepared on its first use
  // on this connection and reused after, so callers pass the same SQL text every time.
  PgResult Exec(const std::string& sql, const std::vector<PgParam>& params = {});
  // Runs SQL without parameters through the simple protocol: transaction verbs, migrations
  // (several statements in one string).
  PgResult Run(const std::string& sql);

  // The connection to the server was lost, or closed after a deadline passed; it must be
  // replaced, not reused.
  bool broken() const;

  // The deadline of each following statement (0: none); migrations lift it for their run.
  int statement_timeout_ms() const { return timeouts_.statement_ms; }
  void set_statement_timeout_ms(int ms) { timeouts_.statement_ms = ms; }

 private:
  PgResult Check(PGresult* res, std::string_view what);
  // Waits for the answer to the query just sent, within the statement deadline, and returns
  // its result as PQexec would (the last one, or the first error). On the deadline the
  // connection is closed and PgError thrown.
  PGresult* Await(std::string_view what);
  // Throws PgError when the connection was closed after a timeout.
  void RequireOpen(std::string_view what) const;
  [[noreturn]] void CloseAndThrow(const std::string& why, std::string_view what);

  PGconn* conn_ = nullptr;
  PgTimeouts timeouts_;
  std::unordered_map<std::string, std::string> prepared_;  // SQL -> statement name
};

// `url` with any password replaced by "***", for messages and logs.
std::string RedactedUrl(const std::string& url);

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_POSTGRES_PG_CONNECTION_H_
