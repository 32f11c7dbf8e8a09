// Fuzzes the GSM-7 helpers: ToGsm7Safe always yields GSM-7 (channels/sms/gsm7.h), and a GSM-7
// text is counted in septets, at least one segment, never more segments than septets allow.
#include "channels/sms/gsm7.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  std::string_view raw = fuzz::AsView(data, size);
  channels::CountSmsSegments(raw);
  channels::Gsm7Septets(raw);
  std::string safe = channels::ToGsm7Safe(raw);
  if (!channels::IsGsm7(safe)) fuzz::Violation("ToGsm7Safe is not GSM-7", safe);
  channels::SmsSegments count = channels::CountSmsSegments(safe);
  if (!count.gsm7) fuzz::Violation("CountSmsSegments says UCS-2 for GSM-7 text", safe);
  if (count.units != channels::Gsm7Septets(safe)) {
    fuzz::Violation("CountSmsSegments disagrees with Gsm7Septets", safe);
  }
  if (count.segments == 0 || (count.units > 160 && count.segments * 153 < count.units)) {
    fuzz::Violation("impossible segment count", std::to_string(count.segments));
  }
  return 0;
}
