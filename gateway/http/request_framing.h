// Incremental HTTP/1.1 request framing for the connection front (http_front.h).
//
// The front reads requests itself, before any worker thread is involved, so that a slow or
// hostile client costs a buffer and a timer, never a thread, and so that every body limit holds
// whatever framing the client chose. A RequestFramer takes the bytes of one connection as they
// arrive and says when one whole request is there; it then hands out that request re-framed
// with a Content-Length (a chunked body is decoded), which is what cpp-httplib's request
// processing reads.
//
// It checks only framing: the request line's shape, header syntax and size, Content-Length and
// Transfer-Encoding (both present, several different lengths, a negative or absurd length, an
// unknown coding are refused, as request smuggling relies on such disagreements), and the body
// limit of the request's path. Routing, authentication and content types stay with the routes.
//
// Not thread-safe; one framer per connection, used by one thread at a time.
#ifndef ADUAN_GATEWAY_REQUEST_FRAMING_H_
#define ADUAN_GATEWAY_REQUEST_FRAMING_H_

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>

namespace aduan::gateway {

// The largest body a request to `path` may carry.
using BodyLimitFn = std::function<size_t(std::string_view method, std::string_view path)>;

struct FramingError {
  int status = 400;  // 400, 413, 431 or 501
  std::string code;  // API.md's machine word, e.g. "body_too_large"
  std::string message;
};

class RequestFramer {
 public:
  enum class Step {
    kNeedMore,        // nothing to do until more bytes arrive
    kExpectContinue,  // headers accepted and the client waits for "100 Continue" before its body
    kComplete,        // a whole request is ready: TakeRequest()
    kError,           // the request is refused: error(); the connection must be closed
  };

  RequestFramer(size_t max_header_bytes, BodyLimitFn body_limit);

  // Consumes what it can of `*buffer` (the connection's unread bytes; consumed bytes are
  // erased). `eof` says the client will send nothing more. Call again after kExpectContinue; a
  // kComplete request must be taken before the next call.
  Step Advance(std::string* buffer, bool eof);

  // True once any byte of the current request has been consumed (a request is under way).
  bool started() const { return phase_ != Phase::kIdle; }
  // True while the headers are complete and the body is being read.
  bool reading_body() const { return phase_ == Phase::kBody; }

  // The complete request, re-framed: request line, headers (without Transfer-Encoding and
  // Expect) with one Content-Length, the decoded body. Resets the framer for the next request.
  std::string TakeRequest();

  const FramingError& error() const { return error_; }
  // Bytes held for the request under way (headers and decoded body), for the front's budget.
  size_t held_bytes() const { return head_.size() + body_.size(); }

 private:
  enum class Phase { kIdle, kHeaders, kBody, kDone, kFailed };
  enum class ChunkPhase { kSize, kData, kDataEnd, kTrailer };

  Step Fail(int status, std::string code, std::string message);
  Step ParseHead(std::string_view head);
  Step ReadBody(std::string* buffer, bool eof);
  Step ReadChunked(std::string* buffer, bool eof);

  size_t max_header_bytes_;
  BodyLimitFn body_limit_;

  Phase phase_ = Phase::kIdle;
  size_t scan_from_ = 0;  // where the search for the blank line resumes
  std::string head_;      // request line and kept headers, each ending in CRLF
  std::string body_;
  size_t body_limit_bytes_ = 0;
  size_t content_length_ = 0;
  bool chunked_ = false;
  bool expect_continue_ = false;
  ChunkPhase chunk_phase_ = ChunkPhase::kSize;
  size_t chunk_left_ = 0;
  FramingError error_;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_REQUEST_FRAMING_H_
