// Fuzzes the charset decoder: the bytes under every label it knows plus an unknown and an empty
// one. Whatever goes in, what comes out is valid UTF-8 (channels/charset.h).
#include "channels/charset.h"
#include "core/utf8.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  std::string_view raw = fuzz::AsView(data, size);
  for (std::string_view label :
       {"utf-8", "us-ascii", "iso-8859-1", "windows-1252", "iso-8859-15", "x-unknown", ""}) {
    fuzz::CheckUtf8(label, channels::ToUtf8(raw, label));
  }
  std::string clean = core::SanitizeUtf8(raw);
  fuzz::CheckUtf8("SanitizeUtf8", clean);
  if (core::IsValidUtf8(raw) && clean != raw) {
    fuzz::Violation("SanitizeUtf8 changed valid UTF-8", clean);
  }
  // Decoding code point by code point always makes progress and re-encodes to valid UTF-8.
  size_t pos = 0;
  std::string rebuilt;
  while (pos < raw.size()) {
    size_t before = pos;
    core::AppendUtf8(rebuilt, core::NextCodePoint(raw, pos));
    if (pos <= before || pos > raw.size()) fuzz::Violation("NextCodePoint", "no progress");
  }
  fuzz::CheckUtf8("AppendUtf8(NextCodePoint)", rebuilt);
  return 0;
}
