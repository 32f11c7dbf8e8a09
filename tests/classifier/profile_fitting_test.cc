// Fitting the city profile to a history: a topic moves only when most of its complaints, and
// enough of them, went to another agency; the file keeps its order and comments.
#include "classifier/profile_fitting.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aduan::classifier {
namespace {

// Reads the topic from the first word: "lampu ..." is pju_mati, "pohon ..." pemangkasan_pohon,
// anything else has no topic.
class FirstWordClassifier : public Classifier {
 public:
  Classification Classify(std::string_view text) const override {
    Classification c;
    if (text.starts_with("lampu")) c.topic = "pju_mati";
    if (text.starts_with("pohon")) c.topic = "pemangkasan_pohon";
    return c;
  }
};

CityProfile Profile() {
  CityProfile p;
  p.agency_of = {{"pju_mati", "DISHUB"}, {"pemangkasan_pohon", "DLH"}};
  return p;
}

std::vector<HistoryRow> Rows(const std::string& text, const std::string& agency, int n) {
  HistoryRow row;
  row.text = text;
  row.agency = agency;
  return std::vector<HistoryRow>(n, row);
}

std::vector<ProfileChange> Fit(const std::vector<HistoryRow>& rows,
                               const ProfileFitOptions& options = {}) {
  return FitProfile(rows, TopicsOf(rows, FirstWordClassifier()), Profile(), options);
}

TEST(ProfileFittingTest, ATopicMovesWhereMostOfItsComplaintsWent) {
  std::vector<HistoryRow> rows = Rows("lampu jalan mati", "PERKIM", 8);
  const auto dishub = Rows("lampu taman mati", "DISHUB", 2);
  rows.insert(rows.end(), dishub.begin(), dishub.end());
  const auto pohon = Rows("pohon rimbun", "DLH", 9);  // as the profile says: no change
  rows.insert(rows.end(), pohon.begin(), pohon.end());
  const auto none = Rows("jalan rusak", "PUPR", 20);  // no topic: says nothing
  rows.insert(rows.end(), none.begin(), none.end());
  const auto changes = Fit(rows);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].topic, "pju_mati");
  EXPECT_EQ(changes[0].from, "DISHUB");
  EXPECT_EQ(changes[0].to, "PERKIM");
  EXPECT_EQ(changes[0].to_rows, 8);
  EXPECT_EQ(changes[0].topic_rows, 10);
}

TEST(ProfileFittingTest, TooFewOrTooMixedComplaintsMoveNothing) {
  // Four is under the default support of five.
  EXPECT_TRUE(Fit(Rows("lampu mati", "PERKIM", 4)).empty());
  // Six of eleven is under the default share of 0.6.
  std::vector<HistoryRow> mixed = Rows("lampu mati", "PERKIM", 6);
  const auto rest = Rows("lampu redup", "DISHUB", 5);
  mixed.insert(mixed.end(), rest.begin(), rest.end());
  EXPECT_TRUE(Fit(mixed).empty());
  // Rows labelled TRIAGE were never routed: they say nothing about who handles the topic.
  EXPECT_TRUE(Fit(Rows("lampu mati", "TRIAGE", 9)).empty());
  // A looser fit takes the mixed topic.
  EXPECT_EQ(Fit(mixed, {5, 0.5}).size(), 1u);
}

TEST(ProfileFittingTest, ChangesAreWrittenInPlaceWithTheirCounts) {
  const std::string text =
      "{\n"
      "  // Kota Contoh\n"
      "  \"topics\": {\n"
      "    \"pju_mati\": \"DISHUB\",   // lampu jalan\n"
      "    \"pemangkasan_pohon\" : \"DLH\"\n"
      "  }\n"
      "}\n";
  std::vector<std::string> skipped;
  const std::string fitted = ApplyProfileChanges(text,
                                                 {{"pju_mati", "DISHUB", "PERKIM", 8, 10},
                                                  {"pemangkasan_pohon", "DLH", "PUPR", 5, 6},
                                                  {"sampah_liar", "DLH", "DISPERKIM", 5, 5}},
                                                 &skipped);
  EXPECT_EQ(fitted,
            "{\n"
            "  // Kota Contoh\n"
            "  \"topics\": {\n"
            "    \"pju_mati\": \"PERKIM\",   // lampu jalan  // fitted from history: 8 of 10 "
            "complaints went to PERKIM (was DISHUB)\n"
            "    \"pemangkasan_pohon\" : \"PUPR\"  // fitted from history: 5 of 6 complaints went "
            "to PUPR (was DLH)\n"
            "  }\n"
            "}\n");
  EXPECT_EQ(skipped, std::vector<std::string>{"sampah_liar"});
}

}  // namespace
}  // namespace aduan::classifier
