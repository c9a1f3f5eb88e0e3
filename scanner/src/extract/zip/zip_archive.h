// SPDX-License-Identifier: Apache-2.0
#pragma once

// ZipArchive: the libarchive adapter behind the ZIP extractors. It lists the members of a ZIP held
// in memory and reads members into memory one at a time, under the budgets of an ExtractContext:
//   * one ctx.chargeEntry() per member read, and ctx.chargeExpanded() for every decompressed byte;
//   * a member whose declared or actual size passes limits().max_member_bytes, or whose
//     decompressed / compressed ratio passes limits().max_ratio once over 1 MiB, is a zip bomb:
//     reading stops (nothing beyond the limit is decompressed) with kTooLarge "zip bomb: ...";
//   * an encrypted member is kProtected (the archive's other members stay readable).
// Member names are UTF-8: names flagged UTF-8 (APPNOTE.TXT §4.4.4 bit 11) as stored, unflagged
// names as stored when they are valid UTF-8, otherwise decoded as CP949 (Korean Windows zip tools).
// Compressed sizes for the ratio come from our own read of the central directory (libarchive does
// not expose them); when it is unreadable, the whole archive's size stands in, an upper bound.
// An archive without its end of central directory record (cut off), or whose directory neither of
// libarchive's readers accepts, is read from its local headers instead (local_headers.h, issue
// 12): list() reports it kCorrupt, but every member found is listed and readable, a member cut
// by the end of the file up to the cut.
//
// Thread-safety: one ZipArchive per thread; it borrows the bytes, which must outlive it.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractor.h"
#include "extract/zip/local_headers.h"

namespace jamul::scanner::extract::zip {

struct ZipEntry {
  std::string name;  // UTF-8 path inside the archive, as stored ("word/document.xml")
  bool is_directory = false;
  bool encrypted = false;
  std::int64_t declared_size = -1;  // uncompressed size from the headers, -1 if unknown
};

class ZipArchive {
 public:
  // Borrows `bytes` (a whole ZIP file).
  explicit ZipArchive(std::string_view bytes);

  // Lists the members (headers only, no data). Returns kOk, or kCorrupt when the archive is not
  // readable as a ZIP or its directory is missing or breaks off (the members listed before the
  // break, or found from the local headers, are kept and stay readable).
  ExtractStatus list();
  const std::vector<ZipEntry>& entries() const { return entries_; }
  // The first listed member named exactly `name`, or nullptr.
  const ZipEntry* find(std::string_view name) const;

  // Reads the first member named `name` into `out` (replacing its contents) under the limits
  // described above. kOk with the whole member, or the status that stopped it (`out` then holds
  // what was decompressed before the stop, for text extraction to use if it likes: the prefix of
  // a truncated member, with kCorrupt "truncated zip member").
  ExtractStatus read(std::string_view name, ExtractContext& ctx, std::string& out);

  // Streams every member that is not a directory, in archive order, in one pass: reads it (as
  // read() does) and calls `visit` with its bytes. A member that cannot be read (encrypted, too
  // large, corrupt) is folded into the result and skipped; `visit`'s results are folded too.
  // Stops early when a budget (entries, expanded bytes, time) is spent.
  using Visitor = std::function<ExtractStatus(const ZipEntry&, std::string_view bytes)>;
  ExtractStatus forEachMember(ExtractContext& ctx, const Visitor& visit);

 private:
  enum class Reader { kSeekable, kStreaming, kLocalHeaders };

  void readCentralDirectory();
  ExtractStatus listWith(Reader reader);
  std::uint64_t compressedSize(std::string_view raw_name) const;
  ExtractStatus readLocal(std::size_t index, ExtractContext& ctx, std::string& out,
                          bool& budget_spent) const;

  std::string_view bytes_;
  bool has_end_record_ = false;
  // libarchive's seekable reader; its streaming one when the seekable one refused the directory;
  // our walk of the local headers when neither could (or there is no directory to refuse).
  Reader reader_ = Reader::kSeekable;
  std::vector<ZipEntry> entries_;
  std::vector<LocalMember> local_;  // with kLocalHeaders: the member behind each entry
  // Raw (undecoded) member name -> smallest compressed size of the members of that name.
  std::unordered_map<std::string, std::uint64_t> compressed_sizes_;
};

}  // namespace jamul::scanner::extract::zip
