#include "gateway/intake/classifier_handle.h"

namespace aduan::gateway {

bool ClassifierHandle::Reload(std::string* error) {
  // Load outside the lock: a slow load must not stall requests that only want the pointer.
  std::shared_ptr<const classifier::Classifier> fresh =
      classifier::LoadKeywordClassifier(options_, error);
  if (!fresh) return false;
  std::lock_guard<std::mutex> lock(mu_);
  current_ = std::move(fresh);
  return true;
}

std::shared_ptr<const classifier::Classifier> ClassifierHandle::Get() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_;
}

}  // namespace aduan::gateway
