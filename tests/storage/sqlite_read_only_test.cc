// A database file this user may not write: SQLite would open it read-only without a word, and
// every write would then fail while reads (and /readyz, once) looked fine. The store refuses
// to open instead, naming the problem.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "storage/store.h"
#include "temp_dir.h"

namespace aduan::storage {
namespace {

// Opens the store and reports how it went: 0 refused as read-only, 1 opened, 2 another error.
int TryOpen(const std::string& path) {
  try {
    OpenStore("sqlite:" + path);
    return 1;
  } catch (const StoreError& e) {
    return std::string(e.what()).find("read-only") != std::string::npos ? 0 : 2;
  }
}

TEST(SqliteReadOnlyTest, AFileThisUserMayNotWriteIsRefusedAtOpen) {
  testing::TempDir dir;
  std::string db = dir.File("aduan.db");
  OpenStore("sqlite:" + db).reset();  // a migrated database, closed cleanly
  // The file is not writable; its folder is, as in a deployment where only the file's mode
  // or owner went wrong (SQLite may still create its -wal and -shm beside it).
  chmod(db.c_str(), 0444);
  chmod(dir.path().c_str(), 0777);
  int outcome = -1;
  if (geteuid() != 0) {
    outcome = TryOpen(db);
  } else {
    // Root writes any file: ask as an unprivileged user, in a child so this process keeps root.
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
      if (setgid(65534) != 0 || setuid(65534) != 0) _exit(3);
      _exit(TryOpen(db));
    }
    int status = 0;
    ASSERT_EQ(waitpid(child, &status, 0), child);
    ASSERT_TRUE(WIFEXITED(status));
    outcome = WEXITSTATUS(status);
    ASSERT_NE(outcome, 3) << "could not become an unprivileged user";
  }
  chmod(dir.path().c_str(), 0700);
  EXPECT_EQ(outcome, 0) << (outcome == 1 ? "opened a file it cannot write" : "another error");
}

}  // namespace
}  // namespace aduan::storage
