// Fuzzes the Twilio adapter's Handle(): the bytes are a form body, signed the way Twilio signs
// (over the public URL and the parsed parameters) with the test auth token when they parse.
#include "channels/form.h"
#include "channels/twilio/twilio.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  static constexpr char kToken[] = "fuzz-auth-token";
  static constexpr char kUrl[] = "https://lapor.example.go.id/webhooks/twilio";
  static const auto adapter =
      channels::MakeTwilioAdapter(fuzz::Env({{"ADUAN_TWILIO_AUTH_TOKEN", kToken},
                                             {"ADUAN_TWILIO_ACCOUNT_SID", "ACfuzz"},
                                             {"ADUAN_TWILIO_FROM", "+15005550006"}}));
  std::string body(fuzz::AsView(data, size));
  auto req = fuzz::Post("/webhooks/twilio", fuzz::FormContentType(body), body);
  req.public_url = kUrl;
  channels::FormFields params;
  if (!channels::ParseFormRequest(req, &params)) {
    req.headers.emplace("X-Twilio-Signature", channels::TwilioSignature(kToken, kUrl, params));
  } else {
    req.headers.emplace("X-Twilio-Signature", "unsigned");
  }
  fuzz::HandleAndCheck(*adapter, req);
  return 0;
}
