// SPDX-License-Identifier: Apache-2.0
#include "jamul/crypto/keyed_hasher.h"

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "support/temp_dir.h"

namespace jamul::crypto {
namespace {

mode_t modeOf(const std::filesystem::path& p) {
  struct stat st {};
  BOOST_REQUIRE(::lstat(p.c_str(), &st) == 0);
  return st.st_mode & 07777;
}

BOOST_AUTO_TEST_SUITE(keyed_hasher)

BOOST_AUTO_TEST_CASE(key_file_is_created_private_and_reused) {
  test::TempDir dir;
  const std::string path = (dir.path() / "inventory.db.key").string();
  auto first = KeyedHasher::loadOrCreate(path);
  BOOST_REQUIRE(first.ok());
  BOOST_TEST(modeOf(path) == 0600u);
  const std::string contents = test::readFile(path);
  BOOST_TEST(contents.rfind("jamul value-hash key v1\n", 0) == 0u);
  auto second = KeyedHasher::loadOrCreate(path);
  BOOST_REQUIRE(second.ok());
  BOOST_TEST((first->digest("kr_rrn:9001011234568") == second->digest("kr_rrn:9001011234568")));
  BOOST_TEST((first->digest("a") != first->digest("b")));
  BOOST_TEST((first->asValueHasher()("a") == first->digest("a")));
  // No leftover temporary files.
  int files = 0;
  for (const auto& e : std::filesystem::directory_iterator(dir.path())) {
    (void)e;
    ++files;
  }
  BOOST_TEST(files == 1);
}

BOOST_AUTO_TEST_CASE(different_keys_give_unrelated_digests) {
  auto a = KeyedHasher::fromKey(std::move(SecretBytes::random(32)).value());
  auto b = KeyedHasher::fromKey(std::move(SecretBytes::random(32)).value());
  BOOST_REQUIRE((a.ok() && b.ok()));
  BOOST_TEST((a->digest("kr_rrn:9001011234568") != b->digest("kr_rrn:9001011234568")));
  BOOST_TEST(!KeyedHasher::fromKey(std::move(SecretBytes::random(16)).value()).ok());
}

BOOST_AUTO_TEST_CASE(unsafe_key_files_are_refused) {
  test::TempDir dir;
  const std::string path = (dir.path() / "k").string();
  BOOST_REQUIRE(KeyedHasher::loadOrCreate(path).ok());
  ::chmod(path.c_str(), 0644);
  auto readable = KeyedHasher::loadOrCreate(path);
  BOOST_TEST(!readable.ok());
  BOOST_TEST((readable.error().code() == ErrorCode::kPermissionDenied));
  ::chmod(path.c_str(), 0600);
  const std::string link = (dir.path() / "link").string();
  std::filesystem::create_symlink(path, link);
  auto via_link = KeyedHasher::loadOrCreate(link);
  BOOST_TEST(!via_link.ok());
  BOOST_TEST((via_link.error().code() == ErrorCode::kPermissionDenied));
  dir.write("garbage", "not a key\n");
  ::chmod((dir.path() / "garbage").c_str(), 0600);
  auto garbage = KeyedHasher::loadOrCreate((dir.path() / "garbage").string());
  BOOST_TEST((!garbage.ok() && garbage.error().code() == ErrorCode::kCorrupt));
}

BOOST_AUTO_TEST_CASE(concurrent_first_use_agrees_on_one_key) {
  // Processes racing to create the key must all end up with the same one.
  test::TempDir dir;
  const std::string path = (dir.path() / "race.key").string();
  std::vector<pid_t> children;
  for (int i = 0; i < 8; ++i) {
    const pid_t pid = ::fork();
    BOOST_REQUIRE(pid >= 0);
    if (pid == 0) {
      auto h = KeyedHasher::loadOrCreate(path);
      if (!h) ::_exit(1);
      const ValueDigest d = h->digest("probe");
      const std::string out = (dir.path() / ("d" + std::to_string(i))).string();
      std::ofstream(out, std::ios::binary).write(reinterpret_cast<const char*>(d.data()), 16);
      ::_exit(0);
    }
    children.push_back(pid);
  }
  for (pid_t pid : children) {
    int status = 0;
    ::waitpid(pid, &status, 0);
    BOOST_TEST((WIFEXITED(status) && WEXITSTATUS(status) == 0));
  }
  const std::string first = test::readFile(dir.path() / "d0");
  for (int i = 1; i < 8; ++i)
    BOOST_TEST(test::readFile(dir.path() / ("d" + std::to_string(i))) == first);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::crypto
