// SPDX-License-Identifier: Apache-2.0
#include "protect/posix_files.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/file.h>
#include <sys/random.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "jamul/crypto/random_stream.h"

namespace jamul::agent::posix {

Signature signatureOf(const struct stat& st) {
  Signature s;
  s.size = static_cast<std::uint64_t>(st.st_size);
  s.mtime_ns = std::int64_t{st.st_mtim.tv_sec} * 1'000'000'000 + st.st_mtim.tv_nsec;
  s.ctime_ns = std::int64_t{st.st_ctim.tv_sec} * 1'000'000'000 + st.st_ctim.tv_nsec;
  s.inode = st.st_ino;
  s.device = st.st_dev;
  return s;
}

Fd& Fd::operator=(Fd&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.release();
  }
  return *this;
}

Fd::~Fd() {
  if (fd_ >= 0) ::close(fd_);
}

std::string dirName(const std::string& path) {
  const auto slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

std::string baseName(const std::string& path) {
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string randomNameBeside(const std::string& path, std::string_view suffix) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char bytes[16];
  if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    for (unsigned char& b : bytes) b = static_cast<unsigned char>(::random());
  }
  std::string name = ".jamul-";
  for (unsigned char b : bytes) name.push_back(kChars[b % (sizeof kChars - 1)]);
  name += suffix;
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? name : path.substr(0, slash + 1) + name;
}

std::string tempPathFor(const std::string& path) { return randomNameBeside(path, ".tmp"); }

Status refuseNameTooLong(const std::string& path, std::string_view suffix) {
  const std::string dir = dirName(path);
  const long limit = ::pathconf(dir.c_str(), _PC_NAME_MAX);
  if (limit <= 0) return okStatus();  // no limit known: the create will say
  const std::size_t length = baseName(path).size() + suffix.size();
  if (length <= static_cast<std::size_t>(limit)) return okStatus();
  return Error(ErrorCode::kInvalidArgument,
               "its name is too long to add " + std::string(suffix) + " (" +
                   std::to_string(length) + " bytes; this file system allows " +
                   std::to_string(limit) + "): rename it to something shorter first",
               path);
}

Result<Fd> openRegular(const std::string& path, int flags, struct stat& st) {
  Fd fd(::open(path.c_str(), flags | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd) {
    if (errno == ELOOP) return Error(ErrorCode::kInvalidArgument, "is a symbolic link", path);
    return errorFromErrno(errno, "open", path);
  }
  if (::fstat(fd.get(), &st) != 0) return errorFromErrno(errno, "stat", path);
  if (!S_ISREG(st.st_mode)) return Error(ErrorCode::kInvalidArgument, "not a regular file", path);
  // O_NONBLOCK only kept a FIFO from blocking the open; regular files ignore it, but clear it.
  (void)::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  return fd;
}

bool exists(const std::string& path) {
  struct stat st {};
  return ::lstat(path.c_str(), &st) == 0;
}

Status fsyncFd(int fd, std::string_view what, const std::string& path) {
  if (::fsync(fd) != 0) return errorFromErrno(errno, what, path);
  return okStatus();
}

Status fsyncDirOf(const std::string& path) {
  const std::string dir = dirName(path);
  Fd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return errorFromErrno(errno, "open folder", dir);
  return fsyncFd(fd.get(), "fsync folder", dir);
}

Status renameNoReplace(const std::string& from, const std::string& to) {
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(), RENAME_NOREPLACE) == 0)
    return okStatus();
  if (errno == EEXIST) return Error(ErrorCode::kInvalidArgument, "already exists", to);
  if (errno != EINVAL && errno != ENOSYS) return errorFromErrno(errno, "rename", from);
  // No RENAME_NOREPLACE here (some network and FUSE file systems): link() never replaces either.
  if (::link(from.c_str(), to.c_str()) != 0) {
    if (errno == EEXIST) return Error(ErrorCode::kInvalidArgument, "already exists", to);
    return errorFromErrno(errno, "link", to);
  }
  if (::unlink(from.c_str()) != 0) return errorFromErrno(errno, "unlink", from);
  return okStatus();
}

Status overwrite(int fd, std::uint64_t size, const std::string& path) {
  // Random rather than zeros: compressing or deduplicating storage keeps no shortcut for zeros.
  JAMUL_ASSIGN_OR_RETURN(crypto::RandomStream random, crypto::RandomStream::create());
  std::vector<std::uint8_t> block(1 << 18);
  if (::lseek(fd, 0, SEEK_SET) < 0) return errorFromErrno(errno, "seek", path);
  std::uint64_t done = 0;
  while (done < size) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(block.size(), size - done));
    random.fill({block.data(), n});
    std::size_t written = 0;
    while (written < n) {
      const ssize_t w = ::write(fd, block.data() + written, n - written);
      if (w < 0 && errno != EINTR) return errorFromErrno(errno, "overwrite", path);
      if (w > 0) written += static_cast<std::size_t>(w);
    }
    done += n;
  }
  return fsyncFd(fd, "fsync", path);
}

Status overwriteFile(const std::string& path, bool truncate) {
  struct stat st {};
  auto fd = openRegular(path, O_WRONLY, st);
  if (!fd && fd.error().code() == ErrorCode::kPermissionDenied) {
    // Mode 0444 and the like: its owner may still change the mode, through a read-only descriptor
    // of the same file (no second lookup of the name between the check and the change).
    JAMUL_ASSIGN_OR_RETURN(Fd readable, openRegular(path, O_RDONLY, st));
    if (::fchmod(readable.get(), (st.st_mode & 07777) | S_IWUSR) != 0)
      return errorFromErrno(errno, "make writable to overwrite", path);
    struct stat again {};
    fd = openRegular(path, O_WRONLY, again);
    if (fd && (again.st_ino != st.st_ino || again.st_dev != st.st_dev))
      return Error(ErrorCode::kCancelled, "replaced while it was being overwritten", path);
  }
  if (!fd) return fd.error();
  JAMUL_RETURN_IF_ERROR(overwrite(fd->get(), static_cast<std::uint64_t>(st.st_size), path));
  if (!truncate) return okStatus();
  if (::ftruncate(fd->get(), 0) != 0) return errorFromErrno(errno, "truncate", path);
  return fsyncFd(fd->get(), "fsync", path);
}

Status refuseReadOnlyMedia(const std::string& path) {
  struct statvfs vfs {};
  const std::string dir = dirName(path);
  if (::statvfs(dir.c_str(), &vfs) != 0) return errorFromErrno(errno, "statvfs", dir);
  if ((vfs.f_flag & ST_RDONLY) != 0)
    return Error(ErrorCode::kPermissionDenied, "on read-only media: it cannot be replaced", path);
  if (::access(dir.c_str(), W_OK) != 0)
    return Error(ErrorCode::kPermissionDenied, "its folder is not writable", path);
  return okStatus();
}

Status refuseHardLinked(const struct stat& st, const std::string& path) {
  if (st.st_nlink <= 1) return okStatus();
  return Error(ErrorCode::kInvalidArgument,
               "it has " + std::to_string(st.st_nlink - 1) +
                   " other hard link(s): wiping it would destroy what the other names show, and "
                   "removing this name alone would leave the data on disk; left as it is",
               path);
}

Status refuseLocked(int fd, const std::string& path) {
  // An office program's owner file says the document is open in it, whatever locks it takes.
  const std::string dir = dirName(path) + "/", name = baseName(path);
  if (exists(dir + ".~lock." + name + "#"))
    return Error(ErrorCode::kUnavailable, "open in LibreOffice (.~lock file beside it)", path);
  if (name.size() > 2 && exists(dir + "~$" + name.substr(2)))
    return Error(ErrorCode::kUnavailable, "open in Microsoft Office (~$ owner file beside it)",
                 path);
  if (exists(dir + "~$" + name))
    return Error(ErrorCode::kUnavailable, "open in Microsoft Office (~$ owner file beside it)",
                 path);
  // A POSIX record lock held by another process on any part of the file.
  struct flock probe {};
  probe.l_type = F_WRLCK;
  probe.l_whence = SEEK_SET;
  if (::fcntl(fd, F_OFD_GETLK, &probe) == 0 && probe.l_type != F_UNLCK)
    return Error(ErrorCode::kUnavailable, "locked by another program", path);
  // A BSD lock (flock): try to take it ourselves, without waiting.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    if (errno == EWOULDBLOCK)
      return Error(ErrorCode::kUnavailable, "locked by another program", path);
  } else {
    (void)::flock(fd, LOCK_UN);
  }
  return okStatus();
}

Status copyMetadata(int fd, const struct stat& st, const std::string& path) {
  // Owner first: chown clears set-id bits, which the mode then restores. Only root may give a
  // file away; a user encrypting their own file keeps it theirs anyway.
  if (::fchown(fd, st.st_uid, st.st_gid) != 0 && errno != EPERM)
    return errorFromErrno(errno, "chown", path);
  if (::fchmod(fd, st.st_mode & 07777) != 0) return errorFromErrno(errno, "chmod", path);
  const struct timespec times[2] = {st.st_atim, st.st_mtim};
  if (::futimens(fd, times) != 0) return errorFromErrno(errno, "set times", path);
  return okStatus();
}

}  // namespace jamul::agent::posix
