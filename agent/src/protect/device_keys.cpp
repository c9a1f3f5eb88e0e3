// SPDX-License-Identifier: Apache-2.0
#include "protect/device_keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <ctime>

#include "protect/posix_files.h"

namespace jamul::agent {
namespace {

constexpr off_t kMaxKeyFile = 64 * 1024;

Status writeAll(int fd, std::string_view bytes, const std::string& path) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return errorFromErrno(errno, "write", path);
    }
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return okStatus();
}

// Reads a private file: regular, ours, not readable by group or others, not a link.
Result<std::string> readPrivate(const std::string& path) {
  const int raw = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (raw < 0) {
    if (errno == ELOOP)
      return Error(ErrorCode::kPermissionDenied, "key file is a symbolic link", path);
    return errorFromErrno(errno, "open key file", path);
  }
  posix::Fd fd(raw);
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) return errorFromErrno(errno, "stat key file", path);
  if (!S_ISREG(st.st_mode) || st.st_size > kMaxKeyFile)
    return Error(ErrorCode::kCorrupt, "not a key file", path);
  if (st.st_uid != ::geteuid())
    return Error(ErrorCode::kPermissionDenied, "key file belongs to another user", path);
  if ((st.st_mode & 077) != 0)
    return Error(ErrorCode::kPermissionDenied,
                 "key file is readable by others (chmod 600 it, and consider the key exposed)",
                 path);
  std::string text(static_cast<std::size_t>(st.st_size), '\0');
  std::size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd.get(), text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return errorFromErrno(n < 0 ? errno : EIO, "read key file", path);
    got += static_cast<std::size_t>(n);
  }
  return text;
}

std::string today() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// age-keygen's format: comments with the date and public key, then the secret line.
Result<std::string> identityFileText(const crypto::age::X25519Identity& identity,
                                     const std::string& comment) {
  JAMUL_ASSIGN_OR_RETURN(crypto::SecretBytes secret, identity.encode());
  std::string text = "# " + comment + "\n# created: " + today() +
                     "\n# public key: " + identity.recipient().encode() + "\n";
  text.append(reinterpret_cast<const char*>(secret.bytes().data()), secret.size());
  text += "\n";
  return text;
}

// Creates `path` with `text`, mode 0600, atomically; EEXIST -> kInvalidArgument unless
// `keep_existing` (then the other file wins silently).
Status createPrivateFile(const std::string& path, const std::string& text, bool keep_existing) {
  std::string tmp = path + ".tmp-XXXXXX";
  const int raw = ::mkstemp(tmp.data());  // 0600, O_EXCL
  if (raw < 0) return errorFromErrno(errno, "create key file", path);
  posix::Fd fd(raw);
  Status written = writeAll(fd.get(), text, tmp);
  if (written && ::fsync(fd.get()) != 0) written = errorFromErrno(errno, "fsync", tmp);
  if (written && ::link(tmp.c_str(), path.c_str()) != 0) {
    if (errno != EEXIST)
      written = errorFromErrno(errno, "create key file", path);
    else if (!keep_existing)
      written = Error(ErrorCode::kInvalidArgument, "already exists", path);
  }
  ::unlink(tmp.c_str());
  if (written) (void)posix::fsyncDirOf(path);
  return written;
}

}  // namespace

Result<crypto::age::X25519Identity> loadDeviceKey(const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(std::string text, readPrivate(path));
  auto ids = crypto::age::parseIdentityFile(text);
  std::fill(text.begin(), text.end(), '\0');
  if (!ids) return Error(ErrorCode::kCorrupt, "device key file: " + ids.error().message(), path);
  if (ids->size() != 1)
    return Error(ErrorCode::kCorrupt, "device key file must hold one key", path);
  return std::move(ids->front());
}

Result<crypto::age::X25519Identity> loadOrCreateDeviceKey(const std::string& path) {
  auto loaded = loadDeviceKey(path);
  if (loaded || loaded.error().code() != ErrorCode::kNotFound) return loaded;
  JAMUL_ASSIGN_OR_RETURN(crypto::age::X25519Identity fresh,
                         crypto::age::X25519Identity::generate());
  JAMUL_ASSIGN_OR_RETURN(
      std::string text,
      identityFileText(fresh, "Jamul device key: opens files this device encrypted"));
  const Status created = createPrivateFile(path, text, /*keep_existing=*/true);
  std::fill(text.begin(), text.end(), '\0');
  JAMUL_RETURN_IF_ERROR(created);
  return loadDeviceKey(path);  // whoever won the race
}

Status writeIdentityFile(const std::string& path, const crypto::age::X25519Identity& identity,
                         const std::string& comment) {
  JAMUL_ASSIGN_OR_RETURN(std::string text, identityFileText(identity, comment));
  const Status created = createPrivateFile(path, text, /*keep_existing=*/false);
  std::fill(text.begin(), text.end(), '\0');
  return created;
}

Result<std::vector<crypto::age::X25519Recipient>> loadRecoveryRecipients(const std::string& path) {
  std::vector<crypto::age::X25519Recipient> out;
  const int raw = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (raw < 0) {
    if (errno == ENOENT) return out;
    return errorFromErrno(errno, "open recovery recipients", path);
  }
  posix::Fd fd(raw);
  std::string text;
  char buf[4096];
  for (;;) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errorFromErrno(errno, "read recovery recipients", path);
    if (n == 0) break;
    text.append(buf, static_cast<std::size_t>(n));
    if (text.size() > static_cast<std::size_t>(kMaxKeyFile))
      return Error(ErrorCode::kCorrupt, "recovery recipients file too large", path);
  }
  std::size_t line_no = 0, start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto r = crypto::age::X25519Recipient::parse(line);
    if (!r)
      return Error(ErrorCode::kCorrupt,
                   "line " + std::to_string(line_no) + " is not an age1... recipient", path);
    out.push_back(*r);
  }
  return out;
}

Status addRecoveryRecipient(const std::string& path,
                            const crypto::age::X25519Recipient& recipient) {
  JAMUL_ASSIGN_OR_RETURN(auto existing, loadRecoveryRecipients(path));
  for (const auto& r : existing)
    if (r.key() == recipient.key()) return okStatus();
  const int raw =
      ::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (raw < 0) return errorFromErrno(errno, "open recovery recipients", path);
  posix::Fd fd(raw);
  std::string line;
  if (existing.empty())
    line = "# Organisation recovery keys (public): every encrypted file opens with these\n";
  line += recipient.encode() + "\n";
  JAMUL_RETURN_IF_ERROR(writeAll(fd.get(), line, path));
  if (::fsync(fd.get()) != 0) return errorFromErrno(errno, "fsync", path);
  return okStatus();
}

}  // namespace jamul::agent
