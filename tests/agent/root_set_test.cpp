// SPDX-License-Identifier: Apache-2.0
// RootSet: which root holds a path, the same with a few roots (compared one by one) and with many
// (looked up by level); issue 12: 20,000 files named on a command line cost a lookup each, not a
// pass over the roots each.
#include "jamul/agent/root_set.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace jamul::agent {
namespace {

using Roots = std::vector<std::string>;

// The same questions to a small set and to the same roots padded past the linear limit.
void expectSameAnswers(const Roots& roots) {
  Roots padded = roots;
  for (int i = 0; i < 20; ++i) padded.push_back("/elsewhere/" + std::to_string(i));
  const RootSet small(roots), large(padded);
  BOOST_TEST_REQUIRE(small.size() <= 8u);
  for (const char* path : {"/a", "/a/b", "/a/b/c.txt", "/a-b/c", "/ab", "/x/y", "/", "/a/b0",
                           "/home/u/docs/a.csv", "/home/u/docs"}) {
    BOOST_TEST((small.rootOf(path) == large.rootOf(path)), path);
    BOOST_TEST((small.rootAbove(path) == large.rootAbove(path)), path);
  }
}

BOOST_AUTO_TEST_SUITE(root_set)

BOOST_AUTO_TEST_CASE(the_nearest_root_holds_a_path) {
  const RootSet roots(Roots{"/a", "/a/b", "/home/u/docs"});
  BOOST_TEST((roots.rootOf("/a/b/c.txt") == std::optional<std::size_t>(1)));
  BOOST_TEST((roots.rootOf("/a/bc") == std::optional<std::size_t>(0)));
  BOOST_TEST((roots.rootOf("/a") == std::optional<std::size_t>(0)));
  BOOST_TEST(!roots.rootOf("/ab").has_value());
  BOOST_TEST(!roots.rootOf("/a-b/c").has_value());
  BOOST_TEST((roots.rootAbove("/a/b") == std::optional<std::size_t>(0)));
  BOOST_TEST(!roots.rootAbove("/a").has_value());
  BOOST_TEST(roots.holds("/home/u/docs/x/y.hwp"));
  BOOST_TEST(!roots.holds("/home/u/doc"));
  expectSameAnswers({"/a", "/a/b", "/home/u/docs"});
}

BOOST_AUTO_TEST_CASE(the_file_system_root_and_repeated_roots) {
  const RootSet roots(Roots{"/x", "/", "/x"});
  BOOST_TEST((roots.rootOf("/x/y") == std::optional<std::size_t>(0)));  // the first of equals
  BOOST_TEST((roots.rootOf("/y") == std::optional<std::size_t>(1)));
  BOOST_TEST((roots.rootAbove("/x") == std::optional<std::size_t>(1)));
  BOOST_TEST(!roots.rootAbove("/").has_value());
  expectSameAnswers({"/x", "/", "/x"});
}

BOOST_AUTO_TEST_CASE(issue_12_twenty_thousand_file_roots) {
  Roots files;
  for (int i = 0; i < 20000; ++i) files.push_back("/data/f" + std::to_string(i) + ".txt");
  files.push_back("/data/f7.txt");  // named twice
  const RootSet roots(files);
  for (std::size_t i = 0; i < 20000; ++i) {
    BOOST_TEST_REQUIRE((roots.rootOf(files[i]) == std::optional<std::size_t>(i)));
    BOOST_TEST_REQUIRE(!roots.rootAbove(files[i]).has_value());
  }
  BOOST_TEST((roots.rootOf(files.back()) == std::optional<std::size_t>(7)));
  BOOST_TEST(!roots.holds("/data/g.txt"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
