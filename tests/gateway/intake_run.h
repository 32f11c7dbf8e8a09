// The gateway's intake side without HTTP, wired as `aduan serve` wires it: the journal in a
// directory, its id, the real pipeline over a real store (SQLite file or PostgreSQL schema)
// and the processor with its position store. The processor starts only when a test says so,
// so a test can stand for a processor that is behind.
#ifndef ADUAN_TESTS_GATEWAY_INTAKE_RUN_H_
#define ADUAN_TESTS_GATEWAY_INTAKE_RUN_H_

#include <cstdint>
#include <memory>
#include <string>

#include "gateway/common/config.h"
#include "gateway/common/metrics.h"
#include "gateway/intake/classifier_handle.h"
#include "gateway/intake/intake.h"
#include "gateway/intake/intake_processor.h"
#include "gateway/intake/journal/journal.h"
#include "storage/store.h"

namespace aduan::testing {

// What the injected clock says: every record is received a second after this.
constexpr int64_t kIntakeArrival = 1'790'000'123'456;

class IntakeRun {
 public:
  // Throws std::runtime_error when the shipped config, rules or the journal cannot be opened.
  IntakeRun(const std::string& url, const std::string& journal_dir, int dedupe_window_seconds);
  ~IntakeRun();

  gateway::journal::Journal& journal() { return *journal_; }
  gateway::IntakeProcessor& processor() { return *processor_; }
  storage::Store& store() { return *store_; }
  gateway::Metrics& metrics() { return metrics_; }
  const std::string& journal_id() const { return journal_id_; }

  // Starts the processor and waits (bounded) until every record is checkpointed.
  bool Drain();

 private:
  gateway::GatewayConfig config_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<gateway::ClassifierHandle> classifier_;
  std::unique_ptr<gateway::journal::Journal> journal_;
  std::string journal_id_;
  gateway::Metrics metrics_;
  std::unique_ptr<gateway::IntakePipeline> pipeline_;
  std::unique_ptr<gateway::IntakeProcessor> processor_;
};

}  // namespace aduan::testing

#endif  // ADUAN_TESTS_GATEWAY_INTAKE_RUN_H_
