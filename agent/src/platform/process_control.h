// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the agent asks of the OS about itself (issue 15, the governor): the lowest CPU and I/O
// priority, its own CPU time, and whether the PC runs on battery. Linux: nice 19 and the idle I/O
// class (ioprio_set), CLOCK_PROCESS_CPUTIME_ID, /sys/class/power_supply. Windows later:
// PROCESS_MODE_BACKGROUND_BEGIN, GetProcessTimes, GetSystemPowerStatus.
//
// Thread-safety: functions; lowerPriority() applies to the calling thread and the threads it
// starts afterwards (Linux priorities are per thread): call it first thing in main().

#include <cstdint>
#include <optional>
#include <string>

#include "jamul/common/result.h"

namespace jamul::agent {

struct PriorityInfo {
  int nice = 0;             // -20 (first) .. 19 (last)
  std::string io_class;     // "idle", "best-effort", "realtime", "none"
};

// nice 19 and the idle I/O class: the agent gets the CPU and the disk only when nobody else wants
// them. Fails with kInternal naming the call that was refused (the agent goes on without).
Status lowerPriority();
PriorityInfo currentPriority();

// CPU time this process has used on all its threads, in nanoseconds.
std::int64_t processCpuNs();

// true: on battery; false: on mains power (or a desktop without battery); nullopt: cannot tell.
// `power_supply_dir` is /sys/class/power_supply (tests pass a folder of their own).
std::optional<bool> onBatteryPower(const std::string& power_supply_dir = "/sys/class/power_supply");

}  // namespace jamul::agent
