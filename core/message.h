// The domain's incoming messages: plain value types every channel adapter produces and the
// gateway consumes (a message, its attachments, a shared place or contact, a delivery report).
//
// They carry no behaviour and no pointers into request buffers: an adapter copies what it
// needs, so a value outlives the HTTP request it came from and can cross threads freely.
#ifndef ADUAN_CORE_MESSAGE_H_
#define ADUAN_CORE_MESSAGE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace aduan::core {

// An attachment the provider told us about. We record it; we never fetch the bytes at intake.
struct Media {
  std::string kind;         // "image", "document", "audio", "video", "sticker", "file"
  std::string reference;    // provider media id, file_id or URL, whatever fetches it later
  std::string mime_type;    // empty when the provider did not say
  std::string filename;     // empty when unknown
  int64_t size_bytes = -1;  // -1 when unknown
  std::string content_id;   // email only: the part's Content-ID (no angle brackets), may be empty
  // Email only: the attachment's bytes, when the provider posted them in the request (Mailgun
  // and SendGrid file parts); empty otherwise. The gateway stores them at intake.
  std::string bytes;
};

// A contact card the resident shared (Telegram contact, WhatsApp contacts message).
struct SharedContact {
  std::string phone;       // E.164 when it parses as a phone number, else as sent
  std::string name;        // display name, may be empty
  bool is_sender = false;  // the resident shared their own number (Telegram user_id == from.id)
};

struct Location {
  double latitude = 0;
  double longitude = 0;
  std::string name;     // a venue or place name, may be empty
  std::string address;  // may be empty
};

// One message from a resident, as the provider delivered it.
struct InboundMessage {
  std::string channel;  // adapter name: "generic", "whatsapp", "telegram", "twilio", "sms", ...
  // The provider's id for this message; (channel, provider_message_id) is the dedupe key.
  // Empty when the provider gives none: the gateway then derives a key from a content hash.
  std::string provider_message_id;
  std::string sender;        // E.164 phone ("+62812..."), Telegram user id, or email address
  std::string display_name;  // may be empty
  std::string text;          // UTF-8, already decoded; may be empty (e.g. a bare photo)
  std::string subject;       // email only
  std::vector<Media> media;
  std::optional<Location> location;
  std::optional<SharedContact> contact;
  // Where a reply must go when that is not `sender` (Telegram chat id, email Reply-To).
  std::string reply_address;
  // Our own address the provider delivered this to (Twilio's `To`, e.g. "whatsapp:+1415..."),
  // when one account answers on several; empty when the provider does not say.
  std::string our_address;
  // Provider references to earlier messages (email In-Reply-To then References, oldest last).
  std::vector<std::string> in_reply_to;
  bool is_edit = false;          // Telegram edited_message: amends an earlier message
  std::string edits_message_id;  // provider id of the message being amended
  int64_t sent_at_ms = 0;        // provider's timestamp, or 0 when it gave none
  // A single-use token the provider signed this message with, when its signature does not
  // cover the body (Mailgun): the gateway refuses a second message with the same token.
  std::string replay_token;
};

// A delivery report for a message we sent earlier (WhatsApp statuses[], Twilio callbacks).
// It never creates a complaint.
struct DeliveryStatus {
  std::string channel;
  std::string provider_message_id;  // the id the provider gave our outgoing message
  std::string status;               // normalised: "sent", "delivered", "read", "failed"
  std::string error;                // provider error code/text when failed, else empty
  int64_t at_ms = 0;
};

}  // namespace aduan::core

#endif  // ADUAN_CORE_MESSAGE_H_
