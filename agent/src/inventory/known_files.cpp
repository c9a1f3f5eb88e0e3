// SPDX-License-Identifier: Apache-2.0
#include "inventory/known_files.h"

#include <bit>
#include <cstring>
#include <functional>
#include <iterator>

namespace jamul::agent {
namespace {

// Arena blocks: large enough that a 100,000-file inventory needs a few dozen, small enough that a
// small one wastes little. A string longer than kOwnBlockFrom gets a block of its own, so that it
// does not strand the free tail of the current block.
constexpr std::size_t kBlockSize = 256 * 1024;
constexpr std::size_t kOwnBlockFrom = kBlockSize / 4;

std::uint64_t pathHash(std::string_view path) { return std::hash<std::string_view>{}(path); }

}  // namespace

void KnownFiles::reserve(std::size_t entries) { entries_.reserve(entries); }

std::string_view KnownFiles::store(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() >= kOwnBlockFrom) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(text.size()));
    std::memcpy(blocks_.back().get(), text.data(), text.size());
    return {blocks_.back().get(), text.size()};
  }
  if (text.size() > left_) {
    blocks_.push_back(std::make_unique_for_overwrite<char[]>(kBlockSize));
    free_ = blocks_.back().get();
    left_ = kBlockSize;
  }
  std::memcpy(free_, text.data(), text.size());
  const std::string_view stored(free_, text.size());
  free_ += text.size();
  left_ -= text.size();
  return stored;
}

void KnownFiles::add(const Entry& entry) {
  Entry& e = entries_.emplace_back(entry);
  e.path = store(entry.path);
  e.detail = store(entry.detail);
  e.format = store(entry.format);
  e.report_cache = store(entry.report_cache);
}

void KnownFiles::append(KnownFiles&& other) {
  if (entries_.empty() && blocks_.empty()) {
    *this = std::move(other);
    other.clear();
    return;
  }
  entries_.insert(entries_.end(), other.entries_.begin(), other.entries_.end());
  // Moving the unique_ptrs keeps the blocks where they are, so the views stay valid. The current
  // block stays this store's own; the other's free tail is given up.
  blocks_.insert(blocks_.begin(), std::make_move_iterator(other.blocks_.begin()),
                 std::make_move_iterator(other.blocks_.end()));
  other.clear();
}

void KnownFiles::buildIndex() {
  // At most half full, so that probes stay short (and a miss, the common case of a new file,
  // ends at an empty slot soon).
  const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, entries_.size() * 2));
  slots_.assign(capacity, 0);
  const std::size_t mask = capacity - 1;
  for (std::uint32_t handle = 0; handle < entries_.size(); ++handle) {
    const std::uint64_t hash = pathHash(entries_[handle].path);
    const std::uint64_t tag = hash >> 32;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const std::uint64_t slot = slots_[i];
      if (slot == 0) {
        slots_[i] = (tag << 32) | (static_cast<std::uint64_t>(handle) + 1);
        break;
      }
      const std::uint32_t other = static_cast<std::uint32_t>(slot) - 1;
      if ((slot >> 32) == tag && entries_[other].path == entries_[handle].path) break;  // twice
    }
  }
}

std::optional<std::uint32_t> KnownFiles::find(std::string_view path) const {
  if (slots_.empty()) return std::nullopt;
  const std::uint64_t hash = pathHash(path);
  const std::uint64_t tag = hash >> 32;
  const std::size_t mask = slots_.size() - 1;
  for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
    const std::uint64_t slot = slots_[i];
    if (slot == 0) return std::nullopt;
    const std::uint32_t handle = static_cast<std::uint32_t>(slot) - 1;
    if ((slot >> 32) == tag && entries_[handle].path == path) return handle;
  }
}

void KnownFiles::clear() {
  // Assigning new vectors, not clear(): the memory goes back too.
  entries_ = std::vector<Entry>();
  blocks_ = std::vector<std::unique_ptr<char[]>>();
  slots_ = std::vector<std::uint64_t>();
  free_ = nullptr;
  left_ = 0;
}

}  // namespace jamul::agent
