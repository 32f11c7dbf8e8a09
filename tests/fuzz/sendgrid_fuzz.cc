// Fuzzes the SendGrid Inbound Parse adapter's Handle(): the bytes are the multipart body (the
// boundary taken from their first line), posted with the right ?token=.
#include "channels/sendgrid/sendgrid.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  static constexpr char kToken[] = "fuzz-parse-token";
  static const auto adapter = channels::MakeSendGridAdapter(
      fuzz::Env({{"ADUAN_SENDGRID_TOKEN", kToken},
                 {"ADUAN_SENDGRID_API_KEY", "SG.fuzz"},
                 {"ADUAN_SENDGRID_FROM", "pengaduan@lapor.example.go.id"}}));
  std::string body(fuzz::AsView(data, size));
  auto req = fuzz::Post("/webhooks/sendgrid", fuzz::FormContentType(body), body);
  req.query.emplace("token", kToken);
  fuzz::HandleAndCheck(*adapter, req);
  return 0;
}
