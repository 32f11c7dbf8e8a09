// Signs a recorded provider payload the way the provider would, so that a person (or the
// README's own check) can send it to a running gateway: `aduan sign CHANNEL FILE`.
//
// This is a tool for trying aduan out and for tests, never part of request handling. Secrets
// come from the same ADUAN_* variables the running gateway reads.
#ifndef ADUAN_CHANNELS_SIGN_WEBHOOK_H_
#define ADUAN_CHANNELS_SIGN_WEBHOOK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "channels/adapter.h"

namespace aduan::channels {

struct SignedWebhook {
  std::string url;  // where to POST: base + /webhooks/{channel} (+ query)
  std::vector<std::pair<std::string, std::string>> headers;  // Content-Type included
  std::string body;                                          // possibly re-signed
};

// Signs `body` (a recorded payload; its Content-Type is `content_type`) for `channel` at
// `base_url` ("http://127.0.0.1:8080"). `now_s` stamps providers that sign a time (Mailgun).
// Returns nullopt and sets *error when the channel is unknown or its secret is unset.
std::optional<SignedWebhook> SignWebhook(const std::string& channel, const std::string& body,
                                         const std::string& content_type,
                                         const std::string& base_url, const EnvLookup& env,
                                         int64_t now_s, std::string* error);

// The Content-Type of a recorded payload from its file name and bytes: .json, .form
// (urlencoded), .multipart (the boundary read from the first line), .eml (message/rfc822).
std::string ContentTypeOfRecording(const std::string& file_name, const std::string& body);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_SIGN_WEBHOOK_H_
