// SPDX-License-Identifier: Apache-2.0
#pragma once

// FakeClock: time that a test moves by hand (STYLE.md "Tests"), for code that reads a clock it is
// given rather than the OS's: the agent's Env (FaultEnv::useClock, fault_env.h) and, later, the
// scheduler. Like the OS it has two readings:
//   - steady: monotonic, what timeouts, budgets and schedules measure; only advance() moves it;
//   - wall: Unix time, what is written down (journal entries, key file dates); advance() moves it
//     too, and setWallMs() makes it jump either way (an NTP step, a user changing the clock)
//     while steady time stays put.
// A new clock reads 2026-11-22T00:00:00Z (the "today" of the detector tests) and a steady time of
// steady_clock's epoch, so a test's expected values do not depend on when it runs.
//
// Thread-safety: reading and moving it are atomic, so a test may move it on one thread while the
// code under test reads it on another. Not copyable (code keeps a reference to it).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <functional>

namespace jamul::test {

class FakeClock {
 public:
  static constexpr std::int64_t kDefaultWallMs = 1795305600000;  // 2026-11-22T00:00:00Z

  explicit FakeClock(std::int64_t wall_ms = kDefaultWallMs) : wall_ns_(wall_ms * kNsPerMs) {}
  FakeClock(const FakeClock&) = delete;
  FakeClock& operator=(const FakeClock&) = delete;

  // Wall-clock time, Unix milliseconds (what Env::nowMs() returns).
  std::int64_t wallMs() const { return wall_ns_.load() / kNsPerMs; }
  std::chrono::system_clock::time_point wallNow() const {
    return std::chrono::system_clock::time_point(std::chrono::milliseconds(wallMs()));
  }
  // Monotonic time.
  std::chrono::steady_clock::time_point steadyNow() const {
    return std::chrono::steady_clock::time_point(std::chrono::nanoseconds(steady_ns_.load()));
  }

  // Moves both readings forward by `by`. REQUIRES: by >= 0 (time does not run backwards; a wall
  // clock set back is setWallMs()).
  void advance(std::chrono::nanoseconds by) {
    if (by.count() < 0) std::abort();
    steady_ns_ += by.count();
    wall_ns_ += by.count();
  }
  // Sets the wall clock (forwards or back); steady time does not move.
  void setWallMs(std::int64_t ms) { wall_ns_ = ms * kNsPerMs; }

  // The readings as callables, for code that takes a clock function.
  std::function<std::chrono::steady_clock::time_point()> steadyFunction() const {
    return [this] { return steadyNow(); };
  }
  std::function<std::int64_t()> wallMsFunction() const {
    return [this] { return wallMs(); };
  }

 private:
  static constexpr std::int64_t kNsPerMs = 1000000;
  // Nanoseconds: Unix time in them fits an int64 until 2262.
  std::atomic<std::int64_t> wall_ns_;
  std::atomic<std::int64_t> steady_ns_{0};
};

}  // namespace jamul::test
