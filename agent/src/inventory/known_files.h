// SPDX-License-Identifier: Apache-2.0
// What the inventory knows of the files under a rescan's roots, held in memory for the scan.
//
// An unchanged rescan asks about every file three times (the walker: unchanged?; the sink: its
// stored report, then "seen"), and an agent may know hundreds of thousands of files, so this is a
// flat store, not a map of strings: entries in one vector, every string in a few large arena
// blocks, and an open-addressing index of 64-bit slots holding part of the path's hash and the
// entry's position. Loading costs no allocation per file, a lookup touches the index slot and one
// path, and the whole store is freed in a handful of calls. The position of an entry is its
// handle: the oracle hands it to the walker, which passes it back with the report (FileReport::
// cache_handle), so the sink finds the entry without hashing the path again.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "jamul/common/error.h"
#include "jamul/common/file_signature.h"
#include "jamul/scanner/file_entry.h"
#include "jamul/scanner/file_report.h"

namespace jamul::agent {

class KnownFiles {
 public:
  // One stored file row. The views point into the store's arena: valid while the store lives and
  // is not cleared (moving the store keeps them valid).
  struct Entry : FileSignature {
    std::int64_t id = 0;
    std::uint64_t text_bytes = 0;
    std::string_view path;
    std::string_view detail;
    std::string_view format;
    std::string_view report_cache;  // packed findings (report_cache.h); empty: none, or read tables
    std::optional<ErrorCode> error_code;
    scanner::FileStatus status = scanner::FileStatus::kError;
    bool current_ruleset = false;
    bool truncated = false;
    bool has_findings = false;
  };

  KnownFiles() = default;
  KnownFiles(KnownFiles&&) noexcept = default;
  KnownFiles& operator=(KnownFiles&&) noexcept = default;

  void reserve(std::size_t entries);
  // Copies `entry`, with its strings, into the store. Not indexed until buildIndex().
  void add(const Entry& entry);
  // Moves every entry of `other` (and its arena) to the end of this store; `other` is left empty.
  void append(KnownFiles&& other);
  // Indexes every entry by path. Paths are unique in the inventory; were one added twice, find()
  // would return one of them. Call once loading is over; find() sees nothing before.
  void buildIndex();

  // The handle of the entry with this path, if any.
  std::optional<std::uint32_t> find(std::string_view path) const;
  // REQUIRES: handle < size().
  const Entry& operator[](std::uint32_t handle) const { return entries_[handle]; }
  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  const std::vector<Entry>& entries() const { return entries_; }

  // Frees everything: entries, strings, index.
  void clear();

 private:
  std::string_view store(std::string_view text);

  std::vector<Entry> entries_;
  std::vector<std::unique_ptr<char[]>> blocks_;
  char* free_ = nullptr;              // the unused tail of the last block
  std::size_t left_ = 0;              // its size
  std::vector<std::uint64_t> slots_;  // 0: empty; else (hash bits << 32) | (handle + 1)
};

}  // namespace jamul::agent
