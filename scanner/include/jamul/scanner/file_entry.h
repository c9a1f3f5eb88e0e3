// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileEntry: one regular file found by the walker, with the stat fields that decide whether an
// incremental rescan may skip it (DESIGN.md §4 "Incremental"). A value type.

#include <cstdint>
#include <string>

namespace jamul::scanner {

struct FileEntry {
  // The root as given, joined with the path below it by '/'. Raw bytes: Linux file names need not
  // be UTF-8, and the exact bytes are needed to open the file again.
  std::string path;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // nanoseconds since the Unix epoch
  std::int64_t ctime_ns = 0;  // status change time: catches content rewritten with mtime restored
  std::uint64_t inode = 0;
  std::uint64_t device = 0;

  bool sameSignature(const FileEntry& other) const {
    return size == other.size && mtime_ns == other.mtime_ns && ctime_ns == other.ctime_ns &&
           inode == other.inode && device == other.device;
  }
};

}  // namespace jamul::scanner
