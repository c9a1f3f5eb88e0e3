// SPDX-License-Identifier: Apache-2.0
#include "platform/impersonation.h"

#include <grp.h>
#include <pwd.h>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <string>

namespace jamul::agent {
namespace {

// The raw system calls: glibc's setgroups() changes every thread of the process (nptl's setxid
// broadcast); this changes the calling thread only, as setfsuid()/setfsgid() do.
int threadSetGroups(const std::vector<std::uint32_t>& groups) {
  std::vector<gid_t> g(groups.begin(), groups.end());
  return static_cast<int>(::syscall(SYS_setgroups, g.size(), g.data()));
}

std::vector<std::uint32_t> threadGroups() {
  const int n = ::getgroups(0, nullptr);
  std::vector<gid_t> g(n > 0 ? static_cast<std::size_t>(n) : 0);
  if (n > 0 && ::getgroups(n, g.data()) != n) g.clear();
  return {g.begin(), g.end()};
}

}  // namespace

Result<UserIdentity> identityOf(std::uint32_t uid) {
  const long size = ::sysconf(_SC_GETPW_R_SIZE_MAX);
  std::vector<char> buf(size > 0 ? static_cast<std::size_t>(size) : 16384);
  passwd pw{};
  passwd* found = nullptr;
  int err = 0;
  while ((err = ::getpwuid_r(uid, &pw, buf.data(), buf.size(), &found)) == ERANGE &&
         buf.size() < (std::size_t{1} << 20))
    buf.resize(buf.size() * 2);
  // A uid without a name (a container's, a deleted user's) is not acted for: its primary group
  // would be a guess, and a guessed gid may be some other group's.
  if (err == 0 && found == nullptr)
    return Error(ErrorCode::kNotFound, "no user has uid " + std::to_string(uid));
  if (err != 0) return errorFromErrno(err, "look up uid " + std::to_string(uid));
  UserIdentity who{uid, pw.pw_gid, {}};
  int count = 64;
  std::vector<gid_t> groups(static_cast<std::size_t>(count));
  if (::getgrouplist(pw.pw_name, pw.pw_gid, groups.data(), &count) < 0) {
    groups.resize(static_cast<std::size_t>(count));
    if (::getgrouplist(pw.pw_name, pw.pw_gid, groups.data(), &count) < 0) count = 0;
  }
  groups.resize(static_cast<std::size_t>(count));
  who.groups.assign(groups.begin(), groups.end());
  return who;
}

Result<Impersonation> Impersonation::begin(const UserIdentity& who) {
  if (who.uid == 0) return Impersonation(false, {});
  if (::geteuid() != 0)
    return Error(ErrorCode::kPermissionDenied, "acting for another user needs root");
  Saved saved;
  saved.fsuid = static_cast<std::uint32_t>(::setfsuid(static_cast<uid_t>(-1)));
  saved.fsgid = static_cast<std::uint32_t>(::setfsgid(static_cast<gid_t>(-1)));
  saved.groups = threadGroups();
  // Groups and gid first: once the fsuid is the user's, the thread could not change them.
  if (threadSetGroups(who.groups) != 0)
    return errorFromErrno(errno, "set the user's groups");
  ::setfsgid(who.gid);
  ::setfsuid(who.uid);
  // setfsuid reports the previous value whether it worked or not: asking again tells.
  if (static_cast<std::uint32_t>(::setfsuid(static_cast<uid_t>(-1))) != who.uid ||
      static_cast<std::uint32_t>(::setfsgid(static_cast<gid_t>(-1))) != who.gid) {
    ::setfsuid(saved.fsuid);
    ::setfsgid(saved.fsgid);
    (void)threadSetGroups(saved.groups);
    return Error(ErrorCode::kInternal, "the kernel refused to act as the user");
  }
  return Impersonation(true, std::move(saved));
}

Impersonation::~Impersonation() {
  if (!active_) return;
  ::setfsuid(saved_.fsuid);
  ::setfsgid(saved_.fsgid);
  // Not restoring root's groups would leave this thread with the user's: never acceptable.
  if (threadSetGroups(saved_.groups) != 0) std::abort();
}

}  // namespace jamul::agent
