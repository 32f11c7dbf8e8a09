#include "classifier/topics.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "classifier/data_files.h"

namespace aduan::classifier {
namespace {

using nlohmann::json;

bool ReadOne(const std::string& path, std::string* content, std::string* error) {
  std::vector<DataFile> files;
  if (!ReadDataFiles(path, ".json", &files, error)) return false;
  if (files.size() != 1) {
    *error = path + ": expected one JSON file";
    return false;
  }
  *content = std::move(files[0].content);
  return true;
}

bool ParseJson(const std::string& path, const std::string& content, json* out, std::string* error) {
  try {
    *out = json::parse(content, nullptr, true, /*ignore_comments=*/true);
  } catch (const json::parse_error& e) {
    // nlohmann reports a byte offset; turn it into a line.
    const size_t at = std::min<size_t>(e.byte, content.size());
    const int line = 1 + static_cast<int>(std::count(content.begin(), content.begin() + at, '\n'));
    *error = path + ":" + std::to_string(line) + ": invalid JSON: " + e.what();
    return false;
  }
  return true;
}

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > 64) return false;
  return std::all_of(code.begin(), code.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

int LineOf(const std::string& content, const std::string& needle) {
  const size_t at = content.find(needle);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(content.begin(), content.begin() + at, '\n'));
}

const Topic* TopicCatalogue::Find(const std::string& code) const {
  for (const auto& t : topics) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

bool LoadTopicCatalogue(const std::string& path, TopicCatalogue* catalogue, std::string* error) {
  std::string content;
  json doc;
  if (!ReadOne(path, &content, error) || !ParseJson(path, content, &doc, error)) return false;
  if (!doc.is_array()) {
    *error = path + ":1: the catalogue must be a JSON array of topics";
    return false;
  }
  std::set<std::string> seen;
  int index = 0;
  for (const auto& item : doc) {
    ++index;
    const std::string code =
        item.is_object() && item.contains("code") && item["code"].is_string() ? item["code"] : "";
    const int line = code.empty() ? 0 : LineOf(content, "\"" + code + "\"");
    auto fail = [&](const std::string& problem) {
      *error =
          path + ":" + std::to_string(line) + ": topic " + std::to_string(index) + ": " + problem;
      return false;
    };
    if (!item.is_object()) return fail("must be an object");
    if (!ValidCode(code)) return fail("'code' must be lower-case letters, digits or '_'");
    if (!seen.insert(code).second) return fail("duplicate code '" + code + "'");
    Topic t;
    t.code = code;
    for (const char* key : {"name", "group", "description"}) {
      if (!item.contains(key) || !item[key].is_string() || item[key].get<std::string>().empty()) {
        return fail(std::string("'") + key + "' must be a non-empty string");
      }
    }
    t.name = item["name"];
    t.group = item["group"];
    t.description = item["description"];
    if (item.contains("keywords")) {
      if (!item["keywords"].is_array()) return fail("'keywords' must be an array of strings");
      for (const auto& k : item["keywords"]) {
        if (!k.is_string()) return fail("'keywords' must be an array of strings");
        t.keywords.push_back(k);
      }
    }
    if (item.contains("catch_all")) {
      if (!item["catch_all"].is_boolean()) return fail("'catch_all' must be true or false");
      t.catch_all = item["catch_all"];
    }
    for (const auto& [key, value] : item.items()) {
      if (key != "code" && key != "name" && key != "group" && key != "description" &&
          key != "keywords" && key != "catch_all") {
        return fail("unknown field '" + key + "'");
      }
    }
    catalogue->topics.push_back(std::move(t));
  }
  if (catalogue->topics.empty()) {
    *error = path + ":1: the catalogue has no topics";
    return false;
  }
  return true;
}

bool LoadCityProfile(const std::string& path, const TopicCatalogue& catalogue, CityProfile* profile,
                     std::string* error, std::string* text) {
  std::string content;
  json doc;
  if (!ReadOne(path, &content, error) || !ParseJson(path, content, &doc, error)) return false;
  if (text != nullptr) *text = content;
  profile->path = path;
  auto fail = [&](int line, const std::string& problem) {
    *error = path + ":" + std::to_string(line) + ": " + problem;
    return false;
  };
  if (!doc.is_object()) return fail(1, "a city profile must be a JSON object");
  for (const auto& [key, value] : doc.items()) {
    if (key != "name" && key != "topics" && key != "urgent_responders" && key != "urgent_default" &&
        key != "description") {
      return fail(LineOf(content, "\"" + key + "\""), "unknown field '" + key + "'");
    }
  }
  if (doc.contains("name") && doc["name"].is_string()) profile->name = doc["name"];
  if (!doc.contains("topics") || !doc["topics"].is_object()) {
    return fail(1, "'topics' must be an object mapping topic code to agency code");
  }
  for (const auto& [topic, agency] : doc["topics"].items()) {
    const int line = LineOf(content, "\"" + topic + "\"");
    if (catalogue.Find(topic) == nullptr) {
      return fail(line, "unknown topic '" + topic + "' (not in the topic catalogue)");
    }
    if (!agency.is_string() || agency.get<std::string>().empty()) {
      return fail(line, "topic '" + topic + "' needs an agency code as a string");
    }
    profile->agency_of[topic] = agency;
    profile->line_of[topic] = line;
  }
  for (const auto& t : catalogue.topics) {
    if (!profile->agency_of.contains(t.code)) {
      return fail(1, "topic '" + t.code + "' has no agency; every catalogue topic needs one");
    }
    if (t.catch_all) profile->catch_all.insert(t.code);
  }
  if (doc.contains("urgent_responders")) {
    if (!doc["urgent_responders"].is_array()) {
      return fail(LineOf(content, "\"urgent_responders\""),
                  "'urgent_responders' must be an array of agency codes");
    }
    for (const auto& a : doc["urgent_responders"]) {
      if (!a.is_string()) {
        return fail(LineOf(content, "\"urgent_responders\""),
                    "'urgent_responders' must be an array of agency codes");
      }
      profile->urgent_responders.push_back(a);
    }
  }
  if (doc.contains("urgent_default")) {
    if (!doc["urgent_default"].is_string()) {
      return fail(LineOf(content, "\"urgent_default\""), "'urgent_default' must be a string");
    }
    profile->urgent_default = doc["urgent_default"];
  }
  return true;
}

}  // namespace aduan::classifier
