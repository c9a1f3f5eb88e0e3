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

Error cannotTell(const std::string& path) {
  return Error(ErrorCode::kUnavailable,
               "cannot tell whether another program has it open for writing (no read lease on "
               "this file system, and that program's open files may not be looked at)",
               path);
}

// Whether a process of `process_uid` could have the file (stat `file`) open for writing. Root's
// processes are left out: they can write anything, so counting them would refuse every file to
// a user who may not look at them, and a root daemon holding a user's document open for writing
// is not the case this guards against (an editor of the user's is).
bool couldWrite(uid_t process_uid, const struct stat& file) {
  if (process_uid == 0) return false;
  if (process_uid == file.st_uid) return (file.st_mode & S_IWUSR) != 0;
  return (file.st_mode & (S_IWGRP | S_IWOTH)) != 0;  // group membership is not known here
}

enum class Writers { kNone, kSome, kUnknown };

// Whether a process has the file open for writing, looking through /proc. kUnknown when a process
// that could write it may not be looked at (another user's, without CAP_SYS_PTRACE): "none seen"
// would then be a guess, and a wrong guess loses what that program writes.
Writers writersOf(const struct stat& file) {
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return Writers::kNone;  // no /proc: nothing to see (the signature check remains)
  Writers result = Writers::kNone;
  while (result != Writers::kSome) {
    const dirent* process = ::readdir(proc);
    if (process == nullptr) break;
    if (process->d_name[0] < '1' || process->d_name[0] > '9') continue;
    const std::string base = std::string("/proc/") + process->d_name;
    DIR* fds = ::opendir((base + "/fd").c_str());
    if (fds == nullptr) {
      struct stat owner {};
      if (errno == EACCES && ::stat(base.c_str(), &owner) == 0 && couldWrite(owner.st_uid, file))
        result = Writers::kUnknown;
      continue;  // gone, or a process that cannot write the file
    }
    const int fdinfo = ::open((base + "/fdinfo").c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    while (fdinfo >= 0 && result != Writers::kSome) {
      const dirent* fd = ::readdir(fds);
      if (fd == nullptr) break;
      if (fd->d_name[0] == '.') continue;
      struct stat st {};
      // fstatat follows the /proc/PID/fd/N link to the open file itself.
      if (::fstatat(::dirfd(fds), fd->d_name, &st, 0) != 0) continue;
      if (st.st_dev != file.st_dev || st.st_ino != file.st_ino) continue;
      const int mode = fdinfoAccessMode(fdinfo, fd->d_name);
      if (mode == O_WRONLY || mode == O_RDWR) result = Writers::kSome;
    }
    if (fdinfo >= 0) ::close(fdinfo);
    ::closedir(fds);
  }
  ::closedir(proc);
  return result;
}

class ProcScanExclusion final : public WriterExclusion {
 public:
  ProcScanExclusion(const struct stat& st, std::string path) : st_(st), path_(std::move(path)) {}

  Status stillExclusive() override {
    switch (writersOf(st_)) {
      case Writers::kNone: return okStatus();
      case Writers::kSome: return openedDuringTheRun(path_);
      case Writers::kUnknown: return cannotTell(path_);
    }
    return cannotTell(path_);
  }
  void release() override {}
  Method method() const override { return Method::kProcScan; }

 private:
  struct stat st_;
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
  switch (writersOf(st)) {
    case Writers::kNone: break;
    case Writers::kSome: return openForWriting(path);
    case Writers::kUnknown: return cannotTell(path);
  }
  return std::unique_ptr<WriterExclusion>(std::make_unique<ProcScanExclusion>(st, path));
}

}  // namespace jamul::agent
