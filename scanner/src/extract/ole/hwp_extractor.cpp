// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/hwp_extractor.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "extract/ole/hwp_carver.h"
#include "extract/ole/ole_util.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::ole {
namespace {

// HWP 5.0 spec §3.2 "파일 인식 정보" (FileHeader): 32-byte signature, version, properties.
constexpr std::string_view kSignature = "HWP Document File";
constexpr std::uint32_t kPassword = 1u << 1;
constexpr std::uint32_t kDistribution = 1u << 2;
constexpr std::uint32_t kDrm = 1u << 4;
constexpr std::uint32_t kCertificateEncrypted = 1u << 8;
constexpr std::uint32_t kCertificateDrm = 1u << 10;

// A table cell's LIST_HEADER: paragraph count (UINT16), two bytes, properties (UINT32), then the
// cell's column and row address (UINT16 each, §4.3.9.1 표 80) at bytes 8 and 10, as Hangul writes
// them (checked on the corpus's hwplib and pyhwp tables, whose cells give 0,0 0,1 ... here).
constexpr std::size_t kCellColumnAt = 8;
constexpr std::size_t kCellRowAt = 10;

// §4.3.10.1 (Table 6 "제어 문자"): inline and extended controls occupy 8 UTF-16 units (the code,
// 6 units of parameters or a control id + pointer, the code again); char controls occupy one.
bool isEightUnitControl(char16_t c) {
  switch (c) {
    case 1:
    case 2:
    case 3:
    case 11:
    case 12:
    case 14:
    case 15:
    case 16:
    case 17:
    case 18:
    case 21:
    case 22:
    case 23:  // extended
    case 4:
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 19:
    case 20:  // inline
      return true;
    default:
      return false;
  }
}

// Section streams are "Section<n>"; they are read in numeric order (Section10 after Section9).
std::optional<std::uint32_t> sectionNumber(std::string_view name) {
  constexpr std::string_view kPrefix = "Section";
  if (name.size() <= kPrefix.size() || name.size() > kPrefix.size() + 6 ||
      name.substr(0, kPrefix.size()) != kPrefix)
    return std::nullopt;
  std::uint32_t n = 0;
  for (const char c : name.substr(kPrefix.size())) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + static_cast<std::uint32_t>(c - '0');
  }
  return n;
}

void stripTrailingNewlines(std::string& s) {
  while (!s.empty() && s.back() == '\n') s.pop_back();
}

// The preview (§3.2 "미리보기 텍스트"): UTF-16LE, lines ended by CR LF.
std::string previewText(std::string_view utf16le) {
  std::string text;
  for (std::size_t i = 0; i + 1 < utf16le.size();) {
    const char32_t c = nextUtf16(utf16le, i);
    if (c == '\r') continue;
    if (c == 0) break;
    if (c == '\n' || c == '\t' || c >= 0x20) utf8::append(text, c);
  }
  if (!text.empty() && text.back() != '\n') text += '\n';
  return text;
}

}  // namespace

std::optional<HwpFileHeader> parseHwpFileHeader(std::string_view stream) {
  if (stream.size() < 40 || stream.substr(0, kSignature.size()) != kSignature) return std::nullopt;
  return HwpFileHeader{le32(stream, 32), le32(stream, 36)};
}

std::optional<ExtractStatus> hwpProtection(std::uint32_t flags) {
  // Encrypted bodies: password (§3.2 bit 1), 배포용 (bit 2; the body is in ViewText, encrypted),
  // DRM and certificate encryption (bits 4, 8, 10). Their preview is not read: it may be
  // encrypted too, and a protected status already says the document was not scanned.
  if (flags & kPassword) return ExtractStatus::protectedDoc("password-protected HWP");
  if (flags & kDistribution)
    return ExtractStatus::protectedDoc("HWP distribution document (배포용)");
  if (flags & (kDrm | kCertificateDrm)) return ExtractStatus::protectedDoc("DRM-protected HWP");
  if (flags & kCertificateEncrypted)
    return ExtractStatus::protectedDoc("certificate-encrypted HWP");
  return std::nullopt;
}

std::optional<HwpRecordHeader> readHwpRecordHeader(std::string_view records, std::size_t pos) {
  if (pos > records.size() || records.size() - pos < 4) return std::nullopt;
  const std::uint32_t word = le32(records, pos);
  HwpRecordHeader h;
  h.tag = word & 0x3FF;
  h.level = (word >> 10) & 0x3FF;
  h.size = word >> 20;
  if (h.size == 0xFFF) {
    if (records.size() - pos < 8) return std::nullopt;
    h.size = le32(records, pos + 4);
    h.header_bytes = 8;
  }
  return h;
}

void appendHwpText(std::string_view utf16le, std::string& out) {
  for (std::size_t i = 0; i + 1 < utf16le.size();) {
    const auto unit = static_cast<char16_t>(le16(utf16le, i));
    if (unit < 32) {
      if (isEightUnitControl(unit)) {
        if (unit == 9) out += '\t';
        i += 16;
        continue;
      }
      i += 2;
      if (unit == 10 || unit == 13) {
        out += '\n';
      } else if (unit == 24) {
        out += '-';
      } else if (unit == 30 || unit == 31) {
        out += ' ';
      }
      continue;
    }
    utf8::append(out, nextUtf16(utf16le, i));
  }
}

bool hwpSectionText(std::string_view records, std::string& out) {
  // §4.1 record header: tag id (10 bits), level (10 bits), size (12 bits; 0xFFF means a 4-byte
  // size follows). A paragraph is a PARA_HEADER followed by its PARA_TEXT (absent when empty);
  // nested paragraphs (cells, text boxes, notes) follow their control, so stream order is
  // reading order.
  //
  // Tables (§4.3.9.1): a TABLE record at level L, then per cell a LIST_HEADER at L holding the
  // cell's column and row, then the cell's paragraphs at L. A table's row becomes one line, its
  // cells joined by '\t' at their column (a merged cell leaves its columns' tabs), a cell's
  // paragraphs by ' ', as the DOCX and HWPX extractors write rows; the first row's cells are then
  // the columns' headers for the detector (issue 13: one cell per line lost them beyond ±100
  // characters). A table inside a cell stays in that cell, its cells joined by ' '. The table
  // ends at the first record above its level.
  struct Table {
    std::uint32_t level = 0;
    std::uint32_t row = 0, column = 0;
    bool any_cell = false;
    bool nested = false;
  };
  std::vector<Table> tables;
  bool cell_has_text = false;
  std::string paragraph;
  bool open = false;
  const auto in_cell = [&] { return !tables.empty() && tables.back().any_cell; };
  auto flush = [&] {
    if (!open) return;
    stripTrailingNewlines(paragraph);
    if (in_cell()) {
      for (char& c : paragraph)
        if (c == '\n' || c == '\t') c = ' ';
      if (!paragraph.empty()) {
        if (cell_has_text) out += ' ';
        out += paragraph;
        cell_has_text = true;
      }
    } else {
      out += paragraph;
      out += '\n';
    }
    paragraph.clear();
    open = false;
  };
  auto close_table = [&] {
    flush();
    const Table t = tables.back();
    tables.pop_back();
    if (!t.any_cell) return;
    if (t.nested) {
      cell_has_text = true;
    } else {
      out += '\n';
    }
  };
  std::size_t pos = 0;
  bool complete = true;
  while (pos < records.size()) {
    const std::optional<HwpRecordHeader> header = readHwpRecordHeader(records, pos);
    if (!header) {
      complete = false;
      break;
    }
    pos += header->header_bytes;
    const std::uint32_t tag = header->tag;
    const std::uint32_t level = header->level;
    const std::uint64_t size = header->size;
    const bool truncated = size > records.size() - pos;
    const std::string_view body = records.substr(pos, truncated ? records.size() - pos : size);
    while (!tables.empty() && level < tables.back().level) close_table();
    if (tag == kHwpTagParaHeader) {
      flush();
      open = true;
    } else if (tag == kHwpTagParaText) {
      open = true;
      appendHwpText(body, paragraph);
    } else if (tag == kHwpTagTable && tables.size() < 16) {
      flush();
      tables.push_back({level, 0, 0, false, in_cell()});
    } else if (tag == kHwpTagListHeader && !tables.empty() && level == tables.back().level &&
               body.size() >= kCellRowAt + 2) {
      flush();
      Table& t = tables.back();
      const std::uint32_t column = std::min<std::uint32_t>(le16(body, kCellColumnAt), 256);
      const std::uint32_t row = le16(body, kCellRowAt);
      if (t.nested) {
        if (t.any_cell || cell_has_text) out += ' ';
      } else if (!t.any_cell) {
        out.append(column, '\t');
      } else if (row != t.row) {
        out += '\n';
        out.append(column, '\t');
      } else {
        out.append(column > t.column ? column - t.column : 1, '\t');
      }
      t.any_cell = true;
      t.row = row;
      t.column = column;
      cell_has_text = false;
    }
    if (truncated) {
      complete = false;
      break;
    }
    pos += size;
  }
  while (!tables.empty()) close_table();
  flush();
  return complete;
}

ExtractStatus extractHwp(const CompoundFile& file, TextSink& sink, ExtractContext& ctx) {
  const std::optional<std::uint32_t> header_id = file.find({"FileHeader"});
  if (!header_id) return ExtractStatus::corrupt("HWP without FileHeader");
  Result<std::string> header_stream = file.readStream(*header_id);
  if (!header_stream) return ExtractStatus::corrupt(header_stream.error().message());
  const std::optional<HwpFileHeader> header = parseHwpFileHeader(*header_stream);
  if (!header) return ExtractStatus::corrupt("bad HWP FileHeader");
  if ((header->version >> 24) < 5) return ExtractStatus::unsupported("HWP 3 format");
  if (std::optional<ExtractStatus> encrypted = hwpProtection(header->flags)) return *encrypted;

  std::vector<std::pair<std::uint32_t, std::uint32_t>> sections;  // (number, entry id)
  if (const std::optional<std::uint32_t> body = file.find({"BodyText"})) {
    for (const std::uint32_t id : file.children(*body)) {
      const CompoundFile::Entry& e = file.entries()[id];
      if (e.type != CompoundFile::EntryType::kStream) continue;
      if (const std::optional<std::uint32_t> n = sectionNumber(e.name))
        sections.emplace_back(*n, id);
    }
  }
  std::sort(sections.begin(), sections.end());

  ExtractStatus status = ExtractStatus::ok();
  if (sections.empty()) status = ExtractStatus::corrupt("HWP without BodyText sections");
  bool body_read = false;
  for (std::size_t i = 0; i < sections.size(); ++i) {
    if (ctx.expired()) {
      foldStatus(status, ExtractStatus::tooLarge("time budget spent"));
      break;
    }
    const std::string name = "BodyText/Section" + std::to_string(sections[i].first);
    // Issue 12: a chain that breaks (a file cut short, a damaged FAT) still gives its first
    // sectors, and what inflates of them is read.
    CompoundFile::StreamPrefix raw = file.readStreamPrefix(sections[i].second);
    bool stream_cut = !raw.status;
    if (stream_cut) foldStatus(status, ExtractStatus::corrupt(raw.status.error().message()));
    if (raw.data.empty() && stream_cut) continue;
    std::string inflated_storage;
    std::string_view records = raw.data;
    if (header->compressed()) {
      Inflated inflated = inflateRaw(raw.data, name, ctx);
      if (!inflated.status.isOk()) {
        // A stream whose chain broke is cut short: inflate saying so adds nothing.
        if (!stream_cut || inflated.status.status != FileStatus::kCorrupt)
          foldStatus(status, inflated.status);
        stream_cut = true;
      }
      inflated_storage = std::move(inflated.data);
      records = inflated_storage;
    }
    // A stream cut short already has its status; its last record is cut too.
    std::string text;
    if (!hwpSectionText(records, text) && !stream_cut)
      foldStatus(status, ExtractStatus::corrupt("truncated " + name));
    if (text.find_first_not_of('\n') != std::string::npos) body_read = true;
    sink.beginPart("section " + std::to_string(i + 1), PartKind::kParagraphs);
    sink.append(text);
  }
  if (body_read || status.isOk()) return status;

  // No section gave text: the directory may name sections whose sectors are gone or lead
  // elsewhere, while the sections themselves lie in the file (issue 12).
  const CarvedSections carved = carveHwpSections(
      file.bytes(), header->compressed() ? HwpSections::kCompressed : HwpSections::kUncompressed,
      sink, ctx);
  if (carved.sections > 0) {
    status.detail += "; text salvaged from " + std::to_string(carved.sections) +
                     (carved.sections == 1 ? " BodyText section" : " BodyText sections");
    if (!carved.status.isOk()) status.detail += " (" + carved.status.detail + ")";
    return status;
  }
  // The preview stands in only for a body we could not read; the status still says corrupt.
  if (const std::optional<std::uint32_t> prv = file.find({"PrvText"})) {
    Result<std::string> preview = file.readStream(*prv);
    if (preview && !preview->empty()) {
      sink.beginPart("preview", PartKind::kParagraphs);
      sink.append(previewText(*preview));
      status.detail += "; preview text only";
    }
  }
  return status;
}

}  // namespace jamul::scanner::extract::ole
