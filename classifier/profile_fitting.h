// Fitting a city profile to the city's own history: which agency the city actually sent each
// topic's complaints to.
//
// Cities split duties differently: street lamps under the transport office in one, under
// housing in another; tree pruning under environment or under public works. The shipped rules
// find the topic either way; only the profile's topic -> agency line differs. Where the
// history's complaints of a topic (as the classifier reads them) went mostly to another agency
// than the profile says, that line is a candidate change, with its counts. Mined phrases
// (rule_mining.h) cannot fix this on their own: they add evidence for the city's agency, while
// the shipped rules keep voting, with their full weights, for the profile's.
#ifndef ADUAN_CLASSIFIER_PROFILE_FITTING_H_
#define ADUAN_CLASSIFIER_PROFILE_FITTING_H_

#include <string>
#include <vector>

#include "classifier/classifier.h"
#include "classifier/history.h"
#include "classifier/topics.h"

namespace aduan::classifier {

struct ProfileFitOptions {
  int min_support = 5;     // complaints of the topic that went to the new agency
  double min_share = 0.6;  // their share of all the history's complaints of the topic
};

struct ProfileChange {
  std::string topic;
  std::string from;    // the profile's agency
  std::string to;      // the agency most of the topic's complaints went to
  int to_rows = 0;     // complaints of the topic labelled `to`
  int topic_rows = 0;  // complaints the classifier gave the topic
};

// The changes `rows` support, by topic code. `topics[i]` is the topic the rules read in rows[i]
// (the one behind its agency, or the leading candidate's when it was left to triage; empty for
// none): TopicsOf gives them, once for a history that is fitted several times. Rows labelled
// TRIAGE and rows with no topic say nothing.
std::vector<ProfileChange> FitProfile(const std::vector<HistoryRow>& rows,
                                      const std::vector<std::string>& topics,
                                      const CityProfile& profile,
                                      const ProfileFitOptions& options = {});

// The topic `classifier` reads in each of `rows`, in order. Thread-safe as far as `classifier`
// is.
std::vector<std::string> TopicsOf(const std::vector<HistoryRow>& rows,
                                  const Classifier& classifier);

// `profile_text` (a profile file's content) with each change applied in place: the topic's
// agency replaced and a comment at the end of its line giving the counts, so the rest of the
// file (order, comments, the other fields) stays as the city wrote it. A change whose topic and
// agency are not found as `"topic": "from"` is left out and named in *skipped.
std::string ApplyProfileChanges(const std::string& profile_text,
                                const std::vector<ProfileChange>& changes,
                                std::vector<std::string>* skipped);

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_PROFILE_FITTING_H_
