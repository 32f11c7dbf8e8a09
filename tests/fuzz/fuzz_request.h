// Shared by the libFuzzer targets in this folder (header-only; fuzz builds only).
//
// A target turns the fuzzer's bytes into the WebhookRequest the gateway would build, so the raw
// provider payloads in channels/*/testdata work as seeds unchanged: the bytes are the body, a
// body whose first line is "--<boundary>" is posted as multipart/form-data with that boundary,
// anything else as the adapter's usual type. Where a provider signs requests, the target signs
// the fuzzed body with a fixed test secret, so mutations reach the parser instead of stopping at
// the signature check (which the channel tests cover).
//
// After Handle() every output is checked against the adapter contract (channels/adapter.h and
// channels/charset.h); a violation aborts, which libFuzzer reports as a crash with its input.
#ifndef ADUAN_TESTS_FUZZ_FUZZ_REQUEST_H_
#define ADUAN_TESTS_FUZZ_FUZZ_REQUEST_H_

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "channels/adapter.h"
#include "core/message.h"
#include "core/utf8.h"

namespace aduan::fuzz {

// The clock the adapters see: just after the recorded fixtures were sent.
inline constexpr int64_t kNowMs = 1717377400000;

// Stops the run with a message libFuzzer shows beside the crashing input.
[[noreturn]] inline void Violation(std::string_view what, std::string_view detail) {
  std::fprintf(stderr, "contract violation: %.*s: %.*s\n", static_cast<int>(what.size()),
               what.data(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline std::string_view AsView(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

inline channels::EnvLookup Env(std::map<std::string, std::string> values) {
  return [values = std::move(values)](std::string_view name) -> std::optional<std::string> {
    auto it = values.find(std::string(name));
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

// The boundary when the body's first line is "--<boundary>" (how every multipart body starts),
// else "".
inline std::string LeadingBoundary(std::string_view body) {
  if (body.substr(0, 2) != "--") return {};
  size_t end = body.find('\n');
  std::string_view line = body.substr(2, end == std::string_view::npos ? end : end - 2);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (line.empty() || line.size() > 200) return {};
  return std::string(line);
}

// The Content-Type a form provider would send with `body`.
inline std::string FormContentType(std::string_view body) {
  std::string boundary = LeadingBoundary(body);
  if (boundary.empty()) return "application/x-www-form-urlencoded";
  return "multipart/form-data; boundary=\"" + boundary + "\"";
}

inline channels::WebhookRequest Post(std::string path, std::string content_type, std::string body) {
  channels::WebhookRequest req;
  req.method = "POST";
  req.path = std::move(path);
  if (!content_type.empty()) req.headers.emplace("Content-Type", std::move(content_type));
  req.body = std::move(body);
  req.now_ms = kNowMs;
  return req;
}

inline void CheckUtf8(std::string_view field, const std::string& value) {
  if (!core::IsValidUtf8(value)) Violation("invalid UTF-8 handed to the gateway", field);
}

// Checks what Handle() returned and feeds every message back through the send path, as the
// gateway does when it replies.
inline void CheckResult(const channels::ChannelAdapter& adapter,
                        const channels::HandleResult& result) {
  if (result.error) {
    int status = result.error->http_status;
    if (status != 400 && status != 401 && status != 403 && status != 404 && status != 413 &&
        status != 415) {
      Violation("error status outside the documented set", std::to_string(status));
    }
    if (result.error->code.empty()) Violation("error without a code", result.error->message);
    return;
  }
  for (const core::InboundMessage& m : result.parsed.messages) {
    CheckUtf8("text", m.text);
    CheckUtf8("sender", m.sender);
    CheckUtf8("display_name", m.display_name);
    CheckUtf8("subject", m.subject);
    CheckUtf8("provider_message_id", m.provider_message_id);
    CheckUtf8("reply_address", m.reply_address);
    for (const std::string& id : m.in_reply_to) CheckUtf8("in_reply_to", id);
    if (m.location) {
      CheckUtf8("location.name", m.location->name);
      CheckUtf8("location.address", m.location->address);
    }
    if (m.contact) {
      CheckUtf8("contact.phone", m.contact->phone);
      CheckUtf8("contact.name", m.contact->name);
    }
    for (const core::Media& media : m.media) {
      CheckUtf8("media.reference", media.reference);
      CheckUtf8("media.filename", media.filename);
      CheckUtf8("media.mime_type", media.mime_type);
      CheckUtf8("media.content_id", media.content_id);
    }
    if (m.channel != adapter.name()) Violation("message from another channel", m.channel);
    channels::OutgoingMessage reply;
    reply.recipient = m.reply_address.empty() ? m.sender : m.reply_address;
    reply.text = m.text;
    reply.subject = m.subject;
    reply.in_reply_to = m.provider_message_id;
    channels::ProviderRequest send = adapter.FormatSend(reply);
    if (send.path.empty()) Violation("FormatSend without a path", adapter.name());
  }
  for (const core::DeliveryStatus& s : result.parsed.statuses) {
    CheckUtf8("status.provider_message_id", s.provider_message_id);
    CheckUtf8("status.error", s.error);
  }
}

// Handle() plus the contract checks, and the send-response parser over the same bytes.
inline void HandleAndCheck(const channels::ChannelAdapter& adapter,
                           const channels::WebhookRequest& req) {
  CheckResult(adapter, adapter.Handle(req));
  for (int status : {0, 200, 400, 429, 500}) adapter.ParseSendResponse(status, req.body);
}

}  // namespace aduan::fuzz

#endif  // ADUAN_TESTS_FUZZ_FUZZ_REQUEST_H_
