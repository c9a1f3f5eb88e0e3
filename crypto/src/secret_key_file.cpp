// SPDX-License-Identifier: Apache-2.0
#include "secret_key_file.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <string>

#include "jamul/common/base64.h"

namespace jamul::crypto {
namespace {

constexpr std::size_t kMaxKeyFile = 256;

// Closes a descriptor on scope exit.
class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status writeAll(int fd, std::string_view data, const std::string& path) {
  while (!data.empty()) {
    const ssize_t n = ::write(fd, data.data(), data.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errorFromErrno(errno, "write", path);
    }
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return okStatus();
}

Result<SecretBytes> parseKeyFile(std::string_view contents, const std::string& path,
                                 std::string_view header, std::size_t key_bytes,
                                 const std::string& what) {
  if (contents.substr(0, header.size()) != header)
    return Error(ErrorCode::kCorrupt, "not a " + what + " file", path);
  std::string_view encoded = contents.substr(header.size());
  while (!encoded.empty() && (encoded.back() == '\n' || encoded.back() == '\r'))
    encoded.remove_suffix(1);
  std::optional<std::string> raw = base64::decode(encoded);
  if (!raw || raw->size() != key_bytes)
    return Error(ErrorCode::kCorrupt, what + " file holds no " + std::to_string(key_bytes) + "-byte key", path);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(key_bytes));
  std::copy(raw->begin(), raw->end(), key.bytes().begin());
  sodium_memzero(raw->data(), raw->size());
  return key;
}

}  // namespace

Result<SecretBytes> readSecretKeyFile(const std::string& path, std::string_view header,
                                      std::size_t key_bytes, std::string_view what_view) {
  const std::string what(what_view);
  const Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ELOOP)
      return Error(ErrorCode::kPermissionDenied, what + " file is a symbolic link", path);
    return errorFromErrno(errno, "open " + what, path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return errorFromErrno(errno, "stat " + what, path);
  if (!S_ISREG(st.st_mode) || st.st_size > static_cast<off_t>(kMaxKeyFile))
    return Error(ErrorCode::kCorrupt, what + " is not a small regular file", path);
  if (st.st_uid != ::geteuid())
    return Error(ErrorCode::kPermissionDenied, what + " file belongs to another user", path);
  if ((st.st_mode & 077) != 0)
    return Error(ErrorCode::kPermissionDenied,
                 what + " file is accessible to other users (chmod 600 it)", path);
  std::string contents(kMaxKeyFile, '\0');
  std::size_t filled = 0;
  for (;;) {
    const ssize_t n = ::read(fd.get(), contents.data() + filled, contents.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errorFromErrno(errno, "read " + what, path);
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  contents.resize(filled);
  auto key = parseKeyFile(contents, path, header, key_bytes, what);
  sodium_memzero(contents.data(), contents.size());
  return key;
}

Status createSecretKeyFile(const std::string& path, std::string_view header, std::size_t key_bytes,
                           std::string_view what_view) {
  const std::string what(what_view);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::random(key_bytes));
  std::string contents(header);
  contents += base64::encode(std::string_view(reinterpret_cast<const char*>(key.bytes().data()),
                                              key.size()));
  contents += '\n';
  std::string tmp = path + ".tmp-XXXXXX";
  const Fd fd(::mkstemp(tmp.data()));  // mkstemp creates 0600 with O_EXCL
  if (fd.get() < 0) return errorFromErrno(errno, "create " + what, path);
  Status written = writeAll(fd.get(), contents, tmp);
  sodium_memzero(contents.data(), contents.size());
  if (written && ::fsync(fd.get()) != 0) written = errorFromErrno(errno, "fsync", tmp);
  // link() fails with EEXIST if another process created the key first: theirs is kept.
  if (written && ::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST)
    written = errorFromErrno(errno, "install " + what, path);
  ::unlink(tmp.c_str());
  return written;
}


}  // namespace jamul::crypto
