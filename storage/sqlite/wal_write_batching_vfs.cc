#include "storage/sqlite/wal_write_batching_vfs.h"

#include <sqlite3.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <stdexcept>

namespace aduan::storage {
namespace {

// Past this many gathered bytes the buffer goes out before the commit's sync, so a huge
// transaction does not hold its whole WAL in memory a second time.
constexpr sqlite3_int64 kMaxGatheredBytes = sqlite3_int64{4} << 20;
constexpr sqlite3_int64 kFirstCapacity = sqlite3_int64{256} << 10;

sqlite3_vfs* g_base = nullptr;  // the default VFS; set once, before g_vfs is registered
sqlite3_vfs g_vfs;

// SQLite allocates szOsFile bytes for each file and never moves them: the default VFS's own
// file lives right after this header, and the gathered bytes in a buffer of their own.
struct BatchingFile {
  sqlite3_file base;  // pMethods is kWalMethods
  sqlite3_file* real;
  unsigned char* gathered;  // bytes for the file range [start, start + size)
  sqlite3_int64 start;
  sqlite3_int64 size;
  sqlite3_int64 capacity;
};

BatchingFile* Of(sqlite3_file* file) { return reinterpret_cast<BatchingFile*>(file); }

// The default unix VFS writes at most 128 KiB - 1 bytes per call (it masks the length with
// 0x1ffff and reports a short write as SQLITE_FULL), so larger runs go out in pieces.
constexpr sqlite3_int64 kMaxWriteBytes = 0x1f000;

// Writes out what was gathered. The bytes are dropped even when the write fails: the error
// fails the caller's transaction, and SQLite never counts frames past its last commit.
int Flush(BatchingFile* f) {
  int rc = SQLITE_OK;
  for (sqlite3_int64 done = 0; done < f->size && rc == SQLITE_OK;) {
    sqlite3_int64 piece = std::min(f->size - done, kMaxWriteBytes);
    rc = f->real->pMethods->xWrite(f->real, f->gathered + done, static_cast<int>(piece),
                                   f->start + done);
    done += piece;
  }
  f->size = 0;
  return rc;
}

bool Reserve(BatchingFile* f, sqlite3_int64 needed) {
  if (needed <= f->capacity) return true;
  sqlite3_int64 capacity = std::max({needed, f->capacity * 2, kFirstCapacity});
  void* grown = sqlite3_realloc64(f->gathered, static_cast<sqlite3_uint64>(capacity));
  if (grown == nullptr) return false;
  f->gathered = static_cast<unsigned char*>(grown);
  f->capacity = capacity;
  return true;
}

int Write(sqlite3_file* file, const void* data, int amount, sqlite3_int64 offset) {
  BatchingFile* f = Of(file);
  // SQLite rewrites a frame it wrote earlier in the same transaction when the page changes
  // again: that one lands in place.
  if (f->size > 0 && offset >= f->start && offset + amount <= f->start + f->size) {
    std::memcpy(f->gathered + (offset - f->start), data, static_cast<size_t>(amount));
    return SQLITE_OK;
  }
  const bool continues = f->size > 0 && offset == f->start + f->size;
  if (!continues || f->size + amount > kMaxGatheredBytes) {
    if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  }
  if (amount > kMaxWriteBytes || !Reserve(f, f->size + amount)) {
    if (int rc = Flush(f); rc != SQLITE_OK) return rc;
    return f->real->pMethods->xWrite(f->real, data, amount, offset);
  }
  if (f->size == 0) f->start = offset;
  std::memcpy(f->gathered + f->size, data, static_cast<size_t>(amount));
  f->size += amount;
  return SQLITE_OK;
}

int Close(sqlite3_file* file) {
  BatchingFile* f = Of(file);
  int flushed = Flush(f);
  int closed = f->real->pMethods->xClose(f->real);
  sqlite3_free(f->gathered);
  f->gathered = nullptr;
  f->capacity = 0;
  return flushed != SQLITE_OK ? flushed : closed;
}

int Read(sqlite3_file* file, void* out, int amount, sqlite3_int64 offset) {
  BatchingFile* f = Of(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xRead(f->real, out, amount, offset);
}

int Truncate(sqlite3_file* file, sqlite3_int64 size) {
  BatchingFile* f = Of(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xTruncate(f->real, size);
}

int Sync(sqlite3_file* file, int flags) {
  BatchingFile* f = Of(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xSync(f->real, flags);
}

int FileSize(sqlite3_file* file, sqlite3_int64* size) {
  BatchingFile* f = Of(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFileSize(f->real, size);
}

int Lock(sqlite3_file* file, int level) {
  sqlite3_file* real = Of(file)->real;
  return real->pMethods->xLock(real, level);
}

int Unlock(sqlite3_file* file, int level) {
  sqlite3_file* real = Of(file)->real;
  return real->pMethods->xUnlock(real, level);
}

int CheckReservedLock(sqlite3_file* file, int* reserved) {
  sqlite3_file* real = Of(file)->real;
  return real->pMethods->xCheckReservedLock(real, reserved);
}

int FileControl(sqlite3_file* file, int op, void* arg) {
  BatchingFile* f = Of(file);
  if (int rc = Flush(f); rc != SQLITE_OK) return rc;
  return f->real->pMethods->xFileControl(f->real, op, arg);
}

int SectorSize(sqlite3_file* file) {
  sqlite3_file* real = Of(file)->real;
  return real->pMethods->xSectorSize(real);
}

int DeviceCharacteristics(sqlite3_file* file) {
  sqlite3_file* real = Of(file)->real;
  return real->pMethods->xDeviceCharacteristics(real);
}

// Version 1: a WAL file is never memory-mapped and never carries the shared wal-index (that
// belongs to the database file), so the later methods are not needed.
const sqlite3_io_methods kWalMethods = {
    .iVersion = 1,
    .xClose = Close,
    .xRead = Read,
    .xWrite = Write,
    .xTruncate = Truncate,
    .xSync = Sync,
    .xFileSize = FileSize,
    .xLock = Lock,
    .xUnlock = Unlock,
    .xCheckReservedLock = CheckReservedLock,
    .xFileControl = FileControl,
    .xSectorSize = SectorSize,
    .xDeviceCharacteristics = DeviceCharacteristics,
    .xShmMap = nullptr,
    .xShmLock = nullptr,
    .xShmBarrier = nullptr,
    .xShmUnmap = nullptr,
    .xFetch = nullptr,
    .xUnfetch = nullptr,
};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* file, int flags, int* out_flags) {
  // Everything but a WAL is the default VFS's file, opened in place in the same bytes.
  if ((flags & SQLITE_OPEN_WAL) == 0) return g_base->xOpen(g_base, name, file, flags, out_flags);
  BatchingFile* f = Of(file);
  f->base.pMethods = nullptr;
  f->real = reinterpret_cast<sqlite3_file*>(f + 1);
  f->real->pMethods = nullptr;
  f->gathered = nullptr;
  f->start = f->size = f->capacity = 0;
  int rc = g_base->xOpen(g_base, name, f->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    if (f->real->pMethods != nullptr) f->real->pMethods->xClose(f->real);
    return rc;
  }
  f->base.pMethods = &kWalMethods;
  return SQLITE_OK;
}

}  // namespace

const char* WalWriteBatchingVfs() {
  static std::once_flag registered;
  std::call_once(registered, [] {
    sqlite3_vfs* base = sqlite3_vfs_find(nullptr);
    if (base == nullptr) throw std::runtime_error("SQLite has no default VFS");
    g_base = base;
    // The default VFS's other methods serve as they are: they see the same pAppData.
    g_vfs = *base;
    g_vfs.pNext = nullptr;
    g_vfs.zName = "aduan-wal-write-batching";
    g_vfs.szOsFile = static_cast<int>(sizeof(BatchingFile)) + base->szOsFile;
    g_vfs.xOpen = Open;
    if (sqlite3_vfs_register(&g_vfs, /*makeDflt=*/0) != SQLITE_OK) {
      throw std::runtime_error("SQLite refused to register the WAL write-batching VFS");
    }
  });
  return g_vfs.zName;
}

}  // namespace aduan::storage
