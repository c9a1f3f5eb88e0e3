// SPDX-License-Identifier: Apache-2.0
#pragma once

// DirectoryReader: the OS seam under FileWalker. One open directory, which lists its entries and
// examines or opens them by name relative to itself, so that the walker never builds an absolute
// path for the OS (paths may exceed PATH_MAX) and never follows a symbolic link below a root.
// Implemented per platform in src/platform/<os>/; the shared walker code has no #ifdef.
//
// Errors returned here carry no subject: the caller knows the full path and re-attaches it.
//
// Ownership: a DirectoryReader owns one OS handle (a descriptor on POSIX), released by close() or
// the destructor. Move-only. Thread-safety: none; one reader per walk.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::scanner::platform {

// What an entry is. kUnknown: the listing did not say (some file systems); examine() it.
enum class EntryType : std::uint8_t { kUnknown, kRegular, kDirectory, kSymlink, kOther };

// The identity of a directory or file on this machine.
struct FileId {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  bool operator==(const FileId&) const = default;
};

// What examine() learns about an entry (never following a symbolic link).
struct EntryInfo {
  EntryType type = EntryType::kUnknown;  // never kUnknown once examined
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;  // nanoseconds since the Unix epoch
  std::int64_t ctime_ns = 0;
  FileId id;
  std::uint32_t owner = 0;  // the owner's user id (uid; a SID's index on Windows, later)
};

// The entries of one directory, without "." and "..", in the order the OS gave them. Names are
// stored back to back in `names`, each followed by a NUL, so that a listing costs one allocation
// and name(i) can be handed to the OS as is. Reused between directories to keep its capacity.
struct DirectoryListing {
  struct Entry {
    std::size_t offset = 0;  // into names
    std::uint32_t length = 0;
    EntryType type = EntryType::kUnknown;
  };
  std::string names;
  std::vector<Entry> entries;

  const char* name(const Entry& e) const { return names.data() + e.offset; }
  void clear() {
    names.clear();
    entries.clear();
  }
};

class DirectoryReader {
 public:
  // Examines `path` following symbolic links (a root the user named). Fails with kNotFound,
  // kPermissionDenied, kInvalidArgument (name too long, link loop) or kIo.
  static Result<EntryInfo> examinePath(const std::string& path);
  // The path of what `path` names with every symbolic link resolved, if its last component is a
  // link; nullopt if it is not one. Fails like examinePath().
  static Result<std::optional<std::string>> resolveIfLink(const std::string& path);

  // Opens the directory at `path`, following a symbolic link. Fails like examinePath() (kNotFound
  // also if it is not a directory).
  static Result<DirectoryReader> openPath(const std::string& path);

  DirectoryReader() = default;
  DirectoryReader(DirectoryReader&& other) noexcept;
  DirectoryReader& operator=(DirectoryReader&& other) noexcept;
  ~DirectoryReader();

  bool isOpen() const { return handle_ >= 0; }
  void close();

  // The identity of this directory (taken when it was opened).
  const FileId& id() const { return id_; }

  // Appends this directory's entries to `out` (which the caller cleared). On an error part of the
  // directory may have been appended; the error says the listing is incomplete (kIo,
  // kPermissionDenied, ...). REQUIRES: isOpen().
  Status list(DirectoryListing& out) const;

  // Examines the entry `name` of this directory without following a symbolic link or triggering an
  // automount. Fails with kNotFound (vanished), kPermissionDenied, kInvalidArgument (name too long)
  // or kIo. REQUIRES: isOpen(); `name` is one path segment.
  Result<EntryInfo> examine(const char* name) const;

  // Opens the subdirectory `name` of this directory, never following a symbolic link. Fails with
  // kUnsupportedFormat if the entry is (now) not a directory or is a symbolic link, otherwise like
  // examine(). REQUIRES: isOpen(); `name` is one path segment.
  Result<DirectoryReader> openChild(const char* name) const;

 private:
  DirectoryReader(int handle, FileId id) : handle_(handle), id_(id) {}
  // Takes ownership of an open directory handle (releasing it on failure).
  static Result<DirectoryReader> adopt(int handle);

  int handle_ = -1;
  FileId id_;
};

}  // namespace jamul::scanner::platform
