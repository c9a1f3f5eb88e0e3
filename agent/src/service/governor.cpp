// SPDX-License-Identifier: Apache-2.0
#include "service/governor.h"

#include <algorithm>

#include "platform/process_control.h"

namespace jamul::agent {
namespace {

// The longest single wait before the state is looked at again (limits change, pause, interrupt).
constexpr std::int64_t kMaxWaitNs = 250'000'000;
// Waits shorter than this are not taken: the debt is carried and paid in one longer wait. Many
// short sleeps cost more CPU than they save (each is a context switch pair, and on a virtual
// machine a timer exit): measured, 600 us sleeps at 25% let the switches eat most of the budget.
constexpr std::int64_t kMinWaitNs = 40'000'000;
// How often pace() reads the clocks while running: reading the process's CPU time sums every
// thread's in the kernel, and pace() runs for every block read.
constexpr std::int64_t kCheckEveryNs = 2'000'000;

}  // namespace

void Budget::open(std::int64_t wall_ns, std::int64_t cpu_ns) {
  wall0_ = wall_ns;
  cpu0_ = cpu_ns;
}

std::int64_t Budget::waitNs(const GovernorLimits& limits, std::int64_t wall_ns,
                            std::int64_t cpu_ns, std::uint64_t bytes) const {
  const std::int64_t elapsed = std::max<std::int64_t>(0, wall_ns - wall0_);
  std::int64_t wait = 0;
  const int percent = std::clamp(limits.cpu_percent, 1, 100);
  if (percent < 100) {
    // The CPU used so far is within budget once the window is used * 100 / percent long.
    const std::int64_t used = std::max<std::int64_t>(0, cpu_ns - cpu0_);
    const std::int64_t needed = used / percent * 100 + (used % percent) * 100 / percent;
    wait = std::max(wait, needed - elapsed);
  }
  if (limits.read_mb_per_s > 0) {
    const double per_ns = static_cast<double>(limits.read_mb_per_s) * 1e6 / 1e9;
    const auto needed = static_cast<std::int64_t>(static_cast<double>(bytes) / per_ns);
    wait = std::max(wait, needed - elapsed);
  }
  return wait;
}

bool Budget::stale(const GovernorLimits& limits, std::int64_t wall_ns, std::int64_t cpu_ns,
                   std::uint64_t bytes) const {
  return wall_ns - wall0_ >= kWindowNs && waitNs(limits, wall_ns, cpu_ns, bytes) <= 0;
}

Governor::Clocks Governor::systemClocks() {
  return {[] {
            return std::chrono::duration_cast<std::chrono::nanoseconds>(
                       std::chrono::steady_clock::now().time_since_epoch())
                .count();
          },
          [] { return processCpuNs(); }};
}

Governor::Governor(GovernorLimits limits, Clocks clocks)
    : clocks_(std::move(clocks)), limits_(limits) {
  budget_.open(clocks_.wall_ns(), clocks_.cpu_ns());
}

void Governor::setLimits(GovernorLimits limits) {
  std::lock_guard lock(mutex_);
  limits_ = limits;
  changed_.notify_all();
}

GovernorLimits Governor::limits() const {
  std::lock_guard lock(mutex_);
  return limits_;
}

void Governor::pause() {
  std::lock_guard lock(mutex_);
  paused_ = true;
}

void Governor::resume() {
  std::lock_guard lock(mutex_);
  paused_ = false;
  changed_.notify_all();
}

void Governor::setOnBattery(bool on_battery) {
  std::lock_guard lock(mutex_);
  on_battery_ = on_battery;
  changed_.notify_all();
}

void Governor::interrupt() {
  std::lock_guard lock(mutex_);
  interrupted_ = true;
  changed_.notify_all();
}

void Governor::clearInterrupt() {
  std::lock_guard lock(mutex_);
  interrupted_ = false;
}

bool Governor::stoppedLocked() const {
  return paused_ || (on_battery_ && limits_.pause_on_battery);
}

void Governor::pace(std::uint64_t bytes) {
  std::unique_lock lock(mutex_);
  bytes_ += bytes;
  for (;;) {
    if (interrupted_) return;
    const std::int64_t now = clocks_.wall_ns();
    if (!stoppedLocked() && now - last_check_ns_ < kCheckEveryNs) return;
    last_check_ns_ = now;
    std::int64_t wait = 0;
    if (stoppedLocked()) {
      wait = kMaxWaitNs;
    } else {
      const std::int64_t cpu = clocks_.cpu_ns();
      if (budget_.stale(limits_, now, cpu, bytes_)) {
        budget_.open(now, cpu);
        bytes_ = 0;
      }
      wait = budget_.waitNs(limits_, now, cpu, bytes_);
    }
    if (wait < kMinWaitNs && !stoppedLocked()) return;
    wait = std::min(wait, kMaxWaitNs);
    ++waiting_;
    changed_.wait_for(lock, std::chrono::nanoseconds(wait));
    --waiting_;
    waited_ns_ += std::max<std::int64_t>(0, clocks_.wall_ns() - now);
    // A pause restarts the budget from its end: the time spent paused is no credit.
    if (stoppedLocked()) {
      budget_.open(clocks_.wall_ns(), clocks_.cpu_ns());
      bytes_ = 0;
    }
  }
}

Governor::Snapshot Governor::snapshot() const {
  std::lock_guard lock(mutex_);
  Snapshot s;
  s.limits = limits_;
  s.paused = paused_;
  s.on_battery = on_battery_;
  s.held = waiting_ > 0;
  s.waited_ms = waited_ns_ / 1'000'000;
  const std::int64_t elapsed = clocks_.wall_ns() - budget_.openedAtNs();
  if (elapsed > 0)
    s.cpu_percent_now = 100.0 * static_cast<double>(clocks_.cpu_ns() - budget_.cpuAtOpenNs()) /
                        static_cast<double>(elapsed);
  return s;
}

}  // namespace jamul::agent
