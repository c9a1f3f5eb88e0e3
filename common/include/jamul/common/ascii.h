// SPDX-License-Identifier: Apache-2.0
#pragma once

// ASCII-only text helpers for protocol and format keywords (MIME headers, HTML tags, charset
// names, file extensions). ASCII on purpose: locale-dependent case mapping would touch Hangul and
// other non-ASCII bytes, and keywords are ASCII by their specifications.
//
// Pure functions; thread-safe.

#include <string>
#include <string_view>

namespace jamul::ascii {

inline char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c; }

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = lower(c);
  return out;
}

inline bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// `s` without leading and trailing ASCII white space (space, tab, CR, LF, FF, VT).
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

}  // namespace jamul::ascii
