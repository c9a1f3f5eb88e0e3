// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/data_dirs.h"

#include <sys/stat.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <optional>
#include <string>

#include "support/scanner_printers.h"
#include "support/temp_dir.h"

namespace jamul::agent {
namespace {

// Sets (or, with nullopt, unsets) an environment variable for the life of the object.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) {
      ::setenv(name, value->c_str(), 1);
    } else {
      ::unsetenv(name);
    }
  }
  ~ScopedEnv() {
    if (old_) {
      ::setenv(name_, old_->c_str(), 1);
    } else {
      ::unsetenv(name_);
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  const char* name_;
  std::optional<std::string> old_;
};

unsigned modeOf(const std::string& path) {
  struct stat st {};
  BOOST_REQUIRE(::stat(path.c_str(), &st) == 0);
  BOOST_REQUIRE(S_ISDIR(st.st_mode));
  return st.st_mode & 07777;
}

BOOST_AUTO_TEST_SUITE(data_dirs)

BOOST_AUTO_TEST_CASE(xdg_data_home_first_created_private) {
  test::TempDir dir;
  const std::string xdg = (dir.path() / "xdg").string();  // does not exist yet
  ScopedEnv env("XDG_DATA_HOME", xdg);
  auto data = defaultDataDir();
  BOOST_REQUIRE(data.ok());
  BOOST_TEST(*data == xdg + "/jamul");
  BOOST_TEST(modeOf(*data) == 0700u);
  auto again = defaultDataDir();  // existing directories are fine
  BOOST_REQUIRE(again.ok());
  BOOST_TEST(*again == *data);
}

BOOST_AUTO_TEST_CASE(missing_folders_above_xdg_data_home_are_created) {
  test::TempDir dir;
  const std::string xdg = (dir.path() / "srv/agent/data").string();  // srv/ does not exist
  ScopedEnv env("XDG_DATA_HOME", xdg);
  auto data = defaultDataDir();
  BOOST_REQUIRE_MESSAGE(data.ok(), (data.ok() ? "" : data.error().message()));
  BOOST_TEST(*data == xdg + "/jamul");
  BOOST_TEST(modeOf((dir.path() / "srv").string()) == 0700u);
}

BOOST_AUTO_TEST_CASE(home_local_share_otherwise) {
  test::TempDir dir;
  const std::string home = (dir.path() / "home").string();
  ::mkdir(home.c_str(), 0755);
  ScopedEnv env_home("HOME", home);
  for (std::optional<std::string> xdg :
       {std::optional<std::string>(), std::optional<std::string>(""),
        std::optional<std::string>("relative/data")}) {
    BOOST_TEST_CONTEXT("XDG_DATA_HOME=" << xdg.value_or("(unset)")) {
      ScopedEnv env_xdg("XDG_DATA_HOME", xdg);  // unset, empty or relative: ignored
      auto data = defaultDataDir();
      BOOST_REQUIRE(data.ok());
      BOOST_TEST(*data == home + "/.local/share/jamul");
      BOOST_TEST(modeOf(*data) == 0700u);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_file_in_the_way_is_an_error) {
  test::TempDir dir;
  dir.write("xdg/jamul", "not a directory");
  ScopedEnv env("XDG_DATA_HOME", (dir.path() / "xdg").string());
  auto data = defaultDataDir();
  BOOST_REQUIRE(!data.ok());
  BOOST_TEST(data.error().code() == ErrorCode::kIo);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
