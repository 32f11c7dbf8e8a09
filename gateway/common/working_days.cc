#include "gateway/common/working_days.h"

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace aduan::gateway {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// "2026-03-20" -> day number; nullopt when it is not a real date in that form.
std::optional<int64_t> ParseDate(const std::string& s) {
  int y = 0, m = 0, d = 0;
  char a = 0, b = 0;
  std::istringstream in(s);
  if (s.size() != 10 || !(in >> y >> a >> m >> b >> d) || a != '-' || b != '-') return std::nullopt;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1 || d > kDays[m - 1]) return std::nullopt;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (m == 2 && d == 29 && !leap) return std::nullopt;
  return WorkingCalendar::DayNumber(y, m, d);
}

}  // namespace

WorkingCalendar::WorkingCalendar(std::set<int> weekend, std::set<int64_t> days_off,
                                 int utc_offset_minutes)
    : weekend_(std::move(weekend)),
      days_off_(std::move(days_off)),
      utc_offset_minutes_(utc_offset_minutes) {}

// Howard Hinnant's days_from_civil.
int64_t WorkingCalendar::DayNumber(int year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = FloorDiv(y, 400);
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t WorkingCalendar::LocalDay(int64_t at_ms) const {
  return FloorDiv(at_ms + int64_t{utc_offset_minutes_} * 60 * 1000, kDayMs);
}

bool WorkingCalendar::IsWorkingDay(int64_t day) const {
  int weekday = static_cast<int>(((day % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
  return !weekend_.count(weekday) && !days_off_.count(day);
}

int64_t WorkingCalendar::AddWorkingDays(int64_t from_ms, int days) const {
  if (days <= 0) return from_ms;
  int64_t day = LocalDay(from_ms);
  // A calendar with every day off would loop forever; Load() refuses a seven-day weekend and
  // days off are finite, so this ends.
  for (int counted = 0; counted < days;) {
    ++day;
    if (IsWorkingDay(day)) ++counted;
  }
  return (day + 1) * kDayMs - int64_t{utc_offset_minutes_} * 60 * 1000;
}

std::optional<WorkingCalendar> WorkingCalendar::Load(const std::string& path, std::string* error) {
  auto fail = [&](const std::string& place, const std::string& problem) {
    if (error) *error = path + ": " + (place.empty() ? "" : place + ": ") + problem;
    return std::nullopt;
  };
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail("", "cannot read the file");
  std::stringstream ss;
  ss << in.rdbuf();
  nlohmann::json doc = nlohmann::json::parse(ss.str(), nullptr, false, /*ignore_comments=*/true);
  if (doc.is_discarded() || !doc.is_object()) return fail("", "is not a JSON object");
  static const std::map<std::string, int> kWeekdays = {
      {"sunday", 0},   {"monday", 1}, {"tuesday", 2}, {"wednesday", 3},
      {"thursday", 4}, {"friday", 5}, {"saturday", 6}};
  std::set<int> weekend;
  std::set<int64_t> days_off;
  int offset = 7 * 60;
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    const std::string& key = it.key();
    if (key == "utc_offset_minutes") {
      if (!it->is_number_integer() || it->get<int>() < -12 * 60 || it->get<int>() > 14 * 60) {
        return fail(key, "must be an integer from -720 to 840");
      }
      offset = it->get<int>();
    } else if (key == "weekend") {
      if (!it->is_array()) return fail(key, "must be an array of weekday names");
      for (const auto& d : *it) {
        auto w = d.is_string() ? kWeekdays.find(d.get<std::string>()) : kWeekdays.end();
        if (w == kWeekdays.end()) return fail(key, "unknown weekday " + d.dump());
        weekend.insert(w->second);
      }
      if (weekend.size() == 7) return fail(key, "leaves no working day in the week");
    } else if (key == "holidays" || key == "cuti_bersama" || key == "city_days_off") {
      if (!it->is_array()) return fail(key, "must be an array of {\"date\", \"name\"}");
      for (size_t i = 0; i < it->size(); ++i) {
        const auto& entry = (*it)[i];
        std::string place = key + "[" + std::to_string(i) + "]";
        if (!entry.is_object() || !entry.contains("date") || !entry["date"].is_string()) {
          return fail(place, "must be an object with a \"date\" like \"2026-08-17\"");
        }
        for (auto f = entry.begin(); f != entry.end(); ++f) {
          if (f.key() != "date" && f.key() != "name" && f.key() != "provisional") {
            return fail(place + "." + f.key(), "unknown setting");
          }
        }
        auto day = ParseDate(entry["date"].get<std::string>());
        if (!day) return fail(place + ".date", "is not a date like 2026-08-17");
        days_off.insert(*day);
      }
    } else {
      return fail(key, "unknown setting");
    }
  }
  if (!doc.contains("weekend")) weekend = {0, 6};
  return WorkingCalendar(std::move(weekend), std::move(days_off), offset);
}

}  // namespace aduan::gateway
