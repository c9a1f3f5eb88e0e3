// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading a ZIP whose central directory is gone (issue 12): a file cut in half, a download that
// stopped, a directory that libarchive will not accept. Every member is preceded by a local file
// header (APPNOTE.TXT 6.3.10 §4.3.7) that names it and, usually, gives its sizes, so the members
// can be found by walking those headers from the start of the file, as ZipArchive does when the
// end of central directory record is missing or its directory is unreadable:
//
//   walkLocalHeaders(bytes) ──> LocalMember{name, method, where its data lies, complete?} ...
//   LocalMemberReader(bytes, member).read(buffer) ──> the member's bytes, stored or inflated
//
// A member whose sizes are in its header is skipped by them. One written with a data descriptor
// (§4.3.9, flag bit 3: sizes after the data) ends where a descriptor whose compressed size matches
// the distance travelled is found, with or without its optional signature, zip64 or not. A member
// whose data runs past the end of the bytes is the last one: its data is what is present, and it is
// marked incomplete, so a reader gets the prefix that was written (for deflate: what inflates
// before the cut). Bytes before the first header (a self-extractor's stub) are skipped; garbage
// between members is skipped to the next local header signature.
//
// Nothing here allocates in proportion to a size read from the file: walking costs one pass over
// the bytes, and the reader hands out a caller-sized chunk at a time; the budgets (entries, sizes,
// ratio, time) are applied by the caller, ZipArchive.
//
// Thread-safety: pure functions and per-member objects; the bytes are borrowed.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "extract/extractor.h"

struct z_stream_s;

namespace jamul::scanner::extract::zip {

struct LocalMember {
  std::string raw_name;  // as stored (decoded by the caller)
  bool is_directory = false;
  bool encrypted = false;             // flag bit 0
  std::uint16_t method = 0;           // §4.4.5: 0 stored, 8 deflated; others are not read
  std::int64_t declared_size = -1;    // uncompressed size from the header or descriptor, -1 if none
  std::uint64_t compressed_size = 0;  // from the header or descriptor, else the bytes present
  std::size_t data_offset = 0;
  std::size_t data_size = 0;  // bytes of compressed data present in the file
  bool complete = true;       // false: the data breaks off at the end of the file
};

struct LocalWalk {
  std::vector<LocalMember> members;  // in file order
  bool skipped_garbage = false;      // bytes between members that were not a record were skipped
};

// Walks the local headers of `bytes` (see above), stopping at the central directory, at the end
// of the bytes, or after `max_members` members.
LocalWalk walkLocalHeaders(std::string_view bytes, std::size_t max_members);

// The uncompressed bytes of one member found by walkLocalHeaders(), a chunk at a time.
class LocalMemberReader {
 public:
  // Borrows `bytes` (the whole archive) and `member`.
  LocalMemberReader(std::string_view bytes, const LocalMember& member);
  ~LocalMemberReader();
  LocalMemberReader(const LocalMemberReader&) = delete;
  LocalMemberReader& operator=(const LocalMemberReader&) = delete;

  // Writes up to `size` bytes to `buffer`. Returns how many (> 0), 0 at the member's end, or -1
  // once it cannot go on: failure() then says why ("truncated zip member", "unreadable zip member
  // data", "unsupported zip compression method"). Bytes returned before a failure are good.
  std::ptrdiff_t read(char* buffer, std::size_t size);
  const ExtractStatus& failure() const { return failure_; }

 private:
  std::string_view data_;  // the compressed bytes present
  const LocalMember& member_;
  std::size_t consumed_ = 0;  // stored members: bytes handed out
  std::unique_ptr<z_stream_s> zstream_;
  bool inflate_ready_ = false;
  bool done_ = false;
  ExtractStatus failure_;
};

}  // namespace jamul::scanner::extract::zip
