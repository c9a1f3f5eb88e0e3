// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/hwp_extractor.h"

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "extract/ole/ole_util.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::extract::ole {
namespace {

// HWP 5.0 spec §3.2 "파일 인식 정보" (FileHeader): 32-byte signature, version, properties.
constexpr std::string_view kSignature = "HWP Document File";
constexpr std::uint32_t kCompressed = 1u << 0;
constexpr std::uint32_t kPassword = 1u << 1;
constexpr std::uint32_t kDistribution = 1u << 2;
constexpr std::uint32_t kDrm = 1u << 4;
constexpr std::uint32_t kCertificateEncrypted = 1u << 8;
constexpr std::uint32_t kCertificateDrm = 1u << 10;

// §4.1 data records: HWPTAG_BEGIN = 0x10; PARA_HEADER = +50, PARA_TEXT = +51, LIST_HEADER = +56,
// TABLE = +61.
constexpr std::uint32_t kTagParaHeader = 0x10 + 50;
constexpr std::uint32_t kTagParaText = 0x10 + 51;
constexpr std::uint32_t kTagListHeader = 0x10 + 56;
constexpr std::uint32_t kTagTable = 0x10 + 61;
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
    if (records.size() - pos < 4) {
      complete = false;
      break;
    }
    const std::uint32_t header = le32(records, pos);
    pos += 4;
    const std::uint32_t tag = header & 0x3FF;
    const std::uint32_t level = (header >> 10) & 0x3FF;
    std::uint64_t size = header >> 20;
    if (size == 0xFFF) {
      if (records.size() - pos < 4) {
        complete = false;
        break;
      }
      size = le32(records, pos);
      pos += 4;
    }
    const bool truncated = size > records.size() - pos;
    const std::string_view body = records.substr(pos, truncated ? records.size() - pos : size);
    while (!tables.empty() && level < tables.back().level) close_table();
    if (tag == kTagParaHeader) {
      flush();
      open = true;
    } else if (tag == kTagParaText) {
      open = true;
      appendHwpText(body, paragraph);
    } else if (tag == kTagTable && tables.size() < 16) {
      flush();
      tables.push_back({level, 0, 0, false, in_cell()});
    } else if (tag == kTagListHeader && !tables.empty() && level == tables.back().level &&
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
  Result<std::string> header = file.readStream(*header_id);
  if (!header) return ExtractStatus::corrupt(header.error().message());
  if (header->size() < 40 || header->compare(0, kSignature.size(), kSignature) != 0)
    return ExtractStatus::corrupt("bad HWP FileHeader");
  // Version 0xMMnnPPrr: MM is the major version (§3.2).
  const std::uint32_t version = le32(*header, 32);
  if ((version >> 24) < 5) return ExtractStatus::unsupported("HWP 3 format");
  const std::uint32_t flags = le32(*header, 36);
  // Encrypted bodies: password (§3.2 bit 1), 배포용 (bit 2; the body is in ViewText, encrypted),
  // DRM and certificate encryption (bits 4, 8, 10). Their preview is not read: it may be
  // encrypted too, and a protected status already says the document was not scanned.
  if (flags & kPassword) return ExtractStatus::protectedDoc("password-protected HWP");
  if (flags & kDistribution)
    return ExtractStatus::protectedDoc("HWP distribution document (배포용)");
  if (flags & (kDrm | kCertificateDrm)) return ExtractStatus::protectedDoc("DRM-protected HWP");
  if (flags & kCertificateEncrypted)
    return ExtractStatus::protectedDoc("certificate-encrypted HWP");

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
    Result<std::string> raw = file.readStream(sections[i].second);
    if (!raw) {
      foldStatus(status, ExtractStatus::corrupt(raw.error().message()));
      continue;
    }
    std::string inflated_storage;
    std::string_view records = *raw;
    bool stream_cut = false;
    if (flags & kCompressed) {
      Inflated inflated = inflateRaw(*raw, name, ctx);
      stream_cut = !inflated.status.isOk();
      foldStatus(status, inflated.status);
      inflated_storage = std::move(inflated.data);
      records = inflated_storage;
    }
    // A stream cut short by inflate already has its status; its last record is cut too.
    std::string text;
    if (!hwpSectionText(records, text) && !stream_cut)
      foldStatus(status, ExtractStatus::corrupt("truncated " + name));
    if (text.find_first_not_of('\n') != std::string::npos) body_read = true;
    sink.beginPart("section " + std::to_string(i + 1), PartKind::kParagraphs);
    sink.append(text);
  }

  // The preview stands in only for a body we could not read; the status still says corrupt.
  if (!body_read && !status.isOk()) {
    if (const std::optional<std::uint32_t> prv = file.find({"PrvText"})) {
      Result<std::string> preview = file.readStream(*prv);
      if (preview && !preview->empty()) {
        sink.beginPart("preview", PartKind::kParagraphs);
        sink.append(previewText(*preview));
        status.detail += "; preview text only";
      }
    }
  }
  return status;
}

}  // namespace jamul::scanner::extract::ole
