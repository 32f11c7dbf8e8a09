#include "storage/postgres/pg_connection.h"

#include <poll.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <regex>

namespace aduan::storage {
namespace {

std::string Field(const PGresult* res, int field) {
  const char* v = res ? PQresultErrorField(res, field) : nullptr;
  return v ? v : "";
}

// libpq messages end with a newline; ours are one line.
std::string OneLine(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return text;
}

using Clock = std::chrono::steady_clock;

// "No deadline" as a time point far enough away never to arrive.
Clock::time_point DeadlineAfter(int ms) {
  return ms > 0 ? Clock::now() + std::chrono::milliseconds(ms) : Clock::time_point::max();
}

// Waits until `fd` is ready for `events` or `deadline` passes; false on the deadline. An error
// or hang-up on the socket counts as ready: libpq's next call reads and reports it.
bool WaitSocket(int fd, short events, Clock::time_point deadline) {
  for (;;) {
    int wait_ms = -1;
    if (deadline != Clock::time_point::max()) {
      auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      wait_ms = static_cast<int>(std::min<int64_t>(left, 60000));
    }
    pollfd p{fd, events, 0};
    int n = poll(&p, 1, wait_ms);
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return true;  // let libpq meet and report the socket's error
    if (n == 0 && deadline == Clock::time_point::max()) continue;
  }
}

}  // namespace

PgParam::PgParam(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);  // round-trips exactly
  text = buf;
}

PgParam PgParam::NullIfEmpty(const std::string& s) {
  return s.empty() ? PgParam(std::nullopt) : PgParam(s);
}

PgParam PgParam::TextArray(const std::vector<std::string>& items) {
  // Every element quoted, with quotes and backslashes escaped: the array literal's own syntax,
  // so no element is read as NULL or split at a comma.
  std::string out = "{";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : items[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  out += '}';
  return PgParam(std::move(out));
}

PgResult::~PgResult() {
  if (res_) PQclear(res_);
}

PgResult& PgResult::operator=(PgResult&& other) noexcept {
  if (this != &other) {
    if (res_) PQclear(res_);
    res_ = other.res_;
    other.res_ = nullptr;
  }
  return *this;
}

int PgResult::rows() const { return PQntuples(res_); }

int PgResult::columns() const { return PQnfields(res_); }

int64_t PgResult::affected() const {
  const char* n = PQcmdTuples(res_);
  return n && *n ? std::strtoll(n, nullptr, 10) : 0;
}

std::string PgResult::command() const { return PQcmdStatus(res_); }

std::string PgResult::Text(int row, int col) const {
  return std::string(PQgetvalue(res_, row, col), PQgetlength(res_, row, col));
}

int64_t PgResult::Int64(int row, int col) const {
  return std::strtoll(PQgetvalue(res_, row, col), nullptr, 10);
}

double PgResult::Double(int row, int col) const {
  return std::strtod(PQgetvalue(res_, row, col), nullptr);
}

bool PgResult::Bool(int row, int col) const { return PQgetvalue(res_, row, col)[0] == 't'; }

bool PgResult::IsNull(int row, int col) const { return PQgetisnull(res_, row, col) != 0; }

PgConnection::PgConnection(const std::string& url, PgTimeouts timeouts) : timeouts_(timeouts) {
  // Our defaults come before the URL, so a setting the URL names wins (libpq reads these
  // arrays in order and the expanded dbname overrides what came before it).
  const char* keys[] = {"keepalives",       "keepalives_idle", "keepalives_interval",
                        "keepalives_count", "dbname",          nullptr};
  const char* values[] = {"1", "30", "10", "3", url.c_str(), nullptr};
  conn_ = PQconnectStartParams(keys, values, /*expand_dbname=*/1);
  auto fail = [&](const std::string& why) {
    if (conn_) PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("cannot connect to " + RedactedUrl(url) + ": " + why, "", "");
  };
  if (conn_ == nullptr) fail("out of memory");
  // libpq's own connect_timeout is enforced only by its blocking connect, and in whole
  // seconds; polling the asynchronous connect bounds it to the millisecond, and also covers a
  // server that accepts the socket but never answers the startup (a stopped postmaster).
  auto deadline = DeadlineAfter(timeouts_.connect_ms);
  PostgresPollingStatusType state = PGRES_POLLING_WRITING;  // as libpq's docs prescribe
  while (state != PGRES_POLLING_OK) {
    if (state == PGRES_POLLING_FAILED || PQstatus(conn_) == CONNECTION_BAD) {
      fail(OneLine(PQerrorMessage(conn_)));
    }
    short events = state == PGRES_POLLING_READING ? POLLIN : POLLOUT;
    if (!WaitSocket(PQsocket(conn_), events, deadline)) {
      fail("no answer within " + std::to_string(timeouts_.connect_ms) +
           " ms (storage.connect_timeout_ms)");
    }
    state = PQconnectPoll(conn_);
  }
  // Non-blocking: sending a large statement to a server that stopped reading must not block
  // past the deadline either.
  if (PQsetnonblocking(conn_, 1) != 0) fail(OneLine(PQerrorMessage(conn_)));
  // Server notices (e.g. "relation already exists, skipping") are not errors; keep stderr clean.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

bool PgConnection::broken() const { return conn_ == nullptr || PQstatus(conn_) != CONNECTION_OK; }

void PgConnection::RequireOpen(std::string_view what) const {
  if (conn_ != nullptr) return;
  throw PgError("postgresql: the connection was closed after a timeout; in: " +
                    std::string(what.substr(0, 60)),
                "", "");
}

void PgConnection::CloseAndThrow(const std::string& why, std::string_view what) {
  // The server may still answer this query later; a connection whose state is unknown is
  // never reused. Closing it also ends the server's side once the server runs again (an open
  // transaction rolls back), so nothing half-done is left behind.
  PQfinish(conn_);
  conn_ = nullptr;
  prepared_.clear();
  throw PgError("postgresql: " + why + " in: " + std::string(what.substr(0, 60)) +
                    (what.size() > 60 ? "..." : ""),
                "", "");
}

PGresult* PgConnection::Await(std::string_view what) {
  auto deadline = DeadlineAfter(timeouts_.statement_ms);
  auto timed_out = [&] {
    CloseAndThrow("no answer within " + std::to_string(timeouts_.statement_ms) +
                      " ms (storage.statement_timeout_ms); the server may be stopped, "
                      "overloaded or unreachable",
                  what);
  };
  // Flush what the send queued; the server may need us to read before it reads more.
  for (;;) {
    int pending = PQflush(conn_);
    if (pending == 0) break;
    if (pending < 0) return nullptr;  // the caller reports PQerrorMessage
    if (!WaitSocket(PQsocket(conn_), POLLIN | POLLOUT, deadline)) timed_out();
    if (!PQconsumeInput(conn_)) return nullptr;
  }
  // Collect every result, as PQexec does: the last one, except that an error wins.
  PGresult* kept = nullptr;
  for (;;) {
    while (PQisBusy(conn_)) {
      if (!WaitSocket(PQsocket(conn_), POLLIN, deadline)) {
        if (kept) PQclear(kept);
        timed_out();
      }
      if (!PQconsumeInput(conn_)) break;  // PQgetResult reports the lost connection
    }
    PGresult* next = PQgetResult(conn_);
    if (next == nullptr) break;
    ExecStatusType status = PQresultStatus(next);
    bool kept_error =
        kept && PQresultStatus(kept) != PGRES_COMMAND_OK && PQresultStatus(kept) != PGRES_TUPLES_OK;
    if (kept_error) {
      PQclear(next);
    } else {
      if (kept) PQclear(kept);
      kept = next;
    }
    if (status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH) break;
    if (PQstatus(conn_) == CONNECTION_BAD) break;
  }
  return kept;
}

PgResult PgConnection::Check(PGresult* res, std::string_view what) {
  ExecStatusType status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return PgResult(res);
  std::string message = res ? OneLine(PQresultErrorMessage(res)) : "";
  if (message.empty()) message = OneLine(PQerrorMessage(conn_));
  std::string sqlstate = Field(res, PG_DIAG_SQLSTATE);
  std::string constraint = Field(res, PG_DIAG_CONSTRAINT_NAME);
  if (res) PQclear(res);
  std::string full = "postgresql: " + message + (sqlstate.empty() ? "" : " [" + sqlstate + "]") +
                     " in: " + std::string(what.substr(0, 60)) + (what.size() > 60 ? "..." : "");
  throw PgError(full, std::move(sqlstate), std::move(constraint));
}

PgResult PgConnection::Exec(const std::string& sql, const std::vector<PgParam>& params) {
  RequireOpen(sql);
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    PGresult* prepared =
        PQsendPrepare(conn_, name.c_str(), sql.c_str(), 0, nullptr) ? Await(sql) : nullptr;
    Check(prepared, sql);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.text ? p.text->c_str() : nullptr);
  bool sent = PQsendQueryPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                                  values.data(), nullptr, nullptr, 0);
  return Check(sent ? Await(sql) : nullptr, sql);
}

PgResult PgConnection::Run(const std::string& sql) {
  RequireOpen(sql);
  return Check(PQsendQuery(conn_, sql.c_str()) ? Await(sql) : nullptr, sql);
}

std::string RedactedUrl(const std::string& url) {
  // postgresql://user:secret@host/db -> postgresql://user:***@host/db
  static const std::regex kUserInfo(R"(^(postgres(?:ql)?://[^:/@?]*):[^@/?]*@)");
  static const std::regex kQuery(R"(([?&]password=)[^&]*)");
  static const std::regex kKeyword(R"((\bpassword\s*=\s*)('[^']*'|\S+))");
  std::string out = std::regex_replace(url, kUserInfo, "$1:***@");
  out = std::regex_replace(out, kQuery, "$1***");
  if (out.rfind("postgres", 0) != 0) out = std::regex_replace(out, kKeyword, "$1***");
  return out;
}

}  // namespace aduan::storage
