// SPDX-License-Identifier: Apache-2.0
// Env on POSIX systems (Linux; the BSDs and macOS would need only the noted fallbacks).
#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>

#include "platform/env.h"

namespace jamul::agent {
namespace {

std::int64_t nanoseconds(const struct timespec& t) {
  return std::int64_t{t.tv_sec} * 1'000'000'000 + t.tv_nsec;
}

struct timespec timespecOf(std::int64_t ns) {
  struct timespec t {};
  t.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
  t.tv_nsec = static_cast<long>(ns % 1'000'000'000);
  return t;
}

FileInfo infoOf(const struct stat& st) {
  FileInfo info;
  info.type = S_ISREG(st.st_mode)   ? FileInfo::Type::kRegular
              : S_ISDIR(st.st_mode) ? FileInfo::Type::kDirectory
              : S_ISLNK(st.st_mode) ? FileInfo::Type::kSymlink
                                    : FileInfo::Type::kOther;
  info.signature.size = static_cast<std::uint64_t>(st.st_size);
  info.signature.mtime_ns = nanoseconds(st.st_mtim);
  info.signature.ctime_ns = nanoseconds(st.st_ctim);
  info.signature.inode = st.st_ino;
  info.signature.device = st.st_dev;
  info.mode = st.st_mode & 07777;
  info.uid = st.st_uid;
  info.gid = st.st_gid;
  info.links = st.st_nlink;
  info.atime_ns = nanoseconds(st.st_atim);
  return info;
}

Error alreadyExists(const std::string& path) {
  return Error(ErrorCode::kInvalidArgument, "already exists", path);
}

class PosixEnv final : public Env {
 public:
  Result<Fd> openFile(const std::string& path, OpenMode mode,
                      std::uint32_t create_mode) override {
    int flags = O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
    switch (mode) {
      case OpenMode::kRead:
        flags |= O_RDONLY;
        break;
      case OpenMode::kWrite:
        flags |= O_WRONLY;
        break;
      case OpenMode::kCreateNew:
        flags |= O_RDWR | O_CREAT | O_EXCL;
        break;
      case OpenMode::kAppend:
        flags |= O_WRONLY | O_CREAT | O_APPEND;
        break;
    }
    Fd fd(::open(path.c_str(), flags, static_cast<mode_t>(create_mode)));
    if (!fd) {
      if (errno == ELOOP) return Error(ErrorCode::kInvalidArgument, "is a symbolic link", path);
      if (errno == EEXIST) return alreadyExists(path);
      return errorFromErrno(errno, "open", path);
    }
    // O_NONBLOCK only kept a FIFO from blocking the open; regular files ignore it, but clear it.
    (void)::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
    return fd;
  }

  Result<FileInfo> statFile(int fd, const std::string& path) override {
    struct stat st {};
    if (::fstat(fd, &st) != 0) return errorFromErrno(errno, "stat", path);
    return infoOf(st);
  }

  Result<FileInfo> statPath(const std::string& path) override {
    struct stat st {};
    if (::lstat(path.c_str(), &st) != 0) return errorFromErrno(errno, "stat", path);
    return infoOf(st);
  }

  Result<std::size_t> read(int fd, std::span<std::uint8_t> out,
                           const std::string& path) override {
    for (;;) {
      const ssize_t n = ::read(fd, out.data(), out.size());
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return errorFromErrno(errno, "read", path);
    }
  }

  Result<std::size_t> readAt(int fd, std::span<std::uint8_t> out, std::uint64_t offset,
                             const std::string& path) override {
    for (;;) {
      const ssize_t n = ::pread(fd, out.data(), out.size(), static_cast<off_t>(offset));
      if (n >= 0) return static_cast<std::size_t>(n);
      if (errno != EINTR) return errorFromErrno(errno, "read", path);
    }
  }

  Status writeAll(int fd, std::span<const std::uint8_t> bytes,
                  const std::string& path) override {
    while (!bytes.empty()) {
      const ssize_t n = ::write(fd, bytes.data(), bytes.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        return errorFromErrno(errno, "write", path);
      }
      bytes = bytes.subspan(static_cast<std::size_t>(n));
    }
    return okStatus();
  }

  Status seekToStart(int fd, const std::string& path) override {
    if (::lseek(fd, 0, SEEK_SET) < 0) return errorFromErrno(errno, "seek", path);
    return okStatus();
  }

  Status truncate(int fd, std::uint64_t size, const std::string& path) override {
    if (::ftruncate(fd, static_cast<off_t>(size)) != 0)
      return errorFromErrno(errno, "truncate", path);
    return okStatus();
  }

  Status sync(int fd, const std::string& path) override {
    if (::fsync(fd) != 0) return errorFromErrno(errno, "fsync", path);
    return okStatus();
  }

  Status copyMetadata(int fd, const FileInfo& from, const std::string& path) override {
    // Owner first: chown clears set-id bits, which the mode then restores. Only root may give a
    // file away; a user encrypting their own file keeps it theirs anyway.
    if (::fchown(fd, from.uid, from.gid) != 0 && errno != EPERM)
      return errorFromErrno(errno, "chown", path);
    if (::fchmod(fd, from.mode & 07777) != 0) return errorFromErrno(errno, "chmod", path);
    const struct timespec times[2] = {timespecOf(from.atime_ns),
                                      timespecOf(from.signature.mtime_ns)};
    if (::futimens(fd, times) != 0) return errorFromErrno(errno, "set times", path);
    return okStatus();
  }

  Status setMode(int fd, std::uint32_t mode, const std::string& path) override {
    if (::fchmod(fd, mode & 07777) != 0) return errorFromErrno(errno, "chmod", path);
    return okStatus();
  }

  void dropCachedPages(int fd) override {
    (void)::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
  }

  Status rename(const std::string& from, const std::string& to) override {
    if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
      return okStatus();
    if (errno == EEXIST) return alreadyExists(to);
    if (errno != EINVAL && errno != ENOSYS) return errorFromErrno(errno, "rename", from);
    // No RENAME_NOREPLACE here (some network and FUSE file systems): link() never replaces either.
    JAMUL_RETURN_IF_ERROR(link(from, to));
    if (::unlink(from.c_str()) != 0) return errorFromErrno(errno, "unlink", from);
    return okStatus();
  }

  Status link(const std::string& from, const std::string& to) override {
    if (::link(from.c_str(), to.c_str()) == 0) return okStatus();
    if (errno == EEXIST) return alreadyExists(to);
    return errorFromErrno(errno, "link", to);
  }

  Status remove(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return errorFromErrno(errno, "remove", path);
    return okStatus();
  }

  Status syncFolderOf(const std::string& path) override {
    const std::string folder = folderOf(path);
    Fd fd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!fd) return errorFromErrno(errno, "open folder", folder);
    if (::fsync(fd.get()) != 0) return errorFromErrno(errno, "fsync folder", folder);
    return okStatus();
  }

  Result<std::vector<std::string>> listFolder(const std::string& path) override {
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) return errorFromErrno(errno, "list folder", path);
    std::vector<std::string> names;
    errno = 0;
    while (const dirent* e = ::readdir(dir)) {
      const std::string_view name = e->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    const int err = errno;
    ::closedir(dir);
    if (err != 0) return errorFromErrno(err, "list folder", path);
    return names;
  }

  Result<VolumeInfo> volumeOf(const std::string& folder) override {
    struct statvfs vfs {};
    if (::statvfs(folder.c_str(), &vfs) != 0) return errorFromErrno(errno, "statvfs", folder);
    VolumeInfo v;
    v.read_only = (vfs.f_flag & ST_RDONLY) != 0;
    v.writable = ::access(folder.c_str(), W_OK) == 0;
    v.name_max = vfs.f_namemax;
    return v;
  }

  Result<FileLock> lockFile(const std::string& path, const TurnWait* wait) override {
    return FileLock::acquire(path, wait);
  }

  Result<bool> lockedByAnother(int fd, const std::string& /*path*/) override {
    // A POSIX record lock held by another process on any part of the file.
    struct flock probe {};
    probe.l_type = F_WRLCK;
    probe.l_whence = SEEK_SET;
    if (::fcntl(fd, F_OFD_GETLK, &probe) == 0 && probe.l_type != F_UNLCK) return true;
    // A BSD lock (flock): try to take it ourselves, without waiting.
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) return errno == EWOULDBLOCK;
    (void)::flock(fd, LOCK_UN);
    return false;
  }

  Result<std::unique_ptr<WriterExclusion>> excludeWriters(int fd,
                                                          const std::string& path) override {
    return WriterExclusion::exclude(fd, path);
  }

  std::uint32_t currentUser() override { return ::geteuid(); }
  std::int64_t processId() override { return ::getpid(); }

  std::int64_t nowMs() override {
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  void random(std::span<std::uint8_t> out) override {
    std::size_t done = 0;
    while (done < out.size()) {
      const ssize_t n = ::getrandom(out.data() + done, out.size() - done, 0);
      if (n > 0) {
        done += static_cast<std::size_t>(n);
      } else if (errno != EINTR) {
        // getrandom cannot fail on Linux 3.17+ once the pool is ready; abort rather than hand
        // out predictable names.
        std::abort();
      }
    }
  }
};

}  // namespace

Env& Env::system() {
  static PosixEnv env;
  return env;
}

}  // namespace jamul::agent
