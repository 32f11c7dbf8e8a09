#include "intake_run.h"

#include <chrono>
#include <stdexcept>
#include <thread>

#include "gateway/intake/intake_journal.h"

namespace aduan::testing {

IntakeRun::IntakeRun(const std::string& url, const std::string& journal_dir,
                     int dedupe_window_seconds) {
  std::string error;
  auto cfg = gateway::LoadConfig(std::string(ADUAN_SOURCE_DIR) + "/config/aduan.json", &error);
  if (!cfg) throw std::runtime_error("shipped config: " + error);
  config_ = *cfg;
  config_.intake.journal_dir = journal_dir;
  config_.conversation.duplicate_window_seconds = dedupe_window_seconds;
  store_ = storage::OpenStore(url);
  classifier_ = std::make_unique<gateway::ClassifierHandle>(config_.classifier);
  if (!classifier_->Reload(&error)) throw std::runtime_error("shipped rules: " + error);
  const gateway::Clock clock = [] { return kIntakeArrival + 1000; };
  journal_ = gateway::OpenIntakeJournal(config_, url, clock, &error);
  if (!journal_) throw std::runtime_error("journal: " + error);
  gateway::IntakeProcessorOptions options;
  options.journal_id = gateway::IntakeJournalId(journal_dir, &error);
  if (options.journal_id.empty()) throw std::runtime_error("journal id: " + error);
  journal_id_ = options.journal_id;
  pipeline_ =
      std::make_unique<gateway::IntakePipeline>(&config_, store_.get(), classifier_.get(), clock);
  processor_ = std::make_unique<gateway::IntakeProcessor>(journal_.get(), pipeline_.get(),
                                                          &metrics_, clock, nullptr, options);
  processor_->SetPositionStore(store_.get());
}

IntakeRun::~IntakeRun() {
  processor_.reset();
  journal_.reset();
}

bool IntakeRun::Drain() {
  processor_->Start();
  // Bounded so that a failing test ends; a sanitizer build needs the margin.
  for (int i = 0; i < 1200; ++i) {
    if (journal_->Stats().depth == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

}  // namespace aduan::testing
