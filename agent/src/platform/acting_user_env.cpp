// SPDX-License-Identifier: Apache-2.0
#include "platform/acting_user_env.h"

namespace jamul::agent {
namespace {

// Runs `call` as `user`; an impersonation the kernel refuses fails the call (never runs it as
// root instead).
template <typename Call>
auto asUser(const UserIdentity& user, Call&& call) -> decltype(call()) {
  auto acting = Impersonation::begin(user);
  if (!acting) return acting.error();
  return call();
}

}  // namespace

Result<Fd> ActingUserEnv::openFile(const std::string& path, OpenMode mode,
                                   std::uint32_t create_mode) {
  JAMUL_ASSIGN_OR_RETURN(Fd fd, asUser(user_, [&]() -> Result<Fd> {
                           return target().openFile(path, mode, create_mode);
                         }));
  if (mode == OpenMode::kCreateNew) return fd;  // made now, by the user: theirs
  JAMUL_ASSIGN_OR_RETURN(FileInfo info, target().statFile(fd.get(), path));
  if (info.uid != user_.uid)
    return Error(ErrorCode::kPermissionDenied, "not your file (it belongs to another user)",
                 path);
  return fd;
}

Result<FileInfo> ActingUserEnv::statPath(const std::string& path) {
  return asUser(user_, [&] { return target().statPath(path); });
}

Status ActingUserEnv::rename(const std::string& from, const std::string& to) {
  return asUser(user_, [&] { return target().rename(from, to); });
}

Status ActingUserEnv::link(const std::string& from, const std::string& to) {
  return asUser(user_, [&] { return target().link(from, to); });
}

Status ActingUserEnv::remove(const std::string& path) {
  return asUser(user_, [&] { return target().remove(path); });
}

Status ActingUserEnv::syncFolderOf(const std::string& path) {
  return asUser(user_, [&] { return target().syncFolderOf(path); });
}

Result<std::vector<std::string>> ActingUserEnv::listFolder(const std::string& path) {
  return asUser(user_, [&] { return target().listFolder(path); });
}

Result<VolumeInfo> ActingUserEnv::volumeOf(const std::string& folder) {
  return asUser(user_, [&] { return target().volumeOf(folder); });
}

}  // namespace jamul::agent
