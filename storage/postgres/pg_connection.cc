#include "storage/postgres/pg_connection.h"

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

PgConnection::PgConnection(const std::string& url) {
  conn_ = PQconnectdb(url.c_str());
  if (PQstatus(conn_) != CONNECTION_OK) {
    std::string why = OneLine(PQerrorMessage(conn_));
    PQfinish(conn_);
    conn_ = nullptr;
    throw PgError("cannot connect to " + RedactedUrl(url) + ": " + why, "", "");
  }
  // Server notices (e.g. "relation already exists, skipping") are not errors; keep stderr clean.
  PQsetNoticeProcessor(
      conn_, [](void*, const char*) {}, nullptr);
}

PgConnection::~PgConnection() {
  if (conn_) PQfinish(conn_);
}

bool PgConnection::broken() const { return PQstatus(conn_) != CONNECTION_OK; }

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
  auto it = prepared_.find(sql);
  if (it == prepared_.end()) {
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    Check(PQprepare(conn_, name.c_str(), sql.c_str(), 0, nullptr), sql);
    it = prepared_.emplace(sql, std::move(name)).first;
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (const auto& p : params) values.push_back(p.text ? p.text->c_str() : nullptr);
  return Check(PQexecPrepared(conn_, it->second.c_str(), static_cast<int>(values.size()),
                              values.data(), nullptr, nullptr, 0),
               sql);
}

PgResult PgConnection::Run(const std::string& sql) {
  return Check(PQexec(conn_, sql.c_str()), sql);
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
