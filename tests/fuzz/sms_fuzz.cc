// Fuzzes the SMS gateway adapter three ways, as gateways call it: the bytes as a form body
// (urlencoded, or multipart when they start with a boundary line) with the bearer token, and as
// the query string of a body-less request (the text after a '?' when there is one, so the
// recorded "/path?query" fixtures seed it) carrying its own token parameter.
#include "channels/form.h"
#include "channels/sms/sms.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  static constexpr char kToken[] = "fuzz-sms-token";
  static const auto adapter = channels::MakeSmsAdapter(fuzz::Env({{"ADUAN_SMS_TOKEN", kToken}}));
  std::string body(fuzz::AsView(data, size));

  auto post = fuzz::Post("/webhooks/sms", fuzz::FormContentType(body), body);
  post.headers.emplace("Authorization", std::string("Bearer ") + kToken);
  fuzz::HandleAndCheck(*adapter, post);

  std::string_view query = body;
  if (auto q = query.find('?'); q != std::string_view::npos) query.remove_prefix(q + 1);
  if (auto params = channels::ParseUrlEncoded(query)) {
    auto get = fuzz::Post("/webhooks/sms", "", "");
    get.method = "GET";
    get.query.emplace("token", kToken);
    for (const auto& field : *params) get.query.emplace(field.name, field.value);
    fuzz::CheckResult(*adapter, adapter->Handle(get));
  }
  return 0;
}
