// Written rules first, mined phrases only where the written rules cannot decide.
//
// Phrases mined from labelled complaints (`aduan rules suggest`) know far more of how residents
// write than hand-written rules do, but they vote for agencies by co-occurrence: let loose beside
// the written rules they overrule fine distinctions a person wrote down, and a city's profile
// (which agency handles which topic) would lose to them. So they are a second tier: a complaint
// the written rules route confidently is theirs, unchanged; one they leave in triage is read
// again by the written rules and the mined phrases together, and that reading is taken when it
// is confident by the usual thresholds and scores at least the tier's own (stricter) minimum.
// Either way the result explains itself through the rules that fired.
//
// Thread safety: immutable once built, like every Classifier.
#ifndef ADUAN_CLASSIFIER_TIERED_CLASSIFIER_H_
#define ADUAN_CLASSIFIER_TIERED_CLASSIFIER_H_

#include <memory>
#include <string_view>

#include "classifier/classifier.h"

namespace aduan::classifier {

class TieredClassifier : public Classifier {
 public:
  // `written`: the written rules alone. `with_fallback`: the same rules plus the fallback ones,
  // whose decision is taken when its agency_score reaches `min_score`.
  TieredClassifier(std::unique_ptr<Classifier> written, std::unique_ptr<Classifier> with_fallback,
                   double min_score);

  Classification Classify(std::string_view text) const override;

 private:
  std::unique_ptr<Classifier> written_;
  std::unique_ptr<Classifier> with_fallback_;
  double min_score_;
};

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_TIERED_CLASSIFIER_H_
