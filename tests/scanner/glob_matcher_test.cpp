// SPDX-License-Identifier: Apache-2.0
#include "walk/glob_matcher.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "support/scanner_printers.h"

namespace jamul::scanner {
namespace {

struct Case {
  std::string pattern;
  std::string path;  // relative to the walk root
  bool is_directory;
  bool expected;
};

GlobMatcher compileOrDie(std::vector<std::string> patterns) {
  Result<GlobMatcher> matcher = GlobMatcher::compile(patterns);
  BOOST_REQUIRE_MESSAGE(matcher.ok(), (matcher.ok() ? "" : matcher.error().toString()));
  return std::move(matcher).value();
}

void checkCases(const std::vector<Case>& cases) {
  for (const Case& c : cases) {
    BOOST_TEST_CONTEXT("pattern '" << c.pattern << "', path '" << c.path << "'"
                                   << (c.is_directory ? " (dir)" : "")) {
      const GlobMatcher matcher = compileOrDie({c.pattern});
      BOOST_TEST(matcher.matches(c.path, c.is_directory) == c.expected);
    }
  }
}

BOOST_AUTO_TEST_SUITE(glob_matcher)

BOOST_AUTO_TEST_CASE(star_and_question_mark_stay_within_a_segment) {
  // clang-format off
  checkCases({
      {"*.txt", "a.txt", false, true},
      {"*.txt", ".txt", false, true},
      {"*.txt", "a.txt.bak", false, false},
      {"*.txt", "a.TXT", false, false},  // case-sensitive
      {"*.tar.gz", "x.tar.gz", false, true},
      {"*.tar.gz", "x.tar.gz.tar", false, false},
      {"?.txt", "a.txt", false, true},
      {"?.txt", "ab.txt", false, false},
      {"?.txt", ".txt", false, false},
      {"a*b*c", "aXbYc", false, true},
      {"a*b*c", "aXbYcZ", false, false},
      {"*a*b*c*", "xaxbxcx", false, true},
      {"*a*b*c*", "xaxcxbx", false, false},
      {"a*a*a*a*b", std::string(40, 'a'), false, false},
      {"x/a*c", "x/a/c", false, false},  // '*' never crosses '/'
      {"x/a?c", "x/a/c", false, false},  // nor does '?'
      {"x/a**c", "x/a/b/c", false, false},  // "**" inside a segment is just '*'
      {"x/a**c", "x/abbc", false, true},
      {"a.txt", "a.txt", false, true},
      {"a.txt", "xa.txt", false, false},
  });
  // clang-format on
}

BOOST_AUTO_TEST_CASE(character_classes) {
  // clang-format off
  checkCases({
      {"[abc].txt", "b.txt", false, true},
      {"[abc].txt", "d.txt", false, false},
      {"[a-c]x", "bx", false, true},
      {"[a-c]x", "dx", false, false},
      {"[!a]x", "bx", false, true},
      {"[!a]x", "ax", false, false},
      {"[^a]x", "ax", false, false},
      {"[]]x", "]x", false, true},
      {"[!]]x", "]x", false, false},
      {"[a-]x", "-x", false, true},
      {"[-a]x", "-x", false, true},
      {"[\\]]x", "]x", false, true},
      {"[0-9][0-9]", "42", false, true},
      {"[0-9][0-9]", "4a", false, false},
  });
  // clang-format on
}

BOOST_AUTO_TEST_CASE(a_pattern_without_slash_matches_the_name_at_any_depth) {
  // clang-format off
  checkCases({
      {"*.txt", "dir/a.txt", false, true},
      {"*.txt", "a/b/c/a.txt", false, true},
      {"node_modules", "node_modules", true, true},
      {"node_modules", "src/node_modules", true, true},
      {"node_modules", "src/node_modules_old", true, false},
      {"b", "a/b/c", false, false},  // only the last segment (the entry's own name)
      {"*", "a/b", false, true},
  });
  // clang-format on
}

BOOST_AUTO_TEST_CASE(a_pattern_with_slash_matches_the_path_from_the_root) {
  // clang-format off
  checkCases({
      {"docs/*.txt", "docs/a.txt", false, true},
      {"docs/*.txt", "x/docs/a.txt", false, false},
      {"docs/*.txt", "docs/sub/a.txt", false, false},
      {"/build", "build", true, true},
      {"/build", "src/build", true, false},
      {"a/b", "a/b", false, true},
      {"a/b", "a/b/c", false, false},
  });
  // clang-format on
}

BOOST_AUTO_TEST_CASE(double_star_matches_any_number_of_segments) {
  // clang-format off
  checkCases({
      {"**/foo", "foo", false, true},
      {"**/foo", "a/foo", false, true},
      {"**/foo", "a/b/foo", false, true},
      {"**/foo", "a/foox", false, false},
      {"a/**/b", "a/b", false, true},
      {"a/**/b", "a/x/b", false, true},
      {"a/**/b", "a/x/y/b", false, true},
      {"a/**/b", "a/x/y/c", false, false},
      {"a/**/b", "b", false, false},
      {"a/**", "a/x", false, true},
      {"a/**", "a/x/y", false, true},
      {"a/**", "a", true, false},  // the contents of a, not a itself (gitignore)
      {"**", "x", false, true},
      {"**", "a/b", false, true},
      {"**/**/x", "x", false, true},
      {"docs/**/*.txt", "docs/a.txt", false, true},
      {"docs/**/*.txt", "docs/x/y/a.txt", false, true},
      {"docs/**/*.txt", "docs/x/y/a.doc", false, false},
      {"docs/**/*.txt", "other/docs/a.txt", false, false},
      {"**/cache/**", "home/cache/x/y.bin", false, true},
      {"**/cache/**", "home/cache", true, false},
  });
  // clang-format on
}

BOOST_AUTO_TEST_CASE(trailing_slash_matches_directories_only) {
  // clang-format off
  checkCases({
      {"build/", "build", true, true},
      {"build/", "build", false, false},
      {"build/", "src/build", true, true},
      {"/build/", "src/build", true, false},
      {"a/b/", "a/b", true, true},
      {"a/b/", "a/b", false, false},
  });
  // clang-format on
}

BOOST_AUTO_TEST_CASE(matching_is_bytewise_and_escapes_are_literal) {
  // clang-format off
  checkCases({
      {"\xff*", "\xff\xfe.txt", false, true},
      {"\xff*", "\xfe\xff.txt", false, false},
      {"[\x80-\xff]*", "\xc3\xa9.txt", false, true},
      {"[\x80-\xff]*", "e.txt", false, false},
      {"?.txt", "\xc3\xa9.txt", false, false},  // one byte, not one character
      {"??.txt", "\xc3\xa9.txt", false, true},
      {"\\*.txt", "*.txt", false, true},
      {"\\*.txt", "a.txt", false, false},
      {"\\[a].txt", "[a].txt", false, true},
      {"\\[a].txt", "a.txt", false, false},
  });
  // clang-format on
}

BOOST_AUTO_TEST_CASE(a_set_matches_if_any_pattern_matches) {
  const GlobMatcher matcher = compileOrDie({"*.tmp", "/cache/", "docs/**/*.bak"});
  BOOST_TEST(matcher.matches("x/y.tmp", false));
  BOOST_TEST(matcher.matches("cache", true));
  BOOST_TEST(!matcher.matches("cache", false));
  BOOST_TEST(matcher.matches("docs/a/b.bak", false));
  BOOST_TEST(!matcher.matches("docs/a/b.txt", false));
  BOOST_TEST(!GlobMatcher().matches("anything", false));
  BOOST_TEST(GlobMatcher().empty());
  BOOST_TEST(!matcher.empty());
}

BOOST_AUTO_TEST_CASE(malformed_patterns_are_invalid_argument) {
  for (const std::string pattern :
       {"", "/", "//", "[abc", "a/[b", "[a/b]", "[z-a]", "a//b", "foo\\", "[]", "[!]", "a\\/b"}) {
    BOOST_TEST_CONTEXT("pattern '" << pattern << "'") {
      const std::vector<std::string> patterns{"*.ok", pattern};
      Result<GlobMatcher> matcher = GlobMatcher::compile(patterns);
      BOOST_REQUIRE(!matcher.ok());
      BOOST_TEST(matcher.error().code() == ErrorCode::kInvalidArgument);
      BOOST_TEST(matcher.error().subject() == pattern);
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
