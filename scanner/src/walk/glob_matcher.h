// SPDX-License-Identifier: Apache-2.0
#pragma once

// GlobMatcher: a compiled set of gitignore-like patterns, asked whether an entry below a walk root
// matches any of them. Used by FileWalker for WalkOptions::include and ::exclude.
//
// Syntax (byte-wise, case-sensitive; a name may hold any bytes but '/' and NUL):
//   *        any run of bytes within one path segment (never '/')
//   ?        one byte other than '/'
//   [abc]    one byte of the set; [a-z] a range; [!a] or [^a] any byte but those. A ']' first
//            in the set is a member; '-' first or last is a member; \x escapes inside a set too.
//   **       as a whole segment ("**/x", "a/**/b", "a/**"): any number of segments (zero or more;
//            at the end of a pattern one or more, so "a/**" is what is inside a, not a itself).
//            Elsewhere ("a**b") it is the same as '*'.
//   \x       the byte x literally (e.g. "\*", "\[").
//   pattern without '/'       matches the entry's name at any depth ("*.tmp", "node_modules").
//   pattern with a '/'        matches the whole path below the root ("docs/*.txt"); a leading '/'
//                             only anchors ("/build" is "build" at the root only).
//   trailing '/'              matches directories only ("cache/"); not counted as a '/' above.
//
// Malformed patterns (empty, an unclosed '[', a reversed range "[z-a]", a '/' inside a set, an
// empty segment "a//b", a trailing lone '\') are rejected at compile().
//
// Thread-safety: immutable after compile(); matches() may be called from several threads at once.

#include <bitset>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::scanner {

class GlobMatcher {
 public:
  // Compiles `patterns`. Fails with kInvalidArgument, whose subject is the first malformed pattern.
  static Result<GlobMatcher> compile(std::span<const std::string> patterns);

  GlobMatcher() = default;  // matches nothing

  bool empty() const { return patterns_.empty(); }

  // Returns true if `relative_path` matches at least one pattern. `relative_path` is the entry's
  // path below the walk root: segments separated by single '/', no leading or trailing '/'.
  // `is_directory` says whether the entry is a directory (for patterns ending in '/').
  bool matches(std::string_view relative_path, bool is_directory) const;

 private:
  enum class TokenKind : std::uint8_t { kLiteral, kAnyByte, kAnyRun, kSet };
  struct Token {
    TokenKind kind = TokenKind::kLiteral;
    std::string literal;       // kLiteral
    std::bitset<256> members;  // kSet, negation already applied
  };
  struct Segment {
    bool any_depth = false;     // "**"
    std::vector<Token> tokens;  // otherwise
  };
  struct Pattern {
    std::vector<Segment> segments;
    bool name_only = false;       // no '/': match the last segment of the path only
    bool directory_only = false;  // trailing '/'
  };

  static Result<Pattern> compileOne(std::string_view pattern);
  static bool matchSegment(const std::vector<Token>& tokens, std::string_view text);
  static bool matchSegments(std::span<const Segment> segments, std::string_view path);

  std::vector<Pattern> patterns_;
};

}  // namespace jamul::scanner
