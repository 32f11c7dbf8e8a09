// Fuzzes the RFC 5322 / MIME parser and the email text helpers with the bytes as a whole
// message, then as a single header value and as a body. Everything they return must be valid
// UTF-8 (channels/email/mime.h).
#include "channels/email/mime.h"
#include "channels/email/text.h"
#include "core/message.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  std::string_view raw = fuzz::AsView(data, size);

  channels::ParsedEmail email = channels::ParseEmail(raw);
  fuzz::CheckUtf8("subject", email.subject);
  fuzz::CheckUtf8("from", email.from.address);
  fuzz::CheckUtf8("from name", email.from.display_name);
  fuzz::CheckUtf8("text/plain", email.text_plain);
  fuzz::CheckUtf8("text/html", email.text_html);
  for (const auto& a : email.attachments) {
    fuzz::CheckUtf8("attachment name", a.filename);
    fuzz::CheckUtf8("attachment type", a.mime_type);
    fuzz::CheckUtf8("attachment content id", a.content_id);
    fuzz::CheckUtf8("attachment reference", a.reference);
  }
  fuzz::CheckUtf8("message id", email.message_id);
  for (const auto& id : email.in_reply_to) fuzz::CheckUtf8("in-reply-to", id);
  core::InboundMessage msg = channels::EmailToInboundMessage(email, "mailgun");
  fuzz::CheckUtf8("message text", msg.text);
  fuzz::CheckUtf8("message id", msg.provider_message_id);

  fuzz::CheckUtf8("encoded words", channels::DecodeEncodedWords(raw));
  channels::EmailAddress address = channels::ParseAddress(raw);
  fuzz::CheckUtf8("address", address.address);
  fuzz::CheckUtf8("address name", address.display_name);
  channels::ParseMessageIds(raw);
  channels::DecodeQuotedPrintable(raw);
  channels::HtmlToText(raw);
  channels::StripQuotedReply(raw);
  return 0;
}
