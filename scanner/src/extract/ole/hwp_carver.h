// SPDX-License-Identifier: Apache-2.0
#pragma once

// Salvaging the text of an HWP 5.0 document from the bytes of a damaged compound file (issue 12).
// Hancom writes the directory and FAT sectors of a compound file last, so a document cut short (a
// copy or download that stopped) has no directory left that names its streams, though most of its
// text is still there. The streams themselves are where the compound file put them:
//
//   FileHeader    256 bytes, in the mini stream: at a multiple of 64 bytes in the file (mini
//                 sectors of 64 bytes inside regular sectors of 512 or 4096)
//   BodyText/SectionN
//                 from the first byte of a mini sector (under 4096 bytes) or of a regular sector,
//                 in sectors that writers mostly lay end to end; raw deflate when the FileHeader
//                 says "compressed", else the records as they are
//
// so findHwpFileHeader() looks for the FileHeader's signature at those offsets, and
// carveHwpSections() tries each 64-byte boundary as the start of a section: inflating what
// inflates there (bounded by the ExtractLimits, like a section read normally), or taking the bytes
// as they are, and keeping the result only when it reads as a section's record stream: a
// PARA_HEADER at level 0 first, then records whose levels never rise by more than one and whose
// sizes fit. Deflated data from elsewhere (DocInfo, BinData, scripts) starts with other records and
// is dropped; garbage after a section's end (the next sector was not the section's) ends it at the
// first record that does not fit. The text of each section kept comes from hwpSectionText(), as
// for a whole document.
//
// Thread-safety: pure functions of their input.

#include <cstddef>
#include <optional>
#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/hwp_extractor.h"

namespace jamul::scanner::extract::ole {

// The FileHeader found in the raw bytes of a compound file (`file_bytes`, header included): the
// first one whose signature starts at a multiple of 64 bytes past the compound-file header.
std::optional<HwpFileHeader> findHwpFileHeader(std::string_view file_bytes);

// How the sections to carve are stored, when the FileHeader says so.
enum class HwpSections { kCompressed, kUncompressed, kUnknown };

struct CarvedSections {
  std::size_t sections = 0;  // sections found that held text (each written as a part)
  ExtractStatus status;      // kOk, or kTooLarge when a budget stopped the carving
};

// Finds the BodyText sections in `file_bytes` (see above) and writes the text of each as one
// PartKind::kParagraphs part, "salvaged section 1", "salvaged section 2", ... in the order they lie
// in the file (not necessarily their numbers); a section of empty paragraphs makes no part.
// kUnknown tries both ways of storage. Decompressed bytes are charged to ctx like any section's;
// the time budget is checked as it goes.
CarvedSections carveHwpSections(std::string_view file_bytes, HwpSections storage, TextSink& sink,
                                ExtractContext& ctx);

// The length of the longest prefix of `records` that reads as the start of a section's record
// stream (see above), a last record cut by the end of `records` included; 0 when its first record
// is not a PARA_HEADER at level 0.
std::size_t plausibleSectionPrefix(std::string_view records);

}  // namespace jamul::scanner::extract::ole
