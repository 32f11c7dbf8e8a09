// Fuzzes the generic JSON channel's Handle() with the bytes as the request body.
#include "channels/generic/generic.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  static const auto adapter = channels::MakeGenericAdapter(fuzz::Env({}));
  fuzz::HandleAndCheck(*adapter, fuzz::Post("/webhooks/generic", "application/json",
                                            std::string(fuzz::AsView(data, size))));
  return 0;
}
