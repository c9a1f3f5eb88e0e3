// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileReader: the OS seam for reading one file to scan it. Opening does not follow a symbolic link
// (a link swapped in after the walk cannot redirect us), does not block on a FIFO swapped in, and
// does not update the file's access time where the OS allows (scanning should leave no trace).
// Implemented per platform in src/platform/<os>/.
//
// Thread-safety: none; one reader per open file.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "jamul/common/result.h"
#include "jamul/scanner/file_entry.h"

namespace jamul::scanner::platform {

class FileReader {
 public:
  // Opens `path` for reading. Fails with kNotFound, kPermissionDenied, kUnsupportedFormat (not a
  // regular file, or a symbolic link) or kIo.
  static Result<FileReader> open(const std::string& path);

  FileReader(FileReader&& other) noexcept;
  FileReader& operator=(FileReader&& other) noexcept;
  ~FileReader();

  // The signature of the open file (path as given): what is actually read.
  const FileEntry& entry() const { return entry_; }

  // Reads up to `size` bytes; returns 0 at end of file. Fails with kIo.
  Result<std::size_t> read(char* buffer, std::size_t size);
  // Bytes read() has returned so far: what scanning the file actually cost, which a binary or
  // sparse file's size does not say (a 2 GB sparse file is recognised from its first 64 KiB).
  std::uint64_t bytesRead() const { return bytes_read_; }

 private:
  // What the OS gave for the open file (a descriptor on POSIX, a HANDLE on Windows), as an opaque
  // value only platform/<os>/ reads: nothing outside it may act on the file but through read().
  struct Handle {
    std::intptr_t value = -1;
  };
  FileReader(Handle handle, FileEntry entry) : handle_(handle), entry_(std::move(entry)) {}
  Handle handle_;
  FileEntry entry_;
  std::uint64_t bytes_read_ = 0;
};

}  // namespace jamul::scanner::platform
