// Fuzzes the phone normalisers. A result is empty or "+" and digits, and normalising a result
// again gives it back.
#include "core/phone.h"
#include "tests/fuzz/fuzz_request.h"

namespace {

void CheckE164(std::string_view what, const std::string& phone) {
  if (phone.empty()) return;
  if (phone[0] != '+' || phone.size() < 2) aduan::fuzz::Violation(what, phone);
  for (size_t i = 1; i < phone.size(); ++i) {
    if (phone[i] < '0' || phone[i] > '9') aduan::fuzz::Violation(what, phone);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  std::string_view raw = fuzz::AsView(data, size);
  std::string national = core::NormalizePhone(raw);
  CheckE164("NormalizePhone", national);
  if (!national.empty() && core::NormalizePhone(national) != national) {
    fuzz::Violation("NormalizePhone is not idempotent", national);
  }
  std::string international = core::NormalizeInternationalPhone(raw);
  CheckE164("NormalizeInternationalPhone", international);
  if (!international.empty() && core::NormalizeInternationalPhone(international) != international) {
    fuzz::Violation("NormalizeInternationalPhone is not idempotent", international);
  }
  core::LooksLikePhone(raw);
  return 0;
}
