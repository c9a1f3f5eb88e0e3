// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/compound_file.h"

#include <algorithm>
#include <cstring>

#include "extract/ole/ole_util.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::ole {
namespace {

// [MS-CFB] §2.1 special sector numbers.
constexpr std::uint32_t kMaxRegSect = 0xFFFFFFFA;
constexpr std::uint32_t kEndOfChain = 0xFFFFFFFE;
constexpr std::uint32_t kFreeSect = 0xFFFFFFFF;
constexpr std::size_t kHeaderFields = 512;
constexpr std::size_t kDirEntrySize = 128;
constexpr std::uint64_t kUnbounded = ~std::uint64_t{0};

Error corrupt(std::string message) { return Error(ErrorCode::kCorrupt, std::move(message)); }

// Directory entry names are UTF-16LE, at most 31 units plus a terminator (§2.6.1).
std::string entryName(std::string_view raw, std::uint16_t length_bytes) {
  std::size_t units = std::min<std::size_t>(length_bytes / 2, 32);
  if (units > 0) --units;  // the terminator
  std::string name;
  for (std::size_t i = 0; i < units; ++i) {
    char32_t c = le16(raw, i * 2);
    if (c == 0) break;
    if (c >= 0xD800 && c <= 0xDBFF && i + 1 < units) {
      const char32_t low = le16(raw, (i + 1) * 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
        ++i;
      }
    }
    if (c >= 0xD800 && c <= 0xDFFF) c = 0xFFFD;
    utf8::append(name, c);
  }
  return name;
}

bool equalsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    auto x = static_cast<unsigned char>(a[i]);
    auto y = static_cast<unsigned char>(b[i]);
    if (x >= 'A' && x <= 'Z') x |= 0x20;
    if (y >= 'A' && y <= 'Z') y |= 0x20;
    if (x != y) return false;
  }
  return true;
}

}  // namespace

Result<CompoundFile> CompoundFile::open(std::string_view bytes) {
  static constexpr std::string_view kSignature("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);
  if (bytes.size() < kHeaderFields || bytes.substr(0, 8) != kSignature)
    return Error(ErrorCode::kUnsupportedFormat, "not an OLE2 compound file");
  CompoundFile file(bytes);
  if (Result<void> parsed = file.parse(); !parsed) return parsed.error();
  return file;
}

Result<void> CompoundFile::parse() {
  // §2.2 header. Version 3 has 512-byte sectors, version 4 4096-byte ones; we accept either
  // shift with either version, as readers in the field do, but nothing else.
  major_version_ = le16(bytes_, 26);
  const std::uint16_t sector_shift = le16(bytes_, 30);
  const std::uint16_t mini_shift = le16(bytes_, 32);
  if (sector_shift != 9 && sector_shift != 12)
    return corrupt("unsupported sector size 2^" + std::to_string(sector_shift));
  if (mini_shift != 6)
    return corrupt("unsupported mini sector size 2^" + std::to_string(mini_shift));
  sector_size_ = 1u << sector_shift;
  mini_sector_size_ = 1u << mini_shift;
  mini_cutoff_ = le32(bytes_, 56);
  if (mini_cutoff_ != 4096)
    mini_cutoff_ = 4096;  // §2.2: MUST be 4096; trust the spec, not the field
  if (bytes_.size() <= sector_size_) return corrupt("compound file has no sectors");
  sector_count_ = static_cast<std::uint32_t>(std::min<std::uint64_t>(
      (bytes_.size() - sector_size_ + sector_size_ - 1) / sector_size_, kMaxRegSect));
  whole_count_ = static_cast<std::uint32_t>(
      std::min<std::uint64_t>((bytes_.size() - sector_size_) / sector_size_, kMaxRegSect));

  const std::uint32_t fat_sectors = le32(bytes_, 44);
  const std::uint32_t first_dir = le32(bytes_, 48);
  const std::uint32_t first_mini_fat = le32(bytes_, 60);
  const std::uint32_t mini_fat_sectors = le32(bytes_, 64);
  // The DIFAT sector count (offset 72) is not trusted: the chain is followed while FAT sectors
  // are missing, bounded by the sectors present.
  std::uint32_t difat_sector = le32(bytes_, 68);
  if (fat_sectors > sector_count_) return corrupt("FAT larger than the file");

  // §2.5 DIFAT: 109 entries in the header, then a chain of DIFAT sectors whose last entry links
  // to the next. The chain is bounded by the sectors present and checked for cycles.
  std::vector<std::uint32_t> fat_locations;
  fat_locations.reserve(fat_sectors);
  for (std::size_t i = 0; i < 109 && fat_locations.size() < fat_sectors; ++i) {
    const std::uint32_t s = le32(bytes_, 76 + i * 4);
    if (s == kFreeSect || s == kEndOfChain) break;
    fat_locations.push_back(s);
  }
  std::vector<bool> seen(sector_count_, false);
  const std::uint32_t per_difat = sector_size_ / 4 - 1;
  while (fat_locations.size() < fat_sectors && difat_sector <= kMaxRegSect) {
    if (difat_sector >= sector_count_) return corrupt("DIFAT sector out of range");
    if (difat_sector >= whole_count_) return corrupt("DIFAT sector cut short");
    if (seen[difat_sector]) return corrupt("DIFAT chain has a cycle");
    seen[difat_sector] = true;
    std::string sector;
    appendSector(difat_sector, sector);
    for (std::uint32_t i = 0; i < per_difat && fat_locations.size() < fat_sectors; ++i) {
      const std::uint32_t s = le32(sector, i * 4);
      if (s == kFreeSect || s == kEndOfChain) continue;
      fat_locations.push_back(s);
    }
    difat_sector = le32(sector, per_difat * 4);
  }
  if (fat_locations.empty()) return corrupt("compound file has no FAT");

  // §2.3 FAT. Each FAT sector is read once; a sector listed twice is a broken DIFAT.
  std::fill(seen.begin(), seen.end(), false);
  std::string fat_bytes;
  fat_bytes.reserve(fat_locations.size() * sector_size_);
  for (const std::uint32_t s : fat_locations) {
    if (s >= sector_count_) return corrupt("FAT sector out of range");
    // Issue 12: the zeros that would stand for the missing end of a FAT sector are chains.
    if (s >= whole_count_) return corrupt("FAT sector cut short");
    if (seen[s]) return corrupt("FAT sector listed twice");
    seen[s] = true;
    appendSector(s, fat_bytes);
  }
  fat_.resize(fat_bytes.size() / 4);
  for (std::size_t i = 0; i < fat_.size(); ++i) fat_[i] = le32(fat_bytes, i * 4);
  // Writers mark every sector past the last one they use as free, so a sector in use that the
  // file does not wholly hold means the file lost its end. (A file may end in free sectors or a
  // few bytes more than its sectors; those are not in use.)
  for (std::size_t i = fat_.size(); i-- > 0;) {
    if (fat_[i] != kFreeSect) {
      used_size_ = (std::uint64_t{i} + 2) * sector_size_;
      break;
    }
  }

  // §2.6 directory: a chain of 128-byte entries.
  Result<std::string> dir = readChain(first_dir, kUnbounded, false, "directory", true);
  if (!dir) return dir.error();
  const std::size_t count = dir->size() / kDirEntrySize;
  entries_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string_view raw = std::string_view(*dir).substr(i * kDirEntrySize, kDirEntrySize);
    Entry e;
    e.name = entryName(raw, le16(raw, 64));
    const auto type = static_cast<unsigned char>(raw[66]);
    e.type =
        type == 1 || type == 2 || type == 5 ? static_cast<EntryType>(type) : EntryType::kUnknown;
    e.left = le32(raw, 68);
    e.right = le32(raw, 72);
    e.child = le32(raw, 76);
    e.start = le32(raw, 116);
    e.size = le32(raw, 120);
    // §2.6.3: in version 3 files the high 32 bits of the size may be garbage and are ignored.
    if (major_version_ >= 4) e.size |= std::uint64_t{le32(raw, 124)} << 32;
    entries_.push_back(std::move(e));
  }
  if (entries_.empty() || entries_[kRootId].type != EntryType::kRoot)
    return corrupt("compound file has no root entry");
  linkTree();

  // §2.4 MiniFAT and the mini stream (the root entry's chain): small streams live there.
  if (mini_fat_sectors > 0 && first_mini_fat <= kMaxRegSect) {
    Result<std::string> mini_fat = readChain(
        first_mini_fat, std::uint64_t{mini_fat_sectors} * sector_size_, false, "MiniFAT", true);
    if (!mini_fat) return mini_fat.error();
    mini_fat_.resize(mini_fat->size() / 4);
    for (std::size_t i = 0; i < mini_fat_.size(); ++i) mini_fat_[i] = le32(*mini_fat, i * 4);
  }
  const Entry& root = entries_[kRootId];
  if (root.size > 0 && root.start <= kMaxRegSect) {
    if (root.size > bytes_.size()) return corrupt("mini stream larger than the file");
    Result<std::string> mini = readChain(root.start, root.size, false, "mini stream");
    if (!mini) return mini.error();
    mini_stream_ = std::move(*mini);
  }
  return {};
}

void CompoundFile::appendSector(std::uint32_t sector, std::string& out) const {
  const std::uint64_t offset = (std::uint64_t{sector} + 1) * sector_size_;
  const std::size_t old = out.size();
  out.resize(old + sector_size_, '\0');
  if (offset < bytes_.size()) {
    const std::size_t n = std::min<std::uint64_t>(sector_size_, bytes_.size() - offset);
    std::memcpy(out.data() + old, bytes_.data() + offset, n);
  }
}

Result<std::string> CompoundFile::readChain(std::uint32_t start, std::uint64_t max_bytes, bool mini,
                                            std::string_view what, bool whole_sectors) const {
  StreamPrefix chain = followChain(start, max_bytes, mini, what, whole_sectors);
  if (!chain.status) return chain.status.error();
  return std::move(chain.data);
}

CompoundFile::StreamPrefix CompoundFile::followChain(std::uint32_t start, std::uint64_t max_bytes,
                                                     bool mini, std::string_view what,
                                                     bool whole_sectors) const {
  const std::vector<std::uint32_t>& table = mini ? mini_fat_ : fat_;
  const std::uint32_t unit = mini ? mini_sector_size_ : sector_size_;
  const std::uint64_t present =
      mini ? std::min<std::uint64_t>(mini_stream_.size() / unit, table.size())
           : std::min<std::uint64_t>(sector_count_, table.size());
  std::vector<bool> seen(present, false);
  StreamPrefix out;
  if (max_bytes != kUnbounded) out.data.reserve(std::min<std::uint64_t>(max_bytes, bytes_.size()));
  std::uint32_t s = start;
  while (out.data.size() < max_bytes) {
    if (s == kEndOfChain) {
      if (max_bytes == kUnbounded) break;
      out.status = corrupt("truncated " + std::string(what) + " (sector chain ends early)");
      break;
    }
    if (s >= present) {
      out.status = corrupt(std::string(what) + " sector out of range");
      break;
    }
    if (seen[s]) {
      out.status = corrupt(std::string(what) + " sector chain has a cycle");
      break;
    }
    if (whole_sectors && s >= whole_count_) {
      out.status = corrupt(std::string(what) + " cut short");
      break;
    }
    seen[s] = true;
    if (mini) {
      out.data.append(mini_stream_, std::size_t{s} * unit, unit);
    } else {
      appendSector(s, out.data);
    }
    s = table[s];
  }
  if (max_bytes != kUnbounded && out.data.size() > max_bytes) out.data.resize(max_bytes);
  return out;
}

void CompoundFile::linkTree() {
  // Every storage's children form a binary tree through left/right links (§2.6.4). Walk from the
  // root with an explicit stack; an entry reached a second time (a cycle or a shared subtree) is
  // not followed again, so the walk visits each entry at most once.
  std::vector<bool> reached(entries_.size(), false);
  reached[kRootId] = true;
  std::vector<std::uint32_t> storages{kRootId};
  std::vector<std::uint32_t> stack;
  while (!storages.empty()) {
    const std::uint32_t storage = storages.back();
    storages.pop_back();
    stack.assign(1, entries_[storage].child);
    while (!stack.empty()) {
      const std::uint32_t id = stack.back();
      stack.pop_back();
      if (id >= entries_.size() || reached[id]) continue;
      reached[id] = true;
      Entry& e = entries_[id];
      e.parent = storage;
      stack.push_back(e.left);
      stack.push_back(e.right);
      if (e.type == EntryType::kStorage) storages.push_back(id);
    }
  }
}

std::vector<std::uint32_t> CompoundFile::children(std::uint32_t storage) const {
  // In-order walk of the sibling tree gives the sorted order; bounded by a visited set.
  std::vector<std::uint32_t> out;
  if (storage >= entries_.size()) return out;
  std::vector<bool> visited(entries_.size(), false);
  std::vector<std::uint32_t> stack;
  std::uint32_t id = entries_[storage].child;
  while (!stack.empty() || (id < entries_.size() && !visited[id])) {
    while (id < entries_.size() && !visited[id] && entries_[id].parent == storage) {
      visited[id] = true;
      stack.push_back(id);
      id = entries_[id].left;
    }
    if (stack.empty()) break;
    const std::uint32_t top = stack.back();
    stack.pop_back();
    out.push_back(top);
    id = entries_[top].right;
  }
  return out;
}

std::optional<std::uint32_t> CompoundFile::child(std::uint32_t storage,
                                                 std::string_view name) const {
  for (const std::uint32_t id : children(storage))
    if (equalsIgnoringAsciiCase(entries_[id].name, name)) return id;
  return std::nullopt;
}

std::optional<std::uint32_t> CompoundFile::find(
    std::initializer_list<std::string_view> path) const {
  std::uint32_t id = kRootId;
  for (const std::string_view name : path) {
    const std::optional<std::uint32_t> next = child(id, name);
    if (!next) return std::nullopt;
    id = *next;
  }
  return id;
}

Result<std::string> CompoundFile::readStream(std::uint32_t id) const {
  StreamPrefix stream = readStreamPrefix(id);
  if (!stream.status) return stream.status.error();
  return std::move(stream.data);
}

CompoundFile::StreamPrefix CompoundFile::readStreamPrefix(std::uint32_t id) const {
  if (id >= entries_.size() || entries_[id].type != EntryType::kStream)
    return {{}, Error(ErrorCode::kInvalidArgument, "not a stream")};
  const Entry& e = entries_[id];
  const std::string what = "stream " + utf8::toValidLossy(e.name);
  if (e.size == 0) return {};
  // A size larger than the file is a lie; the chain is still followed as far as the file goes,
  // each sector at most once.
  if (e.size > bytes_.size()) {
    StreamPrefix prefix = followChain(e.start, bytes_.size(), e.size < mini_cutoff_, what);
    prefix.status = corrupt(what + " larger than the file");
    return prefix;
  }
  return followChain(e.start, e.size, e.size < mini_cutoff_, what);
}

}  // namespace jamul::scanner::extract::ole
