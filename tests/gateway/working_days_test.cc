// The working-day calendar: weekends, national holidays and cuti bersama, on the shipped file.
#include "gateway/common/working_days.h"

#include <gtest/gtest.h>

#include <fstream>

#include "../storage/temp_dir.h"

namespace aduan::gateway {
namespace {

constexpr int64_t kHourMs = 60LL * 60 * 1000;
constexpr int64_t kWib = 7 * kHourMs;

// Local (WIB) midnight starting a civil date, as Unix ms.
int64_t WibMidnight(int y, int m, int d) {
  return WorkingCalendar::DayNumber(y, m, d) * 24 * kHourMs - kWib;
}

WorkingCalendar Shipped() {
  std::string error;
  auto cal = WorkingCalendar::Load(std::string(ADUAN_SOURCE_DIR) + "/config/calendar.json", &error);
  EXPECT_TRUE(cal) << error;
  return cal ? *cal : WorkingCalendar();
}

TEST(WorkingDaysTest, DayNumbersMatchTheCivilCalendar) {
  EXPECT_EQ(WorkingCalendar::DayNumber(1970, 1, 1), 0);
  EXPECT_EQ(WorkingCalendar::DayNumber(2000, 3, 1), 11017);
  EXPECT_EQ(WorkingCalendar::DayNumber(2026, 11, 23), 20780);
}

TEST(WorkingDaysTest, WeekendsDoNotCount) {
  WorkingCalendar plain;  // Saturday and Sunday off, no holidays
  // Friday 2026-11-20 10:00 WIB + 1 working day ends Monday 23rd: the deadline is the
  // midnight starting Tuesday.
  int64_t friday = WibMidnight(2026, 11, 20) + 10 * kHourMs;
  EXPECT_EQ(plain.AddWorkingDays(friday, 1), WibMidnight(2026, 11, 24));
  EXPECT_EQ(plain.AddWorkingDays(friday, 3), WibMidnight(2026, 11, 26));
  // A complaint sent on Saturday counts from Monday too.
  int64_t saturday = WibMidnight(2026, 11, 21) + 9 * kHourMs;
  EXPECT_EQ(plain.AddWorkingDays(saturday, 1), WibMidnight(2026, 11, 24));
  EXPECT_EQ(plain.AddWorkingDays(saturday, 0), saturday);
  EXPECT_FALSE(plain.IsWorkingDay(WorkingCalendar::DayNumber(2026, 11, 22)));
  EXPECT_TRUE(plain.IsWorkingDay(WorkingCalendar::DayNumber(2026, 11, 23)));
}

TEST(WorkingDaysTest, TheDayIsTheCitysLocalDay) {
  WorkingCalendar plain;
  // 2026-11-23 18:00 UTC is already Tuesday 01:00 in WIB: the count starts from Tuesday.
  int64_t monday_evening_utc =
      WorkingCalendar::DayNumber(2026, 11, 23) * 24 * kHourMs + 18 * kHourMs;
  EXPECT_EQ(plain.AddWorkingDays(monday_evening_utc, 1), WibMidnight(2026, 11, 26));
}

TEST(WorkingDaysTest, LebaranHolidaysAndCutiBersamaAreSkipped) {
  WorkingCalendar cal = Shipped();
  // Idul Fitri 1447 H: cuti bersama Fri 20 March, holiday Sat-Sun 21-22, cuti bersama
  // Mon-Tue 23-24 March 2026. Thursday 19 March is Nyepi, Wednesday 18 cuti bersama Nyepi.
  for (int d : {18, 19, 20, 23, 24}) {
    EXPECT_FALSE(cal.IsWorkingDay(WorkingCalendar::DayNumber(2026, 3, d))) << "March " << d;
  }
  // A complaint on Tuesday 17 March: the 1st working day after it is Wednesday 25 March.
  int64_t tuesday = WibMidnight(2026, 3, 17) + 11 * kHourMs;
  EXPECT_EQ(cal.AddWorkingDays(tuesday, 1), WibMidnight(2026, 3, 26));
  // Three working days: 25, 26, 27 March.
  EXPECT_EQ(cal.AddWorkingDays(tuesday, 3), WibMidnight(2026, 3, 28));
  // Independence Day 2026 falls on a Monday.
  EXPECT_FALSE(cal.IsWorkingDay(WorkingCalendar::DayNumber(2026, 8, 17)));
  EXPECT_TRUE(cal.IsWorkingDay(WorkingCalendar::DayNumber(2026, 8, 18)));
  EXPECT_FALSE(cal.IsWorkingDay(WorkingCalendar::DayNumber(2027, 12, 25)));
}

TEST(WorkingDaysTest, ACityAddsItsOwnDaysOff) {
  testing::TempDir dir;
  std::string path = dir.File("calendar.json");
  std::ofstream(path) << R"({"weekend": ["saturday", "sunday"],
    "city_days_off": [{"date": "2026-11-24", "name": "Hari jadi kota"}]})";
  std::string error;
  auto cal = WorkingCalendar::Load(path, &error);
  ASSERT_TRUE(cal) << error;
  int64_t monday = WibMidnight(2026, 11, 23) + 8 * kHourMs;
  EXPECT_EQ(cal->AddWorkingDays(monday, 1), WibMidnight(2026, 11, 26));
}

TEST(WorkingDaysTest, ABrokenCalendarIsRefusedWithItsPlace) {
  testing::TempDir dir;
  std::string path = dir.File("calendar.json");
  struct Case {
    const char* body;
    const char* expect;
  } cases[] = {
      {R"({"holidays": [{"date": "2026-02-30"}]})", "holidays[0].date"},
      {R"({"holidays": [{"date": "2026-01-01", "nama": "x"}]})", "holidays[0].nama"},
      {R"({"weekend": ["caturday"]})", "weekend"},
      {R"({"weekend": ["monday","tuesday","wednesday","thursday","friday","saturday","sunday"]})",
       "no working day"},
      {R"({"libur": []})", "libur: unknown setting"},
      {R"([1, 2])", "not a JSON object"},
  };
  for (const auto& c : cases) {
    std::ofstream(path, std::ios::trunc) << c.body;
    std::string error;
    EXPECT_FALSE(WorkingCalendar::Load(path, &error)) << c.body;
    EXPECT_NE(error.find(c.expect), std::string::npos) << error;
    EXPECT_NE(error.find(path), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace aduan::gateway
