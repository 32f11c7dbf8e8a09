#include "gateway/intake/journal/journal.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

namespace aduan::gateway::journal {
namespace {

namespace fs = std::filesystem;

constexpr char kCheckpointFile[] = "checkpoint";
constexpr char kReservedFile[] = "reserved";
// Sequence numbers are reserved on disk this many at a time (a few syncs per block).
constexpr uint64_t kReserveBlock = 4096;
constexpr char kLockFile[] = "LOCK";
// Read() fetches at most this much from a segment per call (one record may be larger).
constexpr size_t kReadChunk = 1 << 20;

std::string ErrnoText() { return std::strerror(errno); }

bool PwriteAll(int fd, const char* data, size_t size, uint64_t offset) {
  while (size > 0) {
    ssize_t n = ::pwrite(fd, data, size, static_cast<off_t>(offset));
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
    offset += static_cast<uint64_t>(n);
  }
  return true;
}

// A new or renamed file exists after a crash only once its directory entry is synced.
void SyncDir(const std::string& path) {
  int dir = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir < 0) return;
  ::fsync(dir);
  ::close(dir);
}

bool ReadAt(int fd, uint64_t offset, size_t size, char* out) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::pread(fd, out + done, size - done, static_cast<off_t>(offset + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<size_t>(n);
  }
  return true;
}

// "seg-00000000000000000042.log" -> 42; 0 when the name is not a segment's.
uint64_t SegmentNumber(const std::string& name) {
  constexpr std::string_view kPrefix = "seg-", kSuffix = ".log";
  if (name.size() <= kPrefix.size() + kSuffix.size() || name.rfind(kPrefix, 0) != 0 ||
      name.compare(name.size() - kSuffix.size(), kSuffix.size(), kSuffix) != 0) {
    return 0;
  }
  std::string digits = name.substr(kPrefix.size(), name.size() - kPrefix.size() - kSuffix.size());
  if (digits.empty() || digits.size() > 20 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return 0;
  }
  return std::stoull(digits);
}

}  // namespace

Journal::Journal(JournalOptions options, std::function<int64_t()> now_ms)
    : options_(std::move(options)), now_ms_(std::move(now_ms)) {}

Journal::~Journal() {
  Stop();
  if (syncer_.joinable()) {
    {
      std::lock_guard lock(mu_);
      syncer_quit_ = true;
    }
    syncer_cv_.notify_all();
    syncer_.join();
  }
  if (spare_.valid()) {
    // Holds no record: removed, as Open() would remove it anyway.
    SpareSegment spare = spare_.get();
    if (spare.fd >= 0) {
      ::close(spare.fd);
      ::unlink(SegmentPath(spare.number).c_str());
    }
  }
  if (fd_ >= 0) ::close(fd_);
  if (read_fd_ >= 0) ::close(read_fd_);
  if (lock_fd_ >= 0) ::close(lock_fd_);
}

std::string Journal::SegmentPath(uint64_t number) const {
  char name[40];
  std::snprintf(name, sizeof name, "seg-%020llu.log", static_cast<unsigned long long>(number));
  return (fs::path(options_.dir) / name).string();
}

void Journal::SyncDirectory() { SyncDir(options_.dir); }

int Journal::CreateSegment(const std::string& dir, const std::string& path, uint64_t bytes,
                           std::string* error) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    *error = path + ": cannot create journal segment: " + ErrnoText();
    return -1;
  }
  // Written zeros, not fallocate(): ext4 would still convert unwritten extents at each sync.
  static const std::string kZeros(1 << 20, '\0');
  bool written = true;
  for (uint64_t at = 0; written && at < bytes; at += kZeros.size()) {
    written = PwriteAll(fd, kZeros.data(), std::min<uint64_t>(kZeros.size(), bytes - at), at);
  }
  if (!written || ::fsync(fd) != 0) {
    // Not fatal: the segment grows as it is written, each sync then flushes its size too.
    if (::ftruncate(fd, 0) != 0 || ::fsync(fd) != 0) {
      *error = path + ": cannot prepare journal segment: " + ErrnoText();
      ::close(fd);
      ::unlink(path.c_str());
      return -1;
    }
  }
  SyncDir(dir);
  return fd;
}

uint64_t Journal::PrewriteBytes() const { return options_.prewrite ? options_.segment_bytes : 0; }

bool Journal::OpenNewSegment(std::string* error) {
  SpareSegment next;
  if (spare_.valid()) next = spare_.get();  // normally ready long before
  if (next.fd < 0) {
    next.number = ++last_number_;
    next.fd = CreateSegment(options_.dir, SegmentPath(next.number), PrewriteBytes(), error);
    if (next.fd < 0) return false;
  }
  if (fd_ >= 0) ::close(fd_);
  fd_ = next.fd;
  segments_.push_back(Segment{next.number, 0, 0, 0});
  const uint64_t number = ++last_number_;
  try {
    spare_ = std::async(std::launch::async, [dir = options_.dir, path = SegmentPath(number),
                                             bytes = PrewriteBytes(), number] {
      std::string ignored;  // the segment is then created when it is needed, and fails there
      return SpareSegment{number, CreateSegment(dir, path, bytes, &ignored)};
    });
  } catch (const std::system_error&) {
    // No thread to be had: the next segment is created when it is needed, on the appender.
  }
  return true;
}

std::unique_ptr<Journal> Journal::Open(const JournalOptions& options,
                                       std::function<int64_t()> now_ms, std::string* error) {
  std::unique_ptr<Journal> j(new Journal(options, std::move(now_ms)));
  std::error_code ec;
  fs::create_directories(options.dir, ec);
  if (ec) {
    *error = options.dir + ": cannot create the journal directory: " + ec.message();
    return nullptr;
  }
  const std::string lock_path = (fs::path(options.dir) / kLockFile).string();
  j->lock_fd_ = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (j->lock_fd_ < 0) {
    *error = lock_path + ": cannot open the journal lock: " + ErrnoText();
    return nullptr;
  }
  if (::flock(j->lock_fd_, LOCK_EX | LOCK_NB) != 0) {
    *error = options.dir + ": the journal is in use by another process (each instance needs " +
             "its own intake.journal_dir)";
    return nullptr;
  }
  if (!ReadNumberFile(fs::path(options.dir) / kCheckpointFile, "a journal checkpoint",
                      &j->checkpoint_seq_, error) ||
      !ReadNumberFile(fs::path(options.dir) / kReservedFile, "a journal reservation",
                      &j->reserved_seq_, error)) {
    return nullptr;
  }
  std::vector<uint64_t> numbers;
  for (const auto& entry : fs::directory_iterator(options.dir, ec)) {
    if (uint64_t n = SegmentNumber(entry.path().filename().string())) numbers.push_back(n);
  }
  if (ec) {
    *error = options.dir + ": cannot list the journal directory: " + ec.message();
    return nullptr;
  }
  std::sort(numbers.begin(), numbers.end());
  // Sequence numbers only grow, across segments too; a record that breaks this is stale or
  // foreign, and the segment is read no further.
  uint64_t prev = 0;
  for (uint64_t number : numbers) {
    std::string path = j->SegmentPath(number);
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    if (!in.good() && !in.eof()) {
      *error = path + ": cannot read journal segment";
      return nullptr;
    }
    const std::string data = buffer.str();
    Segment seg{number, 0, 0, 0};
    size_t at = 0, used = 0;
    Record r;
    std::vector<std::pair<uint64_t, int64_t>> fresh;
    while (DecodeRecord(std::string_view(data).substr(at), &r, &used) == DecodeStatus::kOk &&
           r.seq > prev) {
      prev = seg.last_seq = r.seq;
      if (r.seq > j->checkpoint_seq_) fresh.emplace_back(r.seq, r.time_ms);
      at += used;
    }
    // A segment is pre-written with zeros: only bytes past the records that are not zeros were
    // written and lost (a torn tail) or damaged.
    const size_t end = data.find_last_not_of('\0') + 1;  // npos + 1 == 0: all zeros
    j->dropped_bytes_ += end > at ? end - at : 0;
    seg.size = seg.readable = at;
    if (fresh.empty()) {
      fs::remove(path, ec);  // processed, a spare never used, or nothing readable in it
      continue;
    }
    j->unprocessed_.insert(j->unprocessed_.end(), fresh.begin(), fresh.end());
    j->bytes_ += at;
    j->segments_.push_back(seg);
  }
  // Numbers reserved before a crash may belong to records that never reached the disk but whose
  // messages were stored: none is handed out again.
  const uint64_t last_seq = std::max({prev, j->checkpoint_seq_, j->reserved_seq_});
  j->next_seq_ = last_seq + 1;
  j->written_seq_ = j->synced_seq_ = last_seq;
  // A new segment's number follows every file seen, deleted ones included.
  j->last_number_ = numbers.empty() ? 0 : numbers.back();
  if (!j->OpenNewSegment(error)) return nullptr;
  j->read_segment_ = j->segments_.front().number;
  return j;
}

void Journal::Abandon() {
  // Records after the last good sync were never acknowledged. The segment's readable part
  // ends at that sync; appends go on in a new segment, so the damage stays behind us.
  failed_through_ = written_seq_;
  rotate_ = true;
  synced_cv_.notify_all();
  if (sync_listener_) sync_listener_();
}

void Journal::CountSync(uint64_t through) {
  if (through <= synced_seq_) return;  // nothing new became durable (e.g. a rotation's sync)
  ++syncs_;
  last_sync_records_ = through - synced_seq_;
  synced_records_ += last_sync_records_;
}

uint64_t Journal::Append(const std::vector<std::string>& payloads) {
  std::unique_lock lock(mu_);
  const uint64_t first = WriteLocked(payloads, lock);
  WaitDurableLocked(next_seq_ - 1, lock);
  return first;
}

void Journal::WaitDurable(uint64_t seq) {
  std::unique_lock lock(mu_);
  WaitDurableLocked(seq, lock);
}

void Journal::WaitDurableLocked(uint64_t mine, std::unique_lock<std::mutex>& lock) {
  while (synced_seq_ < mine) {
    // A running sync may still make `mine` durable even if a write failed meanwhile.
    if (syncing_) {
      synced_cv_.wait(lock);
      continue;
    }
    if (mine <= failed_through_) throw JournalError("journal fdatasync failed");
    std::string error;
    if (!SyncLocked(lock, &error)) throw JournalError(error);
  }
}

uint64_t Journal::AppendAsync(const std::vector<std::string>& payloads) {
  return AppendForSyncer(payloads, /*waited=*/true);
}

uint64_t Journal::AppendLazy(const std::vector<std::string>& payloads) {
  return AppendForSyncer(payloads, /*waited=*/options_.lazy_sync_ms <= 0);
}

uint64_t Journal::AppendForSyncer(const std::vector<std::string>& payloads, bool waited) {
  std::unique_lock lock(mu_);
  const uint64_t first = WriteLocked(payloads, lock);
  if (waited) wanted_seq_ = written_seq_;
  if (!syncer_.joinable()) syncer_ = std::thread([this] { SyncerLoop(); });
  syncer_cv_.notify_one();
  return first;
}

Durability Journal::StateOf(uint64_t seq) const {
  std::lock_guard lock(mu_);
  if (seq <= synced_seq_) return Durability::kDurable;
  // Lost is final: a record the running sync covers waits for its outcome.
  if (syncing_ && seq <= sync_target_) return Durability::kPending;
  if (seq <= failed_through_) return Durability::kLost;
  return Durability::kPending;
}

void Journal::SetSyncListener(std::function<void()> listener) {
  std::lock_guard lock(mu_);
  sync_listener_ = std::move(listener);
}

uint64_t Journal::WriteLocked(const std::vector<std::string>& payloads,
                              std::unique_lock<std::mutex>& lock) {
  if (rotate_ || segments_.back().size >= options_.segment_bytes) {
    // Rotating closes the file a running sync may be using: wait for it first.
    synced_cv_.wait(lock, [&] { return !syncing_; });
    if (!rotate_ && segments_.back().size >= options_.segment_bytes) {
      if (::fdatasync(fd_) != 0) {
        std::string why = ErrnoText();
        Abandon();
        throw JournalError("journal fdatasync failed: " + why);
      }
      segments_.back().readable = segments_.back().size;
      CountSync(written_seq_);
      synced_seq_ = written_seq_;
      data_cv_.notify_all();
      if (sync_listener_) sync_listener_();
      rotate_ = true;
    }
    if (rotate_) {
      std::string error;
      if (!OpenNewSegment(&error)) throw JournalError(error);
      rotate_ = false;
    }
  }
  if (next_seq_ + payloads.size() - 1 > reserved_seq_) {
    const uint64_t reserve = next_seq_ + payloads.size() - 1 + kReserveBlock;
    std::string error;
    if (!WriteNumberFile(kReservedFile, reserve, &error)) throw JournalError(error);
    reserved_seq_ = reserve;
  }
  const int64_t now = now_ms_();
  std::string buffer;
  const uint64_t first = next_seq_;
  for (size_t i = 0; i < payloads.size(); ++i) EncodeRecord(first + i, now, payloads[i], &buffer);
  if (bytes_ + buffer.size() > options_.max_bytes) {
    throw JournalFull("the intake journal is full (" + std::to_string(bytes_) + " of " +
                      std::to_string(options_.max_bytes) + " bytes)");
  }
  next_seq_ += payloads.size();
  written_seq_ = next_seq_ - 1;
  segments_.back().last_seq = written_seq_;
  for (size_t i = 0; i < payloads.size(); ++i) unprocessed_.emplace_back(first + i, now);
  bool wrote = PwriteAll(fd_, buffer.data(), buffer.size(), segments_.back().size);
  // Counted even when only a part got there: the cap is about the disk.
  segments_.back().size += buffer.size();
  bytes_ += buffer.size();
  if (!wrote) {
    std::string why = ErrnoText();
    Abandon();
    throw JournalError("journal write failed: " + why);
  }
  return first;
}

bool Journal::SyncLocked(std::unique_lock<std::mutex>& lock, std::string* error) {
  syncing_ = true;
  const uint64_t target = written_seq_;
  sync_target_ = target;
  const uint64_t target_size = segments_.back().size;
  const int fd = fd_;
  lock.unlock();
  int rc = ::fdatasync(fd);
  int err = errno;
  lock.lock();
  syncing_ = false;
  if (rc != 0) {
    Abandon();
    *error = std::string("journal fdatasync failed: ") + std::strerror(err);
    return false;
  }
  CountSync(target);
  synced_seq_ = std::max(synced_seq_, target);
  segments_.back().readable = std::max(segments_.back().readable, target_size);
  synced_cv_.notify_all();
  data_cv_.notify_all();
  // Records written during this sync need the next one; the syncer takes it if no appender does.
  if (written_seq_ > synced_seq_) syncer_cv_.notify_one();
  if (sync_listener_) sync_listener_();
  return true;
}

void Journal::SyncerLoop() {
  std::unique_lock lock(mu_);
  for (;;) {
    const bool unsynced = written_seq_ > synced_seq_ && written_seq_ > failed_through_;
    if (unsynced && !syncing_) {
      if (wanted_seq_ <= synced_seq_ && !syncer_quit_) {
        // Nobody waits for these records yet: let more gather so that one sync covers them,
        // unless someone starts waiting. Then sync whatever is still unsynced.
        syncer_cv_.wait_for(lock, std::chrono::milliseconds(options_.lazy_sync_ms),
                            [&] { return wanted_seq_ > synced_seq_ || syncer_quit_; });
        if (syncing_ || written_seq_ <= synced_seq_ || written_seq_ <= failed_through_) continue;
      }
      std::string error;
      SyncLocked(lock, &error);  // a failure is Abandon()ed and seen through StateOf()
      continue;
    }
    // Leaves only once everything written is synced (or lost), so held answers are released.
    if (syncer_quit_ && !unsynced) return;
    syncer_cv_.wait(lock);
  }
}

std::string_view Journal::Buffered(uint64_t number, uint64_t readable) {
  if (buffer_segment_ == number && read_offset_ >= buffer_offset_ &&
      read_offset_ < buffer_offset_ + buffer_size_) {
    return std::string_view(read_buffer_)
        .substr(read_offset_ - buffer_offset_, buffer_offset_ + buffer_size_ - read_offset_);
  }
  return Fill(number, read_offset_,
              static_cast<size_t>(std::min<uint64_t>(readable - read_offset_, kReadChunk)));
}

std::string_view Journal::Fill(uint64_t number, uint64_t offset, size_t size) {
  const std::string path = SegmentPath(number);
  if (read_fd_segment_ != number) {
    if (read_fd_ >= 0) ::close(read_fd_);
    read_fd_segment_ = 0;
    buffer_segment_ = 0;
    read_fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (read_fd_ < 0) throw JournalError(path + ": cannot open journal segment: " + ErrnoText());
    read_fd_segment_ = number;
  }
  // The buffer only grows: zero-filling a megabyte per call cost more than the reading.
  if (read_buffer_.size() < size) read_buffer_.resize(size);
  buffer_segment_ = 0;
  if (!ReadAt(read_fd_, offset, size, read_buffer_.data())) {
    throw JournalError(path + ": cannot read journal segment: " + ErrnoText());
  }
  buffer_segment_ = number;
  buffer_offset_ = offset;
  buffer_size_ = size;
  return std::string_view(read_buffer_.data(), size);
}

std::vector<Record> Journal::Read(size_t max_records, size_t max_bytes,
                                  std::chrono::milliseconds wait) {
  std::vector<Record> out;
  auto deadline = std::chrono::steady_clock::now() + wait;
  std::unique_lock lock(mu_);
  while (!stopped_) {
    // Skip to the segment that holds the consumer's position.
    auto seg = std::find_if(segments_.begin(), segments_.end(),
                            [&](const Segment& s) { return s.number >= read_segment_; });
    if (seg == segments_.end()) return out;
    if (seg->number != read_segment_) {
      read_segment_ = seg->number;
      read_offset_ = 0;
    }
    if (read_offset_ < seg->readable) {
      const uint64_t readable = seg->readable;
      const uint64_t number = seg->number;
      lock.unlock();
      // Readable bytes never change and only this consumer deletes segments: no lock needed.
      std::string_view data = Buffered(number, readable);
      size_t at = 0, used = 0, bytes = 0;
      Record r;
      while (out.size() < max_records && (out.empty() || bytes < max_bytes)) {
        DecodeStatus st = DecodeRecord(data.substr(at), &r, &used);
        if (st == DecodeStatus::kIncomplete && at == 0 && data.size() < readable - read_offset_) {
          // The buffer ends inside the first record: read on from it, all of the record when
          // it is larger than a chunk. Each refill is larger than the last, so this ends.
          size_t need = 0;
          if (data.size() >= kHeaderSize) {
            need = kHeaderSize + (static_cast<unsigned char>(data[4]) |
                                  static_cast<unsigned char>(data[5]) << 8 |
                                  static_cast<unsigned char>(data[6]) << 16 |
                                  size_t{static_cast<unsigned char>(data[7])} << 24);
          }
          data = Fill(number, read_offset_,
                      static_cast<size_t>(
                          std::min<uint64_t>(readable - read_offset_, std::max(need, kReadChunk))));
          continue;
        }
        if (st != DecodeStatus::kOk) break;
        at += used;
        bytes += used;
        if (r.seq > checkpoint_seq_) out.push_back(std::move(r));
      }
      lock.lock();
      if (at == 0) {
        throw JournalError(SegmentPath(number) + ": journal segment damaged after it was synced");
      }
      read_offset_ += at;
      if (!out.empty()) return out;
      continue;  // only records processed before: read on
    }
    if (seg->number != segments_.back().number) {
      read_segment_ = seg->number + 1;  // this one is read to its end
      read_offset_ = 0;
      if (read_fd_ >= 0) ::close(read_fd_);  // the checkpoint may delete it now
      read_fd_ = -1;
      read_fd_segment_ = buffer_segment_ = 0;
      continue;
    }
    if (data_cv_.wait_until(lock, deadline) == std::cv_status::timeout) return out;
  }
  return out;
}

bool Journal::ReadNumberFile(const std::filesystem::path& path, const char* what, uint64_t* value,
                             std::string* error) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return true;
  std::ifstream in(path);
  std::string text;
  in >> text;
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos ||
      text.size() > 19) {
    *error = path.string() + ": not " + what + " (expected a sequence number)";
    return false;
  }
  *value = std::stoull(text);
  return true;
}

bool Journal::WriteNumberFile(const char* name, uint64_t value, std::string* error) {
  // Written aside, synced, then renamed over the old one: a crash leaves the old or the new.
  const fs::path dir(options_.dir);
  const std::string temp = (dir / name).string() + ".tmp";
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  bool ok = fd >= 0;
  if (ok) {
    std::string text = std::to_string(value) + "\n";
    ok = PwriteAll(fd, text.data(), text.size(), 0) && ::fdatasync(fd) == 0;
    ::close(fd);
  }
  std::error_code ec;
  if (ok) fs::rename(temp, dir / name, ec);
  if (!ok || ec) {
    *error = temp + ": cannot write " + name + ": " + ErrnoText();
    return false;
  }
  SyncDirectory();
  return true;
}

void Journal::Checkpoint(uint64_t seq) {
  std::string error;
  if (!WriteNumberFile(kCheckpointFile, seq, &error)) throw JournalError(error);
  std::error_code ec;

  std::vector<std::string> doomed;
  {
    std::lock_guard lock(mu_);
    checkpoint_seq_ = std::max(checkpoint_seq_, seq);
    while (!unprocessed_.empty() && unprocessed_.front().first <= checkpoint_seq_) {
      unprocessed_.pop_front();
    }
    while (segments_.size() > 1 && segments_.front().last_seq <= checkpoint_seq_ &&
           segments_.front().number < read_segment_) {
      doomed.push_back(SegmentPath(segments_.front().number));
      bytes_ -= segments_.front().size;
      segments_.pop_front();
    }
  }
  for (const auto& path : doomed) fs::remove(path, ec);
}

void Journal::Stop() {
  std::lock_guard lock(mu_);
  stopped_ = true;
  data_cv_.notify_all();
}

JournalStats Journal::Stats() const {
  std::lock_guard lock(mu_);
  JournalStats s;
  s.depth = unprocessed_.size();
  s.bytes = bytes_;
  s.max_bytes = options_.max_bytes;
  s.segments = segments_.size();
  s.oldest_time_ms = unprocessed_.empty() ? 0 : unprocessed_.front().second;
  s.checkpoint_seq = checkpoint_seq_;
  s.last_seq = written_seq_;
  s.dropped_bytes = dropped_bytes_;
  s.syncs = syncs_;
  s.synced_records = synced_records_;
  s.last_sync_records = last_sync_records_;
  return s;
}

}  // namespace aduan::gateway::journal
