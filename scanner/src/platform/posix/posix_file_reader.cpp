// SPDX-License-Identifier: Apache-2.0
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "platform/file_reader.h"

namespace jamul::scanner::platform {
namespace {

template <typename H>
int fdOf(const H& handle) {
  return static_cast<int>(handle.value);
}

}  // namespace

Result<FileReader> FileReader::open(const std::string& path) {
  constexpr int kFlags = O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;
  // O_NOATIME is refused (EPERM) for files the caller does not own unless privileged: fall back.
  int fd = ::open(path.c_str(), kFlags | O_NOATIME);
  if (fd < 0 && errno == EPERM) fd = ::open(path.c_str(), kFlags);
  if (fd < 0) {
    if (errno == ELOOP) return Error(ErrorCode::kUnsupportedFormat, "is a symbolic link", path);
    return errorFromErrno(errno, "open", path);
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return errorFromErrno(err, "stat", path);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Error(ErrorCode::kUnsupportedFormat, "not a regular file", path);
  }
  FileEntry entry;
  entry.path = path;
  entry.size = static_cast<std::uint64_t>(st.st_size);
  entry.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  entry.ctime_ns = static_cast<std::int64_t>(st.st_ctim.tv_sec) * 1'000'000'000 + st.st_ctim.tv_nsec;
  entry.inode = st.st_ino;
  entry.device = st.st_dev;
  entry.owner = st.st_uid;
  // Reading a regular file never blocks; the flag was only there to make open() safe.
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return FileReader(Handle{fd}, std::move(entry));
}

FileReader::FileReader(FileReader&& other) noexcept
    : handle_(other.handle_), entry_(std::move(other.entry_)), bytes_read_(other.bytes_read_) {
  other.handle_ = Handle{};
}

FileReader& FileReader::operator=(FileReader&& other) noexcept {
  if (this != &other) {
    if (handle_.value >= 0) ::close(fdOf(handle_));
    handle_ = other.handle_;
    entry_ = std::move(other.entry_);
    bytes_read_ = other.bytes_read_;
    other.handle_ = Handle{};
  }
  return *this;
}

FileReader::~FileReader() {
  if (handle_.value >= 0) ::close(fdOf(handle_));
}

Result<std::size_t> FileReader::read(char* buffer, std::size_t size) {
  for (;;) {
    const ssize_t n = ::read(fdOf(handle_), buffer, size);
    if (n >= 0) {
      bytes_read_ += static_cast<std::uint64_t>(n);
      return static_cast<std::size_t>(n);
    }
    if (errno != EINTR) return errorFromErrno(errno, "read", entry_.path);
  }
}

}  // namespace jamul::scanner::platform
