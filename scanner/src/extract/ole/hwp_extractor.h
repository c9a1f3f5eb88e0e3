// SPDX-License-Identifier: Apache-2.0
#pragma once

// The HWP 5.0 (한글) extractor: the text of a compound file with a FileHeader stream, following
// Hancom's "한글문서파일형식 5.0" (HWP 5.0 file format, revision 1.3).
//
//   FileHeader ── signature, version, flags (compressed, password, 배포용, DRM)
//   BodyText/Section0..N ── raw-deflated (when compressed) record streams; every HWPTAG_PARA_TEXT
//                           record, at any nesting level (table cells, text boxes, headers,
//                           footers, notes), is one paragraph, in stream order
//   PrvText ── UTF-16LE preview, read only when no section can be read (and then kCorrupt)
//
// Each section is one PartKind::kParagraphs part, "section 1" for Section0; each paragraph one
// line, and each table row one line with its cells joined by tabs (as DOCX and HWPX rows). Password, 배포용 and DRM documents are kProtected (their body is encrypted); decompressed
// sections are bounded by limits().max_member_bytes, max_ratio and ctx.chargeExpanded().
//
// Thread-safety: a pure function of its input.

#include <cstdint>
#include <optional>
#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/compound_file.h"

namespace jamul::scanner::extract::ole {

// Extracts the HWP document in `file` (whose FileHeader stream exists). A section whose sector
// chain breaks is read as far as it goes (issue 12); when no section gives text, its sections are
// carved from the file's bytes (hwp_carver.h) before the preview is taken instead.
ExtractStatus extractHwp(const CompoundFile& file, TextSink& sink, ExtractContext& ctx);

// The FileHeader fields that decide how the rest is read (§3.2 "파일 인식 정보").
struct HwpFileHeader {
  std::uint32_t version = 0;  // 0xMMnnPPrr: MM is the major version
  std::uint32_t flags = 0;  // bit 0 compressed, 1 password, 2 배포용, 4 DRM, 8 and 10 certificates
  bool compressed() const { return (flags & 1u) != 0; }
};

// The header in the bytes of a FileHeader stream: nullopt unless they open with the signature
// "HWP Document File" and hold the version and properties (40 bytes).
std::optional<HwpFileHeader> parseHwpFileHeader(std::string_view stream);

// kProtected with its detail ("password-protected HWP") when `flags` say the body is encrypted
// (password, 배포용, DRM, certificate encryption), else nullopt.
std::optional<ExtractStatus> hwpProtection(std::uint32_t flags);

// §4.1 data record header: tag id (10 bits), level (10 bits), size (12 bits; 0xFFF means a 4-byte
// size follows).
struct HwpRecordHeader {
  std::uint32_t tag = 0;
  std::uint32_t level = 0;
  std::uint64_t size = 0;        // of the body, as the header says (it may overrun the bytes)
  std::size_t header_bytes = 4;  // 4, or 8 with the extended size
};
constexpr std::uint32_t kHwpTagBegin = 0x10;
constexpr std::uint32_t kHwpTagParaHeader = kHwpTagBegin + 50;
constexpr std::uint32_t kHwpTagParaText = kHwpTagBegin + 51;
constexpr std::uint32_t kHwpTagListHeader = kHwpTagBegin + 56;
constexpr std::uint32_t kHwpTagTable = kHwpTagBegin + 61;

// The record header at records[pos], or nullopt when fewer bytes than it needs remain.
std::optional<HwpRecordHeader> readHwpRecordHeader(std::string_view records, std::size_t pos);

// The text of one decompressed section stream: one '\n'-terminated line per paragraph and per
// table row (cells joined by '\t' at their column), appended to `out`. Returns false when the
// record stream is truncated (what was read is kept).
bool hwpSectionText(std::string_view records, std::string& out);

// UTF-16LE HWP text with its control characters: char controls (1 unit), inline and extended
// controls (8 units each) skipped; 13 (paragraph end) and 10 (line break) become '\n', 9 (an
// inline control) a tab. Appends UTF-8 to `out`.
void appendHwpText(std::string_view utf16le, std::string& out);

}  // namespace jamul::scanner::extract::ole
