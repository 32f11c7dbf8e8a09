// Fuzzes the classifier's rule-file parser with the bytes as one rule file read after the
// shipped 00-settings.rules (so the shipped agency files, as seeds, find the @groups they use).
// Rules that parse are compiled and run over a few complaints and over the file's own text, so
// what the parser accepts is also something the classifier can use.
#include <fstream>
#include <sstream>

#include "classifier/keyword_classifier.h"
#include "classifier/rules.h"
#include "tests/fuzz/fuzz_request.h"

namespace {

aduan::classifier::DataFile ShippedSettings() {
  std::string path = std::string(ADUAN_SOURCE_DIR) + "/config/classifier/rules/00-settings.rules";
  std::ifstream in(path, std::ios::binary);
  if (!in) aduan::fuzz::Violation("cannot read", path);
  std::ostringstream text;
  text << in.rdbuf();
  return {"00-settings.rules", text.str()};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace aduan;
  static const classifier::DataFile settings = ShippedSettings();
  std::string_view raw = fuzz::AsView(data, size);
  std::vector<classifier::DataFile> files = {settings, {"fuzz.rules", std::string(raw)}};
  classifier::RuleSet rules;
  std::string error;
  if (!classifier::ParseRules(files, &rules, &error)) {
    if (error.empty()) fuzz::Violation("ParseRules failed without saying why", "");
    return 0;
  }
  auto compiled = classifier::KeywordClassifier::Build(std::move(rules), classifier::Lexicon(),
                                                       classifier::Stemmer(), {}, &error);
  if (!compiled) {
    if (error.empty()) fuzz::Violation("Build failed without saying why", "");
    return 0;
  }
  for (std::string_view text : std::initializer_list<std::string_view>{
           "Jalan di depan SDN 3 Cilegon rusak parah, sudah 3 bulan",
           "petugas minta uang 50 ribu untuk urus KTP, tidak ada korban", "", raw}) {
    classifier::Classification c = compiled->Classify(text);
    if (c.agency.empty()) fuzz::Violation("Classify returned no agency", text);
  }
  return 0;
}
