// SPDX-License-Identifier: Apache-2.0
#include "protect/file_steps.h"

#include <algorithm>
#include <vector>

#include "jamul/crypto/random_stream.h"

namespace jamul::agent {

Result<OpenedFile> openRegular(Env& env, const std::string& path, OpenMode mode) {
  JAMUL_ASSIGN_OR_RETURN(Fd fd, env.openFile(path, mode));
  JAMUL_ASSIGN_OR_RETURN(FileInfo info, env.statFile(fd.get(), path));
  if (!info.regular()) return Error(ErrorCode::kInvalidArgument, "not a regular file", path);
  return OpenedFile{std::move(fd), info};
}

std::string randomNameBeside(Env& env, const std::string& path, std::string_view suffix) {
  static constexpr char kChars[] = "abcdefghijklmnopqrstuvwxyz0123456789";
  std::uint8_t bytes[16];
  env.random(bytes);
  std::string name = ".jamul-";
  for (std::uint8_t b : bytes) name.push_back(kChars[b % (sizeof kChars - 1)]);
  name += suffix;
  const auto slash = path.rfind('/');
  return slash == std::string::npos ? name : path.substr(0, slash + 1) + name;
}

std::string tempPathFor(Env& env, const std::string& path) {
  return randomNameBeside(env, path, ".tmp");
}

Status overwrite(Env& env, int fd, std::uint64_t size, const std::string& path) {
  // Random rather than zeros: compressing or deduplicating storage keeps no shortcut for zeros.
  JAMUL_ASSIGN_OR_RETURN(crypto::RandomStream random, crypto::RandomStream::create());
  std::vector<std::uint8_t> block(1 << 18);
  JAMUL_RETURN_IF_ERROR(env.seekToStart(fd, path));
  std::uint64_t done = 0;
  while (done < size) {
    const std::size_t n =
        static_cast<std::size_t>(std::min<std::uint64_t>(block.size(), size - done));
    random.fill({block.data(), n});
    JAMUL_RETURN_IF_ERROR(env.writeAll(fd, std::span(block).first(n), path));
    done += n;
  }
  return env.sync(fd, path);
}

Status overwriteFile(Env& env, const std::string& path, bool truncate) {
  auto file = openRegular(env, path, OpenMode::kWrite);
  if (!file && file.error().code() == ErrorCode::kPermissionDenied) {
    // Mode 0444 and the like: its owner may still change the mode, through a read-only descriptor
    // of the same file (no second lookup of the name between the check and the change).
    JAMUL_ASSIGN_OR_RETURN(OpenedFile readable, openRegular(env, path, OpenMode::kRead));
    JAMUL_RETURN_IF_ERROR(env.setMode(readable.fd.get(), readable.info.mode | 0200, path));
    file = openRegular(env, path, OpenMode::kWrite);
    if (file && file->info.signature.inode != readable.info.signature.inode)
      return Error(ErrorCode::kCancelled, "replaced while it was being overwritten", path);
  }
  if (!file) return file.error();
  JAMUL_RETURN_IF_ERROR(overwrite(env, file->fd.get(), file->info.signature.size, path));
  if (!truncate) return okStatus();
  JAMUL_RETURN_IF_ERROR(env.truncate(file->fd.get(), 0, path));
  return env.sync(file->fd.get(), path);
}

Status refuseReadOnlyMedia(Env& env, const std::string& path) {
  JAMUL_ASSIGN_OR_RETURN(VolumeInfo volume, env.volumeOf(folderOf(path)));
  if (volume.read_only)
    return Error(ErrorCode::kPermissionDenied, "on read-only media: it cannot be replaced", path);
  if (!volume.writable)
    return Error(ErrorCode::kPermissionDenied, "its folder is not writable", path);
  return okStatus();
}

Status refuseLocked(Env& env, int fd, const std::string& path) {
  // An office program's owner file says the document is open in it, whatever locks it takes.
  const std::string folder = folderOf(path) + "/", name = nameOf(path);
  if (exists(env, folder + ".~lock." + name + "#"))
    return Error(ErrorCode::kUnavailable, "open in LibreOffice (.~lock file beside it)", path);
  if ((name.size() > 2 && exists(env, folder + "~$" + name.substr(2))) ||
      exists(env, folder + "~$" + name))
    return Error(ErrorCode::kUnavailable, "open in Microsoft Office (~$ owner file beside it)",
                 path);
  JAMUL_ASSIGN_OR_RETURN(bool locked, env.lockedByAnother(fd, path));
  if (locked) return Error(ErrorCode::kUnavailable, "locked by another program", path);
  return okStatus();
}

Status refuseHardLinked(const FileInfo& info, const std::string& path) {
  if (info.links <= 1) return okStatus();
  return Error(ErrorCode::kInvalidArgument,
               "it has " + std::to_string(info.links - 1) +
                   " other hard link(s): wiping it would destroy what the other names show, and "
                   "removing this name alone would leave the data on disk; left as it is",
               path);
}

Status refuseNameTooLong(Env& env, const std::string& path, std::string_view suffix) {
  JAMUL_ASSIGN_OR_RETURN(VolumeInfo volume, env.volumeOf(folderOf(path)));
  const std::size_t length = nameOf(path).size() + suffix.size();
  if (volume.name_max == 0 || length <= volume.name_max) return okStatus();
  return Error(ErrorCode::kInvalidArgument,
               "its name is too long to add " + std::string(suffix) + " (" +
                   std::to_string(length) + " bytes; this file system allows " +
                   std::to_string(volume.name_max) + "): rename it to something shorter first",
               path);
}

}  // namespace jamul::agent
