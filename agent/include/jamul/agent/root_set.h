// SPDX-License-Identifier: Apache-2.0
#pragma once

// RootSet: the roots of a scan (absolute, normalised paths: no trailing '/', no '.' or '..'), and
// which of them holds a given path. A command line may name 20,000 files, each a root: a lookup
// costs a hash probe per level of the path's depth, never a pass over the roots. A handful of
// roots (the usual case) are compared one by one, which is cheaper than hashing.
//
// Thread-safety: immutable after construction; lookups may run on any thread.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace jamul::agent {

class RootSet {
 public:
  explicit RootSet(std::span<const std::string> roots);
  RootSet(const RootSet&) = delete;  // index_ views roots_' strings
  RootSet& operator=(const RootSet&) = delete;

  // The index (into the roots given) of the nearest root at or above `path`; the first of equal
  // roots. nullopt when no root holds it.
  std::optional<std::size_t> rootOf(std::string_view path) const;
  // The same for roots strictly above `path` (a root inside another is covered by it).
  std::optional<std::size_t> rootAbove(std::string_view path) const;
  bool holds(std::string_view path) const { return rootOf(path).has_value(); }
  std::size_t size() const { return roots_.size(); }

 private:
  std::optional<std::size_t> find(std::string_view path, bool include_self) const;

  static constexpr std::size_t kLinearUpTo = 8;
  std::vector<std::string> roots_;
  std::unordered_map<std::string_view, std::size_t> index_;  // empty while size() <= kLinearUpTo
};

}  // namespace jamul::agent
