// The configuration the project ships (rules, topic catalogue, default city profile, lexicon,
// roots), as the classifier tests load it: one definition, so a new data file is added once.
#ifndef ADUAN_TESTS_CLASSIFIER_SHIPPED_H_
#define ADUAN_TESTS_CLASSIFIER_SHIPPED_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "classifier/classifier.h"

namespace aduan::classifier {

// Options naming the shipped files in the source tree.
inline ClassifierOptions ShippedOptions() {
  ClassifierOptions options;
  options.rules_path = ADUAN_SOURCE_DIR "/config/classifier/rules";
  options.topics_path = ADUAN_SOURCE_DIR "/config/classifier/topics.json";
  options.profile_path = ADUAN_SOURCE_DIR "/config/city/default.json";
  options.lexicon_path = ADUAN_SOURCE_DIR "/config/classifier/lexicon";
  options.roots_path = ADUAN_SOURCE_DIR "/config/classifier/roots.txt";
  return options;
}

// One classifier built from ShippedOptions(), loaded on first use and shared by every test in
// the binary (loading is the slow part). A load error fails the first test that asks.
inline const Classifier& ShippedClassifier() {
  static const Classifier* classifier = [] {
    std::string error;
    auto loaded = LoadKeywordClassifier(ShippedOptions(), &error);
    EXPECT_NE(loaded, nullptr) << error;
    return loaded.release();
  }();
  return *classifier;
}

// The rules that fired, " target:rule" each: what a failed expectation prints.
inline std::string EvidenceOf(const Classification& result) {
  std::string evidence;
  for (const auto& m : result.matched) evidence += " " + m.target + ":" + m.rule;
  return evidence;
}

// Whether `result` carries maladministration code `code`.
inline bool HasLabel(const Classification& result, const std::string& code) {
  return std::find(result.maladministration.begin(), result.maladministration.end(), code) !=
         result.maladministration.end();
}

}  // namespace aduan::classifier

#endif  // ADUAN_TESTS_CLASSIFIER_SHIPPED_H_
