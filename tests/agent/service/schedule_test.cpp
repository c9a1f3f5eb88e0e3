// SPDX-License-Identifier: Apache-2.0
// The scan schedule (issue 15): window openings in local time — weekdays, a window past midnight,
// a week-long gap, days of 23 and 25 hours — and when a missed run is due.
#include "service/schedule.h"

#include <time.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace jamul::agent {
namespace {

using protocol::Schedule;

// Sets the process's time zone for one test and puts the previous one back.
class TimeZone {
 public:
  explicit TimeZone(const char* tz) {
    if (const char* old = std::getenv("TZ")) old_ = old;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~TimeZone() {
    if (old_)
      ::setenv("TZ", old_->c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
  }
  TimeZone(const TimeZone&) = delete;
  TimeZone& operator=(const TimeZone&) = delete;

 private:
  std::optional<std::string> old_;
};

// Unix seconds of a wall-clock time `utc_offset_h` hours ahead of UTC, computed without the
// time zone machinery under test.
std::int64_t at(int year, int month, int day, int hour, int minute, int utc_offset_h) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  return static_cast<std::int64_t>(::timegm(&tm)) - utc_offset_h * 3600;
}

// Korea: UTC+9 all year since 1988. June 2024: Mon 3, Wed 5, Fri 7, Sat 8, Sun 9, Mon 10.
std::int64_t kst(int month, int day, int hour, int minute) {
  return at(2024, month, day, hour, minute, 9);
}

// Without the zoneinfo database (a slim CI image), the same zone as a POSIX rule.
struct Seoul : TimeZone {
  Seoul()
      : TimeZone(std::filesystem::exists("/usr/share/zoneinfo/Asia/Seoul") ? "Asia/Seoul"
                                                                           : "KST-9") {}
};

// The openings as plain numbers (-1: none), which Boost.Test can print.
std::int64_t last(const Schedule& s, std::int64_t now) {
  return lastWindowOpening(s, now).value_or(-1);
}
std::int64_t next(const Schedule& s, std::int64_t now) {
  return nextWindowOpening(s, now).value_or(-1);
}

Schedule window(std::vector<int> days, int start_minute, int end_minute) {
  Schedule s;
  s.days = std::move(days);
  s.start_minute = start_minute;
  s.end_minute = end_minute;
  return s;
}

const Schedule kWeekdaysNoon = window({0, 1, 2, 3, 4}, 12 * 60, 13 * 60);

BOOST_AUTO_TEST_SUITE(schedule)

BOOST_FIXTURE_TEST_CASE(weekday_windows_open_at_local_noon, Seoul) {
  // Wednesday 12:30: today's window opened at 12:00; the next opens Thursday.
  BOOST_TEST(last(kWeekdaysNoon, kst(6, 5, 12, 30)) == kst(6, 5, 12, 0));
  BOOST_TEST(next(kWeekdaysNoon, kst(6, 5, 12, 30)) == kst(6, 6, 12, 0));
  // Wednesday 11:59: the last was Tuesday's, the next is today's.
  BOOST_TEST(last(kWeekdaysNoon, kst(6, 5, 11, 59)) == kst(6, 4, 12, 0));
  BOOST_TEST(next(kWeekdaysNoon, kst(6, 5, 11, 59)) == kst(6, 5, 12, 0));
  // At the opening itself: it is the last one ("at or before"), and the next is tomorrow's.
  BOOST_TEST(last(kWeekdaysNoon, kst(6, 5, 12, 0)) == kst(6, 5, 12, 0));
  BOOST_TEST(next(kWeekdaysNoon, kst(6, 5, 12, 0)) == kst(6, 6, 12, 0));
}

BOOST_FIXTURE_TEST_CASE(weekends_are_skipped, Seoul) {
  // Saturday morning and Monday morning both look back to Friday, and forward to Monday.
  BOOST_TEST(last(kWeekdaysNoon, kst(6, 8, 10, 0)) == kst(6, 7, 12, 0));
  BOOST_TEST(next(kWeekdaysNoon, kst(6, 8, 10, 0)) == kst(6, 10, 12, 0));
  BOOST_TEST(last(kWeekdaysNoon, kst(6, 10, 9, 0)) == kst(6, 7, 12, 0));
  // The policy's 6 is Sunday (struct tm's 0).
  const Schedule sunday = window({6}, 9 * 60, 10 * 60);
  BOOST_TEST(last(sunday, kst(6, 10, 9, 0)) == kst(6, 9, 9, 0));
  BOOST_TEST(next(sunday, kst(6, 10, 9, 0)) == kst(6, 16, 9, 0));
}

BOOST_FIXTURE_TEST_CASE(a_weekly_window_is_found_a_week_away, Seoul) {
  const Schedule wednesdays = window({2}, 12 * 60, 13 * 60);
  BOOST_TEST(last(wednesdays, kst(6, 5, 11, 0)) == kst(5, 29, 12, 0));
  BOOST_TEST(next(wednesdays, kst(6, 5, 12, 0)) == kst(6, 12, 12, 0));
}

BOOST_FIXTURE_TEST_CASE(a_window_past_midnight_belongs_to_the_day_it_opens, Seoul) {
  // Fridays 23:00 to 02:00: at 01:00 on Saturday the window that is open is Friday's.
  const Schedule friday_night = window({4}, 23 * 60, 2 * 60);
  BOOST_TEST(last(friday_night, kst(6, 8, 1, 0)) == kst(6, 7, 23, 0));
  BOOST_TEST(next(friday_night, kst(6, 8, 1, 0)) == kst(6, 14, 23, 0));
  BOOST_TEST(scheduledScanDue(friday_night, kst(6, 8, 1, 0), kst(6, 1, 23, 5)));
  BOOST_TEST(!scheduledScanDue(friday_night, kst(6, 8, 1, 0), kst(6, 7, 23, 5)));
}

BOOST_FIXTURE_TEST_CASE(manual_and_empty_schedules_have_no_windows, Seoul) {
  Schedule manual = kWeekdaysNoon;
  manual.manual = true;
  BOOST_TEST(!lastWindowOpening(manual, kst(6, 5, 12, 30)).has_value());
  BOOST_TEST(!nextWindowOpening(manual, kst(6, 5, 12, 30)).has_value());
  BOOST_TEST(!scheduledScanDue(manual, kst(6, 5, 12, 30), 0));
  const Schedule no_days = window({}, 12 * 60, 13 * 60);
  BOOST_TEST(!lastWindowOpening(no_days, kst(6, 5, 12, 30)).has_value());
  BOOST_TEST(!nextWindowOpening(no_days, kst(6, 5, 12, 30)).has_value());
  BOOST_TEST(!scheduledScanDue(no_days, kst(6, 5, 12, 30), 0));
}

BOOST_FIXTURE_TEST_CASE(a_missed_run_is_due_until_a_scan_starts_after_the_opening, Seoul) {
  const std::int64_t thursday_morning = kst(6, 6, 9, 0);
  // Never scanned.
  BOOST_TEST(scheduledScanDue(kWeekdaysNoon, thursday_morning, 0));
  // The PC was off through Wednesday's window: Tuesday's scan is the last that completed.
  BOOST_TEST(scheduledScanDue(kWeekdaysNoon, thursday_morning, kst(6, 4, 12, 5)));
  // Wednesday's window was served (a scan started in it, or right at its opening).
  BOOST_TEST(!scheduledScanDue(kWeekdaysNoon, thursday_morning, kst(6, 5, 12, 1)));
  BOOST_TEST(!scheduledScanDue(kWeekdaysNoon, thursday_morning, kst(6, 5, 12, 0)));
  // A scan started before the opening does not serve it.
  BOOST_TEST(scheduledScanDue(kWeekdaysNoon, kst(6, 5, 12, 0), kst(6, 5, 11, 59)));
  // Over the weekend Friday's window is the one to serve.
  BOOST_TEST(scheduledScanDue(kWeekdaysNoon, kst(6, 9, 20, 0), kst(6, 6, 12, 0)));
  BOOST_TEST(!scheduledScanDue(kWeekdaysNoon, kst(6, 9, 20, 0), kst(6, 8, 10, 0)));
}

BOOST_AUTO_TEST_CASE(days_of_23_and_25_hours_keep_local_noon) {
  // Central Europe, as a POSIX rule (no zoneinfo needed): CET, CEST from the last Sunday of March
  // 02:00 to the last Sunday of October 03:00. 2024: 31 March and 27 October.
  TimeZone berlin("CET-1CEST,M3.5.0,M10.5.0/3");
  const Schedule daily = window({0, 1, 2, 3, 4, 5, 6}, 12 * 60, 13 * 60);
  const std::int64_t spring_morning = at(2024, 3, 31, 11, 0, 2);
  BOOST_TEST(last(daily, spring_morning) == at(2024, 3, 30, 12, 0, 1));
  BOOST_TEST(next(daily, spring_morning) == at(2024, 3, 31, 12, 0, 2));
  const std::int64_t autumn_morning = at(2024, 10, 27, 11, 0, 1);
  BOOST_TEST(last(daily, autumn_morning) == at(2024, 10, 26, 12, 0, 2));
  BOOST_TEST(next(daily, autumn_morning) == at(2024, 10, 27, 12, 0, 1));
  BOOST_TEST(next(daily, autumn_morning) - last(daily, autumn_morning) == 25 * 3600);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
