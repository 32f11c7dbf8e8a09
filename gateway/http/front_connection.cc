#include "gateway/http/front_connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

namespace aduan::gateway::front {

void AddressOf(const sockaddr_storage& addr, std::string* ip, int* port) {
  char text[INET6_ADDRSTRLEN] = {0};
  if (addr.ss_family == AF_INET) {
    auto* in = reinterpret_cast<const sockaddr_in*>(&addr);
    inet_ntop(AF_INET, &in->sin_addr, text, sizeof(text));
    *port = ntohs(in->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    auto* in6 = reinterpret_cast<const sockaddr_in6*>(&addr);
    inet_ntop(AF_INET6, &in6->sin6_addr, text, sizeof(text));
    *port = ntohs(in6->sin6_port);
  }
  *ip = text;
}

namespace {

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "Bad Request";
    case 408:
      return "Request Timeout";
    case 413:
      return "Payload Too Large";
    case 414:
      return "URI Too Long";
    case 431:
      return "Request Header Fields Too Large";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Error";
  }
}

}  // namespace

std::string ErrorResponse(int status, const std::string& code, const std::string& message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  std::string text = body.dump();
  std::string out =
      "HTTP/1.1 " + std::to_string(status) + " " + ReasonPhrase(status) +
      "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(text.size()) +
      "\r\nConnection: close\r\n";
  if (status == 503) out += "Retry-After: 5\r\n";
  return out + "\r\n" + text;
}

Routed RouteRequest(RoutingServer& router, const FrontLimits& limits, AnswerGate* gate,
                    bool stopping, Connection* c, bool on_event_thread) {
  const bool last = c->served + 1 >= limits.max_requests_per_connection || c->eof || stopping;
  HeldAnswerScope hold(gate != nullptr, on_event_thread);
  FramedStream stream(*c, limits.write_timeout_ms, hold, on_event_thread);
  bool client_closed = false;
  bool ok = router.Route(stream, last, &client_closed);
  if (hold.passed()) return Routed::kPassed;
  ++c->served;
  c->close_after = last || client_closed || !ok || stream.failed();
  uint64_t token = 0;
  if (hold.held(&token)) {
    c->holding = true;
    c->hold_token = token;
    c->answer = stream.TakeHeld();
    return Routed::kHeld;
  }
  if (on_event_thread) c->answer = stream.TakeHeld();
  return Routed::kAnswered;
}

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
  if (hold_.passed()) return static_cast<ssize_t>(size);
  uint64_t token;
  if (keep_answer_ || hold_.held(&token)) {
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
