// SPDX-License-Identifier: Apache-2.0
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "platform/directory_reader.h"

namespace jamul::scanner::platform {
namespace {

// Scanning should leave no trace: O_NOATIME keeps readdir() from touching the directory's atime.
// The kernel refuses it (EPERM) on directories we do not own unless privileged, hence the retry.
#ifdef O_NOATIME
constexpr int kNoAtime = O_NOATIME;
#else
constexpr int kNoAtime = 0;
#endif

// A directory must never be entered through a mount trap by merely looking at it.
#ifdef AT_NO_AUTOMOUNT
constexpr int kExamineFlags = AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT;
#else
constexpr int kExamineFlags = AT_SYMLINK_NOFOLLOW;
#endif

constexpr int kDirectoryFlags = O_RDONLY | O_DIRECTORY | O_CLOEXEC;

std::int64_t nanoseconds(const struct timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

EntryType typeOfMode(mode_t mode) {
  if (S_ISREG(mode)) return EntryType::kRegular;
  if (S_ISDIR(mode)) return EntryType::kDirectory;
  if (S_ISLNK(mode)) return EntryType::kSymlink;
  return EntryType::kOther;
}

EntryInfo infoOf(const struct stat& st) {
  EntryInfo info;
  info.type = typeOfMode(st.st_mode);
  info.size = static_cast<std::uint64_t>(st.st_size);
  info.mtime_ns = nanoseconds(st.st_mtim);
  info.ctime_ns = nanoseconds(st.st_ctim);
  info.id = {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
  info.owner = st.st_uid;
  return info;
}

EntryType typeOfDirent(const struct dirent& e) {
#ifdef _DIRENT_HAVE_D_TYPE
  switch (e.d_type) {
    case DT_REG:
      return EntryType::kRegular;
    case DT_DIR:
      return EntryType::kDirectory;
    case DT_LNK:
      return EntryType::kSymlink;
    case DT_UNKNOWN:
      return EntryType::kUnknown;
    default:
      return EntryType::kOther;
  }
#else
  static_cast<void>(e);
  return EntryType::kUnknown;
#endif
}

// O_NOFOLLOW on a symbolic link fails with ELOOP on Linux, EMLINK on NetBSD and EFTYPE on FreeBSD.
bool isNotADirectory(int err) {
#ifdef EFTYPE
  if (err == EFTYPE) return true;
#endif
  return err == ENOTDIR || err == ELOOP || err == EMLINK;
}

int openRetryingWithoutNoAtime(int dir, const char* name, int flags) {
  int fd = ::openat(dir, name, flags | kNoAtime);
  if (fd < 0 && kNoAtime != 0 && errno == EPERM) fd = ::openat(dir, name, flags);
  return fd;
}

}  // namespace

// The identity is recorded at once: the walker needs it to recognise a directory it reopens and to
// compare devices.
Result<DirectoryReader> DirectoryReader::adopt(int handle) {
  struct stat st {};
  if (::fstat(handle, &st) != 0) {
    const int err = errno;
    ::close(handle);
    return errorFromErrno(err, "stat");
  }
  return DirectoryReader(
      handle, {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)});
}

Result<EntryInfo> DirectoryReader::examinePath(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return errorFromErrno(errno, "stat");
  return infoOf(st);
}

Result<std::optional<std::string>> DirectoryReader::resolveIfLink(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) return errorFromErrno(errno, "stat");
  if (!S_ISLNK(st.st_mode)) return std::optional<std::string>();
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return errorFromErrno(errno, "resolve link");
  std::string out(resolved);
  std::free(resolved);
  return std::optional<std::string>(std::move(out));
}

Result<DirectoryReader> DirectoryReader::openPath(const std::string& path) {
  const int fd = openRetryingWithoutNoAtime(AT_FDCWD, path.c_str(), kDirectoryFlags);
  if (fd < 0) return errorFromErrno(errno, "open directory");
  return adopt(fd);
}

DirectoryReader::DirectoryReader(DirectoryReader&& other) noexcept
    : handle_(other.handle_), id_(other.id_) {
  other.handle_ = -1;
}

DirectoryReader& DirectoryReader::operator=(DirectoryReader&& other) noexcept {
  if (this != &other) {
    close();
    handle_ = other.handle_;
    id_ = other.id_;
    other.handle_ = -1;
  }
  return *this;
}

DirectoryReader::~DirectoryReader() { close(); }

void DirectoryReader::close() {
  if (handle_ >= 0) ::close(handle_);
  handle_ = -1;
}

Status DirectoryReader::list(DirectoryListing& out) const {
  JAMUL_CHECK(isOpen());
  // fdopendir() takes over the descriptor it is given, and a DIR keeps a ~32 KiB buffer; listing
  // through a duplicate and closing it at once keeps only a bare descriptor per open directory.
  const int dup = ::fcntl(handle_, F_DUPFD_CLOEXEC, 0);
  if (dup < 0) return errorFromErrno(errno, "list directory");
  DIR* dir = ::fdopendir(dup);
  if (dir == nullptr) {
    const int err = errno;
    ::close(dup);
    return errorFromErrno(err, "list directory");
  }
  int err = 0;
  for (;;) {
    errno = 0;
    const struct dirent* e = ::readdir(dir);
    if (e == nullptr) {
      err = errno;
      break;
    }
    const char* name = e->d_name;
    if (name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'))) continue;
    const std::size_t length = std::strlen(name);
    out.entries.push_back({out.names.size(), static_cast<std::uint32_t>(length), typeOfDirent(*e)});
    out.names.append(name, length + 1);  // with its NUL
  }
  ::closedir(dir);
  if (err != 0) return errorFromErrno(err, "list directory");
  return okStatus();
}

Result<EntryInfo> DirectoryReader::examine(const char* name) const {
  JAMUL_CHECK(isOpen());
  struct stat st {};
  if (::fstatat(handle_, name, &st, kExamineFlags) != 0) return errorFromErrno(errno, "stat");
  return infoOf(st);
}

Result<DirectoryReader> DirectoryReader::openChild(const char* name) const {
  JAMUL_CHECK(isOpen());
  const int fd = openRetryingWithoutNoAtime(handle_, name, kDirectoryFlags | O_NOFOLLOW);
  if (fd < 0) {
    if (isNotADirectory(errno)) {
      return Error(ErrorCode::kUnsupportedFormat, "not a directory or a symbolic link");
    }
    return errorFromErrno(errno, "open directory");
  }
  return adopt(fd);
}

}  // namespace jamul::scanner::platform
