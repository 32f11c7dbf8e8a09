// Placeholder so the tree links while the rule engine is written; replaced by the real engine.
#include "classifier/classifier.h"

namespace aduan::classifier {

std::unique_ptr<Classifier> LoadKeywordClassifier(const ClassifierOptions&, std::string* error) {
  if (error) *error = "keyword classifier not built yet";
  return nullptr;
}

}  // namespace aduan::classifier
