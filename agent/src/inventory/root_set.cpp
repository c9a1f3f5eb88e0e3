// SPDX-License-Identifier: Apache-2.0
#include "jamul/agent/root_set.h"

namespace jamul::agent {
namespace {

bool atOrBelow(std::string_view path, std::string_view dir) {
  if (dir == "/") return !path.empty() && path.front() == '/';
  return path.starts_with(dir) && (path.size() == dir.size() || path[dir.size()] == '/');
}

}  // namespace

RootSet::RootSet(std::span<const std::string> roots) : roots_(roots.begin(), roots.end()) {
  if (roots_.size() <= kLinearUpTo) return;
  index_.reserve(roots_.size());
  for (std::size_t i = 0; i < roots_.size(); ++i) index_.emplace(roots_[i], i);  // keeps the first
}

std::optional<std::size_t> RootSet::rootOf(std::string_view path) const { return find(path, true); }

std::optional<std::size_t> RootSet::rootAbove(std::string_view path) const {
  return find(path, false);
}

std::optional<std::size_t> RootSet::find(std::string_view path, bool include_self) const {
  if (index_.empty()) {
    // Nearest: the longest root that holds the path.
    std::optional<std::size_t> best;
    for (std::size_t i = 0; i < roots_.size(); ++i) {
      const std::string& root = roots_[i];
      if (!atOrBelow(path, root) || (!include_self && root.size() == path.size())) continue;
      if (!best || root.size() > roots_[*best].size()) best = i;
    }
    return best;
  }
  std::string_view at = path;
  if (!include_self) {
    if (at == "/" || at.empty()) return std::nullopt;
    const auto slash = at.rfind('/');
    if (slash == std::string_view::npos) return std::nullopt;
    at = slash == 0 ? std::string_view("/") : at.substr(0, slash);
  }
  for (;;) {
    if (const auto it = index_.find(at); it != index_.end()) return it->second;
    if (at == "/" || at.empty()) return std::nullopt;
    const auto slash = at.rfind('/');
    if (slash == std::string_view::npos) return std::nullopt;
    at = slash == 0 ? std::string_view("/") : at.substr(0, slash);
  }
}

}  // namespace jamul::agent
