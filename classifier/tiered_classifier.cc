#include "classifier/tiered_classifier.h"

#include <utility>

namespace aduan::classifier {

TieredClassifier::TieredClassifier(std::unique_ptr<Classifier> written,
                                   std::unique_ptr<Classifier> with_fallback, double min_score)
    : written_(std::move(written)),
      with_fallback_(std::move(with_fallback)),
      min_score_(min_score) {}

Classification TieredClassifier::Classify(std::string_view text) const {
  Classification first = written_->Classify(text);
  if (!first.triage) return first;
  Classification second = with_fallback_->Classify(text);
  // The fallback only settles where to send it. What the complaint is about beyond that (its
  // maladministration types, whether it is urgent) stays the written rules' reading.
  if (second.triage || second.agency_score < min_score_) return first;
  second.maladministration = std::move(first.maladministration);
  second.urgent = first.urgent;
  return second;
}

}  // namespace aduan::classifier
