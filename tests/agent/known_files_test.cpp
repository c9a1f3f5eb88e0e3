// SPDX-License-Identifier: Apache-2.0
#include "inventory/known_files.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

namespace jamul::agent {
namespace {

// An entry viewing `path`: the caller keeps `path` alive until add() has copied it.
KnownFiles::Entry entryFor(const std::string& path, std::int64_t id) {
  KnownFiles::Entry e;
  e.id = id;
  e.path = path;
  e.size = static_cast<std::uint64_t>(id) * 10;
  e.detail = id % 3 == 0 ? std::string_view("binary file") : std::string_view();
  e.format = "text/utf-8";
  return e;
}

BOOST_AUTO_TEST_SUITE(known_files)

BOOST_AUTO_TEST_CASE(finds_every_path_and_nothing_else_after_the_index_is_built) {
  KnownFiles files;
  std::vector<std::string> paths;
  for (int i = 0; i < 5000; ++i)
    paths.push_back("/home/민원/" + std::to_string(i % 7) + "/file-" + std::to_string(i) + ".txt");
  // The strings are copied: the source may go away.
  {
    std::vector<std::string> copies = paths;
    for (std::size_t i = 0; i < copies.size(); ++i)
      files.add(entryFor(copies[i], static_cast<std::int64_t>(i) + 1));
    copies.assign(copies.size(), std::string(200, 'x'));
  }
  BOOST_TEST(!files.find(paths[0]).has_value());  // not indexed yet
  files.buildIndex();
  BOOST_REQUIRE(files.size() == paths.size());
  for (std::size_t i = 0; i < paths.size(); ++i) {
    const std::optional<std::uint32_t> handle = files.find(paths[i]);
    BOOST_REQUIRE(handle.has_value());
    BOOST_TEST(*handle == i);
    BOOST_TEST(files[*handle].path == paths[i]);
    BOOST_TEST(files[*handle].id == static_cast<std::int64_t>(i) + 1);
    BOOST_TEST(files[*handle].format == "text/utf-8");
    BOOST_TEST(files[*handle].detail == (i % 3 == 2 ? "binary file" : ""));
  }
  BOOST_TEST(!files.find("/home/민원/0/file-5000.txt").has_value());
  BOOST_TEST(!files.find("/home/민원/0/file-0.tx").has_value());  // a prefix of a known path
  BOOST_TEST(!files.find("").has_value());
  files.clear();
  BOOST_TEST(files.empty());
  BOOST_TEST(!files.find(paths[0]).has_value());
}

BOOST_AUTO_TEST_CASE(append_keeps_both_halves_and_their_strings) {
  KnownFiles lower, upper;
  const std::string big(100 * 1024, 'c');  // larger than a quarter block: a block of its own
  for (int i = 0; i < 3000; ++i) {
    // The names outlive the entries that view them until add() has copied them.
    const std::string low_name = "/r/low-" + std::to_string(i);
    const std::string up_name = "/r/up-" + std::to_string(i);
    KnownFiles::Entry e = entryFor(low_name, i);
    lower.add(e);
    KnownFiles::Entry u = entryFor(up_name, 10000 + i);
    if (i == 7) u.report_cache = big;
    upper.add(u);
  }
  lower.append(std::move(upper));
  BOOST_TEST(upper.empty());
  lower.buildIndex();
  BOOST_REQUIRE(lower.size() == 6000u);
  const std::optional<std::uint32_t> low = lower.find("/r/low-2999");
  const std::optional<std::uint32_t> up = lower.find("/r/up-7");
  BOOST_REQUIRE(low.has_value());
  BOOST_REQUIRE(up.has_value());
  BOOST_TEST(lower[*low].id == 2999);
  BOOST_TEST(lower[*up].id == 10007);
  BOOST_TEST(lower[*up].report_cache == big);

  // Appending to an empty store takes the other as it is.
  KnownFiles empty;
  empty.append(std::move(lower));
  empty.buildIndex();
  BOOST_TEST(empty.size() == 6000u);
  BOOST_TEST(empty.find("/r/up-2999").has_value());
}

BOOST_AUTO_TEST_CASE(an_empty_store_finds_nothing) {
  KnownFiles files;
  BOOST_TEST(!files.find("/a").has_value());
  files.buildIndex();
  BOOST_TEST(!files.find("/a").has_value());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
