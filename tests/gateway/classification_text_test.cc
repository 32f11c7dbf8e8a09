// The explanation a ticket stores is written directly (ClassificationText) rather than built as
// a json tree and dumped; it must be the same bytes as the dump, for every shape it can take.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "gateway/tickets/ticket_json.h"

namespace aduan::gateway {
namespace {

std::string Dumped(const classifier::Classification& c) {
  return ClassificationJson(c).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

TEST(ClassificationTextTest, AnEmptyTriageDecisionIsTheDump) {
  classifier::Classification c;
  EXPECT_EQ(ClassificationText(c), Dumped(c));
  EXPECT_TRUE(nlohmann::json::parse(ClassificationText(c))["triage"].get<bool>());
}

TEST(ClassificationTextTest, AFullDecisionIsTheDump) {
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
  EXPECT_EQ(ClassificationText(c), Dumped(c));
}

TEST(ClassificationTextTest, QuotesControlCharactersAndBrokenUtf8AreEscapedAsTheDumpDoes) {
  classifier::Classification c;
  c.agency = "A\"B";
  c.topic = std::string("tab\there\nnew line \x01 and \x7f");
  c.matched = {{"X", "back\\slash \"quoted\"", 1.0, "", "", std::string("bad \xff\xfe utf8 \xc3")},
               {"Y", "ok", 2.0, "", "", "jalan rusak di RT 03 \xe2\x80\x94 depan SDN"}};
  c.maladministration = {std::string("\xe2\x82")};
  const std::string text = ClassificationText(c);
  EXPECT_EQ(text, Dumped(c));
  EXPECT_NO_THROW(nlohmann::json::parse(text));
}

}  // namespace
}  // namespace aduan::gateway
