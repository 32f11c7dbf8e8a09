// A last word before dying of SIGBUS.
//
// SQLite maps its `-shm` file (the WAL index) into memory. When a page of that mapping can no
// longer be backed (the file was truncated or removed, the disk filled while a page was being
// allocated, the filesystem went away), the next access raises SIGBUS, and by default the
// process vanishes without a line in the log. The handler installed here writes one JSON log
// line to stderr that says what happened and what to check, then ends the process with
// kFatalSignalExitCode, so a supervisor and an operator can tell this death from any other.
// It cannot continue: the faulting instruction would fault again. Nothing acknowledged is lost,
// since every answered write was durable in the database and its WAL before the answer.
//
// The handler is async-signal-safe: it formats into a stack buffer with no allocation and no
// locks, writes with one write(2) and leaves with _exit(2).
#ifndef ADUAN_GATEWAY_FATAL_SIGNAL_H_
#define ADUAN_GATEWAY_FATAL_SIGNAL_H_

#include <string>

namespace aduan::gateway {

// Exit status after SIGBUS (0, 1 and 2 are taken by success, runtime failure and bad usage).
inline constexpr int kFatalSignalExitCode = 3;

// Installs the SIGBUS handler for the whole process. `storage` names what the process maps
// (e.g. "sqlite:data/aduan.db"); it goes into the log line. May be called again to change it,
// before any thread that could fault is running.
void InstallFatalSignalLog(const std::string& storage);

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_FATAL_SIGNAL_H_
