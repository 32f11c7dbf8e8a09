#include "media/blob_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "core/crypto.h"

namespace aduan::media {
namespace {

bool IsSha256Hex(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

[[noreturn]] void Fail(const std::string& what, const std::filesystem::path& path) {
  throw BlobError(what + " " + path.string() + ": " + std::strerror(errno));
}

void FsyncPath(const std::filesystem::path& path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) Fail("cannot open", path);
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) Fail("cannot fsync", path);
}

}  // namespace

FileBlobStore::FileBlobStore(std::filesystem::path root) : root_(std::move(root)) {
  std::error_code ec;
  std::filesystem::create_directories(root_, ec);
  if (ec || !std::filesystem::is_directory(root_)) {
    throw BlobError("cannot create the blob directory " + root_.string() + ": " + ec.message());
  }
}

std::filesystem::path FileBlobStore::RootBeside(const std::filesystem::path& sqlite_file) {
  return std::filesystem::path(sqlite_file.string() + ".blobs");
}

std::filesystem::path FileBlobStore::PathOf(std::string_view sha256) const {
  return root_ / std::string(sha256.substr(0, 2)) / std::string(sha256);
}

std::string FileBlobStore::Put(std::string_view bytes) {
  std::string sha = core::Sha256Hex(bytes);
  std::filesystem::path target = PathOf(sha);
  if (std::filesystem::exists(target)) return sha;
  std::filesystem::path dir = target.parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw BlobError("cannot create " + dir.string() + ": " + ec.message());
  // A name no other writer (thread or process) uses at the same time.
  static std::atomic<uint64_t> counter{0};
  std::filesystem::path temp =
      dir / ("." + sha + ".tmp." + std::to_string(::getpid()) + "." + std::to_string(++counter));
  int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) Fail("cannot create", temp);
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      int saved = errno;
      ::close(fd);
      ::unlink(temp.c_str());
      errno = saved;
      Fail("cannot write", temp);
    }
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) {
    int saved = errno;
    ::close(fd);
    ::unlink(temp.c_str());
    errno = saved;
    Fail("cannot fsync", temp);
  }
  ::close(fd);
  // Two writers of the same bytes both rename: the second replaces identical content.
  if (::rename(temp.c_str(), target.c_str()) != 0) {
    int saved = errno;
    ::unlink(temp.c_str());
    errno = saved;
    Fail("cannot rename into", target);
  }
  FsyncPath(dir, O_RDONLY | O_DIRECTORY);
  return sha;
}

std::optional<std::string> FileBlobStore::Get(std::string_view sha256) const {
  if (!IsSha256Hex(sha256)) return std::nullopt;
  std::ifstream in(PathOf(sha256), std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  std::string out = std::move(bytes).str();
  if (core::Sha256Hex(out) != sha256) return std::nullopt;
  return out;
}

}  // namespace aduan::media
