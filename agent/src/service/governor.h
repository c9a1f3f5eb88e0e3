// SPDX-License-Identifier: Apache-2.0
#pragma once

// Governor: keeps the agent's scans out of the employee's way (issue 15). It is the scan's
// ScanPacer: the walker and the workers call pace() all the time, and it makes them wait
//   - while paused (by the user or IT through the local API, or on battery when the policy says so);
//   - whenever the process has used more CPU time than `cpu_percent` of one core over the time
//     since its budget window opened (duty cycling: the CPU time is measured, so whatever the
//     workers do — parsing, OCR, SQLite — counts, and a burst is paid back by a longer pause);
//   - whenever more bytes were read than `read_mb_per_s` allows over the window.
// The process also runs at the lowest CPU and I/O priority (platform/process_control.h): the
// budget caps what the agent takes even from an idle machine (fans, battery), the priority makes
// it yield at once to anyone else.
//
// Budget arithmetic (Budget) is separate from waiting so that it can be tested without clocks.
//
// Thread-safety: every member may be called from any thread.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <limits>
#include <mutex>
#include <string>

#include "jamul/scanner/scan_pacer.h"

namespace jamul::agent {

struct GovernorLimits {
  int cpu_percent = 25;   // of one core, 1-100 (100: no CPU cap)
  int read_mb_per_s = 0;  // 0: no read cap
  bool pause_on_battery = true;
};

// The arithmetic of one budget window. All times in nanoseconds from any fixed origin.
class Budget {
 public:
  // A window that opens at `wall_ns` with the process's CPU time at `cpu_ns`.
  void open(std::int64_t wall_ns, std::int64_t cpu_ns);
  // How long to wait, at `wall_ns` with CPU time `cpu_ns` and `bytes` read since open(), before
  // the use is back within `limits`. 0: go on.
  std::int64_t waitNs(const GovernorLimits& limits, std::int64_t wall_ns, std::int64_t cpu_ns,
                      std::uint64_t bytes) const;
  // Whether the window should open again now (it is old enough and nothing is owed): a window
  // that never closed would let a long idle stretch pay for a later burst.
  bool stale(const GovernorLimits& limits, std::int64_t wall_ns, std::int64_t cpu_ns,
             std::uint64_t bytes) const;
  std::int64_t openedAtNs() const { return wall0_; }
  std::int64_t cpuAtOpenNs() const { return cpu0_; }

  static constexpr std::int64_t kWindowNs = 2'000'000'000;

 private:
  std::int64_t wall0_ = 0;
  std::int64_t cpu0_ = 0;
};

class Governor final : public scanner::ScanPacer {
 public:
  // The clocks it reads: a steady wall clock and the process's CPU time, in nanoseconds.
  struct Clocks {
    std::function<std::int64_t()> wall_ns;
    std::function<std::int64_t()> cpu_ns;
  };
  static Clocks systemClocks();

  explicit Governor(GovernorLimits limits, Clocks clocks = systemClocks());

  void setLimits(GovernorLimits limits);
  GovernorLimits limits() const;
  // Pause and resume (the local API). While paused, pace() waits.
  void pause();
  void resume();
  // What the power supply says now (the agent polls it).
  void setOnBattery(bool on_battery);
  // Makes every pace() return at once, now and until clearInterrupt(): a scan being cancelled
  // must not sleep through its stop.
  void interrupt();
  void clearInterrupt();

  void pace(std::uint64_t bytes) override;

  struct Snapshot {
    GovernorLimits limits;
    bool paused = false;        // by request
    bool on_battery = false;
    bool held = false;          // pace() is making a scan wait right now
    std::int64_t waited_ms = 0;  // total time pace() made threads wait (for budget or pause)
    // CPU used over the current window, as a percentage of one core.
    double cpu_percent_now = 0;
  };
  Snapshot snapshot() const;

 private:
  bool stoppedLocked() const;  // paused, or on battery with pause_on_battery
  Clocks clocks_;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  GovernorLimits limits_;
  Budget budget_;
  std::uint64_t bytes_ = 0;  // read since the window opened
  bool paused_ = false;
  bool on_battery_ = false;
  bool interrupted_ = false;
  int waiting_ = 0;
  // When pace() last read the clocks (it reads them at most every 2 ms while running).
  std::int64_t last_check_ns_ = std::numeric_limits<std::int64_t>::min() / 2;
  std::int64_t waited_ns_ = 0;
};

}  // namespace jamul::agent
