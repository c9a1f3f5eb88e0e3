// SPDX-License-Identifier: Apache-2.0
#pragma once

// ActingUserEnv: the Env through which the agent (running as root) acts on a user's files for
// them (issue 15). Every call that names a path runs impersonating the user (impersonation.h), so
// the OS refuses what the user could not do — a folder of another user's, a folder swapped for a
// link to one — and what it creates belongs to the user. Every existing file it opens must be
// owned by the user (checked with fstat on the descriptor, after the open: a path swapped for a
// link or a hard link to someone else's file between the request and the action opens that file,
// and is refused then, before a byte is read or written). Calls on descriptors already open, and
// the lock files of the agent's own journal, run as the agent.
//
// Thread-safety: as the target Env; the impersonation is per call and per thread.

#include <string>

#include "platform/env.h"
#include "platform/impersonation.h"

namespace jamul::agent {

class ActingUserEnv final : public EnvWrapper {
 public:
  ActingUserEnv(Env& target, UserIdentity user) : EnvWrapper(target), user_(std::move(user)) {}

  Result<Fd> openFile(const std::string& path, OpenMode mode,
                      std::uint32_t create_mode = 0600) override;
  Result<FileInfo> statPath(const std::string& path) override;
  Status rename(const std::string& from, const std::string& to) override;
  Status link(const std::string& from, const std::string& to) override;
  Status remove(const std::string& path) override;
  Status syncFolderOf(const std::string& path) override;
  Result<std::vector<std::string>> listFolder(const std::string& path) override;
  Result<VolumeInfo> volumeOf(const std::string& folder) override;
  std::uint32_t currentUser() override { return user_.uid; }

 private:
  UserIdentity user_;
};

}  // namespace jamul::agent
