// SPDX-License-Identifier: Apache-2.0
#pragma once

// Builders of legacy Office test documents, written from the specifications so every sample is
// made by the test itself: BIFF8 workbooks ([MS-XLS]), Word 97 streams ([MS-DOC] FIB, Clx,
// PlcPcd), PowerPoint record streams ([MS-PPT]) and Outlook property streams ([MS-OXMSG]). They
// return stream contents; CfbBuilder wraps them in a compound file.

#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "cfb_builder.h"

namespace jamul::testing::office {

inline std::string le16(std::uint32_t v) {
  return std::string{static_cast<char>(v & 0xFF), static_cast<char>((v >> 8) & 0xFF)};
}
inline std::string le32(std::uint32_t v) { return le16(v & 0xFFFF) + le16(v >> 16); }
inline std::string byte(std::uint32_t v) { return std::string(1, static_cast<char>(v & 0xFF)); }

inline void put32(std::string& s, std::size_t at, std::uint32_t v) { s.replace(at, 4, le32(v)); }

using ::jamul::testing::utf16;

// ---- Excel BIFF8 ([MS-XLS] §2.1.4 records: type, size, data) ----
namespace xls {

inline std::string record(std::uint16_t type, const std::string& data) {
  return le16(type) + le16(static_cast<std::uint32_t>(data.size())) + data;
}
inline std::string bof(std::uint16_t dt) {
  return record(0x0809, le16(0x0600) + le16(dt) + std::string(12, '\0'));
}
inline std::string eof() { return record(0x000A, ""); }
inline std::string cellHeader(std::uint16_t row, std::uint16_t col) {
  return le16(row) + le16(col) + le16(15);
}
inline std::string labelSst(std::uint16_t row, std::uint16_t col, std::uint32_t index) {
  return record(0x00FD, cellHeader(row, col) + le32(index));
}
// LABEL with an XLUnicodeString: 16-bit characters when `wide`.
inline std::string label(std::uint16_t row, std::uint16_t col, const std::string& utf8, bool wide) {
  const std::string chars = wide ? utf16(utf8) : utf8;
  return record(0x0204,
                cellHeader(row, col) +
                    le16(static_cast<std::uint32_t>(wide ? chars.size() / 2 : chars.size())) +
                    byte(wide ? 1 : 0) + chars);
}
inline std::string number(std::uint16_t row, std::uint16_t col, double v) {
  std::string bits(8, '\0');
  std::memcpy(bits.data(), &v, 8);
  return record(0x0203, cellHeader(row, col) + bits);
}
inline std::string rk(std::uint16_t row, std::uint16_t col, std::uint32_t rk_value) {
  return record(0x027E, cellHeader(row, col) + le32(rk_value));
}
// RK of an integer (fInt set, no / 100).
inline std::uint32_t rkInt(std::int32_t v) { return static_cast<std::uint32_t>(v) << 2 | 2; }

// Shared strings: each string stored with 8-bit characters unless it has non-Latin-1 characters
// (then UTF-16). `split_after` > 0 cuts the SST data into CONTINUE records: the cut falls inside
// the characters of string `split_string` after `split_after` characters, and the continuation
// starts with a flags byte saying whether the rest is 16-bit (`continue_wide`).
struct SstOptions {
  std::size_t split_string = 0;
  std::size_t split_after = 0;
  bool continue_wide = false;
  std::uint32_t claimed_unique = 0;  // 0: the real count
};

inline bool isAscii(const std::string& s) {
  for (const char c : s)
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  return true;
}

inline std::string sst(const std::vector<std::string>& strings, SstOptions o = {}) {
  const auto n = static_cast<std::uint32_t>(strings.size());
  std::string head = le32(n) + le32(o.claimed_unique ? o.claimed_unique : n);
  std::string first = head;
  std::string rest;
  bool split = false;
  for (std::size_t i = 0; i < strings.size(); ++i) {
    const bool wide = !isAscii(strings[i]);
    const std::string chars = wide ? utf16(strings[i]) : strings[i];
    const std::size_t cch = wide ? chars.size() / 2 : chars.size();
    std::string& out = split ? rest : first;
    out += le16(static_cast<std::uint32_t>(cch)) + byte(wide ? 1 : 0);
    if (o.split_after > 0 && i == o.split_string) {
      const std::size_t unit = wide ? 2 : 1;
      out += chars.substr(0, o.split_after * unit);
      // The rest, re-encoded as the continuation's flags say.
      std::string tail = chars.substr(o.split_after * unit);
      if (o.continue_wide && !wide) {
        std::string w;
        for (const char c : tail) w += std::string{c, '\0'};
        tail = w;
      }
      rest += byte(o.continue_wide ? 1 : 0) + tail;
      split = true;
    } else {
      out += chars;
    }
  }
  std::string s = record(0x00FC, first);
  if (split) s += record(0x003C, rest);
  return s;
}

// A workbook: globals (BOUNDSHEET8 per sheet, offsets filled in, then `globals_extra`, e.g. an
// SST) and one worksheet substream per sheet (`cells` are its cell records).
struct Sheet {
  std::string name;
  std::string cells;
};

// BOUNDSHEET8 with a ShortXLUnicodeString name: 16-bit characters unless ASCII.
inline std::string boundSheet(std::uint32_t offset, const std::string& name) {
  const bool wide = !isAscii(name);
  const std::string chars = wide ? utf16(name) : name;
  const auto cch = static_cast<std::uint32_t>(wide ? chars.size() / 2 : chars.size());
  return record(0x0085, le32(offset) + byte(0) + byte(0) + byte(cch) + byte(wide ? 1 : 0) + chars);
}

inline std::string workbook(const std::vector<Sheet>& sheets, const std::string& globals_extra,
                            const std::string& before_sheets = {}) {
  std::string globals = bof(0x0005) + before_sheets;
  std::vector<std::size_t> offset_at;
  for (const Sheet& s : sheets) {
    offset_at.push_back(globals.size() + 4);
    globals += boundSheet(0, s.name);
  }
  globals += globals_extra + eof();
  std::string out = globals;
  for (std::size_t i = 0; i < sheets.size(); ++i) {
    put32(out, offset_at[i], static_cast<std::uint32_t>(out.size()));
    out += bof(0x0010) + sheets[i].cells + eof();
  }
  return out;
}

inline std::string file(const std::string& workbook_stream) {
  CfbBuilder b;
  b.add("Workbook", workbook_stream);
  return b.build();
}

}  // namespace xls

// ---- Word 97 ([MS-DOC] §2.5.1 FIB, §2.9.38 Clx, §2.8.35 PlcPcd) ----
namespace doc {

constexpr std::uint16_t kEncrypted = 0x0100;
constexpr std::uint16_t kWhichTable = 0x0200;

struct Piece {
  std::string text;  // UTF-8; stored 8-bit (Windows-1252, ASCII here) when `compressed`
  bool compressed = false;
};

struct Built {
  std::string word_document;
  std::string table;
};

// A FIB with cbRgFcLcb = 93 (Word 97), then the pieces' text; the Clx in the table stream.
// `cp_override` replaces the PlcPcd's character positions when not empty.
inline Built build(const std::vector<Piece>& pieces, std::uint16_t flags = kWhichTable,
                   const std::vector<std::uint32_t>& cp_override = {}) {
  std::string fib(32, '\0');
  fib.replace(0, 2, le16(0xA5EC));
  fib.replace(2, 2, le16(0x00C1));
  fib.replace(0x0A, 2, le16(flags));
  fib += le16(14) + std::string(28, '\0');  // fibRgW
  fib += le16(22) + std::string(88, '\0');  // fibRgLw
  const std::size_t blob = fib.size() + 2;
  fib += le16(93) + std::string(93 * 8, '\0');
  std::string word = fib;
  std::vector<std::uint32_t> cps{0};
  std::vector<std::uint32_t> fcs;
  for (const Piece& p : pieces) {
    const std::string bytes = p.compressed ? p.text : utf16(p.text);
    const std::size_t chars = p.compressed ? bytes.size() : bytes.size() / 2;
    fcs.push_back(p.compressed ? static_cast<std::uint32_t>(word.size() * 2) | 0x40000000u
                               : static_cast<std::uint32_t>(word.size()));
    word += bytes;
    cps.push_back(cps.back() + static_cast<std::uint32_t>(chars));
  }
  if (!cp_override.empty()) cps = cp_override;
  std::string plc;
  for (const std::uint32_t cp : cps) plc += le32(cp);
  for (const std::uint32_t fc : fcs) plc += le16(0) + le32(fc) + le16(0);
  std::string table = std::string(16, '\0');  // something before the Clx, as real files have
  const auto fc_clx = static_cast<std::uint32_t>(table.size());
  table += byte(1) + le16(3) + std::string(3, '\x11');  // a Prc to skip
  table += byte(2) + le32(static_cast<std::uint32_t>(plc.size())) + plc;
  put32(word, blob + 33 * 8, fc_clx);
  put32(word, blob + 33 * 8 + 4, static_cast<std::uint32_t>(table.size() - fc_clx));
  return {word, table};
}

inline std::string file(const Built& d, std::uint16_t flags = kWhichTable) {
  CfbBuilder b;
  b.add("WordDocument", d.word_document);
  b.add((flags & kWhichTable) ? "1Table" : "0Table", d.table);
  return b.build();
}

}  // namespace doc

// ---- PowerPoint ([MS-PPT] §2.3.1 RecordHeader) ----
namespace ppt {

inline std::string atom(std::uint16_t type, const std::string& data, std::uint16_t instance = 0) {
  return le16(static_cast<std::uint32_t>(instance << 4)) + le16(type) +
         le32(static_cast<std::uint32_t>(data.size())) + data;
}
inline std::string container(std::uint16_t type, const std::string& children) {
  return le16(0x000F) + le16(type) + le32(static_cast<std::uint32_t>(children.size())) + children;
}
inline std::string textChars(const std::string& utf8) { return atom(0x0FA0, utf16(utf8)); }
inline std::string textBytes(const std::string& latin1) { return atom(0x0FA8, latin1); }

inline std::string file(const std::string& stream) {
  CfbBuilder b;
  b.add("PowerPoint Document", stream);
  b.add("Current User", std::string(20, '\0'));
  return b.build();
}

}  // namespace ppt

// ---- Outlook ([MS-OXMSG] §2.1 property streams) ----
namespace msg {

inline std::string streamName(std::uint16_t prop, std::uint16_t type) {
  static const char* kHex = "0123456789ABCDEF";
  std::string name = "__substg1.0_";
  const std::uint32_t tag = std::uint32_t{prop} << 16 | type;
  for (int shift = 28; shift >= 0; shift -= 4) name += kHex[(tag >> shift) & 0xF];
  return name;
}

// The fixed-size property stream with one PT_LONG property, after a header of `header` bytes.
inline std::string properties(std::size_t header, std::uint16_t prop, std::uint32_t value) {
  return std::string(header, '\0') + le32(std::uint32_t{prop} << 16 | 0x0003) + le32(6) +
         le32(value) + le32(0);
}

}  // namespace msg

}  // namespace jamul::testing::office
