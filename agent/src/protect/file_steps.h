// SPDX-License-Identifier: Apache-2.0
#pragma once

// The file operations of the in-place protocol (file_protector.h), on an Env: opening the file to
// act on, the checks that refuse one, temporary names, overwriting. The same on every platform:
// what differs is behind the Env.
//
// Errors are values; nothing here throws. Thread-safety: as the Env.

#include <cstdint>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "platform/env.h"

namespace jamul::agent {

// A file opened to act on, with what stat said of it then.
struct OpenedFile {
  Fd fd;
  FileInfo info;
};

// Opens the regular file `path` (never through a link: kInvalidArgument "is a symbolic link";
// anything but a regular file: kInvalidArgument "not a regular file").
Result<OpenedFile> openRegular(Env& env, const std::string& path, OpenMode mode);

// A new random name beside `path`: `.jamul-<16 random letters and digits><suffix>`. Short and
// fixed in length whatever the file's name (a temporary name built from a 250-byte name would pass
// the file system's 255-byte limit), and it says nothing of the file (shredding renames to one).
std::string randomNameBeside(Env& env, const std::string& path, std::string_view suffix);
// The temporary file of an action on `path`: randomNameBeside(path, ".tmp").
std::string tempPathFor(Env& env, const std::string& path);

// Overwrites the first `size` bytes of the open file once with random bytes, then syncs it.
Status overwrite(Env& env, int fd, std::uint64_t size, const std::string& path);
// Overwrites the regular file `path` (not through a link) once with random bytes, syncs it and,
// with `truncate`, cuts it to 0 bytes. A file whose mode forbids writing is made writable first
// when the caller owns it (it is about to go anyway). kPermissionDenied when that is not allowed,
// kNotFound, kInvalidArgument (not a regular file), kIo.
Status overwriteFile(Env& env, const std::string& path, bool truncate);

// kPermissionDenied if the folder of `path` is on a read-only file system (a locked USB stick, a
// CD) or cannot be written: the original could never be removed.
Status refuseReadOnlyMedia(Env& env, const std::string& path);
// kUnavailable if another program holds a lock on the open file, or an office program's owner
// file lies beside it (LibreOffice `.~lock.NAME#`, MS Office `~$NAME`).
Status refuseLocked(Env& env, int fd, const std::string& path);
// kInvalidArgument if the file has other hard links: wiping it would destroy the data the other
// names show, and unlinking this name alone would not remove it.
Status refuseHardLinked(const FileInfo& info, const std::string& path);
// kInvalidArgument if `path`'s name with `suffix` added is longer than its folder's file system
// allows (255 bytes on most): `name.age` could never be created.
Status refuseNameTooLong(Env& env, const std::string& path, std::string_view suffix);

}  // namespace jamul::agent
