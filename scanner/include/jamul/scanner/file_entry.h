// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileEntry: one regular file found by the walker, with the stat fields that decide whether an
// incremental rescan may skip it (DESIGN.md §4 "Incremental", jamul/common/file_signature.h). A
// value type.

#include <cstdint>
#include <string>

#include "jamul/common/file_signature.h"

namespace jamul::scanner {

struct FileEntry : FileSignature {
  // The root as given, joined with the path below it by '/'. Raw bytes: Linux file names need not
  // be UTF-8, and the exact bytes are needed to open the file again.
  std::string path;
  // Who owns the file (its uid): the agent shows each user only their own files. Not part of the
  // signature (a chown alone does not change what a scan would find).
  std::uint32_t owner = 0;
};

}  // namespace jamul::scanner
