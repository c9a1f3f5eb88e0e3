// SPDX-License-Identifier: Apache-2.0
#include "extract/zip/zip_archive.h"
#include "jamul/common/bytes.h"

#include <archive.h>
#include <archive_entry.h>
#include <locale.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <memory>

#include "decode/text_decoder.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::zip {
namespace {

constexpr std::uint64_t kRatioFloor = std::uint64_t{1} << 20;  // ratios count above 1 MiB
constexpr std::size_t kReadChunk = 64 * 1024;
constexpr std::size_t kMaxListed = 1000000;

// libarchive converts member names to the current locale's charset and fails on non-ASCII names
// when that is the "C" locale (the default of a service). A UTF-8 LC_CTYPE for the calling thread
// only (uselocale) makes UTF-8-flagged names pass as stored and leaves unflagged names as raw
// bytes, which we decode ourselves. The locale object is immutable once built.
locale_t utf8Locale() {
  static const locale_t kLocale = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return kLocale;
}

class Utf8LocaleScope {
 public:
  Utf8LocaleScope() {
    if (utf8Locale() != static_cast<locale_t>(0)) previous_ = uselocale(utf8Locale());
  }
  ~Utf8LocaleScope() {
    if (previous_ != static_cast<locale_t>(0)) uselocale(previous_);
  }
  Utf8LocaleScope(const Utf8LocaleScope&) = delete;
  Utf8LocaleScope& operator=(const Utf8LocaleScope&) = delete;

 private:
  locale_t previous_ = static_cast<locale_t>(0);
};

struct ArchiveDeleter {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveDeleter>;

ArchivePtr openArchive(std::string_view bytes, bool streaming) {
  ArchivePtr a(archive_read_new());
  if (!a) return nullptr;
  // By default both readers: the seekable one (central directory: zip64, data descriptors after
  // stored members) wins when the end record is present. `streaming` alone is the fallback for
  // directories whose offsets are off (data prepended to the archive), which the seekable reader
  // rejects. Archives without an end record are not opened here (see list()).
  if (streaming)
    archive_read_support_format_zip_streamable(a.get());
  else
    archive_read_support_format_zip(a.get());
  Utf8LocaleScope scope;
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) return nullptr;
  return a;
}

using bytes::le16;
using bytes::le32;
using bytes::le64;

std::string decodeName(std::string_view raw) {
  if (utf8::isValid(raw)) return std::string(raw);
  auto decoder = decode::makeDecoder(decode::TextEncoding::kCp949);
  if (!decoder) return utf8::toValidLossy(raw);
  std::string name;
  (*decoder)->decode(raw, true, name);
  return name;
}

// The raw bytes of the current entry's name: libarchive keeps unflagged names undecoded (see
// Utf8LocaleScope); flagged names are UTF-8 already.
std::string rawName(archive_entry* entry, std::size_t index) {
  const char* name = archive_entry_pathname(entry);
  if (name == nullptr) name = archive_entry_pathname_utf8(entry);
  if (name == nullptr) return "member " + std::to_string(index + 1);
  return name;
}

ZipEntry describe(archive_entry* entry, std::string_view raw) {
  ZipEntry e;
  e.name = decodeName(raw);
  e.is_directory =
      archive_entry_filetype(entry) == AE_IFDIR || (!e.name.empty() && e.name.back() == '/');
  e.encrypted = archive_entry_is_encrypted(entry) != 0;
  if (archive_entry_size_is_set(entry)) e.declared_size = archive_entry_size(entry);
  return e;
}

int nextHeader(archive* a, archive_entry** entry) {
  Utf8LocaleScope scope;
  return archive_read_next_header(a, entry);
}

// The current entry's data from libarchive, as a source for readMember(). Blocks are taken as
// libarchive decompresses them (archive_read_data_block), because archive_read_data() drops the
// bytes it copied in a call that then fails: the last 64 KiB before a cut or a damaged spot.
class ArchiveData {
 public:
  explicit ArchiveData(archive* a) : a_(a) {}
  std::ptrdiff_t read(char* buffer, std::size_t size) {
    while (block_.empty()) {
      if (!failure_.isOk()) return -1;
      if (done_) return 0;
      const void* data = nullptr;
      std::size_t n = 0;
      la_int64_t offset = 0;
      const int r = archive_read_data_block(a_, &data, &n, &offset);
      if (r == ARCHIVE_EOF) {
        done_ = true;
        return 0;
      }
      if (r != ARCHIVE_OK) {
        const char* why = archive_error_string(a_);
        failure_ =
            why != nullptr && std::string_view(why).find("nsupported") != std::string_view::npos
                ? ExtractStatus::corrupt("unsupported zip compression method")
                : ExtractStatus::corrupt("unreadable zip member data");
        // A warning comes with the member's last block, which failed a check made at the end
        // (its size, its CRC): the block is handed out first.
        if (r != ARCHIVE_WARN) return -1;
      }
      block_ = std::string_view(static_cast<const char*>(data), data == nullptr ? 0 : n);
    }
    const std::size_t n = std::min(size, block_.size());
    std::memcpy(buffer, block_.data(), n);
    block_.remove_prefix(n);
    return static_cast<std::ptrdiff_t>(n);
  }
  const ExtractStatus& failure() const { return failure_; }

 private:
  archive* a_;
  std::string_view block_;  // decompressed bytes not yet handed out (libarchive's buffer)
  bool done_ = false;
  ExtractStatus failure_;
};

// Reads a member's data from `source` (ArchiveData or LocalMemberReader: read() gives > 0 bytes,
// 0 at the end, -1 with failure() set) under the limits (see the header). `compressed` is the
// member's compressed size for the ratio; `present` how much of it the file holds, which bounds
// what is reserved ahead. Sets `budget_spent` when a budget of the whole file (not of this member)
// stopped it. On failure `out` keeps what was read before it.
template <typename Source>
ExtractStatus readMember(Source& source, const ZipEntry& e, std::uint64_t compressed,
                         std::uint64_t present, ExtractContext& ctx, std::string& out,
                         bool& budget_spent) {
  out.clear();
  budget_spent = false;
  const ExtractLimits& limits = ctx.limits();
  if (e.encrypted) return ExtractStatus::protectedDoc("encrypted zip member");
  if (!ctx.chargeEntry()) {
    budget_spent = true;
    return ExtractStatus::tooLarge("more than " + std::to_string(limits.max_entries) +
                                   " archive members");
  }
  compressed = std::max<std::uint64_t>(compressed, 1);
  if (e.declared_size > 0) {
    const auto declared = static_cast<std::uint64_t>(e.declared_size);
    if (declared > limits.max_member_bytes)
      return ExtractStatus::tooLarge("zip bomb: member declares more than " +
                                     std::to_string(limits.max_member_bytes) + " bytes");
    if (declared > kRatioFloor && declared / compressed > limits.max_ratio)
      return ExtractStatus::tooLarge("zip bomb: ratio over " + std::to_string(limits.max_ratio));
    // No more than what the bytes present may expand to: a cut member's header promises more.
    const std::uint64_t ratio = std::max<std::uint64_t>(limits.max_ratio, 1);
    const std::uint64_t expandable = present > UINT64_MAX / ratio ? declared : present * ratio;
    out.reserve(static_cast<std::size_t>(std::min(declared, expandable)));
  }
  std::array<char, kReadChunk> buffer;
  std::uint64_t total = 0;
  for (;;) {
    const std::ptrdiff_t n = source.read(buffer.data(), buffer.size());
    if (n == 0) break;
    if (n < 0) return source.failure();
    total += static_cast<std::uint64_t>(n);
    if (total > limits.max_member_bytes)
      return ExtractStatus::tooLarge("zip bomb: member over " +
                                     std::to_string(limits.max_member_bytes) + " bytes");
    if (total > kRatioFloor && total / compressed > limits.max_ratio)
      return ExtractStatus::tooLarge("zip bomb: ratio over " + std::to_string(limits.max_ratio));
    if (!ctx.chargeExpanded(static_cast<std::uint64_t>(n))) {
      budget_spent = true;
      return ExtractStatus::tooLarge("zip bomb: more than " +
                                     std::to_string(limits.max_expanded_bytes) +
                                     " bytes decompressed");
    }
    out.append(buffer.data(), static_cast<std::size_t>(n));
    if ((total & ((std::uint64_t{1} << 22) - 1)) < static_cast<std::uint64_t>(n) && ctx.expired()) {
      budget_spent = true;
      return ExtractStatus::tooLarge("time budget spent");
    }
  }
  // More data than the headers declare: a damaged or forged member, read under the limits above
  // all the same (a bomb is a bomb first).
  if (e.declared_size >= 0 && total > static_cast<std::uint64_t>(e.declared_size))
    return ExtractStatus::corrupt("zip member larger than declared");
  return ExtractStatus::ok();
}

}  // namespace

ZipArchive::ZipArchive(std::string_view bytes) : bytes_(bytes) { readCentralDirectory(); }

// APPNOTE.TXT 6.3.10: §4.3.16 end of central directory record, §4.3.15 zip64 locator, §4.3.14
// zip64 end record, §4.3.12 central directory headers, §4.5.3 zip64 extended information.
void ZipArchive::readCentralDirectory() {
  const std::string_view s = bytes_;
  // True if [at, at + n) lies inside the bytes; written so that no offset read from the file
  // (up to 2^64 in zip64 records) can overflow the sum. (Found by fuzzing.)
  const auto fits = [&](std::uint64_t at, std::uint64_t n) {
    return at <= s.size() && s.size() - at >= n;
  };
  if (s.size() < 22) return;
  const std::size_t lowest = s.size() > 22 + 65535 ? s.size() - 22 - 65535 : 0;
  std::size_t eocd = std::string_view::npos;
  for (std::size_t i = s.size() - 22 + 1; i-- > lowest;) {
    if (s.compare(i, 4, "PK\x05\x06") == 0) {
      eocd = i;
      break;
    }
  }
  if (eocd == std::string_view::npos) return;
  std::uint64_t cd_size = le32(s, eocd + 12);
  std::uint64_t cd_offset = le32(s, eocd + 16);
  std::uint64_t cd_end = eocd;
  if (eocd >= 20 && s.compare(eocd - 20, 4, "PK\x06\x07") == 0) {
    const std::uint64_t z64 = le64(s, eocd - 20 + 8);
    if (fits(z64, 56) && s.compare(static_cast<std::size_t>(z64), 4, "PK\x06\x06") == 0) {
      cd_size = le64(s, static_cast<std::size_t>(z64) + 40);
      cd_offset = le64(s, static_cast<std::size_t>(z64) + 48);
      cd_end = z64;
    }
  }
  // Data prepended to the archive (self-extractors) shifts every offset; the directory ends
  // where the end record starts, so that is where to look first.
  std::uint64_t pos = cd_end >= cd_size ? cd_end - cd_size : cd_offset;
  if (!fits(pos, 4) || s.compare(static_cast<std::size_t>(pos), 4, "PK\x01\x02") != 0) {
    pos = cd_offset;
  } else if (pos != cd_offset && s.starts_with("PK\x03\x04")) {
    // A directory that is not where its record says, in a file that starts with a member rather
    // than a stub: either offsets a writer got wrong, or the record ends a zip stored inside one
    // of this file's members, whose own end was cut off (a seekable reader would then take the
    // inner archive for the file). In the second case this file has no end record.
    for (const LocalMember& m : walkLocalHeaders(s, kMaxListed).members)
      if (m.data_offset <= eocd && eocd - m.data_offset < m.data_size) return;
  }
  has_end_record_ = true;
  while (fits(pos, 46) && s.compare(static_cast<std::size_t>(pos), 4, "PK\x01\x02") == 0) {
    const auto p = static_cast<std::size_t>(pos);
    std::uint64_t compressed = le32(s, p + 20);
    const std::uint32_t uncompressed = le32(s, p + 24);
    const std::size_t name_len = le16(s, p + 28);
    const std::size_t extra_len = le16(s, p + 30);
    const std::size_t comment_len = le16(s, p + 32);
    if (p + 46 + name_len + extra_len > s.size()) break;
    const std::string_view name = s.substr(p + 46, name_len);
    if (compressed == 0xFFFFFFFFu) {
      std::string_view extra = s.substr(p + 46 + name_len, extra_len);
      while (extra.size() >= 4) {
        const std::size_t id = le16(extra, 0);
        const std::size_t len = std::min<std::size_t>(le16(extra, 2), extra.size() - 4);
        if (id == 0x0001) {
          const std::size_t at = 4 + (uncompressed == 0xFFFFFFFFu ? 8 : 0);
          if (at + 8 <= 4 + len) compressed = le64(extra, at);
          break;
        }
        extra.remove_prefix(4 + len);
      }
    }
    auto [it, inserted] = compressed_sizes_.emplace(std::string(name), compressed);
    if (!inserted) it->second = std::min(it->second, compressed);
    pos += 46 + name_len + extra_len + comment_len;
  }
}

std::uint64_t ZipArchive::compressedSize(std::string_view raw_name) const {
  const auto it = compressed_sizes_.find(std::string(raw_name));
  return it != compressed_sizes_.end() ? it->second : bytes_.size();
}

ExtractStatus ZipArchive::list() {
  // Every ZIP ends with this record (§4.3.16); without it the file was cut off, and the local
  // headers are all there is to go by.
  if (!has_end_record_) {
    listWith(Reader::kLocalHeaders);
    return ExtractStatus::corrupt("truncated zip: no end of central directory");
  }
  ExtractStatus status = listWith(Reader::kSeekable);
  if (status.status == FileStatus::kCorrupt) {
    // The seekable reader refused the directory; the local headers may still be in order.
    std::vector<ZipEntry> seekable = std::move(entries_);
    const ExtractStatus streamed = listWith(Reader::kStreaming);
    if (streamed.isOk() && entries_.size() >= seekable.size()) return streamed;
    // libarchive's streaming reader stops at the first member it cannot follow; our walk does not.
    listWith(Reader::kLocalHeaders);
    if (entries_.size() > seekable.size()) return status;
    entries_ = std::move(seekable);
    local_.clear();
    reader_ = Reader::kSeekable;
  }
  return status;
}

ExtractStatus ZipArchive::listWith(Reader reader) {
  entries_.clear();
  local_.clear();
  reader_ = reader;
  if (reader == Reader::kLocalHeaders) {
    LocalWalk walk = walkLocalHeaders(bytes_, kMaxListed);
    local_ = std::move(walk.members);
    for (const LocalMember& m : local_)
      entries_.push_back({decodeName(m.raw_name), m.is_directory, m.encrypted, m.declared_size});
    if (entries_.empty()) return ExtractStatus::corrupt("not a readable zip archive");
    return walk.skipped_garbage ? ExtractStatus::corrupt("damaged zip: garbage between members")
                                : ExtractStatus::ok();
  }
  ArchivePtr a = openArchive(bytes_, reader == Reader::kStreaming);
  if (!a) return ExtractStatus::corrupt("not a readable zip archive");
  archive_entry* entry = nullptr;
  for (;;) {
    const int r = nextHeader(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return ExtractStatus::corrupt("broken zip directory");
    const std::string raw = rawName(entry, entries_.size());
    entries_.push_back(describe(entry, raw));
    // Headers cost ~46 bytes each, so the listing is bounded by the input; this bounds it anyway.
    if (entries_.size() > kMaxListed) return ExtractStatus::tooLarge("too many zip members");
  }
  return ExtractStatus::ok();
}

const ZipEntry* ZipArchive::find(std::string_view name) const {
  for (const ZipEntry& e : entries_)
    if (e.name == name) return &e;
  return nullptr;
}

ExtractStatus ZipArchive::readLocal(std::size_t index, ExtractContext& ctx, std::string& out,
                                    bool& budget_spent) const {
  const LocalMember& m = local_[index];
  LocalMemberReader reader(bytes_, m);
  return readMember(reader, entries_[index], m.compressed_size, m.data_size, ctx, out,
                    budget_spent);
}

ExtractStatus ZipArchive::read(std::string_view name, ExtractContext& ctx, std::string& out) {
  out.clear();
  bool budget_spent = false;
  if (reader_ == Reader::kLocalHeaders) {
    for (std::size_t i = 0; i < entries_.size(); ++i)
      if (entries_[i].name == name && !entries_[i].is_directory)
        return readLocal(i, ctx, out, budget_spent);
    return ExtractStatus::corrupt("zip member missing");
  }
  ArchivePtr a = openArchive(bytes_, reader_ == Reader::kStreaming);
  if (!a) return ExtractStatus::corrupt("not a readable zip archive");
  archive_entry* entry = nullptr;
  for (std::size_t index = 0;; ++index) {
    const int r = nextHeader(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return ExtractStatus::corrupt("broken zip directory");
    const std::string raw = rawName(entry, index);
    const ZipEntry e = describe(entry, raw);
    if (e.name != name || e.is_directory) continue;
    ArchiveData data(a.get());
    const std::uint64_t compressed = compressedSize(raw);
    return readMember(data, e, compressed, std::min<std::uint64_t>(compressed, bytes_.size()), ctx,
                      out, budget_spent);
  }
  return ExtractStatus::corrupt("zip member missing");
}

ExtractStatus ZipArchive::forEachMember(ExtractContext& ctx, const Visitor& visit) {
  ExtractStatus status;
  std::string data;
  // Reads and visits one member; false once a budget of the whole file is spent. A member that
  // broke off (cut, damaged) is visited with what was read of it: its text still counts.
  const auto take = [&](const ZipEntry& e, const ExtractStatus& read, bool budget_spent) {
    foldStatus(status, read);
    if (budget_spent) return false;  // the other members would fail the same way
    if (read.isOk() || (read.status == FileStatus::kCorrupt && !data.empty()))
      foldStatus(status, visit(e, data));
    return true;
  };
  if (reader_ == Reader::kLocalHeaders) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (ctx.expired()) {
        foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
        break;
      }
      if (entries_[i].is_directory) continue;
      bool budget_spent = false;
      const ExtractStatus read = readLocal(i, ctx, data, budget_spent);
      if (!take(entries_[i], read, budget_spent)) break;
    }
    return status;
  }
  ArchivePtr a = openArchive(bytes_, reader_ == Reader::kStreaming);
  if (!a) return ExtractStatus::corrupt("not a readable zip archive");
  archive_entry* entry = nullptr;
  for (std::size_t index = 0;; ++index) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    const int r = nextHeader(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) {
      foldStatus(status, ExtractStatus::corrupt("broken zip directory"));
      break;
    }
    const std::string raw = rawName(entry, index);
    const ZipEntry e = describe(entry, raw);
    if (e.is_directory) continue;
    bool budget_spent = false;
    ArchiveData source(a.get());
    const std::uint64_t compressed = compressedSize(raw);
    const ExtractStatus read =
        readMember(source, e, compressed, std::min<std::uint64_t>(compressed, bytes_.size()), ctx,
                   data, budget_spent);
    if (!take(e, read, budget_spent)) break;
  }
  return status;
}

}  // namespace jamul::scanner::extract::zip
