// One result vocabulary for every seam between modules (storage, lifecycle, intake): a call
// either succeeds or says which of a few kinds of failure it met, with a machine-readable reason
// and a sentence for people. What a kind means to a client (an HTTP status, a retry) is decided
// at the edge that talks to that client, never here.
//
// Status and Result are plain values: copy them freely; they are not thread-safe to mutate.
#ifndef ADUAN_CORE_STATUS_H_
#define ADUAN_CORE_STATUS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace aduan::core {

enum class StatusCode {
  kOk,
  kInvalid,      // the request itself is wrong (missing field, unknown value); do not retry
  kForbidden,    // the actor may not do this to this thing
  kNotFound,     // no such thing, or not one this actor may see
  kConflict,     // the thing is not in a state that allows this (illegal transition, duplicate)
  kStale,        // the caller acted on an old version; re-read and decide again
  kUnavailable,  // a dependency is down or busy; the same request may succeed later
};

std::string_view CodeName(StatusCode code);

class Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string reason, std::string message)
      : code_(code), reason_(std::move(reason)), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status Invalid(std::string reason, std::string message) {
    return {StatusCode::kInvalid, std::move(reason), std::move(message)};
  }
  static Status Forbidden(std::string reason, std::string message) {
    return {StatusCode::kForbidden, std::move(reason), std::move(message)};
  }
  static Status NotFound(std::string message) {
    return {StatusCode::kNotFound, "not_found", std::move(message)};
  }
  static Status Conflict(std::string reason, std::string message) {
    return {StatusCode::kConflict, std::move(reason), std::move(message)};
  }
  static Status Stale(std::string reason, std::string message) {
    return {StatusCode::kStale, std::move(reason), std::move(message)};
  }
  static Status Unavailable(std::string reason, std::string message) {
    return {StatusCode::kUnavailable, std::move(reason), std::move(message)};
  }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // A stable snake_case word clients may branch on ("illegal_transition", "missing_field").
  const std::string& reason() const { return reason_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string reason_;
  std::string message_;
};

// A value or the Status saying why there is none. value() on a failed Result is a programming
// error (std::bad_optional_access).
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit on purpose, like optional
  Result(Status status) : status_(std::move(status)) {}  // NOLINT

  bool ok() const { return status_.ok() && value_.has_value(); }
  const Status& status() const { return status_; }
  const T& value() const { return value_.value(); }
  T& value() { return value_.value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace aduan::core

#endif  // ADUAN_CORE_STATUS_H_
