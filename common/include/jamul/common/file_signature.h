// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileSignature: what stat says of a file that tells whether it is still the same file with the
// same content: size, modification and status-change times (ctime catches content rewritten with
// mtime restored), inode and device. The scanner's incremental rescans skip a file whose signature
// is unchanged (DESIGN.md §4); the in-place protocol refuses to remove an original whose signature
// changed during the run (§5). One type for both, so that they cannot drift apart.
//
// A value type.

#include <cstdint>

namespace jamul {

struct FileSignature {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // nanoseconds since the Unix epoch
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;

  bool operator==(const FileSignature&) const = default;
  const FileSignature& signature() const { return *this; }
};

}  // namespace jamul
