// A SQLite VFS, layered on the platform's default one, that turns a commit's many small WAL
// writes into one.
//
// SQLite writes each WAL frame as two pwrite calls (a 24-byte header, then the page), so a
// group commit of a dozen intakes is a few hundred system calls on the committer thread, and
// on a virtual machine each one is expensive. Through this VFS, writes to a `-wal` file that
// continue where the previous one ended are gathered in memory and reach the file in one
// write: before any read, sync, truncate, size query, file control or close of that file, or
// when the gathered bytes pass a limit. Every other file (the database, its journal, temp
// files) goes straight to the default VFS.
//
// Contract: use it only for a connection that commits with `synchronous=FULL` (or EXTRA).
// Then SQLite syncs the WAL before it publishes a commit in the shared wal-index, so no other
// connection can look for a frame that is still in this buffer; the writer's own reads of
// spilled frames flush first. A write error that surfaces at the flush is returned by the
// call that flushed (typically the commit's sync), so the transaction fails as it would have.
//
// Thread safety: the VFS is registered once (thread-safe); each open file is used by one
// connection at a time, as SQLite's own files are.
#ifndef ADUAN_STORAGE_SQLITE_WAL_WRITE_BATCHING_VFS_H_
#define ADUAN_STORAGE_SQLITE_WAL_WRITE_BATCHING_VFS_H_

namespace aduan::storage {

// The name to open connections with (sqlite3_open_v2's zVfs); registers the VFS on first use.
// Throws std::runtime_error if SQLite has no default VFS to layer on.
const char* WalWriteBatchingVfs();

}  // namespace aduan::storage

#endif  // ADUAN_STORAGE_SQLITE_WAL_WRITE_BATCHING_VFS_H_
