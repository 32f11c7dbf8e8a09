// Fuzzes the Telegram adapter's Handle() with the bytes as an Update carrying the right secret.
#include "channels/telegram/telegram.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  static constexpr char kSecret[] = "fuzz-secret-token";
  static const auto adapter = channels::MakeTelegramAdapter(fuzz::Env(
      {{"ADUAN_TELEGRAM_SECRET_TOKEN", kSecret}, {"ADUAN_TELEGRAM_BOT_TOKEN", "123:fuzz"}}));
  auto req =
      fuzz::Post("/webhooks/telegram", "application/json", std::string(fuzz::AsView(data, size)));
  req.headers.emplace("X-Telegram-Bot-Api-Secret-Token", kSecret);
  fuzz::HandleAndCheck(*adapter, req);
  return 0;
}
