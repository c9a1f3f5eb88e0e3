// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small file helpers for the console's data directory: whole-file reads, and atomic writes of
// small files (temporary file, fsync, rename) with an explicit mode, so that a crash never leaves a
// half-written secret or configuration.
//
// Thread-safety: pure functions over files.

#include <string>
#include <sys/types.h>

#include "jamul/common/result.h"

namespace jamul::console {

// kNotFound, kPermissionDenied, kIo.
Result<std::string> readWholeFile(const std::string& path);
// Replaces `path` with `content`, created with `mode`. kIo, kPermissionDenied.
Status writeFileAtomic(const std::string& path, const std::string& content, mode_t mode);
// Creates `path` (a directory, `mode`) unless it exists; kInvalidArgument if it is not a directory.
Status ensureDirectory(const std::string& path, mode_t mode);
bool fileExists(const std::string& path);

}  // namespace jamul::console
