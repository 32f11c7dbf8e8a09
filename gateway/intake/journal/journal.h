// The intake journal: an append-only, checksummed log on local disk that a webhook's messages
// reach before the provider is answered, so an answered message survives a crash or a
// database outage and is turned into tickets later.
//
// Layout: a directory of segment files "seg-<number>.log" (record framing in record_format.h),
// a file "checkpoint" holding the sequence number of the last record processed, and a file
// "reserved" holding the highest sequence number that may have been handed out. A record
// appended with AppendAsync() may be processed (and its number stored with its ticket) before
// it is durable; if it is then lost in a crash, its number must not name another record after
// the restart, so numbering restarts after the reservation, never at the last record found. Each
// Open() starts a new segment, so a segment is never appended to after a restart and a torn
// tail can simply be ignored where it lies. Segments whose records are all processed are
// deleted at the next Checkpoint(). A lock file (flock) keeps a second process out of the
// directory: each instance needs its own journal.
//
// Durability: Append() returns only after its records are written and fdatasync'ed. Appenders
// that arrive while a sync runs share the next one (group sync): the cost of one fdatasync is
// spread over every request in flight. Each segment file is created at its full size, written
// with zeros and synced before any record goes into it (a spare is made ready on a thread of its
// own while the current segment fills): an fdatasync of an append then flushes data only, not
// the file's size and block map, which on ext4 is about a quarter of a sync under load
// (bench/README.md). Zeros read as the end of a segment's records, never as a damaged tail.
// AppendAsync() returns once the records are written; a
// syncer thread (started by the first AppendAsync) syncs them, and the caller learns the
// outcome from StateOf() when the sync listener is called. That lets an HTTP front answer many
// requests per sync without a thread asleep for each.
//
// Threads: any number of appenders; one consumer calls Read() and Checkpoint() (the intake
// processor). Stats(), StateOf() and SetSyncListener() from anywhere.
#ifndef ADUAN_GATEWAY_JOURNAL_JOURNAL_H_
#define ADUAN_GATEWAY_JOURNAL_JOURNAL_H_

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <filesystem>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "gateway/intake/journal/record_format.h"

namespace aduan::gateway::journal {

struct JournalOptions {
  std::string dir;
  // Records in the segments may take at most this much; beyond it Append() throws JournalFull.
  // The files take up to two segments more: the one being filled and a spare, both pre-written.
  uint64_t max_bytes = uint64_t{1} << 30;
  // A segment is closed and a new one started once its records reach this size; each file is
  // pre-written to this size (a record larger than the rest of it grows the file).
  uint64_t segment_bytes = uint64_t{8} << 20;
  // Pre-write each segment file (see Durability above). false: a segment grows with its
  // records, for a copy-on-write file system where pre-written blocks are not rewritten in place.
  bool prewrite = true;
  // How long records nobody waits for (AppendLazy) may stay unsynced, so that one fdatasync
  // covers many of them. 0: synced as soon as written, like AppendAsync's.
  int lazy_sync_ms = 10;
};

// The size cap would be exceeded: the caller should refuse (503) and let the provider retry.
class JournalFull : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A write or sync failed (disk full, I/O error): the records of that Append() were not kept.
// Nothing written since the last good sync is trusted; the next Append() starts a new segment.
class JournalError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct JournalStats {
  uint64_t depth = 0;           // records appended and not yet checkpointed
  uint64_t bytes = 0;           // bytes of the records in the segments (what the cap counts)
  uint64_t max_bytes = 0;       // the cap
  uint64_t segments = 0;        // segment files on disk
  int64_t oldest_time_ms = 0;   // append time of the oldest unprocessed record; 0: none
  uint64_t checkpoint_seq = 0;  // last processed record
  uint64_t last_seq = 0;        // last appended record
  uint64_t dropped_bytes = 0;   // torn or damaged bytes skipped when the journal was opened
  // Group sync at work: fdatasyncs of appended records since Open(), the records they made
  // durable (synced_records / syncs is the mean group size), and the last sync's group.
  uint64_t syncs = 0;
  uint64_t synced_records = 0;
  uint64_t last_sync_records = 0;
};

// Where an appended record stands.
enum class Durability {
  kPending,  // written, its sync has not finished
  kDurable,  // synced: it survives a crash
  kLost,     // its write or sync failed: it was not kept and must not be acknowledged
};

class Journal {
 public:
  // Opens (creating) options.dir, finds the records after the checkpoint and starts a new
  // segment. On failure returns nullptr and sets *error to a line naming the path and problem.
  static std::unique_ptr<Journal> Open(const JournalOptions& options,
                                       std::function<int64_t()> now_ms, std::string* error);
  ~Journal();
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  // Appends `payloads` as consecutive records and returns once they are durable; returns the
  // sequence number of the first (the others follow it). Throws JournalFull or JournalError.
  uint64_t Append(const std::vector<std::string>& payloads);

  // Appends like Append() but returns once the records are written, before they are durable;
  // the syncer thread makes them so. Throws JournalFull or JournalError as Append() does (then
  // nothing of this call was kept). The records' sequence numbers are first..first+n-1.
  uint64_t AppendAsync(const std::vector<std::string>& payloads);

  // Appends like AppendAsync(), for records nobody waits on now: a message its own request
  // turns into a ticket is answered from the database commit, not from the journal. The syncer
  // makes them durable within options.lazy_sync_ms, or sooner when a later AppendAsync() or a
  // WaitDurable() needs a sync anyway; a sync the journal need not make costs the requests
  // CPU. Throws as AppendAsync() does.
  uint64_t AppendLazy(const std::vector<std::string>& payloads);

  // Returns once record `seq` (a number an append returned) is durable, syncing it if no one
  // is. Throws JournalError when it was lost.
  void WaitDurable(uint64_t seq);

  // Whether record `seq` (a number an append returned) is durable, pending or lost.
  Durability StateOf(uint64_t seq) const;

  // Called after every sync and every failure, with the journal's lock held: it must be
  // quick and must not call the journal (e.g. write to an eventfd). Set before appending.
  void SetSyncListener(std::function<void()> listener);

  // The next durable records after the consumer's position, in order: at most `max_records`
  // and about `max_bytes` (at least one record when any is there). Waits up to `wait` when
  // none is; returns empty on timeout or after Stop().
  std::vector<Record> Read(size_t max_records, size_t max_bytes, std::chrono::milliseconds wait);

  // Every record up to `seq` is processed: persists that (write, fdatasync, rename) and deletes
  // segments holding nothing later. Throws JournalError when the checkpoint cannot be written.
  void Checkpoint(uint64_t seq);

  // Wakes a waiting Read() and makes later ones return at once.
  void Stop();

  JournalStats Stats() const;

 private:
  struct Segment {
    uint64_t number = 0;
    uint64_t last_seq = 0;  // 0: no record yet
    uint64_t size = 0;      // bytes written
    uint64_t readable = 0;  // bytes synced (or found valid at open): what Read() may see
  };

  // A segment file made ready ahead of need; fd < 0: none could be made.
  struct SpareSegment {
    uint64_t number = 0;
    int fd = -1;
  };

  Journal(JournalOptions options, std::function<int64_t()> now_ms);
  // mu_ held (or during Open): starts the next segment, the spare when there is one, and has
  // the one after it prepared on a thread of its own.
  bool OpenNewSegment(std::string* error);
  // Creates segment file `path`, pre-written to `bytes` with zeros and synced with its directory
  // entry; returns its descriptor, or -1 with *error. A file that cannot be pre-written (a full
  // disk) is kept empty and grows with its records, as a segment did before pre-writing.
  uint64_t PrewriteBytes() const;  // how much of a new segment file is written with zeros
  static int CreateSegment(const std::string& dir, const std::string& path, uint64_t bytes,
                           std::string* error);
  std::string SegmentPath(uint64_t number) const;
  void SyncDirectory();
  void Abandon();                    // mu_ held: a write or sync failed
  void CountSync(uint64_t through);  // mu_ held: records up to `through` are durable now
  // mu_ held through `lock`: rotates when due, encodes and writes `payloads`; returns the
  // first's sequence number. Throws JournalFull or JournalError.
  uint64_t WriteLocked(const std::vector<std::string>& payloads,
                       std::unique_lock<std::mutex>& lock);
  // mu_ held through `lock` (released during the fdatasync), no sync running: syncs what is
  // written. False with *error after a failure (Abandon()ed).
  bool SyncLocked(std::unique_lock<std::mutex>& lock, std::string* error);
  void SyncerLoop();  // the syncer thread for AppendAsync() and AppendLazy()
  // Writes `payloads` and leaves their sync to the syncer: at once when `waited` (someone waits
  // to see them durable), else within options_.lazy_sync_ms.
  uint64_t AppendForSyncer(const std::vector<std::string>& payloads, bool waited);
  void WaitDurableLocked(uint64_t seq, std::unique_lock<std::mutex>& lock);
  // A small file of one number in the journal's directory, replaced atomically and synced.
  static bool ReadNumberFile(const std::filesystem::path& path, const char* what, uint64_t* value,
                             std::string* error);
  bool WriteNumberFile(const char* name, uint64_t value, std::string* error);
  // Consumer only, mu_ not held: the readable bytes of segment `number` from read_offset_,
  // from the read-ahead buffer when it holds them, else read into it (at most a chunk).
  std::string_view Buffered(uint64_t number, uint64_t readable);
  // Consumer only: reads `size` bytes of segment `number` at `offset` into the buffer.
  std::string_view Fill(uint64_t number, uint64_t offset, size_t size);

  const JournalOptions options_;
  std::function<int64_t()> now_ms_;

  mutable std::mutex mu_;
  std::condition_variable synced_cv_;  // a sync finished
  std::condition_variable data_cv_;    // records became readable, or Stop()
  std::condition_variable syncer_cv_;  // written records wait for a sync, or the syncer quits
  std::function<void()> sync_listener_;
  std::thread syncer_;               // started by the first AppendAsync()
  std::future<SpareSegment> spare_;  // the next segment, being made ready
  bool syncer_quit_ = false;
  std::deque<Segment> segments_;  // oldest first; back() is written to
  int fd_ = -1;                   // back()'s file
  int lock_fd_ = -1;              // holds the directory's flock
  uint64_t last_number_ = 0;      // the highest segment number used
  uint64_t next_seq_ = 1;
  uint64_t written_seq_ = 0;  // last record written (maybe not synced)
  uint64_t synced_seq_ = 0;   // last record durable
  uint64_t wanted_seq_ = 0;   // last record someone waits to see durable (AppendAsync)
  bool syncing_ = false;
  // What the running sync covers. A write that fails during it abandons what is unsynced, yet
  // the records this sync covers were written before the failure: the sync decides them.
  uint64_t sync_target_ = 0;
  bool rotate_ = false;          // the next Append() starts a new segment
  uint64_t failed_through_ = 0;  // records up to here, unless synced before, were not kept
  bool stopped_ = false;
  uint64_t bytes_ = 0;
  uint64_t dropped_bytes_ = 0;
  uint64_t syncs_ = 0;
  uint64_t synced_records_ = 0;
  uint64_t last_sync_records_ = 0;
  uint64_t checkpoint_seq_ = 0;
  uint64_t reserved_seq_ = 0;  // numbers up to here may have been handed out (on disk)
  std::deque<std::pair<uint64_t, int64_t>> unprocessed_;  // (seq, append time), oldest first

  // The consumer's position: a segment number and offset in it. Only Read() moves it.
  uint64_t read_segment_ = 0;
  uint64_t read_offset_ = 0;
  // The consumer's read-ahead: an open descriptor of one segment, and bytes of a segment
  // (buffer_segment_, 0: none) from buffer_offset_. A batch ends before the chunk does, so the
  // next Read() decodes the rest without reading the file again.
  int read_fd_ = -1;
  uint64_t read_fd_segment_ = 0;
  std::string read_buffer_;
  uint64_t buffer_segment_ = 0;
  uint64_t buffer_offset_ = 0;
  size_t buffer_size_ = 0;
};

}  // namespace aduan::gateway::journal

#endif  // ADUAN_GATEWAY_JOURNAL_JOURNAL_H_
