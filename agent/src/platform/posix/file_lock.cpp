// SPDX-License-Identifier: Apache-2.0
#include "platform/file_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

namespace jamul::agent {

Result<FileLock> FileLock::acquire(const std::string& path, const TurnWait* wait) {
  FileLock lock(::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600));
  if (!lock.held()) return errorFromErrno(errno, "open lock file", path);
  bool announced = false;
  // Polled rather than a blocking flock(): a blocking call would not see `cancel`, and signal
  // handlers installed with signal() restart it instead of interrupting it.
  while (::flock(lock.fd_, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EINTR) continue;
    if (errno != EWOULDBLOCK) return errorFromErrno(errno, "lock", path);
    if (wait == nullptr) return Error(ErrorCode::kUnavailable, "held by another process", path);
    if (wait->cancel != nullptr && wait->cancel->load())
      return Error(ErrorCode::kCancelled, "stopped while waiting for another process", path);
    if (!announced && wait->waiting) wait->waiting();
    announced = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return lock;
}

FileLock& FileLock::operator=(FileLock&& other) noexcept {
  if (this != &other) {
    release();
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileLock::~FileLock() { release(); }

void FileLock::release() {
  if (fd_ >= 0) ::close(fd_);  // closing the only descriptor drops the flock
  fd_ = -1;
}

}  // namespace jamul::agent
