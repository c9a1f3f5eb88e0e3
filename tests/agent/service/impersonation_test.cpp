// SPDX-License-Identifier: Apache-2.0
// Impersonation (issue 15): while it lives, this thread — and only this thread — reaches files as
// the user (its fsuid, fsgid and groups, as /proc/thread-self/status shows them); afterwards it is
// root again. Needs root: CI runs as root, so there the checks run.
#include "platform/impersonation.h"

#include <fcntl.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <future>
#include <optional>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

constexpr std::uint32_t kNobody = 65534;

// The calling thread's credentials as the kernel reports them.
struct ThreadCredentials {
  std::vector<std::uint32_t> uid;  // real, effective, saved, file system
  std::vector<std::uint32_t> gid;
  std::vector<std::uint32_t> groups;
};

std::vector<std::uint32_t> numbers(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::uint32_t> out;
  for (std::uint32_t n = 0; in >> n;) out.push_back(n);
  return out;
}

ThreadCredentials threadCredentials() {
  std::ifstream status("/proc/thread-self/status");
  ThreadCredentials c;
  for (std::string line; std::getline(status, line);) {
    if (line.rfind("Uid:", 0) == 0) c.uid = numbers(line.substr(4));
    if (line.rfind("Gid:", 0) == 0) c.gid = numbers(line.substr(4));
    if (line.rfind("Groups:", 0) == 0) c.groups = numbers(line.substr(7));
  }
  BOOST_TEST_REQUIRE(c.uid.size() == 4u);
  BOOST_TEST_REQUIRE(c.gid.size() == 4u);
  return c;
}

std::uint32_t fsuidOfThisThread() { return threadCredentials().uid[3]; }

// Nobody, as the tests act for it (not from the user database, which a slim image may lack).
UserIdentity nobody() { return UserIdentity{kNobody, kNobody, {kNobody}}; }

// Whether this thread can open `path` for reading now.
bool canRead(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd >= 0) ::close(fd);
  return fd >= 0;
}

BOOST_AUTO_TEST_SUITE(impersonation)

BOOST_AUTO_TEST_CASE(this_thread_acts_as_the_user_while_it_lives) {
  if (::geteuid() != 0) JAMUL_SKIP("impersonation needs root");
  test::TempDir dir;
  const std::string secret = dir.write("secret.txt", "root's").string();
  BOOST_REQUIRE(::chmod(dir.path().c_str(), 0755) == 0);
  BOOST_REQUIRE(::chmod(secret.c_str(), 0600) == 0);
  const ThreadCredentials before = threadCredentials();
  BOOST_TEST_REQUIRE(before.uid[3] == 0u);
  // A thread that was there before, and looks when told to.
  std::promise<void> look;
  auto other = std::async(std::launch::async, [&, told = look.get_future()] {
    told.wait();
    return std::make_pair(fsuidOfThisThread(), canRead(secret));
  });
  {
    auto acting = Impersonation::begin(nobody());
    BOOST_TEST_REQUIRE(acting.ok(), (acting.ok() ? "" : acting.error().message()));
    const ThreadCredentials during = threadCredentials();
    BOOST_TEST(during.uid[0] == 0u);  // real, effective and saved ids are untouched
    BOOST_TEST(during.uid[1] == 0u);
    BOOST_TEST(during.uid[2] == 0u);
    BOOST_TEST(during.uid[3] == kNobody);
    BOOST_TEST(during.gid[1] == 0u);
    BOOST_TEST(during.gid[3] == kNobody);
    BOOST_TEST(during.groups == std::vector<std::uint32_t>{kNobody});
    // The kernel now checks access as nobody: root's 0600 file is closed to it.
    BOOST_TEST(!canRead(secret));
    // The other thread is still root.
    look.set_value();
    const auto [other_fsuid, other_reads] = other.get();
    BOOST_TEST(other_fsuid == 0u);
    BOOST_TEST(other_reads);
    // A thread started now inherits the user's identity (the header says: start none).
    std::uint32_t started_fsuid = 0;
    std::thread([&] { started_fsuid = fsuidOfThisThread(); }).join();
    BOOST_TEST(started_fsuid == kNobody);
  }
  const ThreadCredentials after = threadCredentials();
  BOOST_TEST(after.uid == before.uid);
  BOOST_TEST(after.gid == before.gid);
  BOOST_TEST(after.groups == before.groups);
  BOOST_TEST(canRead(secret));
}

BOOST_AUTO_TEST_CASE(acting_as_root_changes_nothing) {
  if (::geteuid() != 0) JAMUL_SKIP("impersonation needs root");
  const ThreadCredentials before = threadCredentials();
  {
    auto acting = Impersonation::begin(UserIdentity{0, 0, {}});
    BOOST_TEST_REQUIRE(acting.ok());
    BOOST_TEST(threadCredentials().groups == before.groups);
    BOOST_TEST(fsuidOfThisThread() == 0u);
  }
  BOOST_TEST(threadCredentials().groups == before.groups);
}

BOOST_AUTO_TEST_CASE(a_moved_impersonation_ends_once_when_its_last_owner_does) {
  if (::geteuid() != 0) JAMUL_SKIP("impersonation needs root");
  {
    std::optional<Impersonation> outer;
    {
      auto acting = Impersonation::begin(nobody());
      BOOST_TEST_REQUIRE(acting.ok());
      outer.emplace(std::move(*acting));
    }  // the moved-from one ends here, and must not end the impersonation
    BOOST_TEST(fsuidOfThisThread() == kNobody);
    outer.reset();
    BOOST_TEST(fsuidOfThisThread() == 0u);
  }
  BOOST_TEST(fsuidOfThisThread() == 0u);
}

BOOST_AUTO_TEST_CASE(only_root_may_act_for_another_user) {
  if (::geteuid() != 0) JAMUL_SKIP("impersonation needs root (to make an unprivileged child)");
  // A child that gives up root for good, then asks.
  const pid_t child = ::fork();
  BOOST_REQUIRE(child >= 0);
  if (child == 0) {
    if (::setgroups(0, nullptr) != 0 || ::setgid(kNobody) != 0 || ::setuid(kNobody) != 0)
      ::_exit(10);
    auto acting = Impersonation::begin(UserIdentity{1000, 1000, {}});
    if (acting.ok()) ::_exit(11);
    ::_exit(acting.error().code() == ErrorCode::kPermissionDenied ? 0 : 12);
  }
  int status = 0;
  BOOST_REQUIRE(::waitpid(child, &status, 0) == child);
  BOOST_TEST_REQUIRE(WIFEXITED(status));
  BOOST_TEST(WEXITSTATUS(status) == 0);  // 11: allowed; 12: another error
}

BOOST_AUTO_TEST_CASE(identity_of_a_user_from_the_user_database) {
  auto root = identityOf(0);
  BOOST_TEST_REQUIRE(root.ok());
  BOOST_TEST(root->uid == 0u);
  BOOST_TEST(root->gid == 0u);
  // An uid that no user has is not guessed at: acting for it with a made-up group (its uid as a
  // gid, some other group's) would give that group's rights away.
  auto unknown = identityOf(3'999'999'999u);
  BOOST_TEST_REQUIRE(!unknown.ok());
  BOOST_TEST((unknown.error().code() == ErrorCode::kNotFound));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
