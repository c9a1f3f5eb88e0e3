// SPDX-License-Identifier: Apache-2.0
#include "platform/process_control.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace jamul::agent {
namespace {

// <linux/ioprio.h> is not in every kernel-headers package of the distributions we build on; the
// values are the kernel's ABI (Documentation/block/ioprio.rst).
constexpr int kIoprioWhoProcess = 1;
constexpr int kIoprioClassShift = 13;
constexpr int kIoprioClassIdle = 3;

std::string firstLine(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

Status lowerPriority() {
  errno = 0;
  if (::setpriority(PRIO_PROCESS, 0, 19) != 0) return errorFromErrno(errno, "setpriority(19)");
  if (::syscall(SYS_ioprio_set, kIoprioWhoProcess, 0, kIoprioClassIdle << kIoprioClassShift) != 0)
    return errorFromErrno(errno, "ioprio_set(idle)");
  return okStatus();
}

PriorityInfo currentPriority() {
  PriorityInfo info;
  errno = 0;
  const int nice = ::getpriority(PRIO_PROCESS, 0);
  info.nice = errno == 0 ? nice : 0;
  const long io = ::syscall(SYS_ioprio_get, kIoprioWhoProcess, 0);
  switch (io < 0 ? -1 : static_cast<int>(io >> kIoprioClassShift)) {
    case 0: info.io_class = "none"; break;
    case 1: info.io_class = "realtime"; break;
    case 2: info.io_class = "best-effort"; break;
    case 3: info.io_class = "idle"; break;
    default: info.io_class = "unknown"; break;
  }
  return info;
}

std::int64_t processCpuNs() {
  timespec ts{};
  if (::clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0) return 0;
  return static_cast<std::int64_t>(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

// A supply of type Mains (or USB, or a USB-C port) that is online means mains power; otherwise a
// Battery that says Discharging means battery. No supply at all (a desktop, a VM): not on battery.
// Supplies of scope Device power a peripheral (a wireless mouse's or keyboard's battery), not the
// PC: the kernel leaves them out of "is the system on mains" too (power_supply_is_system_supplied),
// or a desktop with a wireless mouse would count as on battery for good.
std::optional<bool> onBatteryPower(const std::string& power_supply_dir) {
  std::error_code ec;
  std::filesystem::directory_iterator it(power_supply_dir, ec);
  if (ec) return ec == std::errc::no_such_file_or_directory ? std::optional<bool>(false)
                                                          : std::nullopt;
  bool mains_online = false, discharging = false;
  for (const auto& supply : it) {
    if (firstLine(supply.path() / "scope") == "Device") continue;
    const std::string type = firstLine(supply.path() / "type");
    if (type == "Mains" || type == "USB" || type == "USB_C" || type == "USB_PD") {
      if (firstLine(supply.path() / "online") == "1") mains_online = true;
    } else if (type == "Battery") {
      if (firstLine(supply.path() / "status") == "Discharging") discharging = true;
    }
  }
  return !mains_online && discharging;
}

}  // namespace jamul::agent
