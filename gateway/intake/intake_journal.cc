#include "gateway/intake/intake_journal.h"

namespace aduan::gateway {

std::string JournalDirFor(const GatewayConfig& config, const std::string& storage_url) {
  if (!config.intake.journal) return "";
  if (!config.intake.journal_dir.empty()) return config.intake.journal_dir;
  constexpr std::string_view kSqlite = "sqlite:";
  if (storage_url.rfind(kSqlite, 0) == 0 && storage_url.size() > kSqlite.size()) {
    return storage_url.substr(kSqlite.size()) + ".journal";
  }
  return "";
}

std::unique_ptr<journal::Journal> OpenIntakeJournal(const GatewayConfig& config,
                                                    const std::string& storage_url, Clock clock,
                                                    std::string* error) {
  error->clear();
  std::string dir = JournalDirFor(config, storage_url);
  if (dir.empty()) return nullptr;
  journal::JournalOptions options;
  options.dir = dir;
  options.max_bytes = config.intake.journal_max_bytes;
  options.segment_bytes = config.intake.journal_segment_bytes;
  return journal::Journal::Open(options, std::move(clock), error);
}

}  // namespace aduan::gateway
