#include "gateway/http/front_connection.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace aduan::gateway::front {

bool WriteAll(int fd, const char* data, size_t size, int timeout_ms) {
  size_t done = 0;
  while (done < size) {
    ssize_t n = ::send(fd, data + done, size - done, MSG_NOSIGNAL);
    if (n > 0) {
      done += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd p{fd, POLLOUT, 0};
      int r = ::poll(&p, 1, timeout_ms);
      if (r < 0 && errno == EINTR) continue;
      if (r <= 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) return false;
      continue;
    }
    return false;
  }
  return true;
}

ssize_t FramedStream::read(char* ptr, size_t size) {
  size_t n = std::min(size, c_.request.size() - pos_);
  std::memcpy(ptr, c_.request.data() + pos_, n);
  pos_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t FramedStream::write(const char* ptr, size_t size) {
  // The route has returned before cpp-httplib writes, so whether it held its answer is known.
  uint64_t token;
  if (hold_.held(&token)) {
    held_.append(ptr, size);
    return static_cast<ssize_t>(size);
  }
  if (failed_ || !WriteAll(c_.fd, ptr, size, write_timeout_ms_)) {
    failed_ = true;
    return -1;
  }
  return static_cast<ssize_t>(size);
}

}  // namespace aduan::gateway::front
