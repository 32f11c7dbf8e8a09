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
  options.fallback_rules_path = ADUAN_SOURCE_DIR "/config/classifier/fallback";
  options.conduct_rules_path = ADUAN_SOURCE_DIR "/config/classifier/conduct";
  options.topics_path = ADUAN_SOURCE_DIR "/config/classifier/topics.json";
  options.profile_path = ADUAN_SOURCE_DIR "/config/city/default.json";
  options.lexicon_path = ADUAN_SOURCE_DIR "/config/classifier/lexicon";
  options.roots_path = ADUAN_SOURCE_DIR "/config/classifier/roots.txt";
  return options;
}

// ShippedOptions() without the mined tiers (fallback and conduct): the written rules alone, for
// tests of how rules match and weigh (mined phrases would add their own evidence to what those
// tests count).
inline ClassifierOptions WrittenRulesOptions() {
  ClassifierOptions options = ShippedOptions();
  options.fallback_rules_path.clear();
  options.conduct_rules_path.clear();
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

// The same for WrittenRulesOptions().
inline const Classifier& ShippedWrittenClassifier() {
  static const Classifier* classifier = [] {
    std::string error;
    auto loaded = LoadKeywordClassifier(WrittenRulesOptions(), &error);
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

// One case of a round's family tests: a text written for the test and what the shipped rules
// must make of it.
struct FamilyCase {
  const char* name;  // gtest's name for the case
  const char* text;
  bool urgent;
  const char* agency = nullptr;  // when set, the agency the message must go to
  const char* label = nullptr;   // when set, a maladministration code ...
  bool labelled = true;          // ... that must (or must not) be assigned
};

// Checks `c` against ShippedClassifier(); a failure prints the rules that fired.
inline void ExpectFamily(const FamilyCase& c) {
  const Classification result = ShippedClassifier().Classify(c.text);
  const std::string evidence = EvidenceOf(result);
  EXPECT_EQ(result.urgent, c.urgent) << result.agency << evidence;
  if (c.agency != nullptr) {
    EXPECT_EQ(result.agency, c.agency) << evidence;
  }
  if (c.label != nullptr) {
    EXPECT_EQ(HasLabel(result, c.label), c.labelled) << evidence;
  }
}

// For INSTANTIATE_TEST_SUITE_P: a case's test is named by its `name`.
inline std::string FamilyCaseName(const testing::TestParamInfo<FamilyCase>& info) {
  return info.param.name;
}

}  // namespace aduan::classifier

#endif  // ADUAN_TESTS_CLASSIFIER_SHIPPED_H_
