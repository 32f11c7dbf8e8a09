// Classifiers loaded from rules a test writes, on top of the shipped lexicon, roots, topics and
// profile, so the weights a test checks are exactly those it wrote.
#ifndef ADUAN_TESTS_CLASSIFIER_RULES_UNDER_TEST_H_
#define ADUAN_TESTS_CLASSIFIER_RULES_UNDER_TEST_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "classifier/classifier.h"
#include "tests/classifier/shipped.h"

namespace aduan::classifier {

// Writes `rules` to `<build>/rules_under_test.<pid>/<file>` and loads them; nullptr and
// `error` (which names `file` and the line) when they do not load. ctest runs each test of a
// binary as its own process, in parallel: a folder per process, or one test overwrites
// another's rules before that one loads them.
inline std::unique_ptr<Classifier> LoadRulesUnderTest(const std::string& file,
                                                      const std::string& rules,
                                                      std::string* error) {
  const auto dir =
      std::filesystem::path(ADUAN_BINARY_DIR) / ("rules_under_test." + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto path = dir / file;
  std::ofstream(path) << rules;
  ClassifierOptions options = WrittenRulesOptions();
  options.rules_path = path.string();
  return LoadKeywordClassifier(options, error);
}

// The summed weight of the evidence `result` kept for `target`.
inline double WeightFor(const Classification& result, const std::string& target) {
  double sum = 0;
  for (const auto& match : result.matched) {
    if (match.target == target) sum += match.weight;
  }
  return sum;
}

}  // namespace aduan::classifier

#endif  // ADUAN_TESTS_CLASSIFIER_RULES_UNDER_TEST_H_
