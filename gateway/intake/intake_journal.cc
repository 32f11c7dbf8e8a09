#include "gateway/intake/intake_journal.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "core/random_id.h"

namespace aduan::gateway {

namespace {

constexpr char kIdFile[] = "journal-id";

std::string ErrnoText() { return std::strerror(errno); }

// Writes `text` to `path` through a synced temporary file and a rename, then syncs `dir`, so a
// crash leaves either no id or the whole id.
bool WriteDurably(const std::filesystem::path& dir, const std::filesystem::path& path,
                  const std::string& text, std::string* error) {
  const std::string tmp = path.string() + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = tmp + ": " + ErrnoText();
    return false;
  }
  bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
            ::fsync(fd) == 0;
  if (!ok) *error = tmp + ": " + ErrnoText();
  ::close(fd);
  if (!ok) return false;
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    *error = path.string() + ": " + ErrnoText();
    return false;
  }
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return true;
}

}  // namespace

std::string IntakeJournalId(const std::string& dir, std::string* error) {
  error->clear();
  const std::filesystem::path path = std::filesystem::path(dir) / kIdFile;
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) {
    std::ifstream in(path);
    std::string id;
    std::getline(in, id);
    if (!in.bad() && !id.empty() && id.size() <= 64 &&
        id.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789-") == std::string::npos) {
      return id;
    }
    *error = path.string() + ": not a journal id (delete the file only together with the " +
             "journal's segments)";
    return "";
  }
  std::string id = core::RandomId("j-");
  if (!WriteDurably(dir, path, id + "\n", error)) return "";
  return id;
}

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
  options.lazy_sync_ms = config.intake.journal_lazy_sync_ms;
  options.prewrite = config.intake.journal_prewrite;
  return journal::Journal::Open(options, std::move(clock), error);
}

}  // namespace aduan::gateway
