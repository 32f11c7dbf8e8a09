// Written rules first; mined phrases where the written rules cannot decide, and mined conduct
// cues beside them.
//
// Phrases mined from labelled complaints (`aduan rules suggest`) know far more of how residents
// write than hand-written rules do, but they vote for agencies by co-occurrence: let loose beside
// the written rules they overrule fine distinctions a person wrote down, and a city's profile
// (which agency handles which topic) would lose to them. So they are a second tier: a complaint
// the written rules route confidently is theirs, unchanged; one they leave in triage is read
// again by the written rules and the mined phrases together, and that reading is taken when it
// is confident by the usual thresholds and scores at least the tier's own (stricter) minimum.
//
// Mined conduct cues (maladministration types, urgency; `rules suggest --conduct`) only add: a
// type the written rules did not find, or the urgent flag. An urgent complaint still in triage
// then goes to its leading candidate, as the written rules do for their own urgent reading.
// Either way the result explains itself through the rules that fired.
//
// The tiers are built from one configuration (the same lexicon and root words), so a complaint is
// normalised and stemmed once and every tier reads that analysis.
//
// Thread safety: immutable once built, like every Classifier.
#ifndef ADUAN_CLASSIFIER_TIERED_CLASSIFIER_H_
#define ADUAN_CLASSIFIER_TIERED_CLASSIFIER_H_

#include <memory>
#include <string_view>

#include "classifier/classifier.h"
#include "classifier/keyword_classifier.h"

namespace aduan::classifier {

class TieredClassifier : public Classifier {
 public:
  // `written`: the written rules alone. `with_fallback` (may be null): the same rules plus the
  // fallback ones, whose decision is taken when its agency_score reaches `min_score`.
  // `conduct` (may be null): conduct rules alone, whose maladministration types and urgent
  // flag are added to the decision.
  TieredClassifier(std::unique_ptr<KeywordClassifier> written,
                   std::unique_ptr<KeywordClassifier> with_fallback, double min_score,
                   std::unique_ptr<KeywordClassifier> conduct = nullptr);

  Classification Classify(std::string_view text) const override;

 private:
  Classification Route(const AnalyzedText& text) const;

  std::unique_ptr<KeywordClassifier> written_;
  std::unique_ptr<KeywordClassifier> with_fallback_;
  double min_score_;
  std::unique_ptr<KeywordClassifier> conduct_;
};

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_TIERED_CLASSIFIER_H_
