// SPDX-License-Identifier: Apache-2.0
// What the agent asks of the OS about itself (issue 15): its CPU time over all its threads, the
// power supply as /sys/class/power_supply describes it (here a folder laid out like it), and the
// lowest priority — taken in a child process, so that this one keeps its own.
#include "platform/process_control.h"

#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>

#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

constexpr std::int64_t kMs = 1'000'000;

std::int64_t threadCpuNs() {
  timespec ts{};
  ::clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// Keeps the calling thread busy until it has used `ns` of CPU time (by its own clock).
void burn(std::int64_t ns) {
  const std::int64_t start = threadCpuNs();
  volatile std::uint64_t sink = 0;
  while (threadCpuNs() - start < ns) sink = sink + 1;
}

// What onBatteryPower() said, printably.
std::string said(std::optional<bool> on_battery) {
  return !on_battery ? "unknown" : *on_battery ? "battery" : "mains";
}

// A power_supply folder with one subfolder per supply.
class PowerSupplies {
 public:
  PowerSupplies& supply(const std::string& name, const std::string& type,
                        const std::string& state_file, const std::string& state) {
    dir_.write(name + "/type", type + "\n");
    dir_.write(name + "/" + state_file, state + "\n");
    return *this;
  }
  std::string onBattery() const { return said(onBatteryPower(dir_.path().string())); }
  const test::TempDir& dir() const { return dir_; }

 private:
  test::TempDir dir_;
};

BOOST_AUTO_TEST_SUITE(process_control)

BOOST_AUTO_TEST_CASE(cpu_time_counts_every_thread) {
  const std::int64_t before = processCpuNs();
  burn(20 * kMs);
  const std::int64_t after_main = processCpuNs();
  BOOST_TEST(after_main - before >= 20 * kMs);
  std::thread(burn, 20 * kMs).join();
  BOOST_TEST(processCpuNs() - after_main >= 20 * kMs);
}

BOOST_AUTO_TEST_CASE(on_battery_only_when_a_battery_discharges_and_no_mains_is_online) {
  const struct {
    const char* battery_status;
    const char* mains_type;  // nullptr: no such supply
    const char* mains_online;
    bool on_battery;
  } cases[] = {
      {"Discharging", nullptr, nullptr, true},
      {"Discharging", "Mains", "1", false},
      {"Discharging", "Mains", "0", true},
      {"Discharging", "USB", "1", false},  // a laptop charged over USB-C
      {"Charging", "Mains", "1", false},
      {"Full", nullptr, nullptr, false},
  };
  for (const auto& c : cases) {
    PowerSupplies supplies;
    supplies.supply("BAT0", "Battery", "status", c.battery_status);
    if (c.mains_type != nullptr) supplies.supply("AC", c.mains_type, "online", c.mains_online);
    BOOST_TEST(supplies.onBattery() == std::string(c.on_battery ? "battery" : "mains"),
               c.battery_status << " " << (c.mains_type ? c.mains_type : "-") << " "
                                << (c.mains_online ? c.mains_online : "-"));
  }
}

BOOST_AUTO_TEST_CASE(a_peripherals_battery_is_not_the_pcs) {
  // A wireless mouse's battery (scope Device) says nothing of the PC's power: a desktop whose
  // only supply is one must not pause its scans for good.
  PowerSupplies desktop;
  desktop.supply("hidpp_battery_0", "Battery", "status", "Discharging");
  desktop.dir().write("hidpp_battery_0/scope", "Device\n");
  BOOST_TEST(desktop.onBattery() == "mains");
  // The laptop's own battery has scope System, or none at all.
  PowerSupplies laptop;
  laptop.supply("BAT0", "Battery", "status", "Discharging");
  laptop.dir().write("BAT0/scope", "System\n");
  BOOST_TEST(laptop.onBattery() == "battery");
}

BOOST_AUTO_TEST_CASE(no_power_supply_is_mains_and_an_unreadable_folder_is_unknown) {
  PowerSupplies none;
  BOOST_TEST(none.onBattery() == "mains");  // a desktop, a VM
  BOOST_TEST(said(onBatteryPower((none.dir().path() / "absent").string())) == "mains");
  const std::string not_a_folder = none.dir().write("file", "x").string();
  BOOST_TEST(said(onBatteryPower(not_a_folder)) == "unknown");
}

// What the child found wrong (its exit status).
enum ChildCheck {
  kAllLowered = 0,
  kRefused = 1,
  kNiceNot19 = 2,
  kIoNotIdle = 3,
  kThreadNiceNot19 = 4,
  kThreadIoNotIdle = 5,
};

BOOST_AUTO_TEST_CASE(lowest_priority_in_a_child_and_the_threads_it_starts) {
  const int nice_before = ::getpriority(PRIO_PROCESS, 0);
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    if (!lowerPriority().ok()) ::_exit(kRefused);
    const PriorityInfo mine = currentPriority();
    PriorityInfo started;
    std::thread([&] { started = currentPriority(); }).join();
    ::_exit(mine.nice != 19              ? kNiceNot19
            : mine.io_class != "idle"    ? kIoNotIdle
            : started.nice != 19         ? kThreadNiceNot19
            : started.io_class != "idle" ? kThreadIoNotIdle
                                         : kAllLowered);
  }
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST_REQUIRE(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == kAllLowered);
  // This process was not touched.
  BOOST_TEST(::getpriority(PRIO_PROCESS, 0) == nice_before);
  BOOST_TEST(currentPriority().nice == nice_before);
  BOOST_TEST(currentPriority().io_class != "idle");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
