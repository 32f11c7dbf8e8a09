// Private to the backends: how one unit of group-committed work (storage/group_commit.h) gives
// up without failing the store. A unit that finds a precondition gone (a guard of a ticket
// change, a conversation's version, a ticket id already taken) throws UnitRefused: the
// committer rolls back that unit alone and hands the exception to its caller, and the backend
// method catches it there and returns its Status. It never leaves storage/: callers see a
// Status, and StoreError only for real failures.
#ifndef ADUAN_STORAGE_UNIT_REFUSED_H_
#define ADUAN_STORAGE_UNIT_REFUSED_H_

#include <exception>
#include <string>
#include <utility>

#include "core/status.h"

namespace aduan::storage {

class UnitRefused : public std::exception {
 public:
  explicit UnitRefused(core::Status status) : status_(std::move(status)) {}
  const char* what() const noexcept override { return status_.message().c_str(); }
  const core::Status& status() const { return status_; }

 private:
  core::Status status_;
};

// The Status of a request whose guard no longer holds, for Intake's caller.
inline core::Status ConcurrentChangeStatus(std::string message) {
  return core::Status::Stale("concurrent_change", std::move(message));
}

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_UNIT_REFUSED_H_
