// Service topics: the catalogue between complaint text and agency, and a city's profile that
// says which agency handles each topic.
//
// The catalogue (config/classifier/topics.json) is a JSON array of Open311 GeoReport v2-shaped
// services: {"code", "name", "group", "description", "keywords": [...]}, and optionally
// "catch_all": true (see Topic::catch_all). Codes are stable,
// lower-case ASCII with '_' ("pohon_tumbang"); rules vote for topics with [topic CODE] sections.
//
// A city profile (config/city/*.json) maps every topic to an agency code:
//   {"name": "...", "topics": {"pohon_tumbang": "DLH", ...},
//    "urgent_responders": ["DAMKAR", "BPBD", ...], "urgent_default": "DAMKAR"}
// urgent_responders breaks ties between agencies for an urgent complaint (earlier wins);
// urgent_default takes an urgent complaint that names no agency's domain at all. Moving a topic
// to another agency is a one-line change in the profile, with no rule touched.
#ifndef ADUAN_CLASSIFIER_TOPICS_H_
#define ADUAN_CLASSIFIER_TOPICS_H_

#include <map>
#include <set>
#include <string>
#include <vector>

namespace aduan::classifier {

struct Topic {
  std::string code;
  std::string name;
  std::string group;
  std::string description;
  std::vector<std::string> keywords;
  // "catch_all": true marks an agency's "anything else" topic (kependudukan_lainnya, ...). It
  // holds the agency's general vocabulary, so it often outscores the narrower topic the text
  // names ("jalan berlubang"); the classifier gives it the complaint only when no narrower topic
  // of the same agency has evidence.
  bool catch_all = false;
};

struct TopicCatalogue {
  std::vector<Topic> topics;  // in file order
  const Topic* Find(const std::string& code) const;
};

struct CityProfile {
  std::string name;
  std::map<std::string, std::string> agency_of;  // topic code -> agency code
  std::vector<std::string> urgent_responders;
  std::string urgent_default;
  std::set<std::string> catch_all;  // the catalogue's catch-all topics (Topic::catch_all)
  std::string path;
  // Where each topic and agency appears in the file, for error messages after loading.
  std::map<std::string, int> line_of;
};

// Loads the catalogue. On failure returns false and sets *error to "file:line: problem".
bool LoadTopicCatalogue(const std::string& path, TopicCatalogue* catalogue, std::string* error);

// Loads a profile and checks every topic against `catalogue` and that every catalogue topic has
// an agency. Agency codes are checked by the caller, which knows the declared agencies. On
// failure returns false and sets *error to "file:line: problem". With `text`, *text gets the
// file's content as read (a fit to history rewrites that text, keeping its order and comments).
bool LoadCityProfile(const std::string& path, const TopicCatalogue& catalogue, CityProfile* profile,
                     std::string* error, std::string* text = nullptr);

// The 1-based line of the first occurrence of `needle` in `content` (0 when absent); JSON
// parsers do not keep positions, and a city editing a profile needs the line.
int LineOf(const std::string& content, const std::string& needle);

}  // namespace aduan::classifier

#endif  // ADUAN_CLASSIFIER_TOPICS_H_
