// SPDX-License-Identifier: Apache-2.0
#pragma once

// CfbBuilder: writes minimal valid OLE2 compound files ([MS-CFB] v3/v4) for the OLE extractor
// tests, so that every sample document is built by the test itself. Streams under 4096 bytes go
// to the mini stream, larger ones to regular sectors; `min_fat_sectors` pads the FAT so that the
// DIFAT needs extra sectors. The layout it reports lets tests corrupt chains and directory links.
//
// Sector layout: FAT, DIFAT, directory, MiniFAT, mini stream, then each large stream in order;
// with `metadata_last`, as Hancom and Office write files: mini stream, large streams, directory,
// MiniFAT, FAT, DIFAT, so that a file cut short loses its directory and FAT first (issue 12).
// Siblings are linked as a right-leaning list (a valid, if unbalanced, tree).

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace jamul::testing {

// UTF-16LE of a UTF-8 string (BMP only: enough for the Hangul and ASCII of the tests); the text
// encoding of HWP records and of Office and MSG strings.
inline std::string utf16(const std::string& utf8) {
  std::string out;
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    char32_t cp = c;
    if (c >= 0xE0) {
      cp = (c & 0x0F) << 12 | (utf8[i + 1] & 0x3F) << 6 | (utf8[i + 2] & 0x3F);
      i += 3;
    } else if (c >= 0xC0) {
      cp = (c & 0x1F) << 6 | (utf8[i + 1] & 0x3F);
      i += 2;
    } else {
      ++i;
    }
    out += static_cast<char>(cp & 0xFF);
    out += static_cast<char>(cp >> 8);
  }
  return out;
}


class CfbBuilder {
 public:
  static constexpr std::uint32_t kEnd = 0xFFFFFFFE;
  static constexpr std::uint32_t kFree = 0xFFFFFFFF;
  static constexpr std::uint32_t kNone = 0xFFFFFFFF;

  struct Layout {
    std::uint32_t sector_size = 512;
    std::uint32_t first_fat = 0;
    std::uint32_t first_dir = 0;
    std::map<std::string, std::uint32_t> entry_id;  // path -> directory entry id
    std::map<std::string, std::uint32_t> start;     // path -> first (mini) sector
    // Byte offset of sector `s` in the file.
    std::size_t offset(std::uint32_t s) const { return (std::size_t{s} + 1) * sector_size; }
    std::size_t fatEntry(std::uint32_t s) const { return offset(first_fat) + s * 4; }
    std::size_t dirEntry(std::uint32_t id) const { return offset(first_dir) + id * 128; }
  };

  explicit CfbBuilder(std::uint32_t sector_size = 512) : sector_size_(sector_size) {}

  // Adds a stream at `path` ("BodyText/Section0"); storages on the way are created. ASCII names.
  void add(const std::string& path, std::string data) {
    std::uint32_t parent = 0;
    std::size_t from = 0;
    for (;;) {
      const std::size_t slash = path.find('/', from);
      const std::string name =
          path.substr(from, slash == std::string::npos ? path.npos : slash - from);
      const std::string full = path.substr(0, slash);
      if (slash == std::string::npos) {
        nodes_.push_back({name, 2, parent, std::move(data)});
        ids_[full] = static_cast<std::uint32_t>(nodes_.size() - 1);
        return;
      }
      if (!ids_.count(full)) {
        nodes_.push_back({name, 1, parent, {}});
        ids_[full] = static_cast<std::uint32_t>(nodes_.size() - 1);
      }
      parent = ids_[full];
      from = slash + 1;
    }
  }

  std::uint32_t min_fat_sectors = 0;
  bool metadata_last = false;

  std::string build(Layout* layout_out = nullptr) const {
    const std::uint32_t ss = sector_size_;
    const std::uint32_t per_sector = ss / 4;
    Layout layout;
    layout.sector_size = ss;
    // Mini stream and MiniFAT.
    std::string mini;
    std::vector<std::uint32_t> mini_fat;
    std::vector<std::uint32_t> start(nodes_.size(), kEnd);
    for (std::size_t i = 1; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      if (n.type != 2 || n.data.empty() || n.data.size() >= 4096) continue;
      const auto first = static_cast<std::uint32_t>(mini.size() / 64);
      start[i] = first;
      const std::size_t count = (n.data.size() + 63) / 64;
      for (std::size_t k = 0; k < count; ++k)
        mini_fat.push_back(k + 1 < count ? first + static_cast<std::uint32_t>(k) + 1 : kEnd);
      mini += n.data;
      mini.resize(mini_fat.size() * 64, '\0');
    }
    auto sectorsFor = [&](std::size_t bytes) {
      return static_cast<std::uint32_t>((bytes + ss - 1) / ss);
    };
    const std::uint32_t dir_sectors = sectorsFor(nodes_.size() * 128);
    const std::uint32_t mini_fat_sectors = sectorsFor(mini_fat.size() * 4);
    const std::uint32_t mini_sectors = sectorsFor(mini.size());
    std::uint32_t big_sectors = 0;
    for (std::size_t i = 1; i < nodes_.size(); ++i)
      if (nodes_[i].type == 2 && nodes_[i].data.size() >= 4096)
        big_sectors += sectorsFor(nodes_[i].data.size());
    const std::uint32_t data_sectors = dir_sectors + mini_fat_sectors + mini_sectors + big_sectors;
    std::uint32_t fat = 1;
    std::uint32_t difat = 0;
    for (;;) {
      fat = std::max(fat, min_fat_sectors);
      difat = fat > 109 ? (fat - 109 + per_sector - 2) / (per_sector - 1) : 0;
      if (fat * per_sector >= data_sectors + fat + difat) break;
      ++fat;
    }
    const std::uint32_t total = fat + difat + data_sectors;
    std::vector<std::uint32_t> table(fat * per_sector, kFree);
    const std::uint32_t fat_start = metadata_last ? data_sectors : 0;
    const std::uint32_t difat_start = fat_start + fat;
    for (std::uint32_t s = fat_start; s < difat_start; ++s) table[s] = 0xFFFFFFFD;
    for (std::uint32_t s = difat_start; s < difat_start + difat; ++s) table[s] = 0xFFFFFFFC;
    std::uint32_t next = metadata_last ? 0 : fat + difat;
    auto chain = [&](std::uint32_t count) {
      const std::uint32_t first = count ? next : kEnd;
      for (std::uint32_t k = 0; k < count; ++k, ++next)
        table[next] = k + 1 < count ? next + 1 : kEnd;
      return first;
    };
    layout.first_fat = fat_start;
    std::uint32_t first_mini_fat = kEnd, first_mini = kEnd;
    auto metadata = [&] {
      layout.first_dir = chain(dir_sectors);
      first_mini_fat = chain(mini_fat_sectors);
    };
    if (!metadata_last) metadata();
    first_mini = chain(mini_sectors);
    for (std::size_t i = 1; i < nodes_.size(); ++i)
      if (nodes_[i].type == 2 && nodes_[i].data.size() >= 4096)
        start[i] = chain(sectorsFor(nodes_[i].data.size()));
    if (metadata_last) metadata();

    std::string file((std::size_t{total} + 1) * ss, '\0');
    auto put16 = [&](std::size_t at, std::uint32_t v) {
      file[at] = static_cast<char>(v & 0xFF);
      file[at + 1] = static_cast<char>((v >> 8) & 0xFF);
    };
    auto put32 = [&](std::size_t at, std::uint32_t v) {
      put16(at, v & 0xFFFF);
      put16(at + 2, v >> 16);
    };
    auto sectorAt = [&](std::uint32_t s) { return (std::size_t{s} + 1) * ss; };
    // Header (§2.2).
    file.replace(0, 8, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    put16(24, 0x3E);
    put16(26, ss == 512 ? 3 : 4);
    put16(28, 0xFFFE);
    put16(30, ss == 512 ? 9 : 12);
    put16(32, 6);
    put32(40, ss == 512 ? 0 : dir_sectors);
    put32(44, fat);
    put32(48, layout.first_dir);
    put32(56, 4096);
    put32(60, first_mini_fat);
    put32(64, mini_fat_sectors);
    put32(68, difat ? difat_start : kEnd);
    put32(72, difat);
    for (std::uint32_t i = 0; i < 109; ++i) put32(76 + i * 4, i < fat ? fat_start + i : kFree);
    // DIFAT sectors (§2.5).
    std::uint32_t listed = std::min<std::uint32_t>(fat, 109);
    for (std::uint32_t d = 0; d < difat; ++d) {
      const std::size_t at = sectorAt(difat_start + d);
      for (std::uint32_t k = 0; k < per_sector - 1; ++k)
        put32(at + k * 4, listed < fat ? fat_start + listed++ : kFree);
      put32(at + (per_sector - 1) * 4, d + 1 < difat ? difat_start + d + 1 : kEnd);
    }
    for (std::size_t i = 0; i < table.size(); ++i)
      put32(sectorAt(fat_start + static_cast<std::uint32_t>(i / per_sector)) + (i % per_sector) * 4,
            table[i]);
    // Directory (§2.6): children as right-sibling lists.
    std::vector<std::uint32_t> first_child(nodes_.size(), kNone), right(nodes_.size(), kNone);
    for (std::size_t i = nodes_.size(); i-- > 1;) {
      right[i] = first_child[nodes_[i].parent];
      first_child[nodes_[i].parent] = static_cast<std::uint32_t>(i);
    }
    for (std::size_t i = 0; i < nodes_.size(); ++i) {
      const Node& n = nodes_[i];
      const std::size_t at = sectorAt(layout.first_dir) + i * 128;
      for (std::size_t k = 0; k < n.name.size() && k < 31; ++k)
        put16(at + k * 2, static_cast<unsigned char>(n.name[k]));
      put16(at + 64,
            static_cast<std::uint32_t>((std::min<std::size_t>(n.name.size(), 31) + 1) * 2));
      file[at + 66] = static_cast<char>(n.type);
      file[at + 67] = 1;
      put32(at + 68, kNone);
      put32(at + 72, right[i]);
      put32(at + 76, first_child[i]);
      if (i == 0) {
        put32(at + 116, first_mini);
        put32(at + 120, static_cast<std::uint32_t>(mini.size()));
      } else {
        put32(at + 116, n.type == 2 ? start[i] : 0);
        put32(at + 120, static_cast<std::uint32_t>(n.data.size()));
      }
    }
    for (std::size_t i = nodes_.size(); i < std::size_t{dir_sectors} * ss / 128; ++i) {
      const std::size_t at = sectorAt(layout.first_dir) + i * 128;
      put32(at + 68, kNone);
      put32(at + 72, kNone);
      put32(at + 76, kNone);
    }
    // Contents.
    for (std::size_t k = 0; k < mini_fat.size(); ++k)
      put32(sectorAt(first_mini_fat) + k * 4, mini_fat[k]);
    if (!mini.empty()) file.replace(sectorAt(first_mini), mini.size(), mini);
    for (std::size_t i = 1; i < nodes_.size(); ++i)
      if (nodes_[i].type == 2 && nodes_[i].data.size() >= 4096)
        file.replace(sectorAt(start[i]), nodes_[i].data.size(), nodes_[i].data);
    for (const auto& [path, id] : ids_) {
      layout.entry_id[path] = id;
      layout.start[path] = start[id];
    }
    if (layout_out) *layout_out = layout;
    return file;
  }

 private:
  struct Node {
    std::string name;
    int type;  // 1 storage, 2 stream, 5 root
    std::uint32_t parent;
    std::string data;
  };
  std::uint32_t sector_size_;
  std::vector<Node> nodes_{{"Root Entry", 5, 0, {}}};
  std::map<std::string, std::uint32_t> ids_;
};

}  // namespace jamul::testing
