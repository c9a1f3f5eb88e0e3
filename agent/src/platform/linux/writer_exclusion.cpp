// SPDX-License-Identifier: Apache-2.0
// WriterExclusion on Linux: a read lease where the file allows one, else a look through /proc.
#include "platform/writer_exclusion.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string_view>

namespace jamul::agent {
namespace {

Error openForWriting(const std::string& path) {
  return Error(ErrorCode::kUnavailable,
               "open for writing in another program: close it there first (what it writes after "
               "encryption would be lost)",
               path);
}

Error openedDuringTheRun(const std::string& path) {
  return Error(ErrorCode::kCancelled,
               "another program opened it for writing during the run; left as it is", path);
}

// SIGIO announces a lease break to the lease's owner, and its default action ends the process. The
// break is seen by polling F_GETLEASE instead: the descriptor's owner is cleared right after the
// lease is taken (no process is signalled then), and for the instant before that, SIGIO is
// ignored unless someone handles it.
void ignoreLeaseBreakSignal() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (::sigaction(SIGIO, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
      std::signal(SIGIO, SIG_IGN);
  });
}

class LeaseExclusion final : public WriterExclusion {
 public:
  LeaseExclusion(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~LeaseExclusion() override { release(); }

  Status stillExclusive() override {
    // A pending break (someone's open for writing waits on it) shows as the type the lease is
    // being broken to, F_UNLCK; a lease the kernel removed after lease-break-time shows the same.
    if (held_ && ::fcntl(fd_, F_GETLEASE) == F_RDLCK) return okStatus();
    return openedDuringTheRun(path_);
  }
  void release() override {
    if (held_) (void)::fcntl(fd_, F_SETLEASE, F_UNLCK);
    held_ = false;
  }
  Method method() const override { return Method::kLease; }

 private:
  int fd_;
  std::string path_;
  bool held_ = true;
};

// The access mode in /proc/PID/fdinfo/FD ("flags:\t0100002"), or -1.
int fdinfoAccessMode(int fdinfo_dir, const char* fd_name) {
  const int info = ::openat(fdinfo_dir, fd_name, O_RDONLY | O_CLOEXEC);
  if (info < 0) return -1;
  char buf[512];
  const ssize_t n = ::read(info, buf, sizeof buf - 1);
  ::close(info);
  if (n <= 0) return -1;
  buf[n] = '\0';
  const char* flags = std::strstr(buf, "flags:");
  if (flags == nullptr) return -1;
  return static_cast<int>(std::strtol(flags + 6, nullptr, 8) & O_ACCMODE);
}

// Whether a process that this one may inspect has the file (dev, ino) open for writing.
bool someoneHasItOpenForWriting(dev_t dev, ino_t ino) {
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return false;  // no /proc: nothing to see (the signature check remains)
  bool found = false;
  while (!found) {
    const dirent* process = ::readdir(proc);
    if (process == nullptr) break;
    if (process->d_name[0] < '1' || process->d_name[0] > '9') continue;
    const std::string base = std::string("/proc/") + process->d_name;
    DIR* fds = ::opendir((base + "/fd").c_str());
    if (fds == nullptr) continue;  // gone, or another user's (not root): invisible
    const int fdinfo = ::open((base + "/fdinfo").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    while (fdinfo >= 0 && !found) {
      const dirent* fd = ::readdir(fds);
      if (fd == nullptr) break;
      if (fd->d_name[0] == '.') continue;
      struct stat st {};
      // fstatat follows the /proc/PID/fd/N link to the open file itself.
      if (::fstatat(::dirfd(fds), fd->d_name, &st, 0) != 0) continue;
      if (st.st_dev != dev || st.st_ino != ino) continue;
      const int mode = fdinfoAccessMode(fdinfo, fd->d_name);
      found = mode == O_WRONLY || mode == O_RDWR;
    }
    if (fdinfo >= 0) ::close(fdinfo);
    ::closedir(fds);
  }
  ::closedir(proc);
  return found;
}

class ProcScanExclusion final : public WriterExclusion {
 public:
  ProcScanExclusion(const struct stat& st, std::string path)
      : dev_(st.st_dev), ino_(st.st_ino), path_(std::move(path)) {}

  Status stillExclusive() override {
    if (!someoneHasItOpenForWriting(dev_, ino_)) return okStatus();
    return openedDuringTheRun(path_);
  }
  void release() override {}
  Method method() const override { return Method::kProcScan; }

 private:
  dev_t dev_;
  ino_t ino_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<WriterExclusion>> WriterExclusion::exclude(int fd, const std::string& path,
                                                                  Method method) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return errorFromErrno(errno, "stat", path);
  if (method != Method::kProcScan) {
    ignoreLeaseBreakSignal();
    if (::fcntl(fd, F_SETLEASE, F_RDLCK) == 0) {
      (void)::fcntl(fd, F_SETOWN, 0);
      return std::unique_ptr<WriterExclusion>(std::make_unique<LeaseExclusion>(fd, path));
    }
    // EAGAIN: a process has it open for writing. Anything else (EINVAL: no leases on this file
    // system or disabled; EACCES: not the owner, no CAP_LEASE; ENOLCK) leaves the look in /proc.
    if (errno == EAGAIN) return openForWriting(path);
    if (method == Method::kLease)
      return Error(ErrorCode::kInvalidArgument,
                   std::string("no read lease on this file: ") + std::strerror(errno), path);
  }
  if (someoneHasItOpenForWriting(st.st_dev, st.st_ino)) return openForWriting(path);
  return std::unique_ptr<WriterExclusion>(std::make_unique<ProcScanExclusion>(st, path));
}

}  // namespace jamul::agent
