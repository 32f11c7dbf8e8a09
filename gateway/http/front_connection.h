// The connection front's per-connection state and the stream cpp-httplib routes one framed
// request through (http_front.h). Internal to the front: one thread owns a Connection at a
// time (its event loop's thread, or the worker it was handed to).
#ifndef ADUAN_GATEWAY_HTTP_FRONT_CONNECTION_H_
#define ADUAN_GATEWAY_HTTP_FRONT_CONNECTION_H_

#include <httplib.h>
#include <sys/socket.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "gateway/http/front_limits.h"
#include "gateway/http/held_answer.h"
#include "gateway/http/request_framing.h"

namespace aduan::gateway::front {

// The text form of a socket address.
void AddressOf(const sockaddr_storage& addr, std::string* ip, int* port);

// A complete HTTP/1.1 error response with API.md's JSON body, closing the connection.
std::string ErrorResponse(int status, const std::string& code, const std::string& message);

// Writes all of `data` to a non-blocking socket, waiting up to `timeout_ms` whenever the socket
// takes nothing. False when the peer is gone or made no progress in time.
bool WriteAll(int fd, const char* data, size_t size, int timeout_ms);

struct Connection {
  Connection(uint64_t id_in, int fd_in, size_t max_header_bytes, BodyLimitFn limit)
      : id(id_in), fd(fd_in), framer(max_header_bytes, std::move(limit)) {}

  enum class Wait { kIdle, kHeaders, kBody, kLinger };

  uint64_t id;  // never reused, unlike descriptors: what epoll events name
  int fd;
  int loop = 0;  // the event loop that owns it between requests
  std::string remote_ip, local_ip;
  int remote_port = 0, local_port = 0;
  std::string in;  // bytes read and not yet framed
  RequestFramer framer;
  std::string request;  // the complete request a worker is routing
  Wait wait = Wait::kIdle;
  int64_t deadline_ms = 0;
  bool eof = false;        // the client sent FIN: it will send nothing more
  bool in_worker = false;  // owned by a worker until it comes back through `returned`
  bool close_after = false;
  // A response held until the gate releases it (held_answer.h), and what of it is still to
  // send. While holding or finishing its write the connection stays counted as in a worker.
  bool holding = false;
  bool finishing_write = false;
  uint64_t hold_token = 0;
  std::string answer;
  int served = 0;
  size_t accounted = 0;  // this connection's share of Impl::buffered
};

// What cpp-httplib reads one framed request from and writes its response to. With
// `keep_answer` (routing on an event thread, which must never wait on a slow reader) the
// response is kept for the front to send, as it is when the route holds its answer.
class FramedStream final : public httplib::Stream {
 public:
  FramedStream(const Connection& c, int write_timeout_ms, const HeldAnswerScope& hold,
               bool keep_answer)
      : c_(c), write_timeout_ms_(write_timeout_ms), hold_(hold), keep_answer_(keep_answer) {}

  bool is_readable() const override { return pos_ < c_.request.size(); }
  // A client that half-closed after its request still reads the answer: only a failed write
  // makes the stream unwritable (cpp-httplib's own socket stream treats FIN as gone).
  bool is_writable() const override { return !failed_; }
  ssize_t read(char* ptr, size_t size) override;
  // Writes through to the socket, or keeps the bytes (a held or kept answer), or drops them
  // (a request passed to a worker, which routes it again).
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.remote_ip;
    port = c_.remote_port;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    ip = c_.local_ip;
    port = c_.local_port;
  }
  socket_t socket() const override { return c_.fd; }

  bool failed() const { return failed_; }
  std::string TakeHeld() { return std::move(held_); }

 private:
  const Connection& c_;
  int write_timeout_ms_;
  const HeldAnswerScope& hold_;
  bool keep_answer_;
  std::string held_;
  size_t pos_ = 0;
  bool failed_ = false;
};

enum class Routed { kAnswered, kHeld, kPassed };

// Routes the connection's request on this thread. On a worker the answer is written as it is
// made (unless held); on an event thread it is kept in c->answer for the loop to send. A held
// answer is in c->answer with c->holding set; kPassed: the route asked for a worker, and
// nothing of the request or the connection changed.
Routed RouteRequest(RoutingServer& router, const FrontLimits& limits, AnswerGate* gate,
                    bool stopping, Connection* c, bool on_event_thread);

}  // namespace aduan::gateway::front

#endif  // ADUAN_GATEWAY_HTTP_FRONT_CONNECTION_H_
