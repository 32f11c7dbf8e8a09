#include "classifier/profile_fitting.h"

#include <map>

#include "re2/re2.h"

namespace aduan::classifier {

std::vector<std::string> TopicsOf(const std::vector<HistoryRow>& rows,
                                  const Classifier& classifier) {
  std::vector<std::string> topics;
  topics.reserve(rows.size());
  for (const auto& row : rows) topics.push_back(classifier.Classify(row.text).topic);
  return topics;
}

std::vector<ProfileChange> FitProfile(const std::vector<HistoryRow>& rows,
                                      const std::vector<std::string>& topics,
                                      const CityProfile& profile,
                                      const ProfileFitOptions& options) {
  // topic -> agency the city chose -> complaints
  std::map<std::string, std::map<std::string, int>> sent;
  for (size_t i = 0; i < rows.size() && i < topics.size(); ++i) {
    if (rows[i].agency == kTriage || topics[i].empty()) continue;
    ++sent[topics[i]][rows[i].agency];
  }
  std::vector<ProfileChange> changes;
  for (const auto& [topic, by_agency] : sent) {
    auto current = profile.agency_of.find(topic);
    if (current == profile.agency_of.end()) continue;
    int all = 0;
    const std::pair<const std::string, int>* best = nullptr;
    for (const auto& entry : by_agency) {
      all += entry.second;
      if (best == nullptr || entry.second > best->second) best = &entry;
    }
    if (best == nullptr || best->first == current->second) continue;
    if (best->second < options.min_support || best->second < options.min_share * all) continue;
    changes.push_back({topic, current->second, best->first, best->second, all});
  }
  return changes;
}

std::string ApplyProfileChanges(const std::string& profile_text,
                                const std::vector<ProfileChange>& changes,
                                std::vector<std::string>* skipped) {
  std::string text = profile_text;
  for (const auto& change : changes) {
    // Topic codes are lower-case ASCII with '_' and agency codes upper-case ASCII with '_'
    // (both checked when loaded), so neither needs quoting for the pattern.
    const RE2 entry("(\"" + change.topic + "\"\\s*:\\s*\")" + change.from + "(\"[^\\n]*)");
    re2::StringPiece input(text);
    re2::StringPiece head, tail;
    if (!RE2::PartialMatch(input, entry, &head, &tail)) {
      skipped->push_back(change.topic);
      continue;
    }
    const size_t start = static_cast<size_t>(head.data() - text.data());
    const size_t end = static_cast<size_t>(tail.data() - text.data()) + tail.size();
    std::string line = std::string(head) + change.to + std::string(tail);
    line += "  // fitted from history: " + std::to_string(change.to_rows) + " of " +
            std::to_string(change.topic_rows) + " complaints went to " + change.to + " (was " +
            change.from + ")";
    text.replace(start, end - start, line);
  }
  return text;
}

}  // namespace aduan::classifier
