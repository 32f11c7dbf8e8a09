#include "classifier/tiered_classifier.h"

#include <algorithm>
#include <utility>

#include "classifier/rules.h"

namespace aduan::classifier {

TieredClassifier::TieredClassifier(std::unique_ptr<KeywordClassifier> written,
                                   std::unique_ptr<KeywordClassifier> with_fallback,
                                   double min_score, std::unique_ptr<KeywordClassifier> conduct)
    : written_(std::move(written)),
      with_fallback_(std::move(with_fallback)),
      min_score_(min_score),
      conduct_(std::move(conduct)) {}

Classification TieredClassifier::Route(const AnalyzedText& text) const {
  Classification first = written_->ClassifyAnalyzed(text);
  if (!first.triage || !with_fallback_) return first;
  Classification second = with_fallback_->ClassifyAnalyzed(text);
  // The fallback only settles where to send it. What the complaint is about beyond that (its
  // maladministration types, whether it is urgent) stays the written rules' reading.
  if (second.triage || second.agency_score < min_score_) return first;
  second.maladministration = std::move(first.maladministration);
  second.urgent = first.urgent;
  return second;
}

Classification TieredClassifier::Classify(std::string_view text) const {
  const AnalyzedText analyzed = written_->Analyze(text);
  Classification c = Route(analyzed);
  if (!conduct_) return c;
  Classification cues = conduct_->ClassifyAnalyzed(analyzed);
  // Written rules that weighed a label and found evidence against it ("sudah padam", a
  // negative term) have said no; a co-occurrence does not overrule that.
  auto refused = [&](const std::string& target) {
    return std::any_of(c.matched.begin(), c.matched.end(),
                       [&](const Match& m) { return m.target == target && m.weight < 0; });
  };
  auto added = [&](const std::string& target) {
    if (refused(target)) return false;
    if (target == kUrgentTarget) return cues.urgent && !c.urgent;
    return std::find(cues.maladministration.begin(), cues.maladministration.end(), target) !=
               cues.maladministration.end() &&
           std::find(c.maladministration.begin(), c.maladministration.end(), target) ==
               c.maladministration.end();
  };
  // The evidence first, while `added` still tells what is new.
  for (auto& m : cues.matched) {
    if (added(m.target)) c.matched.push_back(std::move(m));
  }
  for (auto& type : cues.maladministration) {
    if (added(type)) c.maladministration.push_back(std::move(type));
  }
  if (cues.urgent && !c.urgent && !refused(kUrgentTarget)) {
    c.urgent = true;
    // Urgent never waits in triage: the leading candidate is the likeliest responder.
    if (c.triage && !c.candidates.empty()) {
      c.agency = c.candidates.front().agency;
      c.triage = false;
      c.urgent_override = true;
    }
  }
  return c;
}

}  // namespace aduan::classifier
