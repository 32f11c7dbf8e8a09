// Fuzzes the WhatsApp Cloud API adapter: the bytes are a POST body signed with the test app
// secret (so they reach the JSON walk), and also the query string of a GET handshake.
#include "channels/form.h"
#include "channels/whatsapp/whatsapp.h"
#include "core/crypto.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  static constexpr char kSecret[] = "fuzz-app-secret";
  static const auto adapter = channels::MakeWhatsAppAdapter(
      fuzz::Env({{"ADUAN_WHATSAPP_APP_SECRET", kSecret},
                 {"ADUAN_WHATSAPP_VERIFY_TOKEN", "fuzz-verify"},
                 {"ADUAN_WHATSAPP_PHONE_NUMBER_ID", "106540352242922"},
                 {"ADUAN_WHATSAPP_ACCESS_TOKEN", "fuzz-access"}}));
  std::string body(fuzz::AsView(data, size));

  auto post = fuzz::Post("/webhooks/whatsapp", "application/json", body);
  post.headers.emplace("X-Hub-Signature-256",
                       "sha256=" + core::HexEncode(core::HmacSha256(kSecret, body)));
  fuzz::HandleAndCheck(*adapter, post);

  if (auto params = channels::ParseUrlEncoded(body)) {
    channels::WebhookRequest get;
    get.method = "GET";
    get.path = "/webhooks/whatsapp";
    get.now_ms = fuzz::kNowMs;
    for (const auto& field : *params) get.query.emplace(field.name, field.value);
    fuzz::CheckResult(*adapter, adapter->Handle(get));
  }
  return 0;
}
