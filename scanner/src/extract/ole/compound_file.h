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

  // What readStream() reads of stream `id` before its chain breaks (issue 12): in a file cut short
  // or with a damaged FAT, the first sectors of a stream may be present when its last ones are
  // not. `status` is what readStream() would fail with (ok for a whole stream, whose `data` is then
  // readStream()'s); `data` holds the (mini) sectors followed before the break, in order, cut to
  // the stream's size.
  struct StreamPrefix {
    std::string data;
    Status status;
  };
  StreamPrefix readStreamPrefix(std::uint32_t id) const;

  // The bytes that the sectors in use need: up to the end of the last sector the FAT allocates.
  // A file may be longer (free sectors at its end, a stray byte), never shorter when whole.
  std::uint64_t usedSize() const { return used_size_; }
  // True when the bytes do not wholly hold the sectors in use: the file was cut short (issue 12).
  // What open() read is good, and streams whose sectors are all present read whole; the file is
  // damaged all the same.
  bool cutShort() const { return used_size_ > bytes_.size(); }

  // The bytes the file was opened on (for salvaging what its directory no longer leads to).
  std::string_view bytes() const { return bytes_; }

 private:
  CompoundFile(std::string_view bytes) : bytes_(bytes) {}

  Result<void> parse();
  // Appends sector `sector` (zero-padded if the file ends inside it) to `out`.
  void appendSector(std::uint32_t sector, std::string& out) const;
  // Reads the chain starting at `start` in `fat` (sectors of `unit` bytes, read by `append`),
  // stopping after `max_bytes` (or at ENDOFCHAIN when max_bytes is unbounded).
  Result<std::string> readChain(std::uint32_t start, std::uint64_t max_bytes, bool mini,
                                std::string_view what, bool whole_sectors = false) const;
  // readChain(), keeping what was read before an error. With `whole_sectors`, a sector the file
  // holds only the start of is an error (for the directory and MiniFAT: zero padding would make
  // up entries).
  StreamPrefix followChain(std::uint32_t start, std::uint64_t max_bytes, bool mini,
                           std::string_view what, bool whole_sectors = false) const;
  void linkTree();

  std::string_view bytes_;
  std::uint16_t major_version_ = 3;
  std::uint32_t sector_size_ = 512;
  std::uint32_t mini_sector_size_ = 64;
  std::uint32_t mini_cutoff_ = 4096;
  std::uint32_t sector_count_ = 0;  // sectors whose first byte lies inside the file
  std::uint32_t whole_count_ = 0;   // sectors the file holds wholly
  std::uint64_t used_size_ = 0;
  std::vector<std::uint32_t> fat_;
  std::vector<std::uint32_t> mini_fat_;
  std::string mini_stream_;
  std::vector<Entry> entries_;
};

}  // namespace jamul::scanner::extract::ole
