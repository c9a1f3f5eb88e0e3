// SPDX-License-Identifier: Apache-2.0
#include "service/schedule.h"

#include <algorithm>
#include <ctime>

namespace jamul::agent {
namespace {

// The window opening on the local calendar day `days_from_now` days from `now_s` (negative: in
// the past), if the schedule opens one that day. Local midnight comes from mktime, so days of 23
// or 25 hours (daylight saving time) are right.
std::optional<std::int64_t> openingOn(const protocol::Schedule& schedule, std::int64_t now_s,
                                      int days_from_now) {
  const std::time_t now = static_cast<std::time_t>(now_s);
  std::tm day{};
  if (::localtime_r(&now, &day) == nullptr) return std::nullopt;
  day.tm_mday += days_from_now;
  day.tm_hour = schedule.start_minute / 60;
  day.tm_min = schedule.start_minute % 60;
  day.tm_sec = 0;
  day.tm_isdst = -1;
  const std::time_t opening = std::mktime(&day);  // normalises tm_mday and sets tm_wday
  if (opening == static_cast<std::time_t>(-1)) return std::nullopt;
  const int weekday = (day.tm_wday + 6) % 7;  // tm: 0 = Sunday; policy: 0 = Monday
  if (std::find(schedule.days.begin(), schedule.days.end(), weekday) == schedule.days.end())
    return std::nullopt;
  return static_cast<std::int64_t>(opening);
}

}  // namespace

std::optional<std::int64_t> lastWindowOpening(const protocol::Schedule& schedule,
                                              std::int64_t now_s) {
  if (schedule.manual) return std::nullopt;
  for (int d = 0; d >= -8; --d)
    if (auto opening = openingOn(schedule, now_s, d); opening && *opening <= now_s) return opening;
  return std::nullopt;
}

std::optional<std::int64_t> nextWindowOpening(const protocol::Schedule& schedule,
                                              std::int64_t now_s) {
  if (schedule.manual) return std::nullopt;
  for (int d = 0; d <= 8; ++d)
    if (auto opening = openingOn(schedule, now_s, d); opening && *opening > now_s) return opening;
  return std::nullopt;
}

bool scheduledScanDue(const protocol::Schedule& schedule, std::int64_t now_s,
                      std::int64_t last_completed_start_s) {
  const std::optional<std::int64_t> opening = lastWindowOpening(schedule, now_s);
  return opening && *opening > last_completed_start_s;
}

}  // namespace jamul::agent
