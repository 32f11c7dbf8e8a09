// The explanation a ticket stores (and `aduan classify --json` prints) is written directly by
// ClassificationText. It must be valid JSON carrying every field of the decision, in the
// canonical form earlier versions stored (the json library's compact dump: keys in order,
// invalid UTF-8 replaced), for every shape a decision can take.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "gateway/tickets/ticket_json.h"

namespace aduan::gateway {
namespace {

using nlohmann::json;

// Parses `text` and checks it is already in the library's canonical compact form.
json ParsedCanonical(const std::string& text) {
  json j = json::parse(text);
  EXPECT_EQ(j.dump(-1, ' ', false, json::error_handler_t::replace), text);
  return j;
}

TEST(ClassificationTextTest, AnEmptyTriageDecisionHasEveryField) {
  classifier::Classification c;
  json j = ParsedCanonical(ClassificationText(c));
  EXPECT_TRUE(j["triage"].get<bool>());
  EXPECT_EQ(j["agency"], c.agency);
  EXPECT_TRUE(j["matched"].is_array() && j["matched"].empty());
  EXPECT_TRUE(j["candidates"].is_array() && j["candidates"].empty());
  EXPECT_TRUE(j["maladministration"].is_array() && j["maladministration"].empty());
  EXPECT_FALSE(j.contains("urgent_override"));
  EXPECT_EQ(ClassificationJson(c), j);
}

TEST(ClassificationTextTest, AFullDecisionKeepsEveryValue) {
  classifier::Classification c;
  c.agency = "PUPR";
  c.agency_score = 0.8726083209877918;
  c.triage = false;
  c.urgent = true;
  c.urgent_override = true;
  c.topic = "jalan_berlubang";
  c.maladministration = {"PENUNDAAN_BERLARUT", "PERMINTAAN_IMBALAN"};
  c.candidates = {{"PUPR", "jalan_berlubang", 0.8726083209877918}, {"DLH", "", 0.1 + 0.2}};
  c.matched = {
      {"PENUNDAAN_BERLARUT", "\\b(sudah|selama) (\\d+) ?(hari|bulan)\\b", 1.5, "",
       "20-maladministration.rules:20", "sudah 3 bulan"},
      {"PUPR", "jalan ~ rusak", 3.0, "jalan_berlubang", "15-topics.rules:8", ""},
      {"URGENT", "!tidak darurat", -2.0, "", "", ""},
      {"DLH", "pohon", 1e-7, "pemangkasan_pohon", "10-agencies.rules:1", ""},
      {"DLH", "x", 1e300, "", "a.rules:2", ""},
  };
  json j = ParsedCanonical(ClassificationText(c));
  EXPECT_EQ(j["agency"], "PUPR");
  EXPECT_EQ(j["agency_score"].get<double>(), c.agency_score);  // exactly: round-trip digits
  EXPECT_FALSE(j["triage"].get<bool>());
  EXPECT_TRUE(j["urgent"].get<bool>());
  EXPECT_TRUE(j["urgent_override"].get<bool>());
  EXPECT_EQ(j["topic"], "jalan_berlubang");
  EXPECT_EQ(j["maladministration"], json({"PENUNDAAN_BERLARUT", "PERMINTAAN_IMBALAN"}));
  ASSERT_EQ(j["candidates"].size(), 2u);
  EXPECT_EQ(j["candidates"][1]["score"].get<double>(), 0.1 + 0.2);
  EXPECT_EQ(j["candidates"][1]["topic"], "");
  ASSERT_EQ(j["matched"].size(), c.matched.size());
  for (size_t i = 0; i < c.matched.size(); ++i) {
    const auto& m = c.matched[i];
    const json& one = j["matched"][i];
    EXPECT_EQ(one["target"], m.target) << i;
    EXPECT_EQ(one["rule"], m.rule) << i;
    EXPECT_EQ(one["weight"].get<double>(), m.weight) << i;
    // Empty optional members are left out rather than written empty.
    EXPECT_EQ(one.contains("source"), !m.source.empty()) << i;
    EXPECT_EQ(one.contains("topic"), !m.topic.empty()) << i;
    EXPECT_EQ(one.contains("matched_text"), !m.matched_text.empty()) << i;
  }
  EXPECT_EQ(j["matched"][0]["matched_text"], "sudah 3 bulan");
  EXPECT_EQ(j["matched"][1]["topic"], "jalan_berlubang");
}

TEST(ClassificationTextTest, QuotesControlCharactersAndBrokenUtf8AreEscaped) {
  classifier::Classification c;
  c.agency = "A\"B";
  c.topic = std::string("tab\there\nnew line \x01 and \x7f");
  c.matched = {{"X", "back\\slash \"quoted\"", 1.0, "", "", std::string("bad \xff\xfe utf8 \xc3")},
               {"Y", "ok", 2.0, "", "", "jalan rusak di RT 03 \xe2\x80\x94 depan SDN"}};
  c.maladministration = {std::string("\xe2\x82")};
  const std::string text = ClassificationText(c);
  json j = ParsedCanonical(text);
  EXPECT_EQ(j["agency"], "A\"B");
  EXPECT_EQ(j["topic"], c.topic);
  EXPECT_EQ(j["matched"][0]["rule"], "back\\slash \"quoted\"");
  EXPECT_EQ(j["matched"][1]["matched_text"], "jalan rusak di RT 03 \xe2\x80\x94 depan SDN");
  // Invalid UTF-8 becomes U+FFFD instead of breaking the document.
  EXPECT_NE(j["matched"][0]["matched_text"].get<std::string>().find("\xef\xbf\xbd"),
            std::string::npos);
  EXPECT_EQ(text.find('\n'), std::string::npos);  // a control character is never raw
}

}  // namespace
}  // namespace aduan::gateway
