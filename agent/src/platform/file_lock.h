// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileLock: an exclusive lock (flock) on a small lock file beside the inventory, held while the
// object lives, released by the kernel when the process dies. The agent's processes take turns
// with it: `<inventory>.scan.lock` (one scan at a time writes an inventory's file rows) and
// `<inventory>.actions.lock` (one process at a time runs and recovers the encryption journal).
//
// Thread-safety: a FileLock belongs to one thread; acquire() may run on any.

#include <string>

#include "jamul/agent/turn_wait.h"
#include "jamul/common/result.h"

namespace jamul::agent {

class FileLock {
 public:
  // Takes the lock on `path` (created 0600 if missing, never through a symbolic link). Without
  // `wait` it fails with kUnavailable at once if another process holds it; with it, it calls
  // wait->waiting once and waits, failing with kCancelled when *wait->cancel becomes true. Other
  // errors: kPermissionDenied, kNotFound (no folder), kIo.
  static Result<FileLock> acquire(const std::string& path, const TurnWait* wait = nullptr);

  FileLock() = default;
  FileLock(FileLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileLock& operator=(FileLock&& other) noexcept;
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;
  ~FileLock();

  bool held() const { return fd_ >= 0; }
  // Releases the lock now (the destructor does it otherwise).
  void release();

 private:
  explicit FileLock(int fd) : fd_(fd) {}
  int fd_ = -1;
};

}  // namespace jamul::agent
