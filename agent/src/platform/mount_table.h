// SPDX-License-Identifier: Apache-2.0
#pragma once

// The mounted file systems and the removable volumes among them (issue 15: scan a USB stick when
// it is plugged in). Linux: /proc/self/mountinfo, which the kernel marks readable-with-priority
// (poll POLLPRI) whenever the table changes; sysfs says whether the block device is removable or
// on a USB bus; /dev/disk/by-uuid and by-label name the file system. Windows later: device-arrival
// notifications and GetDriveType behind the same MountWatcher.
//
// Thread-safety: parse and describe functions are pure (describeVolume reads the file system);
// a MountWatcher is used by one thread.

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"
#include "platform/fd.h"

namespace jamul::agent {

struct MountEntry {
  std::uint64_t id = 0;  // the kernel's mount id: unique while mounted
  std::uint32_t major = 0, minor = 0;
  std::string root;         // the folder of the file system mounted here ("/" unless a bind mount)
  std::string mount_point;  // unescaped
  std::string fs_type;      // "vfat", "ext4", "tmpfs", ...
  std::string source;       // "/dev/sdb1", "tmpfs", ...
};

// The lines of a mountinfo file (proc(5)); malformed lines are skipped.
std::vector<MountEntry> parseMountInfo(std::string_view text);

// What identifies a volume to people and to the inventory.
struct VolumeFacts {
  std::string uuid;     // the file system's UUID; empty when it has none
  std::string label;    // its label; empty when none
  std::uint64_t size_bytes = 0;
  bool removable = false;  // a removable or USB block device
  // The inventory's key for it: the UUID, else "label:<label>", else "dev:<maj>:<min>:<root>".
  std::string key;
};

// Where describeVolume() looks (tests point these at folders of their own).
struct DeviceFolders {
  std::string sys_dev_block = "/sys/dev/block";
  std::string by_uuid = "/dev/disk/by-uuid";
  std::string by_label = "/dev/disk/by-label";
};

VolumeFacts describeVolume(const MountEntry& mount, const DeviceFolders& folders = {});

// File systems that never hold users' files (proc, sysfs, cgroup, ...): not worth a look.
bool isPseudoFileSystem(std::string_view fs_type);

// Tells when the mount table changes.
class MountWatcher {
 public:
  // Opens `mountinfo` (the process's own table unless a test says otherwise).
  static Result<MountWatcher> open(const std::string& mountinfo = "/proc/self/mountinfo");
  // The table now.
  Result<std::vector<MountEntry>> read();
  // Waits up to `timeout` for the table to change; true if it did. (A file that is not a kernel
  // mount table never signals: callers read() again after every timeout anyway.)
  bool waitForChange(std::chrono::milliseconds timeout);

 private:
  MountWatcher(Fd fd, std::string path) : fd_(std::move(fd)), path_(std::move(path)) {}
  Fd fd_;
  std::string path_;
};

}  // namespace jamul::agent
