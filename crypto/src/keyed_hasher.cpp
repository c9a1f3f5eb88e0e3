// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/keyed_hasher.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "jamul/common/base64.h"
#include "sodium_init.h"

namespace jamul::crypto {
namespace {

constexpr std::string_view kHeader = "jamul value-hash key v1\n";
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

Result<SecretBytes> parseKeyFile(std::string_view contents, const std::string& path) {
  if (contents.substr(0, kHeader.size()) != kHeader)
    return Error(ErrorCode::kCorrupt, "not a value-hash key file", path);
  std::string_view encoded = contents.substr(kHeader.size());
  while (!encoded.empty() && (encoded.back() == '\n' || encoded.back() == '\r'))
    encoded.remove_suffix(1);
  std::optional<std::string> raw = base64::decode(encoded);
  if (!raw || raw->size() != KeyedHasher::kKeyBytes)
    return Error(ErrorCode::kCorrupt, "value-hash key file holds no 32-byte key", path);
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::allocate(KeyedHasher::kKeyBytes));
  std::copy(raw->begin(), raw->end(), key.bytes().begin());
  sodium_memzero(raw->data(), raw->size());
  return key;
}

Result<SecretBytes> readKeyFile(const std::string& path) {
  const Fd fd(::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ELOOP)
      return Error(ErrorCode::kPermissionDenied, "value-hash key file is a symbolic link", path);
    return errorFromErrno(errno, "open value-hash key", path);
  }
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return errorFromErrno(errno, "stat value-hash key", path);
  if (!S_ISREG(st.st_mode) || st.st_size > static_cast<off_t>(kMaxKeyFile))
    return Error(ErrorCode::kCorrupt, "value-hash key is not a small regular file", path);
  if (st.st_uid != ::geteuid())
    return Error(ErrorCode::kPermissionDenied, "value-hash key file belongs to another user", path);
  if ((st.st_mode & 077) != 0)
    return Error(ErrorCode::kPermissionDenied,
                 "value-hash key file is accessible to other users (chmod 600 it)", path);
  std::string contents(kMaxKeyFile, '\0');
  std::size_t filled = 0;
  for (;;) {
    const ssize_t n = ::read(fd.get(), contents.data() + filled, contents.size() - filled);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errorFromErrno(errno, "read value-hash key", path);
    if (n == 0) break;
    filled += static_cast<std::size_t>(n);
  }
  contents.resize(filled);
  auto key = parseKeyFile(contents, path);
  sodium_memzero(contents.data(), contents.size());
  return key;
}

// Creates the key file atomically; returns kNotFound-free success even if another process won the
// race (its key is then loaded by the caller).
Status createKeyFile(const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::random(KeyedHasher::kKeyBytes));
  std::string contents(kHeader);
  contents += base64::encode(std::string_view(reinterpret_cast<const char*>(key.bytes().data()),
                                              key.size()));
  contents += '\n';
  std::string tmp = path + ".tmp-XXXXXX";
  const Fd fd(::mkstemp(tmp.data()));  // mkstemp creates 0600 with O_EXCL
  if (fd.get() < 0) return errorFromErrno(errno, "create value-hash key", path);
  Status written = writeAll(fd.get(), contents, tmp);
  sodium_memzero(contents.data(), contents.size());
  if (written && ::fsync(fd.get()) != 0) written = errorFromErrno(errno, "fsync", tmp);
  // link() fails with EEXIST if another process created the key first: theirs is kept.
  if (written && ::link(tmp.c_str(), path.c_str()) != 0 && errno != EEXIST)
    written = errorFromErrno(errno, "install value-hash key", path);
  ::unlink(tmp.c_str());
  return written;
}

}  // namespace

Result<KeyedHasher> KeyedHasher::loadOrCreate(const std::string& key_path) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  auto key = readKeyFile(key_path);
  if (!key && key.error().code() == ErrorCode::kNotFound) {
    JAMUL_RETURN_IF_ERROR(createKeyFile(key_path));
    key = readKeyFile(key_path);
  }
  if (!key) return key.error();
  return fromKey(std::move(key).value());
}

Result<KeyedHasher> KeyedHasher::fromKey(SecretBytes key) {
  JAMUL_RETURN_IF_ERROR(ensureSodium());
  if (key.size() != kKeyBytes)
    return Error(ErrorCode::kInvalidArgument, "value-hash key must be 32 bytes");
  return KeyedHasher(std::make_shared<const SecretBytes>(std::move(key)));
}

ValueDigest KeyedHasher::digest(std::string_view value) const {
  ValueDigest out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(value.data()),
                     value.size(), key_->bytes().data(), key_->size());
  return out;
}

ValueHasher KeyedHasher::asValueHasher() const {
  return [key = key_](std::string_view value) { return KeyedHasher(key).digest(value); };
}

}  // namespace jamul::crypto
