// The classifier currently in force. Requests take a reference for the duration of one
// classification; a reload swaps in a new instance without waiting for them, and the old one
// is freed when its last user lets go. A reload that fails keeps the old rules.
#ifndef ADUAN_GATEWAY_CLASSIFIER_HANDLE_H_
#define ADUAN_GATEWAY_CLASSIFIER_HANDLE_H_

#include <memory>
#include <mutex>
#include <string>

#include "classifier/classifier.h"

namespace aduan::gateway {

class ClassifierHandle {
 public:
  explicit ClassifierHandle(classifier::ClassifierOptions options) : options_(std::move(options)) {}

  // Loads the rules; on failure returns false with *error naming file and line, and the
  // previous classifier (if any) stays in force. Thread-safe.
  bool Reload(std::string* error);

  // The current classifier; never null after a successful Reload(). Thread-safe.
  std::shared_ptr<const classifier::Classifier> Get() const;

 private:
  const classifier::ClassifierOptions options_;
  mutable std::mutex mu_;
  std::shared_ptr<const classifier::Classifier> current_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_CLASSIFIER_HANDLE_H_
