// The contract between the gateway and one provider's wire format.
//
// An adapter is a pure function of bytes in, values out: it verifies the provider's signature,
// parses the body into InboundMessages and DeliveryStatuses, and formats outgoing replies as
// provider HTTP requests. It never touches storage, HTTP routing or sockets, so every adapter
// can be tested with no server and no database.
//
// Thread safety: the gateway calls Handle() and FormatSend() concurrently from many threads on
// one adapter instance. Adapters that keep state (e.g. a replay cache) guard it themselves.
#ifndef ADUAN_CHANNELS_ADAPTER_H_
#define ADUAN_CHANNELS_ADAPTER_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/message.h"

namespace aduan::channels {

// Case-insensitive ordering, so header lookups ignore case as HTTP requires.
struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
};
using HeaderMap = std::multimap<std::string, std::string, CaseInsensitiveLess>;
using ParamMap = std::multimap<std::string, std::string>;

// An HTTP request as the server received it. The body is the raw bytes: signatures are
// computed over exactly these, never over a re-serialisation.
struct WebhookRequest {
  std::string method;  // "GET" or "POST"
  std::string path;    // e.g. "/webhooks/twilio"
  HeaderMap headers;
  ParamMap query;  // decoded query-string parameters
  std::string body;
  // ADUAN_PUBLIC_BASE_URL + path + query string as the provider called it (Twilio signs this).
  std::string public_url;
  int64_t now_ms = 0;  // the gateway's clock, injected so tests need no sleeping

  // First header / query value with this name, or empty.
  std::string Header(std::string_view name) const;
  std::string Query(std::string_view name) const;
};

// What the adapter wants the provider to receive on success (a handshake challenge, TwiML).
// When absent the gateway answers with its own JSON.
struct WebhookReply {
  int status = 200;
  std::string content_type = "text/plain";
  std::string body;
};

// A rejected request. `http_status` is one of API.md's: 400, 401, 403, 404, 413, 415.
// `code` is a short machine word ("bad_signature", "malformed_json", "missing_field"),
// `message` names the problem for a human reading the provider's dashboard.
struct WebhookError {
  int http_status = 400;
  std::string code;
  std::string message;
};

struct ParsedWebhook {
  std::vector<core::InboundMessage> messages;
  std::vector<core::DeliveryStatus> statuses;
  std::optional<WebhookReply> reply;
  // Items the adapter understood but does not handle (e.g. a reaction): logged, answered 200.
  std::vector<std::string> ignored;
};

struct HandleResult {
  std::optional<WebhookError> error;  // set: reject the request, nothing else is meaningful
  ParsedWebhook parsed;
};

// A reply to send through the provider, as the outbox stores it.
struct OutgoingMessage {
  std::string recipient;      // the InboundMessage's reply_address if set, else its sender
  std::string text;           // UTF-8
  std::string subject;        // email only
  std::string in_reply_to;    // provider id of the message being answered (email threading)
  std::string our_reference;  // our own id for this reply (email Message-ID), may be empty
  // Email: the thread's earlier Message-IDs, oldest first, without brackets; the References
  // header is these then `in_reply_to`. Empty: References is `in_reply_to` alone.
  std::vector<std::string> references;
  // Our own address the resident wrote to (Twilio's `To`), so the reply leaves from it; empty
  // when unknown, then the adapter picks a configured sender of the recipient's kind.
  std::string our_address;
};

// A provider API call. `path` is appended to the channel's ADUAN_<CHANNEL>_API_BASE.
struct ProviderRequest {
  std::string method = "POST";
  std::string path;
  HeaderMap headers;
  std::string content_type;
  std::string body;
};

// How a provider answered a ProviderRequest.
struct SendOutcome {
  bool delivered = false;           // accepted by the provider
  bool retryable = false;           // 5xx, 429, timeout: try again later
  std::string provider_message_id;  // when delivered and the provider returned one
  std::string error;                // when not delivered
  // The provider said how long to wait before the next try (Telegram's
  // parameters.retry_after, an HTTP Retry-After, a throttling code); -1 when it did not.
  int64_t retry_after_ms = -1;
};

class MediaFetcher;  // channels/media_fetch.h

class ChannelAdapter {
 public:
  virtual ~ChannelAdapter() = default;

  // The adapter's name; also its path segment in /webhooks/{name} and its ADUAN_ env prefix.
  virtual std::string_view name() const = 0;

  // Verifies and parses one webhook request. Never throws.
  virtual HandleResult Handle(const WebhookRequest& request) const = 0;

  // Builds the provider API call that sends `message`. Never throws.
  virtual ProviderRequest FormatSend(const OutgoingMessage& message) const = 0;

  // Interprets the provider's answer to a FormatSend request (status 0 = no answer/timeout).
  virtual SendOutcome ParseSendResponse(int http_status, std::string_view body) const;

  // How this channel fetches the attachments it reports (channels/media_fetch.h); nullptr when
  // it cannot (email posts the bytes inline; a channel without credentials). Owned by the
  // adapter.
  virtual const MediaFetcher* media_fetcher() const { return nullptr; }
};

// What a channel can do, declared once in its own folder and listed beside its registration,
// so the gateway decides by capability and never by a channel's name. Known without building
// the adapter: a ticket may outlive its channel being enabled.
struct ChannelTraits {
  // Replies in the webhook's own HTTP answer and cannot send anything later (the generic
  // channel): no outbox rows, no status notifications.
  bool answers_inline = false;
  // Email: replies thread by Subject, In-Reply-To and References.
  bool threads_by_subject = false;
  // Addresses people by phone number (E.164), so a relayed resident's phone is reachable.
  bool reaches_phones = false;
  // The provider posts whole messages with their attachments inline (email). Such webhooks
  // may carry bodies up to http.max_email_body_bytes rather than http.max_body_bytes.
  bool posts_attachments = false;
  // The provider's API when ADUAN_<CHANNEL>_API_BASE does not override it; empty when the
  // channel has no API of its own to call.
  std::string_view default_api_base;
};

// Reads a setting (an environment variable in production, a map in tests).
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// Builds an adapter from its environment, or returns nullptr when the channel is disabled
// (its secret is unset). The generic channel is always enabled.
using AdapterFactory = std::function<std::unique_ptr<ChannelAdapter>(const EnvLookup& env)>;

struct ChannelRegistration {
  std::string_view name;
  AdapterFactory make;
  ChannelTraits traits;
};

// Every channel aduan speaks, in one list (channels/registry.cc): adding a channel is one line.
const std::vector<ChannelRegistration>& AllChannels();

// The traits `channel` registered with; a default (all false, no API base) for a name no
// channel registered, which is never an error: old tickets may name a removed channel.
const ChannelTraits& TraitsOf(std::string_view channel);

}  // namespace aduan::channels

#endif  // ADUAN_CHANNELS_ADAPTER_H_
