// SPDX-License-Identifier: Apache-2.0
#pragma once

// When the policy's schedule wants a scan (docs/policy.md "schedule"). A window opens on each of
// its days at `start` local time and closes at `end` (past midnight when end < start). A scheduled
// scan is due when the latest window opening is later than the start of the last scan that
// completed: the scan that window asked for has not happened. So a PC that was off (or an agent
// that was stopped) during its window scans as soon as the agent next starts — the missed run —
// and a scan that did not complete is taken up again. A scan runs to its end once started (the
// governor keeps it light); the window says when scans start, not when they must stop.
//
// Thread-safety: pure functions of their arguments and the process's time zone (localtime_r).

#include <cstdint>
#include <optional>

#include "jamul/protocol/policy.h"

namespace jamul::agent {

// The latest window opening at or before `now_s` (Unix seconds), within the last 8 days; nullopt
// for a manual schedule or one whose days are empty.
std::optional<std::int64_t> lastWindowOpening(const protocol::Schedule& schedule,
                                              std::int64_t now_s);
// The next window opening after `now_s`, for status ("next scan"); nullopt as above.
std::optional<std::int64_t> nextWindowOpening(const protocol::Schedule& schedule,
                                              std::int64_t now_s);
// Whether a scheduled scan is due at `now_s` when the last completed scan started at
// `last_completed_start_s` (0: never).
bool scheduledScanDue(const protocol::Schedule& schedule, std::int64_t now_s,
                      std::int64_t last_completed_start_s);

}  // namespace jamul::agent
