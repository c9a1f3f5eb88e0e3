// SPDX-License-Identifier: Apache-2.0
// Governor (issue 15): the budget's arithmetic without clocks, then the pacer itself on fake
// clocks that only move when a test moves them, so every wait it makes is one a test ends.
#include "service/governor.h"

#include <atomic>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <thread>

namespace jamul::agent {
namespace {

constexpr std::int64_t kSecond = 1'000'000'000;

GovernorLimits cpuLimit(int percent) {
  GovernorLimits limits;
  limits.cpu_percent = percent;
  return limits;
}

// Waits up to 5 s (a loaded CI machine, never the expected case) for `condition`.
bool eventually(const std::function<bool()>& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

// A wall clock and a CPU clock that stand still until a test sets them.
struct FakeClocks {
  std::atomic<std::int64_t> wall{0};
  std::atomic<std::int64_t> cpu{0};
  Governor::Clocks clocks() {
    return {[this] { return wall.load(); }, [this] { return cpu.load(); }};
  }
  void set(std::int64_t wall_ns, std::int64_t cpu_ns) {
    wall = wall_ns;
    cpu = cpu_ns;
  }
};

// pace() on a thread of its own. Whatever a failed check leaves blocked is released on the way
// out (interrupt), so that a failing test fails instead of hanging.
class PaceThread {
 public:
  PaceThread(Governor& governor, std::uint64_t bytes) : governor_(governor) {
    thread_ = std::thread([this, bytes] {
      governor_.pace(bytes);
      returned_ = true;
    });
  }
  ~PaceThread() {
    governor_.interrupt();
    thread_.join();
  }
  bool returned() const { return returned_; }
  bool returnsSoon() const {
    return eventually([this] { return returned(); });
  }

 private:
  Governor& governor_;
  std::atomic<bool> returned_{false};
  std::thread thread_;
};

// Whether a pace() of `governor` is soon seen waiting.
bool heldSoon(const Governor& governor) {
  return eventually([&] { return governor.snapshot().held; });
}

// A governor capped at `percent` whose clocks show a burst (one CPU second in one second), and a
// pace() seen waiting for it to be paid back.
struct Burst {
  explicit Burst(int percent) : governor(cpuLimit(percent), clock.clocks()) {
    clock.set(kSecond, kSecond);
    pacer.emplace(governor, 0);
    BOOST_REQUIRE(heldSoon(governor));
  }
  FakeClocks clock;
  Governor governor;
  std::optional<PaceThread> pacer;  // ends first: it interrupts the governor on its way out
};

BOOST_AUTO_TEST_SUITE(governor)

BOOST_AUTO_TEST_CASE(budget_a_quarter_core_pays_one_cpu_second_with_three_more) {
  Budget budget;
  budget.open(10 * kSecond, 5 * kSecond);
  // One second of CPU in one second of wall time: within 25 % only once the window is 4 s long.
  BOOST_TEST(budget.waitNs(cpuLimit(25), 11 * kSecond, 6 * kSecond, 0) == 3 * kSecond);
  BOOST_TEST(budget.waitNs(cpuLimit(25), 14 * kSecond, 6 * kSecond, 0) == 0);
  BOOST_TEST(budget.waitNs(cpuLimit(50), 11 * kSecond, 6 * kSecond, 0) == 1 * kSecond);
  // Nothing used: nothing owed, even at once.
  BOOST_TEST(budget.waitNs(cpuLimit(25), 10 * kSecond, 5 * kSecond, 0) == 0);
  // Fractions are not lost to integer division: 1 ns over at 3 % still waits.
  BOOST_TEST(budget.waitNs(cpuLimit(3), 10 * kSecond, 5 * kSecond + 100, 0) == 3333);
}

BOOST_AUTO_TEST_CASE(budget_a_whole_core_never_waits) {
  Budget budget;
  budget.open(0, 0);
  BOOST_TEST(budget.waitNs(cpuLimit(100), kSecond, 50 * kSecond, 0) == 0);
  // Out-of-range settings are held to 1-100, never a division by zero or a negative budget.
  BOOST_TEST(budget.waitNs(cpuLimit(250), kSecond, 50 * kSecond, 0) == 0);
  BOOST_TEST(budget.waitNs(cpuLimit(0), 0, kSecond / 100, 0) == kSecond);
  BOOST_TEST(budget.waitNs(cpuLimit(-5), 0, kSecond / 100, 0) == kSecond);
}

BOOST_AUTO_TEST_CASE(budget_the_read_cap_counts_bytes_over_the_window) {
  Budget budget;
  budget.open(0, 0);
  GovernorLimits limits = cpuLimit(100);
  limits.read_mb_per_s = 10;
  // 20 MB at 10 MB/s take 2 s; 1 s has passed.
  BOOST_TEST(budget.waitNs(limits, kSecond, 0, 20'000'000) == kSecond);
  BOOST_TEST(budget.waitNs(limits, 2 * kSecond, 0, 20'000'000) == 0);
  BOOST_TEST(budget.waitNs(limits, kSecond, 0, 10'000'000) == 0);
  // No cap: any amount goes.
  limits.read_mb_per_s = 0;
  BOOST_TEST(budget.waitNs(limits, 0, 0, 1'000'000'000'000) == 0);
  // Both caps: the longer wait wins.
  limits = cpuLimit(25);
  limits.read_mb_per_s = 10;
  BOOST_TEST(budget.waitNs(limits, kSecond, kSecond, 20'000'000) == 3 * kSecond);
  BOOST_TEST(budget.waitNs(limits, kSecond, kSecond / 10, 60'000'000) == 5 * kSecond);
}

BOOST_AUTO_TEST_CASE(budget_is_stale_once_old_and_nothing_is_owed) {
  Budget budget;
  budget.open(0, 0);
  const GovernorLimits limits = cpuLimit(25);
  BOOST_TEST(!budget.stale(limits, Budget::kWindowNs - 1, 0, 0));
  BOOST_TEST(budget.stale(limits, Budget::kWindowNs, 0, 0));
  // Old, but owing: a burst is paid back before the window starts anew.
  BOOST_TEST(!budget.stale(limits, Budget::kWindowNs, Budget::kWindowNs, 0));
  budget.open(7 * kSecond, 3 * kSecond);
  BOOST_TEST(budget.openedAtNs() == 7 * kSecond);
  BOOST_TEST(budget.cpuAtOpenNs() == 3 * kSecond);
  BOOST_TEST(!budget.stale(limits, 8 * kSecond, 3 * kSecond, 0));
}

BOOST_AUTO_TEST_CASE(pace_within_budget_returns_at_once) {
  FakeClocks clock;
  Governor governor(cpuLimit(25), clock.clocks());
  clock.set(4 * kSecond, kSecond);
  PaceThread pacer(governor, 4096);  // exactly 25 %: on the frozen clock, a wait never ends
  BOOST_TEST(pacer.returnsSoon());
  BOOST_TEST(!governor.snapshot().held);
  BOOST_TEST(governor.snapshot().waited_ms == 0);
}

BOOST_AUTO_TEST_CASE(pace_over_budget_waits_until_the_clock_pays_it_back) {
  Burst burst(25);
  Governor& governor = burst.governor;
  BOOST_TEST(!burst.pacer->returned());
  BOOST_TEST(governor.snapshot().cpu_percent_now == 100.0);
  burst.clock.wall = 2 * kSecond;  // still owed 2 s
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  BOOST_TEST(!burst.pacer->returned());
  burst.clock.wall = 4 * kSecond;
  BOOST_TEST(burst.pacer->returnsSoon());
  const Governor::Snapshot s = governor.snapshot();
  BOOST_TEST(!s.held);
  // Fake time: what the clock moved while it waited (3 s; a move that lands between two of its
  // looks at the clock is not counted, hence no exact figure).
  BOOST_TEST(s.waited_ms >= 1000);
  BOOST_TEST(s.waited_ms <= 3000);
}

BOOST_AUTO_TEST_CASE(raising_the_limit_releases_a_waiting_pace) {
  Burst burst(10);
  burst.governor.setLimits(cpuLimit(100));
  BOOST_TEST(burst.pacer->returnsSoon());
  BOOST_TEST(burst.governor.limits().cpu_percent == 100);
}

BOOST_AUTO_TEST_CASE(pause_holds_pace_until_resume) {
  FakeClocks clock;
  Governor governor(cpuLimit(100), clock.clocks());
  governor.pause();
  BOOST_TEST(governor.snapshot().paused);
  PaceThread pacer(governor, 0);
  BOOST_REQUIRE(heldSoon(governor));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // past a 250 ms re-check
  BOOST_TEST(!pacer.returned());
  clock.wall = 2 * kSecond;
  governor.resume();
  BOOST_TEST(pacer.returnsSoon());
  const Governor::Snapshot s = governor.snapshot();
  BOOST_TEST(!s.paused);
  BOOST_TEST(!s.held);
  BOOST_TEST(s.waited_ms <= 2000);
}

BOOST_AUTO_TEST_CASE(interrupt_ends_a_wait_and_every_pace_until_cleared) {
  FakeClocks clock;
  Governor governor(cpuLimit(100), clock.clocks());
  governor.pause();
  {
    PaceThread pacer(governor, 0);
    BOOST_REQUIRE(heldSoon(governor));
    governor.interrupt();
    BOOST_TEST(pacer.returnsSoon());
  }
  // Still paused, still interrupted: no wait at all (on this thread: a wait would hang the test,
  // so it is checked on another one first).
  {
    PaceThread pacer(governor, 0);
    BOOST_TEST(pacer.returnsSoon());
  }
  governor.clearInterrupt();
  PaceThread pacer(governor, 0);
  BOOST_REQUIRE(heldSoon(governor));
  BOOST_TEST(!pacer.returned());
}

BOOST_AUTO_TEST_CASE(on_battery_pauses_only_when_the_policy_says_so) {
  FakeClocks clock;
  Governor governor(cpuLimit(100), clock.clocks());
  governor.setOnBattery(true);
  {
    PaceThread pacer(governor, 0);
    BOOST_REQUIRE(heldSoon(governor));
    BOOST_TEST(!pacer.returned());
    const Governor::Snapshot s = governor.snapshot();
    BOOST_TEST(s.on_battery);
    BOOST_TEST(!s.paused);  // not paused by request: the battery holds it
    governor.setOnBattery(false);
    BOOST_TEST(pacer.returnsSoon());
  }
  GovernorLimits limits = cpuLimit(100);
  limits.pause_on_battery = false;
  governor.setLimits(limits);
  governor.setOnBattery(true);
  PaceThread pacer(governor, 0);
  BOOST_TEST(pacer.returnsSoon());
}

BOOST_AUTO_TEST_CASE(snapshot_reports_limits_and_state) {
  FakeClocks clock;
  GovernorLimits limits;
  limits.cpu_percent = 40;
  limits.read_mb_per_s = 12;
  limits.pause_on_battery = false;
  Governor governor(limits, clock.clocks());
  clock.set(2 * kSecond, kSecond / 2);
  governor.pause();
  governor.setOnBattery(true);
  const Governor::Snapshot s = governor.snapshot();
  BOOST_TEST(s.limits.cpu_percent == 40);
  BOOST_TEST(s.limits.read_mb_per_s == 12);
  BOOST_TEST(!s.limits.pause_on_battery);
  BOOST_TEST(s.paused);
  BOOST_TEST(s.on_battery);
  BOOST_TEST(!s.held);
  BOOST_TEST(s.waited_ms == 0);
  BOOST_TEST(s.cpu_percent_now == 25.0);
}

BOOST_AUTO_TEST_CASE(system_clocks_move) {
  const Governor::Clocks clocks = Governor::systemClocks();
  const std::int64_t wall = clocks.wall_ns();
  const std::int64_t cpu = clocks.cpu_ns();
  volatile std::uint64_t sink = 0;
  while (clocks.cpu_ns() - cpu < 5'000'000) sink = sink + 1;  // 5 ms of CPU
  BOOST_TEST(clocks.wall_ns() - wall >= 5'000'000);
}

BOOST_AUTO_TEST_CASE(a_small_debt_is_carried_not_slept) {
  // Short sleeps cost more CPU than they save (a context switch pair each; a timer exit on a
  // virtual machine): measured, sub-millisecond sleeps at 25% let the switches take most of the
  // budget. A debt under 40 ms is carried and paid in one longer wait.
  FakeClocks fake;
  Governor governor(cpuLimit(25), fake.clocks());
  fake.set(10'000'000, 10'000'000);  // 10 ms of CPU in 10 ms: owes 30 ms
  governor.pace(0);                  // returns at once (this thread would hang otherwise)
  fake.set(30'000'000, 30'000'000);  // 30 ms in 30 ms: owes 90 ms
  PaceThread paced(governor, 0);
  BOOST_TEST(eventually([&] { return governor.snapshot().held; }));
  fake.set(120'000'000, 30'000'000);
  BOOST_TEST(eventually([&] { return paced.returned(); }));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
