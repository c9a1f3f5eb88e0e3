// SPDX-License-Identifier: Apache-2.0
#pragma once

// Builders of HWP 5.0 test documents: FileHeader, record streams with PARA_TEXT controls, raw
// deflate, wrapped in a compound file by CfbBuilder. Used by the HWP tests and the fuzz seeds.

#include <zlib.h>

#include <cstdint>
#include <string>
#include <vector>

#include "cfb_builder.h"

namespace jamul::testing::hwp {

constexpr std::uint32_t kCompressed = 1;
constexpr std::uint32_t kPassword = 2;
constexpr std::uint32_t kDistribution = 4;

inline std::string fileHeader(std::uint32_t flags, std::uint32_t version = 0x05000300) {
  std::string h(256, '\0');
  h.replace(0, 17, "HWP Document File");
  for (int i = 0; i < 4; ++i) {
    h[32 + i] = static_cast<char>((version >> (8 * i)) & 0xFF);
    h[36 + i] = static_cast<char>((flags >> (8 * i)) & 0xFF);
  }
  return h;
}

using ::jamul::testing::utf16;

inline std::string unit(char16_t u) {
  return std::string{static_cast<char>(u & 0xFF), static_cast<char>(u >> 8)};
}

// An inline or extended control: the code, 6 units of parameters (a control id and zeros), the
// code.
inline std::string control(char16_t code, const char* id = "tbl ") {
  std::string s = unit(code);
  s.append(id, 4);
  s.append(8, '\0');
  s += unit(code);
  return s;
}

inline std::string record(std::uint32_t tag, std::uint32_t level, const std::string& body) {
  std::string r;
  auto put32 = [&](std::uint32_t v) {
    for (int i = 0; i < 4; ++i) r += static_cast<char>((v >> (8 * i)) & 0xFF);
  };
  if (body.size() >= 0xFFF) {
    put32(tag | level << 10 | 0xFFFu << 20);
    put32(static_cast<std::uint32_t>(body.size()));
  } else {
    put32(tag | level << 10 | static_cast<std::uint32_t>(body.size()) << 20);
  }
  return r + body;
}

constexpr std::uint32_t kParaHeader = 0x42;
constexpr std::uint32_t kParaText = 0x43;
constexpr std::uint32_t kCharShape = 0x44;
constexpr std::uint32_t kCtrlHeader = 0x47;
constexpr std::uint32_t kListHeader = 0x48;

constexpr std::uint32_t kTable = 0x4D;

// A TABLE record (§4.3.9.1 표 75): properties, row and column counts, cell spacing, margins, the
// cells of each row, border fill.
inline std::string tableRecord(std::uint32_t level, std::uint16_t rows, std::uint16_t columns) {
  std::string b;
  auto put16 = [&](std::uint32_t v) {
    b += static_cast<char>(v & 0xFF);
    b += static_cast<char>((v >> 8) & 0xFF);
  };
  put16(6);
  put16(0);
  put16(rows);
  put16(columns);
  put16(0);
  b.append(8, '\0');
  for (std::uint16_t r = 0; r < rows; ++r) put16(columns);
  put16(1);
  return record(kTable, level, b);
}

// A table cell's LIST_HEADER: paragraph count, properties, then the cell's column and row at
// bytes 8 and 10, spans of 1, and zero sizes (as Hangul writes them; the corpus's tables agree).
inline std::string cellHeader(std::uint32_t level, std::uint16_t column, std::uint16_t row) {
  std::string b(34, '\0');
  b[0] = 1;
  b[4] = 32;
  b[8] = static_cast<char>(column & 0xFF);
  b[9] = static_cast<char>(column >> 8);
  b[10] = static_cast<char>(row & 0xFF);
  b[11] = static_cast<char>(row >> 8);
  b[12] = 1;
  b[14] = 1;
  return record(kListHeader, level, b);
}

// A paragraph at `level`: PARA_HEADER, PARA_TEXT (UTF-16LE `text16`, ended by 13), CHAR_SHAPE.
inline std::string paragraph(const std::string& text16, std::uint32_t level = 0) {
  return record(kParaHeader, level, std::string(22, '\0')) +
         record(kParaText, level + 1, text16 + unit(13)) +
         record(kCharShape, level + 1, std::string(8, '\0'));
}

inline std::string deflateRaw(const std::string& in) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, in.size()) + 16, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// A document whose sections hold `sections` record streams (compressed when flags say so).
inline std::string document(const std::vector<std::string>& sections,
                            std::uint32_t flags = kCompressed, const std::string& preview = {}) {
  CfbBuilder b;
  b.add("FileHeader", fileHeader(flags));
  b.add("DocInfo", (flags & kCompressed) ? deflateRaw("") : std::string());
  for (std::size_t i = 0; i < sections.size(); ++i)
    b.add("BodyText/Section" + std::to_string(i),
          (flags & kCompressed) ? deflateRaw(sections[i]) : sections[i]);
  if (!preview.empty()) b.add("PrvText", utf16(preview));
  return b.build();
}

// DocInfo records as a document starts them (§4.2: DOCUMENT_PROPERTIES, ID_MAPPINGS, a
// FACE_NAME): deflated, they are what a carver must not take for a section.
inline std::string docInfo() {
  return record(0x10, 0, std::string(26, '\x01')) + record(0x11, 0, std::string(72, '\0')) +
         record(0x13, 1, std::string(1, '\0') + unit(5) + utf16("함초롬바탕"));
}

// Bytes spread like an image's (xorshift), `n` of them.
inline std::string noise(std::size_t n, std::uint32_t seed = 12) {
  std::string out(n, '\0');
  for (char& c : out) {
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    c = static_cast<char>(seed >> 24);
  }
  return out;
}

// A document as Hancom lays it out (issue 12): the streams first, the directory, MiniFAT and FAT
// last (CfbBuilder::metadata_last), with `sector_size`-byte sectors, a real DocInfo and a picture
// in BinData (deflated too when the document is). `layout` (if given) says where things went.
inline std::string hancomDocument(const std::vector<std::string>& sections,
                                  std::uint32_t flags = kCompressed,
                                  std::uint32_t sector_size = 512,
                                  CfbBuilder::Layout* layout = nullptr) {
  const bool z = (flags & kCompressed) != 0;
  CfbBuilder b(sector_size);
  b.metadata_last = true;
  b.add("FileHeader", fileHeader(flags));
  b.add("DocInfo", z ? deflateRaw(docInfo()) : docInfo());
  for (std::size_t i = 0; i < sections.size(); ++i)
    b.add("BodyText/Section" + std::to_string(i), z ? deflateRaw(sections[i]) : sections[i]);
  b.add("BinData/BIN0001.jpg", noise(6000));
  b.add("PrvText", utf16("미리보기"));
  return b.build(layout);
}

// A register: one paragraph per value, "<n>. 주민등록번호 <value>".
inline std::string registerSection(const std::vector<std::string>& values) {
  std::string s;
  for (std::size_t i = 0; i < values.size(); ++i)
    s += paragraph(utf16(std::to_string(i + 1) + ". 주민등록번호 " + values[i]));
  return s;
}

}  // namespace jamul::testing::hwp
