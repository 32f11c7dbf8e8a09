// Fuzzes the Mailgun adapter's Handle(). Mailgun signs only timestamp + token, both form fields,
// so the target adds a valid `signature` field in front of the fuzzed fields (the first field of
// a name wins): over the body's own timestamp and token when it has them, so the freshness check
// sees fuzzed values too, else over fresh ones it adds as well. Each input gets a new adapter, so
// the replay cache of one input never decides the next.
#include "channels/form.h"
#include "channels/mailgun/mailgun.h"
#include "core/crypto.h"
#include "tests/fuzz/fuzz_request.h"

namespace {

constexpr char kSigningKey[] = "fuzz-signing-key";

// `fields` as the first fields of `body`, in the body's own encoding.
std::string Prepend(const std::vector<std::pair<std::string, std::string>>& fields,
                    const std::string& body) {
  std::string boundary = aduan::fuzz::LeadingBoundary(body);
  if (boundary.empty()) return aduan::channels::EncodeForm(fields) + "&" + body;
  std::string out;
  for (const auto& [name, value] : fields) {
    out += "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" +
           value + "\r\n";
  }
  return out + body;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  auto adapter = channels::MakeMailgunAdapter(
      fuzz::Env({{"ADUAN_MAILGUN_SIGNING_KEY", kSigningKey},
                 {"ADUAN_MAILGUN_API_KEY", "key-fuzz"},
                 {"ADUAN_MAILGUN_DOMAIN", "lapor.example.go.id"},
                 {"ADUAN_MAILGUN_FROM", "pengaduan@lapor.example.go.id"}}));
  std::string body(fuzz::AsView(data, size));
  auto req = fuzz::Post("/webhooks/mailgun", fuzz::FormContentType(body), body);

  channels::FormFields fields;
  if (!channels::ParseFormRequest(req, &fields)) {
    std::vector<std::pair<std::string, std::string>> added;
    std::string timestamp = channels::FieldValue(fields, "timestamp");
    std::string token = channels::FieldValue(fields, "token");
    if (timestamp.empty()) {
      timestamp = std::to_string(fuzz::kNowMs / 1000);
      added.emplace_back("timestamp", timestamp);
    }
    if (token.empty()) {
      token = "fuzz-token";
      added.emplace_back("token", token);
    }
    added.emplace_back("signature",
                       core::HexEncode(core::HmacSha256(kSigningKey, timestamp + token)));
    req.body = Prepend(added, body);
  }
  fuzz::HandleAndCheck(*adapter, req);
  return 0;
}
