// Fuzzes the form parsers: urlencoded bodies and percent-decoding, multipart/form-data (the
// boundary taken from the first line, as every multipart body starts), header blocks and
// structured header values with RFC 2231 parameters. None may crash or read out of bounds.
#include "channels/form.h"
#include "tests/fuzz/fuzz_request.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  std::string_view raw = fuzz::AsView(data, size);

  if (auto fields = channels::ParseUrlEncoded(raw)) {
    // Encoding what was decoded and decoding it again must give the same fields.
    std::vector<std::pair<std::string, std::string>> pairs;
    for (const auto& f : *fields) pairs.emplace_back(f.name, f.value);
    auto again = channels::ParseUrlEncoded(channels::EncodeForm(pairs));
    if (!again || again->size() != fields->size()) {
      fuzz::Violation("EncodeForm does not round-trip", "field count");
    }
    for (size_t i = 0; i < fields->size(); ++i) {
      if ((*again)[i].name != (*fields)[i].name || (*again)[i].value != (*fields)[i].value) {
        fuzz::Violation("EncodeForm does not round-trip", (*fields)[i].name);
      }
    }
  }
  channels::UrlDecode(raw, false);

  std::string boundary = fuzz::LeadingBoundary(raw);
  if (!boundary.empty()) {
    channels::SplitMultipart(raw, boundary);
    channels::ParseMultipartForm(raw, boundary);
  }
  auto [headers, content] = channels::SplitHeadersAndContent(raw);
  channels::HeaderList list = channels::ParseHeaderBlock(headers);
  for (const auto& [name, value] : list) channels::ParseHeaderParams(value);
  channels::ParseHeaderParams(raw);

  channels::FormFields out;
  channels::ParseFormRequest(
      fuzz::Post("/webhooks/x", fuzz::FormContentType(raw), std::string(raw)), &out);
  return 0;
}
