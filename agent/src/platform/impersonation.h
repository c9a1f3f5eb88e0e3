// SPDX-License-Identifier: Apache-2.0
#pragma once

// Impersonation: the calling thread acts on files as another user, for as long as the object
// lives (issue 15). The agent runs as root, and a user's request (encrypt, decrypt, shred my file)
// is carried out with that user's rights: the OS then refuses whatever the user could not do
// themselves — a file in another user's folder, a path whose folder was swapped for a link to one
// between the request and the action — and the files the action creates (a decrypted copy) belong
// to the user. The action still checks that the file is the user's own (FileProtector::Options).
//
// Linux: the thread's file-system uid and gid and its supplementary groups (setfsuid, setfsgid and
// the raw setgroups system call: per thread, unlike setuid(), which glibc applies to every thread).
// While the fsuid is not 0 the kernel drops the file capabilities (CAP_DAC_OVERRIDE and the like)
// from the thread's effective set, and restores them with the fsuid. Descriptors opened before
// (the journal's database) stay usable. Windows: ImpersonateNamedPipeClient, later.
//
// Thread-safety: affects the calling thread only; destroy it on the thread that made it. A thread
// started while it lives inherits the user's identity from its creator and keeps it for good:
// start none.

#include <cstdint>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::agent {

struct UserIdentity {
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;
  std::vector<std::uint32_t> groups;  // supplementary groups
};

// The identity of user `uid` as the system's user database has it (its primary group and
// supplementary groups). kNotFound for an unknown uid.
Result<UserIdentity> identityOf(std::uint32_t uid);

class Impersonation {
 public:
  // Makes the calling thread act as `who` (nothing to do when `who` is root). kPermissionDenied
  // when the process may not (it is not root), kInternal when the kernel refuses.
  static Result<Impersonation> begin(const UserIdentity& who);
  Impersonation(Impersonation&& other) noexcept : active_(other.active_), saved_(other.saved_) {
    other.active_ = false;
  }
  Impersonation& operator=(Impersonation&&) = delete;
  Impersonation(const Impersonation&) = delete;
  ~Impersonation();

 private:
  struct Saved {
    std::uint32_t fsuid = 0;
    std::uint32_t fsgid = 0;
    std::vector<std::uint32_t> groups;
  };
  Impersonation(bool active, Saved saved) : active_(active), saved_(std::move(saved)) {}
  bool active_ = false;
  Saved saved_;
};

}  // namespace jamul::agent
