// SPDX-License-Identifier: Apache-2.0
#pragma once

// The POSIX pieces of the in-place protocol: file signatures, durable renames, folder fsyncs,
// overwriting, and the checks that refuse a file (read-only media, locked by another program).
// Errors are values; nothing here throws.

#include <sys/stat.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "jamul/common/result.h"

namespace jamul::agent::posix {

// What must not change between the start of an action and the removal of the original.
struct Signature {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0;
  std::uint64_t inode = 0;
  std::uint64_t device = 0;
  bool operator==(const Signature&) const = default;
};
Signature signatureOf(const struct stat& st);

// An open file descriptor, closed on destruction.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(other.release()) {}
  Fd& operator=(Fd&& other) noexcept;
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd();
  int get() const { return fd_; }
  int release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
  }
  explicit operator bool() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
};

std::string dirName(const std::string& path);
std::string baseName(const std::string& path);
// A new random name beside `path`: `.jamul-<16 random letters and digits><suffix>`. Short and
// fixed in length whatever the file's name (a temporary name built from a 250-byte name would pass
// the file system's 255-byte limit), and it says nothing of the file (shredding renames to one).
std::string randomNameBeside(const std::string& path, std::string_view suffix);
// The temporary file of an action on `path`: randomNameBeside(path, ".tmp").
std::string tempPathFor(const std::string& path);
// kInvalidArgument if `path`'s name with `suffix` added is longer than its folder's file system
// allows (pathconf _PC_NAME_MAX, 255 bytes on most): `name.age` could never be created.
Status refuseNameTooLong(const std::string& path, std::string_view suffix);

// Opens a regular file read-only without following a link; kInvalidArgument if not regular.
Result<Fd> openRegular(const std::string& path, int flags, struct stat& st);
bool exists(const std::string& path);

Status fsyncFd(int fd, std::string_view what, const std::string& path);
// fsync of the folder holding `path`: makes a rename or unlink in it durable.
Status fsyncDirOf(const std::string& path);
// rename(from, to) that fails with kInvalidArgument if `to` exists (renameat2 RENAME_NOREPLACE;
// link + unlink where the file system lacks it).
Status renameNoReplace(const std::string& from, const std::string& to);
// Overwrites the first `size` bytes of the open file once with random bytes, then fsyncs it.
Status overwrite(int fd, std::uint64_t size, const std::string& path);
// Overwrites the regular file `path` (not through a link) once with random bytes, fsyncs it and,
// with `truncate`, cuts it to 0 bytes. A file whose mode forbids writing is made writable first
// when the caller owns it (it is about to go anyway). kPermissionDenied when that is not allowed,
// kNotFound, kInvalidArgument (not a regular file), kIo.
Status overwriteFile(const std::string& path, bool truncate);

// kPermissionDenied if the folder of `path` is on a read-only file system (a locked USB stick, a
// CD): the original could never be removed.
Status refuseReadOnlyMedia(const std::string& path);
// kUnavailable if another program holds a lock on the open file, or an office program's owner
// file lies beside it (LibreOffice `.~lock.NAME#`, MS Office `~$NAME`).
Status refuseLocked(int fd, const std::string& path);

// kInvalidArgument if the file has other hard links (st.st_nlink > 1): wiping it would overwrite
// the data the other names still show, and unlinking this name alone would not remove it.
Status refuseHardLinked(const struct stat& st, const std::string& path);

// Copies owner (where permitted), mode and access/modification times of `st` to `fd`.
Status copyMetadata(int fd, const struct stat& st, const std::string& path);

}  // namespace jamul::agent::posix
