#include "gateway/http/request_framing.h"

#include <strings.h>

#include <algorithm>
#include <utility>

#include "core/crypto.h"

namespace aduan::gateway {
namespace {

// cpp-httplib refuses longer request targets with 414; keep the same bound here.
constexpr size_t kMaxTargetBytes = 8192;
// A chunk-size line is a hex number and perhaps an extension; nothing legitimate is long.
constexpr size_t kMaxChunkLineBytes = 1024;
// 15 hex digits stay below 2^60: no overflow when added to a body size.
constexpr size_t kMaxChunkSizeDigits = 15;

bool IsTokenChar(char c) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsTokenChar);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Parses a Content-Length value: digits only, no sign, at most 18 of them.
bool ParseLength(std::string_view s, size_t* out) {
  if (s.empty() || s.size() > 18) return false;
  size_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + static_cast<size_t>(c - '0');
  }
  *out = v;
  return true;
}

// Finds the end of the header block (just past its blank line) at or after `from`, accepting
// bare LF line ends as cpp-httplib does. npos when it is not there yet.
size_t FindHeaderEnd(const std::string& buf, size_t from) {
  for (size_t pos = buf.find('\n', from); pos != std::string::npos; pos = buf.find('\n', pos + 1)) {
    if (pos + 1 < buf.size() && buf[pos + 1] == '\n') return pos + 2;
    if (pos + 2 < buf.size() && buf[pos + 1] == '\r' && buf[pos + 2] == '\n') return pos + 3;
  }
  return std::string::npos;
}

}  // namespace

RequestFramer::RequestFramer(size_t max_header_bytes, BodyLimitFn body_limit)
    : max_header_bytes_(max_header_bytes), body_limit_(std::move(body_limit)) {}

RequestFramer::Step RequestFramer::Fail(int status, std::string code, std::string message) {
  phase_ = Phase::kFailed;
  error_ = FramingError{status, std::move(code), std::move(message)};
  return Step::kError;
}

RequestFramer::Step RequestFramer::Advance(std::string* buffer, bool eof) {
  if (phase_ == Phase::kFailed) return Step::kError;
  if (phase_ == Phase::kDone) return Step::kComplete;
  if (phase_ == Phase::kIdle) {
    // RFC 9112 2.2: a server ignores empty lines received before a request line.
    size_t skip = 0;
    while (skip < buffer->size() && ((*buffer)[skip] == '\r' || (*buffer)[skip] == '\n')) ++skip;
    buffer->erase(0, skip);
    if (buffer->empty()) return Step::kNeedMore;
    phase_ = Phase::kHeaders;
    scan_from_ = 0;
  }
  if (phase_ == Phase::kHeaders) {
    size_t end = FindHeaderEnd(*buffer, scan_from_);
    if (end == std::string::npos) {
      if (buffer->size() > max_header_bytes_) {
        return Fail(431, "headers_too_large",
                    "request headers are over " + std::to_string(max_header_bytes_) + " bytes");
      }
      if (eof) return Fail(400, "bad_request", "the connection closed inside the headers");
      scan_from_ = buffer->size() >= 2 ? buffer->size() - 2 : 0;
      return Step::kNeedMore;
    }
    if (end > max_header_bytes_) {
      return Fail(431, "headers_too_large",
                  "request headers are over " + std::to_string(max_header_bytes_) + " bytes");
    }
    std::string head = buffer->substr(0, end);
    buffer->erase(0, end);
    Step step = ParseHead(head);
    if (step != Step::kNeedMore) return step;
  }
  return ReadBody(buffer, eof);
}

RequestFramer::Step RequestFramer::ParseHead(std::string_view head) {
  size_t line_end = head.find('\n');
  std::string_view request_line = Trim(head.substr(0, line_end));
  size_t sp1 = request_line.find(' ');
  size_t sp2 = request_line.rfind(' ');
  if (sp1 == std::string_view::npos || sp2 == sp1) {
    return Fail(400, "bad_request", "the request line is not 'METHOD target HTTP/1.1'");
  }
  std::string_view method = request_line.substr(0, sp1);
  std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = request_line.substr(sp2 + 1);
  if (!IsToken(method) || target.empty() || target.find(' ') != std::string_view::npos ||
      (version != "HTTP/1.1" && version != "HTTP/1.0")) {
    return Fail(400, "bad_request", "the request line is not 'METHOD target HTTP/1.1'");
  }
  if (target.size() > kMaxTargetBytes) {
    return Fail(414, "uri_too_long",
                "the request target is over " + std::to_string(kMaxTargetBytes) + " bytes");
  }
  head_.assign(request_line);
  head_ += "\r\n";

  bool has_length = false;
  bool has_coding = false;
  content_length_ = 0;
  chunked_ = false;
  expect_continue_ = false;
  std::string_view rest = line_end == std::string_view::npos ? "" : head.substr(line_end + 1);
  while (!rest.empty()) {
    size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? "" : rest.substr(nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      return Fail(400, "bad_request", "folded header lines are not accepted");
    }
    size_t colon = line.find(':');
    if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) {
      return Fail(400, "bad_request", "a header line is not 'Name: value'");
    }
    std::string_view name = line.substr(0, colon);
    std::string_view value = Trim(line.substr(colon + 1));
    if (EqualsIgnoreCase(name, "Content-Length")) {
      size_t length = 0;
      if (!ParseLength(value, &length)) {
        return Fail(400, "bad_content_length",
                    "Content-Length must be a non-negative number of bytes, got '" +
                        std::string(value.substr(0, 40)) + "'");
      }
      if (has_length && length != content_length_) {
        return Fail(400, "bad_content_length", "two different Content-Length headers");
      }
      has_length = true;
      content_length_ = length;
      continue;
    }
    if (EqualsIgnoreCase(name, "Transfer-Encoding")) {
      if (has_coding || !EqualsIgnoreCase(value, "chunked")) {
        return Fail(501, "unsupported_transfer_encoding",
                    "only 'Transfer-Encoding: chunked' is supported");
      }
      has_coding = true;
      chunked_ = true;
      continue;
    }
    if (EqualsIgnoreCase(name, "Expect")) {
      expect_continue_ = EqualsIgnoreCase(value, "100-continue");
      continue;
    }
    head_.append(name);
    head_ += ": ";
    head_.append(value);
    head_ += "\r\n";
  }
  if (has_length && has_coding) {
    return Fail(400, "ambiguous_framing",
                "a request may not carry both Content-Length and Transfer-Encoding");
  }

  std::string_view path = target.substr(0, target.find('?'));
  body_limit_bytes_ = body_limit_ ? body_limit_(method, path) : 0;
  if (content_length_ > body_limit_bytes_) {
    return Fail(413, "body_too_large",
                "request body of " + std::to_string(content_length_) +
                    " bytes is over the limit of " + std::to_string(body_limit_bytes_) +
                    " bytes for " + std::string(path.substr(0, 200)));
  }
  phase_ = Phase::kBody;
  chunk_phase_ = ChunkPhase::kSize;
  body_.clear();
  if (expect_continue_ && (chunked_ || content_length_ > 0)) {
    expect_continue_ = false;
    return Step::kExpectContinue;
  }
  return Step::kNeedMore;
}

RequestFramer::Step RequestFramer::ReadBody(std::string* buffer, bool eof) {
  if (chunked_) return ReadChunked(buffer, eof);
  size_t take = std::min(content_length_ - body_.size(), buffer->size());
  body_.append(*buffer, 0, take);
  buffer->erase(0, take);
  if (body_.size() == content_length_) {
    phase_ = Phase::kDone;
    return Step::kComplete;
  }
  if (eof) return Fail(400, "bad_request", "the connection closed inside the body");
  return Step::kNeedMore;
}

RequestFramer::Step RequestFramer::ReadChunked(std::string* buffer, bool eof) {
  size_t trailer_bytes = 0;
  for (;;) {
    switch (chunk_phase_) {
      case ChunkPhase::kSize: {
        size_t nl = buffer->find('\n');
        if (nl == std::string::npos) {
          if (buffer->size() > kMaxChunkLineBytes) {
            return Fail(400, "bad_chunk", "a chunk-size line is too long");
          }
          if (eof) return Fail(400, "bad_request", "the connection closed inside the body");
          return Step::kNeedMore;
        }
        std::string_view line(buffer->data(), nl);
        line = Trim(line.substr(0, line.find(';')));
        if (line.empty() || line.size() > kMaxChunkSizeDigits) {
          return Fail(400, "bad_chunk", "a chunk size is not a hexadecimal number");
        }
        size_t size = 0;
        for (char c : line) {
          int v = core::HexDigitValue(c);
          if (v < 0) return Fail(400, "bad_chunk", "a chunk size is not a hexadecimal number");
          size = size * 16 + static_cast<size_t>(v);
        }
        buffer->erase(0, nl + 1);
        if (size == 0) {
          chunk_phase_ = ChunkPhase::kTrailer;
          break;
        }
        if (body_.size() + size > body_limit_bytes_) {
          return Fail(413, "body_too_large",
                      "request body is over the limit of " + std::to_string(body_limit_bytes_) +
                          " bytes for this path");
        }
        chunk_left_ = size;
        chunk_phase_ = ChunkPhase::kData;
        break;
      }
      case ChunkPhase::kData: {
        size_t take = std::min(chunk_left_, buffer->size());
        body_.append(*buffer, 0, take);
        buffer->erase(0, take);
        chunk_left_ -= take;
        if (chunk_left_ > 0) {
          if (eof) return Fail(400, "bad_request", "the connection closed inside the body");
          return Step::kNeedMore;
        }
        chunk_phase_ = ChunkPhase::kDataEnd;
        break;
      }
      case ChunkPhase::kDataEnd: {
        if (buffer->empty() || (buffer->size() == 1 && (*buffer)[0] == '\r')) {
          if (eof) return Fail(400, "bad_request", "the connection closed inside the body");
          return Step::kNeedMore;
        }
        if (buffer->compare(0, 2, "\r\n") == 0) {
          buffer->erase(0, 2);
        } else if ((*buffer)[0] == '\n') {
          buffer->erase(0, 1);
        } else {
          return Fail(400, "bad_chunk", "a chunk's data is longer than its size says");
        }
        chunk_phase_ = ChunkPhase::kSize;
        break;
      }
      case ChunkPhase::kTrailer: {
        // Trailer fields are read and dropped: nothing here needs them.
        size_t nl = buffer->find('\n');
        if (nl == std::string::npos) {
          if (buffer->size() > max_header_bytes_) {
            return Fail(431, "headers_too_large", "request trailers are too large");
          }
          if (eof) return Fail(400, "bad_request", "the connection closed inside the body");
          return Step::kNeedMore;
        }
        bool blank = nl == 0 || (nl == 1 && (*buffer)[0] == '\r');
        trailer_bytes += nl + 1;
        buffer->erase(0, nl + 1);
        if (blank) {
          phase_ = Phase::kDone;
          return Step::kComplete;
        }
        if (trailer_bytes > max_header_bytes_) {
          return Fail(431, "headers_too_large", "request trailers are too large");
        }
        break;
      }
    }
  }
}

std::string RequestFramer::TakeRequest() {
  std::string request;
  request.reserve(head_.size() + 32 + body_.size());
  request = std::move(head_);
  request += "Content-Length: ";
  request += std::to_string(body_.size());
  request += "\r\n\r\n";
  request += body_;
  head_.clear();
  body_.clear();
  body_.shrink_to_fit();
  phase_ = Phase::kIdle;
  scan_from_ = 0;
  return request;
}

}  // namespace aduan::gateway
