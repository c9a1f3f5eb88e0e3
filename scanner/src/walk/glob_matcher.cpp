// SPDX-License-Identifier: Apache-2.0
#include "walk/glob_matcher.h"

#include <algorithm>

namespace jamul::scanner {
namespace {

Error malformed(std::string_view pattern, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument, "malformed glob: " + std::string(why),
               std::string(pattern));
}

}  // namespace

Result<GlobMatcher> GlobMatcher::compile(std::span<const std::string> patterns) {
  GlobMatcher matcher;
  matcher.patterns_.reserve(patterns.size());
  for (const std::string& text : patterns) {
    JAMUL_ASSIGN_OR_RETURN(Pattern pattern, compileOne(text));
    matcher.patterns_.push_back(std::move(pattern));
  }
  return matcher;
}

Result<GlobMatcher::Pattern> GlobMatcher::compileOne(std::string_view text) {
  Pattern pattern;
  std::string_view rest = text;
  // gitignore: the trailing '/' selects directories and the leading one anchors; neither counts as
  // the separator that makes a pattern match the whole path.
  if (!rest.empty() && rest.back() == '/') {
    pattern.directory_only = true;
    rest.remove_suffix(1);
  }
  bool anchored = false;
  if (!rest.empty() && rest.front() == '/') {
    anchored = true;
    rest.remove_prefix(1);
  }
  if (rest.empty()) return malformed(text, "empty pattern");

  std::size_t i = 0;
  const std::size_t n = rest.size();
  while (i <= n) {
    const std::size_t end = std::min(rest.find('/', i), n);
    // A '/' is never part of a set ('/' inside brackets is rejected below), so splitting on every
    // '/' first is safe; an escaped '/' ends up as a lone trailing '\' and is rejected too.
    const std::string_view raw = rest.substr(i, end - i);
    if (raw.empty()) return malformed(text, "empty path segment");
    Segment segment;
    if (raw == "**") {
      segment.any_depth = true;
    } else {
      std::vector<Token>& tokens = segment.tokens;
      auto appendLiteral = [&tokens](char c) {
        if (tokens.empty() || tokens.back().kind != TokenKind::kLiteral) tokens.push_back({});
        tokens.back().literal.push_back(c);
      };
      for (std::size_t j = 0; j < raw.size(); ++j) {
        const char c = raw[j];
        if (c == '*') {
          // "a**b" is "a*b" (gitignore): consecutive stars collapse.
          if (tokens.empty() || tokens.back().kind != TokenKind::kAnyRun) {
            tokens.push_back({TokenKind::kAnyRun, {}, {}});
          }
        } else if (c == '?') {
          tokens.push_back({TokenKind::kAnyByte, {}, {}});
        } else if (c == '\\') {
          if (++j == raw.size()) return malformed(text, "trailing '\\'");
          appendLiteral(raw[j]);
        } else if (c == '[') {
          // The set ends inside this segment, or the pattern is malformed: it cannot hold a '/'.
          Token set{TokenKind::kSet, {}, {}};
          std::size_t k = j + 1;
          bool negate = false;
          if (k < raw.size() && (raw[k] == '!' || raw[k] == '^')) {
            negate = true;
            ++k;
          }
          bool first = true;
          bool closed = false;
          auto next = [&](unsigned char& out) {
            if (k < raw.size() && raw[k] == '\\') ++k;
            if (k >= raw.size()) return false;
            out = static_cast<unsigned char>(raw[k++]);
            return true;
          };
          while (k < raw.size()) {
            if (raw[k] == ']' && !first) {
              closed = true;
              break;
            }
            first = false;
            unsigned char low = 0;
            if (!next(low)) break;
            if (k + 1 < raw.size() && raw[k] == '-' && raw[k + 1] != ']') {
              ++k;
              unsigned char high = 0;
              if (!next(high)) break;
              if (high < low) return malformed(text, "reversed range in '[...]'");
              for (unsigned b = low; b <= high; ++b) set.members.set(b);
            } else {
              set.members.set(low);
            }
          }
          if (!closed) {
            return malformed(text, end < n ? "'/' inside '[...]'" : "unclosed '['");
          }
          if (negate) set.members.flip();
          tokens.push_back(std::move(set));
          j = k;  // at the closing ']'
        } else {
          appendLiteral(c);
        }
      }
    }
    // "**/**" means no more than "**" and would only multiply the backtracking.
    const bool repeated_any_depth =
        segment.any_depth && !pattern.segments.empty() && pattern.segments.back().any_depth;
    if (!repeated_any_depth) pattern.segments.push_back(std::move(segment));
    i = end + 1;
  }
  pattern.name_only =
      !anchored && pattern.segments.size() == 1 && rest.find('/') == std::string_view::npos;
  return pattern;
}

bool GlobMatcher::matches(std::string_view relative_path, bool is_directory) const {
  const std::size_t slash = relative_path.rfind('/');
  const std::string_view name =
      slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1);
  for (const Pattern& pattern : patterns_) {
    if (pattern.directory_only && !is_directory) continue;
    if (pattern.name_only) {
      const Segment& only = pattern.segments.front();
      if (only.any_depth || matchSegment(only.tokens, name)) return true;
    } else if (matchSegments(pattern.segments, relative_path)) {
      return true;
    }
  }
  return false;
}

// The classic wildcard match with one backtrack point: on a mismatch, let the last '*' swallow one
// more byte and retry. Linear in practice, O(|tokens| * |text|) at worst, no allocation.
bool GlobMatcher::matchSegment(const std::vector<Token>& tokens, std::string_view text) {
  constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  std::size_t t = 0;
  std::size_t s = 0;
  std::size_t star_t = kNone;
  std::size_t star_s = 0;
  for (;;) {
    if (t < tokens.size()) {
      const Token& token = tokens[t];
      bool advanced = false;
      switch (token.kind) {
        case TokenKind::kAnyRun:
          star_t = t++;
          star_s = s;
          continue;
        case TokenKind::kAnyByte:
          advanced = s < text.size();
          if (advanced) ++s;
          break;
        case TokenKind::kSet:
          advanced = s < text.size() && token.members.test(static_cast<unsigned char>(text[s]));
          if (advanced) ++s;
          break;
        case TokenKind::kLiteral:
          advanced = text.substr(s).starts_with(token.literal);
          if (advanced) s += token.literal.size();
          break;
      }
      if (advanced) {
        ++t;
        continue;
      }
    } else if (s == text.size()) {
      return true;
    }
    if (star_t == kNone || star_s >= text.size()) return false;
    t = star_t + 1;
    s = ++star_s;
  }
}

bool GlobMatcher::matchSegments(std::span<const Segment> segments, std::string_view path) {
  if (segments.empty()) return path.empty();
  const Segment& head = segments.front();
  const std::span<const Segment> rest = segments.subspan(1);
  if (head.any_depth) {
    // A trailing "**" needs at least one segment: "a/**" is the contents of a, not a.
    if (rest.empty()) return !path.empty();
    for (;;) {
      if (matchSegments(rest, path)) return true;
      const std::size_t slash = path.find('/');
      if (slash == std::string_view::npos) return false;
      path.remove_prefix(slash + 1);
    }
  }
  if (path.empty()) return false;
  const std::size_t slash = path.find('/');
  if (!matchSegment(head.tokens, path.substr(0, slash))) return false;
  return matchSegments(
      rest, slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1));
}

}  // namespace jamul::scanner
