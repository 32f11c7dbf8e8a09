// Working days on an Indonesian calendar: weekends, national holidays (libur nasional), cuti
// bersama and a city's own days off, all data in config/calendar.json. Service-level targets
// (SP4N-LAPOR!: route in 3 working days, respond in 5, ...) count these days, not hours.
//
// A value type: immutable after construction, safe to share between threads.
#ifndef ADUAN_GATEWAY_WORKING_DAYS_H_
#define ADUAN_GATEWAY_WORKING_DAYS_H_

#include <cstdint>
#include <optional>
#include <set>
#include <string>

namespace aduan::gateway {

class WorkingCalendar {
 public:
  // Saturday and Sunday off, no holidays, WIB (UTC+7).
  WorkingCalendar() = default;
  // `weekend` holds weekdays 0 (Sunday) to 6 (Saturday); `days_off` local day numbers.
  WorkingCalendar(std::set<int> weekend, std::set<int64_t> days_off, int utc_offset_minutes);

  // Loads a calendar file. On a problem returns nullopt and sets *error to one line naming the
  // file, the place and the problem.
  static std::optional<WorkingCalendar> Load(const std::string& path, std::string* error);

  // Days since 1970-01-01 of a civil date (proleptic Gregorian).
  static int64_t DayNumber(int year, int month, int day);
  // The local day `at_ms` falls on.
  int64_t LocalDay(int64_t at_ms) const;
  bool IsWorkingDay(int64_t day) const;

  // The deadline `days` working days after `from_ms`: the local midnight that ends the
  // `days`-th working day after the day of `from_ms` (that day itself does not count, as an
  // office counts "within 3 working days"). `days` <= 0 returns `from_ms`.
  int64_t AddWorkingDays(int64_t from_ms, int days) const;

  int utc_offset_minutes() const { return utc_offset_minutes_; }
  size_t days_off_count() const { return days_off_.size(); }

 private:
  std::set<int> weekend_ = {0, 6};
  std::set<int64_t> days_off_;
  int utc_offset_minutes_ = 7 * 60;
};

}  // namespace aduan::gateway

#endif  // ADUAN_GATEWAY_WORKING_DAYS_H_
