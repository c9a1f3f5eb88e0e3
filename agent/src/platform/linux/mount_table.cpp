// SPDX-License-Identifier: Apache-2.0
#include "platform/mount_table.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <charconv>
#include <filesystem>
#include <fstream>

namespace jamul::agent {
namespace {

namespace fs = std::filesystem;

// mountinfo escapes space, tab, newline and backslash as \ooo (three octal digits).
std::string unescapeOctal(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  const auto octal = [](char c) { return c >= '0' && c <= '7'; };
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 3 < s.size() &&
        octal(s[i + 1]) && octal(s[i + 2]) && octal(s[i + 3])) {
      out.push_back(static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 +
                                      (s[i + 3] - '0')));
      i += 3;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

// udev's /dev/disk/by-label names escape unsafe bytes as \xHH.
std::string unescapeHex(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned value = 0;
    if (s[i] == '\\' && i + 3 < s.size() && s[i + 1] == 'x' &&
        std::from_chars(s.data() + i + 2, s.data() + i + 4, value, 16).ptr == s.data() + i + 4) {
      out.push_back(static_cast<char>(value));
      i += 3;
      continue;
    }
    out.push_back(s[i]);
  }
  return out;
}

std::vector<std::string_view> fields(std::string_view line) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && line[i] == ' ') ++i;
    const std::size_t start = i;
    while (i < line.size() && line[i] != ' ') ++i;
    if (i > start) out.push_back(line.substr(start, i - start));
  }
  return out;
}

template <typename T>
bool number(std::string_view s, T& out) {
  return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc() && !s.empty();
}

std::string firstLine(const fs::path& file) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  return line;
}

// The name in `folder` whose link leads to the block device major:minor (udev's by-uuid and
// by-label folders), or empty.
std::string nameFor(const std::string& folder, std::uint32_t major, std::uint32_t minor) {
  std::error_code ec;
  for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat st {};
    if (::stat(it->path().c_str(), &st) == 0 && S_ISBLK(st.st_mode) &&
        ::major(st.st_rdev) == major && ::minor(st.st_rdev) == minor)
      return it->path().filename().string();
  }
  return {};
}

// A block device is removable when its disk says so (sysfs `removable`: SD cards, some sticks) or
// it hangs off a USB bus (USB sticks and disks that claim to be fixed).
bool removableDevice(const std::string& sys_dev_block, std::uint32_t major, std::uint32_t minor) {
  std::error_code ec;
  const fs::path link = fs::path(sys_dev_block) / (std::to_string(major) + ":" + std::to_string(minor));
  const fs::path device = fs::canonical(link, ec);
  if (ec) return false;
  if (device.string().find("/usb") != std::string::npos) return true;
  // A partition's folder sits inside its disk's folder.
  for (const fs::path& dir : {device, device.parent_path()})
    if (firstLine(dir / "removable") == "1") return true;
  return false;
}

}  // namespace

std::vector<MountEntry> parseMountInfo(std::string_view text) {
  std::vector<MountEntry> mounts;
  while (!text.empty()) {
    const std::size_t nl = text.find('\n');
    const std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    // 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue
    const std::vector<std::string_view> f = fields(line);
    std::size_t dash = 6;
    while (dash < f.size() && f[dash] != "-") ++dash;
    if (f.size() < 6 || dash + 2 >= f.size()) continue;
    MountEntry m;
    const std::string_view dev = f[2];
    const std::size_t colon = dev.find(':');
    if (!number(f[0], m.id) || colon == std::string_view::npos ||
        !number(dev.substr(0, colon), m.major) || !number(dev.substr(colon + 1), m.minor))
      continue;
    m.root = unescapeOctal(f[3]);
    m.mount_point = unescapeOctal(f[4]);
    m.fs_type = unescapeOctal(f[dash + 1]);
    m.source = unescapeOctal(f[dash + 2]);
    mounts.push_back(std::move(m));
  }
  return mounts;
}

bool isPseudoFileSystem(std::string_view fs_type) {
  static constexpr std::array<std::string_view, 24> kPseudo = {
      "proc",   "sysfs",      "devtmpfs", "devpts",   "cgroup",  "cgroup2",  "securityfs",
      "pstore", "bpf",        "tracefs",  "debugfs",  "mqueue",  "hugetlbfs", "configfs",
      "fusectl", "binfmt_misc", "autofs", "rpc_pipefs", "nsfs",  "efivarfs", "selinuxfs",
      "ramfs",  "squashfs",   "overlay"};
  for (std::string_view p : kPseudo)
    if (fs_type == p) return true;
  return false;
}

VolumeFacts describeVolume(const MountEntry& mount, const DeviceFolders& folders) {
  VolumeFacts facts;
  facts.uuid = nameFor(folders.by_uuid, mount.major, mount.minor);
  facts.label = unescapeHex(nameFor(folders.by_label, mount.major, mount.minor));
  facts.removable = removableDevice(folders.sys_dev_block, mount.major, mount.minor);
  struct statvfs vfs {};
  if (::statvfs(mount.mount_point.c_str(), &vfs) == 0)
    facts.size_bytes = static_cast<std::uint64_t>(vfs.f_blocks) * vfs.f_frsize;
  if (!facts.uuid.empty())
    facts.key = facts.uuid;
  else if (!facts.label.empty())
    facts.key = "label:" + facts.label;
  else
    facts.key = "dev:" + std::to_string(mount.major) + ":" + std::to_string(mount.minor) + ":" +
                mount.root;
  return facts;
}

Result<MountWatcher> MountWatcher::open(const std::string& mountinfo) {
  const int fd = ::open(mountinfo.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errorFromErrno(errno, "open", mountinfo);
  return MountWatcher(Fd(fd), mountinfo);
}

Result<std::vector<MountEntry>> MountWatcher::read() {
  // The kernel builds the text on each read from the start; reading the whole file also
  // acknowledges the change that poll() reported.
  if (::lseek(fd_.get(), 0, SEEK_SET) < 0) return errorFromErrno(errno, "lseek", path_);
  std::string text;
  std::array<char, 16384> buf{};
  for (;;) {
    const ssize_t n = ::read(fd_.get(), buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errorFromErrno(errno, "read", path_);
    if (n == 0) break;
    text.append(buf.data(), static_cast<std::size_t>(n));
  }
  return parseMountInfo(text);
}

bool MountWatcher::waitForChange(std::chrono::milliseconds timeout) {
  pollfd p{fd_.get(), POLLPRI, 0};
  const int n = ::poll(&p, 1, static_cast<int>(timeout.count()));
  return n > 0 && (p.revents & (POLLPRI | POLLERR)) != 0;
}

}  // namespace jamul::agent
