// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/device_keys.h"

#include <algorithm>
#include <ctime>

#include "jamul/crypto/age_identity_file.h"
#include "platform/env.h"
#include "protect/file_steps.h"

namespace jamul::agent {
namespace {

constexpr std::uint64_t kMaxKeyFile = 64 * 1024;

Env& orSystem(Env* env) { return env != nullptr ? *env : Env::system(); }

// Reads a private file: regular, ours, not readable by group or others, not a link.
Result<std::string> readPrivate(Env& env, const std::string& path) {
  // A link is refused outright (and never followed: the open below would not follow one either).
  if (auto named = env.statPath(path); named && named->type == FileInfo::Type::kSymlink)
    return Error(ErrorCode::kPermissionDenied, "key file is a symbolic link", path);
  auto file = openRegular(env, path, OpenMode::kRead);
  if (!file && file.error().code() == ErrorCode::kInvalidArgument)
    return Error(ErrorCode::kCorrupt, "not a key file", path);
  if (!file) return file.error();
  if (file->info.signature.size > kMaxKeyFile)
    return Error(ErrorCode::kCorrupt, "not a key file", path);
  if (file->info.uid != env.currentUser())
    return Error(ErrorCode::kPermissionDenied, "key file belongs to another user", path);
  if ((file->info.mode & 077) != 0)
    return Error(ErrorCode::kPermissionDenied,
                 "key file is readable by others (chmod 600 it, and consider the key exposed)",
                 path);
  return readAll(env, file->fd.get(), path, kMaxKeyFile);
}

std::string now(Env& env) {
  const std::time_t seconds = static_cast<std::time_t>(env.nowMs() / 1000);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// age-keygen's format: comments with the date and public key, then the secret line.
Result<std::string> identityFileText(Env& env, const crypto::age::X25519Identity& identity,
                                     const std::string& comment) {
  JAMUL_ASSIGN_OR_RETURN(crypto::SecretBytes secret, identity.encode());
  std::string text = "# " + comment + "\n# created: " + now(env) +
                     "\n# public key: " + identity.recipient().encode() + "\n";
  text.append(reinterpret_cast<const char*>(secret.bytes().data()), secret.size());
  text += "\n";
  return text;
}

// Creates `path` with `text`, mode 0600, atomically (a temporary file linked into place: two
// processes agree on one key, a crash leaves none half-written); an existing `path` is
// kInvalidArgument unless `keep_existing` (then the other file wins silently).
Status createPrivateFile(Env& env, const std::string& path, const std::string& text,
                         bool keep_existing) {
  const std::string tmp = tempPathFor(env, path);
  JAMUL_ASSIGN_OR_RETURN(Fd fd, env.openFile(tmp, OpenMode::kCreateNew, 0600));
  Status written = writeAll(env, fd.get(), text, tmp);
  if (written) written = env.sync(fd.get(), tmp);
  if (written) {
    written = env.link(tmp, path);
    if (!written && written.error().code() == ErrorCode::kInvalidArgument && keep_existing)
      written = okStatus();  // "already exists": the other process's key is the key
  }
  (void)env.remove(tmp);
  if (written) (void)env.syncFolderOf(path);
  return written;
}

}  // namespace

Result<crypto::age::X25519Identity> loadDeviceKey(const std::string& path, Env* env_or_null) {
  Env& env = orSystem(env_or_null);
  JAMUL_ASSIGN_OR_RETURN(std::string text, readPrivate(env, path));
  auto ids = crypto::age::parseIdentityFile(text);
  std::fill(text.begin(), text.end(), '\0');
  if (!ids) return Error(ErrorCode::kCorrupt, "device key file: " + ids.error().message(), path);
  if (ids->size() != 1)
    return Error(ErrorCode::kCorrupt, "device key file must hold one key", path);
  return std::move(ids->front());
}

Result<crypto::age::X25519Identity> loadOrCreateDeviceKey(const std::string& path,
                                                          Env* env_or_null) {
  Env& env = orSystem(env_or_null);
  auto loaded = loadDeviceKey(path, &env);
  if (loaded || loaded.error().code() != ErrorCode::kNotFound) return loaded;
  JAMUL_ASSIGN_OR_RETURN(crypto::age::X25519Identity fresh,
                         crypto::age::X25519Identity::generate());
  JAMUL_ASSIGN_OR_RETURN(
      std::string text,
      identityFileText(env, fresh, "Jamul device key: opens files this device encrypted"));
  const Status created = createPrivateFile(env, path, text, /*keep_existing=*/true);
  std::fill(text.begin(), text.end(), '\0');
  JAMUL_RETURN_IF_ERROR(created);
  return loadDeviceKey(path, &env);  // whoever won the race
}

Status writeIdentityFile(const std::string& path, const crypto::age::X25519Identity& identity,
                         const std::string& comment, Env* env_or_null) {
  Env& env = orSystem(env_or_null);
  JAMUL_ASSIGN_OR_RETURN(std::string text, identityFileText(env, identity, comment));
  const Status created = createPrivateFile(env, path, text, /*keep_existing=*/false);
  std::fill(text.begin(), text.end(), '\0');
  return created;
}

Result<std::vector<crypto::age::X25519Identity>> readIdentityFile(
    const std::string& path, const crypto::age::Passphrase* passphrase, Env* env_or_null) {
  Env& env = orSystem(env_or_null);
  JAMUL_ASSIGN_OR_RETURN(OpenedFile file, openRegular(env, path, OpenMode::kRead));
  const std::uint64_t limit = crypto::age::kMaxIdentityFileBytes;
  if (file.info.signature.size > limit)
    return Error(ErrorCode::kTooLarge, "identity file too large", path);
  // Read into secure memory sized from stat, plus one byte to notice a file that grew.
  JAMUL_ASSIGN_OR_RETURN(crypto::SecretBytes buffer,
                         crypto::SecretBytes::allocate(file.info.signature.size + 1));
  std::size_t size = 0;
  for (;;) {
    JAMUL_ASSIGN_OR_RETURN(std::size_t n,
                           env.read(file.fd.get(), buffer.bytes().subspan(size), path));
    size += n;
    if (n == 0 || size == buffer.size()) break;
  }
  if (size == buffer.size()) return Error(ErrorCode::kIo, "identity file changed while read", path);
  auto ids = crypto::age::parseIdentityFile(
      {reinterpret_cast<const char*>(buffer.bytes().data()), size}, passphrase);
  if (!ids) return Error(ids.error().code(), ids.error().message(), path);
  return ids;
}

Result<std::vector<crypto::age::X25519Recipient>> loadRecoveryRecipients(const std::string& path,
                                                                         Env* env_or_null) {
  Env& env = orSystem(env_or_null);
  std::vector<crypto::age::X25519Recipient> out;
  auto file = openRegular(env, path, OpenMode::kRead);
  if (!file && file.error().code() == ErrorCode::kNotFound) return out;
  if (!file) return file.error();
  auto read = readAll(env, file->fd.get(), path, kMaxKeyFile);
  if (!read && read.error().code() == ErrorCode::kTooLarge)
    return Error(ErrorCode::kCorrupt, "recovery recipients file too large", path);
  if (!read) return read.error();
  const std::string& text = *read;
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
                            const crypto::age::X25519Recipient& recipient, Env* env_or_null) {
  Env& env = orSystem(env_or_null);
  JAMUL_ASSIGN_OR_RETURN(auto existing, loadRecoveryRecipients(path, &env));
  for (const auto& r : existing)
    if (r.key() == recipient.key()) return okStatus();
  JAMUL_ASSIGN_OR_RETURN(Fd fd, env.openFile(path, OpenMode::kAppend, 0644));
  std::string line;
  if (existing.empty())
    line = "# Organisation recovery keys (public): every encrypted file opens with these\n";
  line += recipient.encode() + "\n";
  JAMUL_RETURN_IF_ERROR(writeAll(env, fd.get(), line, path));
  return env.sync(fd.get(), path);
}

}  // namespace jamul::agent
