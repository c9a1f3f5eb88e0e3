// SPDX-License-Identifier: Apache-2.0
// ActingUserEnv (issue 15): root acting for uid 65534 reaches that user's own files, and is
// refused another user's file however it is reached — directly where the OS would let the user
// read it, through a link the user made, through a folder swapped for a link, through a hard
// link — and whatever the OS refuses the user. Needs root: CI runs as root, so there it runs.
#include "platform/acting_user_env.h"

#include <sys/fsuid.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <string>

#include "support/skip.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

namespace fs = std::filesystem;

constexpr std::uint32_t kUser = 65534;

// The thread's file-system uid (setfsuid with an invalid id changes nothing and tells it).
std::uint32_t fsuid() { return static_cast<std::uint32_t>(::setfsuid(static_cast<uid_t>(-1))); }

// A folder open to all (0755, root's), with
//   mine/           the user's folder: own.txt (0600), link -> ../theirs.txt, docs -> ../rootdir
//                   (links the user made), hard (a hard link to theirs.txt)
//   theirs.txt      root's, 0644: the OS lets the user read it
//   secret.txt      root's, 0600
//   rootdir/        root's, 0755: file.txt (0644)
//   closed/         root's, 0700: file.txt
struct UserFiles {
  test::TempDir dir;
  ActingUserEnv env{Env::system(), UserIdentity{kUser, kUser, {kUser}}};

  std::string at(const std::string& relative) const { return (dir.path() / relative).string(); }

  UserFiles() {
    if (::geteuid() != 0) return;  // each test skips itself
    const fs::path& d = dir.path();
    fs::create_directories(d / "mine");
    fs::create_directories(d / "rootdir");
    fs::create_directories(d / "closed");
    dir.write("mine/own.txt", "mine");
    dir.write("theirs.txt", "root's");
    dir.write("secret.txt", "root's secret");
    dir.write("rootdir/file.txt", "root's");
    dir.write("closed/file.txt", "root's");
    fs::create_symlink("../theirs.txt", d / "mine/link");
    fs::create_symlink("../rootdir", d / "mine/docs");
    fs::create_hard_link(d / "theirs.txt", d / "mine/hard");
    BOOST_REQUIRE(::chmod(d.c_str(), 0755) == 0);
    BOOST_REQUIRE(::chmod(at("closed").c_str(), 0700) == 0);
    BOOST_REQUIRE(::chmod(at("theirs.txt").c_str(), 0644) == 0);
    BOOST_REQUIRE(::chmod(at("rootdir/file.txt").c_str(), 0644) == 0);
    BOOST_REQUIRE(::chmod(at("secret.txt").c_str(), 0600) == 0);
    BOOST_REQUIRE(::chmod(at("mine/own.txt").c_str(), 0600) == 0);
    BOOST_REQUIRE(::chown(at("mine").c_str(), kUser, kUser) == 0);
    BOOST_REQUIRE(::chown(at("mine/own.txt").c_str(), kUser, kUser) == 0);
    BOOST_REQUIRE(::lchown(at("mine/link").c_str(), kUser, kUser) == 0);
    BOOST_REQUIRE(::lchown(at("mine/docs").c_str(), kUser, kUser) == 0);
  }
};

// The error of `result`, which must have failed.
template <typename T>
Error failure(const Result<T>& result) {
  BOOST_TEST_REQUIRE(!result.ok(), "the call succeeded");
  return result.error();
}

bool notYourFile(const Error& e) {
  return e.code() == ErrorCode::kPermissionDenied &&
         e.message().find("not your file") != std::string::npos;
}

std::string readAll(const Fd& fd) {
  char buf[64];
  const ssize_t n = ::pread(fd.get(), buf, sizeof buf, 0);
  return n > 0 ? std::string(buf, static_cast<std::size_t>(n)) : std::string();
}

BOOST_AUTO_TEST_SUITE(acting_user_env)

BOOST_FIXTURE_TEST_CASE(the_users_own_file_opens, UserFiles) {
  if (::geteuid() != 0) JAMUL_SKIP("acting for a user needs root");
  auto fd = env.openFile(at("mine/own.txt"), OpenMode::kRead);
  BOOST_TEST_REQUIRE(fd.ok(), (fd.ok() ? "" : fd.error().message()));
  BOOST_TEST(readAll(*fd) == "mine");
  BOOST_TEST(env.openFile(at("mine/own.txt"), OpenMode::kWrite).ok());
  BOOST_TEST(fsuid() == 0u);  // the impersonation ended with the call
  BOOST_TEST(env.currentUser() == kUser);
}

BOOST_FIXTURE_TEST_CASE(another_users_file_is_refused_where_the_os_lets_the_user_read_it,
                        UserFiles) {
  if (::geteuid() != 0) JAMUL_SKIP("acting for a user needs root");
  const Error e = failure(env.openFile(at("theirs.txt"), OpenMode::kRead));
  BOOST_TEST(notYourFile(e), e.message());
  BOOST_TEST(e.subject() == at("theirs.txt"));
  BOOST_TEST(fsuid() == 0u);
}

BOOST_FIXTURE_TEST_CASE(links_to_another_users_file_are_refused, UserFiles) {
  if (::geteuid() != 0) JAMUL_SKIP("acting for a user needs root");
  // The user's own link, as the last component: never followed.
  BOOST_TEST(!env.openFile(at("mine/link"), OpenMode::kRead).ok());
  // A folder of the user's path swapped for a link to root's folder: followed, and the file it
  // reaches is refused as not the user's.
  const Error swapped = failure(env.openFile(at("mine/docs/file.txt"), OpenMode::kRead));
  BOOST_TEST(notYourFile(swapped), swapped.message());
  // A hard link in the user's folder to root's file.
  const Error hard = failure(env.openFile(at("mine/hard"), OpenMode::kRead));
  BOOST_TEST(notYourFile(hard), hard.message());
  BOOST_TEST(fsuid() == 0u);
}

BOOST_FIXTURE_TEST_CASE(what_the_os_refuses_the_user_is_refused, UserFiles) {
  if (::geteuid() != 0) JAMUL_SKIP("acting for a user needs root");
  // Root could do every one of these; the user cannot.
  const Error secret = failure(env.openFile(at("secret.txt"), OpenMode::kRead));
  BOOST_TEST((secret.code() == ErrorCode::kPermissionDenied));
  BOOST_TEST(!notYourFile(secret), "the OS, not the owner check, refused: " << secret.message());
  BOOST_TEST((failure(env.openFile(at("theirs.txt"), OpenMode::kWrite)).code() ==
              ErrorCode::kPermissionDenied));
  BOOST_TEST((failure(env.openFile(at("rootdir/new.txt"), OpenMode::kCreateNew)).code() ==
              ErrorCode::kPermissionDenied));
  BOOST_TEST(!fs::exists(at("rootdir/new.txt")));
  BOOST_TEST((failure(env.remove(at("rootdir/file.txt"))).code() == ErrorCode::kPermissionDenied));
  BOOST_TEST(fs::exists(at("rootdir/file.txt")));
  BOOST_TEST((failure(env.rename(at("rootdir/file.txt"), at("mine/taken.txt"))).code() ==
              ErrorCode::kPermissionDenied));
  BOOST_TEST((failure(env.listFolder(at("closed"))).code() == ErrorCode::kPermissionDenied));
  BOOST_TEST((failure(env.statPath(at("closed/file.txt"))).code() == ErrorCode::kPermissionDenied));
  BOOST_TEST(fsuid() == 0u);
}

BOOST_FIXTURE_TEST_CASE(what_it_creates_belongs_to_the_user, UserFiles) {
  if (::geteuid() != 0) JAMUL_SKIP("acting for a user needs root");
  auto fd = env.openFile(at("mine/new.txt"), OpenMode::kCreateNew);
  BOOST_TEST_REQUIRE(fd.ok(), (fd.ok() ? "" : fd.error().message()));
  struct stat st {};
  BOOST_TEST_REQUIRE(::fstat(fd->get(), &st) == 0);
  BOOST_TEST(st.st_uid == kUser);
  BOOST_TEST(st.st_gid == kUser);
  BOOST_TEST_REQUIRE(env.rename(at("mine/new.txt"), at("mine/renamed.txt")).ok());
  auto names = env.listFolder(at("mine"));
  BOOST_TEST_REQUIRE(names.ok());
  BOOST_TEST((std::find(names->begin(), names->end(), "renamed.txt") != names->end()));
  auto info = env.statPath(at("mine/renamed.txt"));
  BOOST_TEST_REQUIRE(info.ok());
  BOOST_TEST(info->uid == kUser);
  BOOST_TEST(env.remove(at("mine/renamed.txt")).ok());
  BOOST_TEST(!fs::exists(at("mine/renamed.txt")));
  BOOST_TEST(fsuid() == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
