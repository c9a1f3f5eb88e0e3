// SPDX-License-Identifier: Apache-2.0
#pragma once

// CompoundFile: a read-only view of an OLE2 compound file ([MS-CFB] v3 and v4: 512- and 4096-byte
// sectors), written from the specification so that every loop is bounded by what the bytes hold.
//
//   auto cf = CompoundFile::open(bytes);          // header, DIFAT, FAT, MiniFAT, directory
//   if (!cf) return corrupt(cf.error().message());
//   auto id = cf->find({"BodyText", "Section0"}); // storage path, names compared
//   case-insensitively auto data = cf->readStream(*id);              // regular or mini stream, by
//   its size
//
// Robustness contract: cyclic or out-of-range sector chains, directory cycles and sizes larger
// than the file are reported as kCorrupt errors, never followed; no allocation exceeds a small
// multiple of the file's size, since every sector is read at most once per chain. A stream's
// contents are at most the file's size. Errors' messages are English and never hold document text.
//
// Thread-safety: immutable after open(); borrows `bytes`, which must outlive the object.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/result.h"

namespace jamul::scanner::extract::ole {

class CompoundFile {
 public:
  // [MS-CFB] §2.6.1 object types.
  enum class EntryType : std::uint8_t { kUnknown = 0, kStorage = 1, kStream = 2, kRoot = 5 };

  struct Entry {
    std::string name;  // UTF-8 (invalid UTF-16 becomes U+FFFD)
    EntryType type = EntryType::kUnknown;
    std::uint32_t left = kNoStream;
    std::uint32_t right = kNoStream;
    std::uint32_t child = kNoStream;
    std::uint32_t start = 0;  // first sector (or mini sector)
    std::uint64_t size = 0;
    std::uint32_t parent = kNoStream;  // kNoStream for the root and for unreachable entries
  };

  static constexpr std::uint32_t kNoStream = 0xFFFFFFFF;
  static constexpr std::uint32_t kRootId = 0;

  // Parses the header, the sector allocation tables and the directory. Fails with
  // kUnsupportedFormat when `bytes` lacks the signature, kCorrupt when the structures break the
  // format (bad sector size, chain out of range or cyclic, no root entry).
  static Result<CompoundFile> open(std::string_view bytes);

  const std::vector<Entry>& entries() const { return entries_; }
  std::uint16_t majorVersion() const { return major_version_; }
  std::uint32_t sectorSize() const { return sector_size_; }

  // The ids of a storage's children, in directory (sorted) order; entries reached through a cycle
  // are listed once, at their first occurrence.
  std::vector<std::uint32_t> children(std::uint32_t storage) const;
  // The child of `storage` named `name` (ASCII case-insensitive, as [MS-CFB] §2.6.4 compares).
  std::optional<std::uint32_t> child(std::uint32_t storage, std::string_view name) const;
  // The entry at `path` below the root ({"BodyText", "Section0"}).
  std::optional<std::uint32_t> find(std::initializer_list<std::string_view> path) const;

  // The contents of stream `id`: from the mini stream when its size is below the cutoff, else
  // from its sector chain. Fails with kCorrupt when the chain is out of range, cyclic or shorter
  // than the size says (the message names the stream), kInvalidArgument for a non-stream id.
  Result<std::string> readStream(std::uint32_t id) const;

 private:
  CompoundFile(std::string_view bytes) : bytes_(bytes) {}

  Result<void> parse();
  // Appends sector `sector` (zero-padded if the file ends inside it) to `out`.
  void appendSector(std::uint32_t sector, std::string& out) const;
  // Reads the chain starting at `start` in `fat` (sectors of `unit` bytes, read by `append`),
  // stopping after `max_bytes` (or at ENDOFCHAIN when max_bytes is unbounded).
  Result<std::string> readChain(std::uint32_t start, std::uint64_t max_bytes, bool mini,
                                std::string_view what) const;
  void linkTree();

  std::string_view bytes_;
  std::uint16_t major_version_ = 3;
  std::uint32_t sector_size_ = 512;
  std::uint32_t mini_sector_size_ = 64;
  std::uint32_t mini_cutoff_ = 4096;
  std::uint32_t sector_count_ = 0;  // sectors whose first byte lies inside the file
  std::vector<std::uint32_t> fat_;
  std::vector<std::uint32_t> mini_fat_;
  std::string mini_stream_;
  std::vector<Entry> entries_;
};

}  // namespace jamul::scanner::extract::ole
