// SPDX-License-Identifier: Apache-2.0
// The mount table (issue 15): mountinfo lines as the kernel writes them (escapes, optional fields,
// damage), and how a volume is named and known to be removable, on a fake /dev/disk and
// /sys/dev/block laid out in a temporary folder.
#include "platform/mount_table.h"

#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

namespace fs = std::filesystem;

// /dev/disk and /sys laid out in a temporary folder, for describeVolume().
class FakeDevices {
 public:
  FakeDevices() {
    for (const char* sub : {"dev/disk/by-uuid", "dev/disk/by-label", "sys/dev/block"})
      fs::create_directories(dir_.path() / sub);
    folders_.by_uuid = (dir_.path() / "dev/disk/by-uuid").string();
    folders_.by_label = (dir_.path() / "dev/disk/by-label").string();
    folders_.sys_dev_block = (dir_.path() / "sys/dev/block").string();
  }

  const DeviceFolders& folders() const { return folders_; }
  const fs::path& root() const { return dir_.path(); }

  // A block device node dev/<name> (needs CAP_MKNOD); false when the system refuses.
  bool node(const std::string& name, std::uint32_t major, std::uint32_t minor) {
    const fs::path path = dir_.path() / "dev" / name;
    return ::mknod(path.c_str(), S_IFBLK | 0600, ::makedev(major, minor)) == 0;
  }
  // udev's link <folder>/<name> -> ../../<device>.
  void link(const std::string& folder, const std::string& name, const std::string& device) {
    fs::create_symlink(fs::path("../..") / device, dir_.path() / "dev/disk" / folder / name);
  }
  // sys/devices/<device_path> with its `removable` file, and sys/dev/block/<maj>:<min> leading
  // to <device_path>/<partition> (or to <device_path> itself when `partition` is empty).
  void sysfs(const std::string& device_path, const char* removable, const std::string& partition,
             std::uint32_t major, std::uint32_t minor) {
    const fs::path disk = dir_.path() / "sys/devices" / device_path;
    const fs::path target = partition.empty() ? disk : disk / partition;
    fs::create_directories(target);
    std::ofstream(disk / "removable") << removable << "\n";
    if (!partition.empty()) std::ofstream(target / "partition") << "1\n";
    fs::create_symlink(target, fs::path(folders_.sys_dev_block) /
                                   (std::to_string(major) + ":" + std::to_string(minor)));
  }

 private:
  test::TempDir dir_;
  DeviceFolders folders_;
};

MountEntry mountOf(std::uint32_t major, std::uint32_t minor, std::string mount_point,
                   std::string root = "/") {
  MountEntry m;
  m.major = major;
  m.minor = minor;
  m.root = std::move(root);
  m.mount_point = std::move(mount_point);
  m.fs_type = "vfat";
  return m;
}

using Lines = std::vector<std::string>;

// Each entry as "id major:minor [root] [mount point] type [source]".
Lines described(const std::vector<MountEntry>& mounts) {
  Lines out;
  for (const MountEntry& m : mounts)
    out.push_back(std::to_string(m.id) + " " + std::to_string(m.major) + ":" +
                  std::to_string(m.minor) + " [" + m.root + "] [" + m.mount_point + "] " +
                  m.fs_type + " [" + m.source + "]");
  return out;
}

Lines parsed(std::string_view mountinfo) { return described(parseMountInfo(mountinfo)); }

BOOST_AUTO_TEST_SUITE(mount_table)

BOOST_AUTO_TEST_CASE(each_line_reads_as_the_kernel_wrote_it) {
  const struct {
    const char* line;
    const char* entry;  // "": skipped
  } cases[] = {
      // Optional fields: one, several, none.
      {"22 28 0:21 / /proc rw,nosuid,nodev,noexec,relatime shared:12 - proc proc rw",
       "22 0:21 [/] [/proc] proc [proc]"},
      {"36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue",
       "36 98:0 [/mnt1] [/mnt2] ext3 [/dev/root]"},
      {"100 28 8:17 / /media/u/STICK rw shared:200 master:3 propagate_from:2 - vfat /dev/sdb1 rw",
       "100 8:17 [/] [/media/u/STICK] vfat [/dev/sdb1]"},
      {"102 28 0:50 / /tmp/plain rw - tmpfs tmpfs rw", "102 0:50 [/] [/tmp/plain] tmpfs [tmpfs]"},
      // Space, tab, newline and backslash are written \040, \011, \012 and \134.
      {"100 28 8:17 /sub\\134dir /media/My\\040Stick\\011\\012 rw - vfat /dev/sdb\\0401 rw",
       "100 8:17 [/sub\\dir] [/media/My Stick\t\n] vfat [/dev/sdb 1]"},
      {"101 28 8:18 / /media/end\\040 rw - exfat /dev/sdc1 rw",  // an escape ending the field
       "101 8:18 [/] [/media/end ] exfat [/dev/sdc1]"},
      {"102 28 8:19 / /media/not\\08\\04 rw - exfat /dev/sdc2 rw",  // not three octal digits
       "102 8:19 [/] [/media/not\\08\\04] exfat [/dev/sdc2]"},
      // Damage.
      {"garbage", ""},
      {"1 2 x:y / /bad-device rw - ext4 /dev/x rw", ""},
      {"x 2 8:1 / /bad-id rw - ext4 /dev/x rw", ""},
      {"3 2 8:1 / /no-separator rw shared:1 ext4 /dev/x rw", ""},
      {"4 2 8:1 / /no-source rw - ext4", ""},
      {"5 2 8:1 / /short", ""},
  };
  for (const auto& c : cases) {
    const Lines entries = parsed(c.line);
    BOOST_TEST(entries == (*c.entry ? Lines{c.entry} : Lines{}), c.line);
  }
}

BOOST_AUTO_TEST_CASE(lines_end_at_newlines_the_last_one_too_without_one) {
  BOOST_TEST(parsed("\n6 2 8:1 / /a rw - ext4 /dev/sda1 rw\n\ngarbage\n"
                    "7 2 8:2 / /b rw - ext4 /dev/sda2 rw") ==
                 (Lines{"6 8:1 [/] [/a] ext4 [/dev/sda1]", "7 8:2 [/] [/b] ext4 [/dev/sda2]"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(pseudo_file_systems_are_known) {
  for (const char* fs_type : {"proc", "sysfs", "cgroup2", "devpts", "tracefs", "overlay"})
    BOOST_TEST(isPseudoFileSystem(fs_type), fs_type);
  for (const char* fs_type : {"ext4", "vfat", "exfat", "ntfs3", "btrfs", "xfs", "tmpfs", ""})
    BOOST_TEST(!isPseudoFileSystem(fs_type), fs_type);
}

BOOST_AUTO_TEST_CASE(a_volume_is_known_by_uuid_then_label_then_device) {
  FakeDevices devices;
  if (!devices.node("sdb1", 8, 17)) JAMUL_SKIP("mknod is not allowed here (needs CAP_MKNOD)");
  BOOST_REQUIRE(devices.node("sdb2", 8, 18));
  BOOST_REQUIRE(devices.node("sdc1", 8, 33));
  devices.link("by-uuid", "1234-ABCD", "sdb1");
  devices.link("by-label", "My\\x20Stick", "sdb1");
  devices.link("by-label", "BACKUP", "sdb2");
  // Names that lead to no block device (a plain file, a dangling link) are passed over.
  std::ofstream(devices.root() / "dev/disk/by-uuid/0000-0000") << "not a device";
  devices.link("by-uuid", "9999-9999", "sdb2-gone");
  const std::string mount_point = devices.root().string();

  const VolumeFacts both = describeVolume(mountOf(8, 17, mount_point), devices.folders());
  BOOST_TEST(both.uuid == "1234-ABCD");
  BOOST_TEST(both.label == "My Stick");  // udev's \x20 undone
  BOOST_TEST(both.key == "1234-ABCD");
  BOOST_TEST(both.size_bytes > 0u);  // the statvfs of the mount point

  const VolumeFacts label = describeVolume(mountOf(8, 18, mount_point), devices.folders());
  BOOST_TEST(label.uuid.empty());
  BOOST_TEST(label.label == "BACKUP");
  BOOST_TEST(label.key == "label:BACKUP");

  const VolumeFacts bare =
      describeVolume(mountOf(8, 33, "/nonexistent/mount", "/sub"), devices.folders());
  BOOST_TEST(bare.uuid.empty());
  BOOST_TEST(bare.label.empty());
  BOOST_TEST(bare.key == "dev:8:33:/sub");
  BOOST_TEST(bare.size_bytes == 0u);
}

BOOST_AUTO_TEST_CASE(removable_from_sysfs_or_a_usb_bus) {
  FakeDevices devices;
  // An SD card reader's disk says removable; its partition inherits it from the disk.
  devices.sysfs("pci0000:00/0000:00:1d.0/mmc0/block/mmcblk0", "1", "mmcblk0p1", 179, 1);
  // A USB disk that claims to be fixed.
  devices.sysfs("pci0000:00/0000:00:14.0/usb2/2-1/2-1:1.0/host6/block/sdb", "0", "sdb1", 8, 17);
  // The internal disk, partition and whole disk.
  devices.sysfs("pci0000:00/0000:00:17.0/ata1/host0/block/sda", "0", "sda2", 8, 2);
  devices.sysfs("pci0000:00/0000:00:17.0/ata2/host1/block/sdc", "0", "", 8, 32);
  // A removable whole disk without partitions.
  devices.sysfs("platform/floppy/block/fd0", "1", "", 2, 0);
  const auto removable = [&](std::uint32_t major, std::uint32_t minor) {
    return describeVolume(mountOf(major, minor, "/nonexistent"), devices.folders()).removable;
  };
  BOOST_TEST(removable(179, 1));
  BOOST_TEST(removable(8, 17));
  BOOST_TEST(!removable(8, 2));
  BOOST_TEST(!removable(8, 32));
  BOOST_TEST(removable(2, 0));
  BOOST_TEST(!removable(9, 9));  // not in sysfs at all
}

BOOST_AUTO_TEST_CASE(the_watcher_reads_the_table_again_on_each_read) {
  test::TempDir dir;
  const fs::path table = dir.write("mountinfo", "6 2 8:1 / /first rw - ext4 /dev/sda1 rw\n");
  auto watcher = MountWatcher::open(table.string());
  BOOST_TEST_REQUIRE(watcher.ok());
  auto first = watcher->read();
  BOOST_TEST_REQUIRE(first.ok());
  BOOST_TEST_REQUIRE(first->size() == 1u);
  BOOST_TEST((*first)[0].mount_point == "/first");
  // The same file (the descriptor stays open), rewritten in place.
  std::ofstream(table, std::ios::trunc) << "6 2 8:1 / /first rw - ext4 /dev/sda1 rw\n"
                                        << "7 2 8:17 / /second rw - vfat /dev/sdb1 rw\n";
  auto second = watcher->read();
  BOOST_TEST_REQUIRE(second.ok());
  BOOST_TEST_REQUIRE(second->size() == 2u);
  BOOST_TEST((*second)[1].mount_point == "/second");
  // A plain file never signals a change.
  BOOST_TEST(!watcher->waitForChange(std::chrono::milliseconds(10)));

  auto missing = MountWatcher::open((dir.path() / "none").string());
  BOOST_TEST_REQUIRE(!missing.ok());
  BOOST_TEST((missing.error().code() == ErrorCode::kNotFound));
}

BOOST_AUTO_TEST_CASE(the_process_mount_table_has_its_proc) {
  // The table it reads is itself on a proc mount, so that one is listed whatever else is (in a
  // chroot, "/" need not be a mount point at all).
  auto watcher = MountWatcher::open();
  BOOST_TEST_REQUIRE(watcher.ok());
  auto mounts = watcher->read();
  BOOST_TEST_REQUIRE(mounts.ok());
  bool proc = false;
  for (const MountEntry& m : *mounts) {
    BOOST_TEST(m.mount_point.starts_with("/"));
    proc = proc || (m.fs_type == "proc" && isPseudoFileSystem(m.fs_type));
  }
  BOOST_TEST(proc);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
