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

#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/compound_file.h"

namespace jamul::scanner::extract::ole {

// Extracts the HWP document in `file` (whose FileHeader stream exists).
ExtractStatus extractHwp(const CompoundFile& file, TextSink& sink, ExtractContext& ctx);

// The text of one decompressed section stream: one '\n'-terminated line per paragraph and per
// table row (cells joined by '\t' at their column), appended to `out`. Returns false when the
// record stream is truncated (what was read is kept).
bool hwpSectionText(std::string_view records, std::string& out);

// UTF-16LE HWP text with its control characters: char controls (1 unit), inline and extended
// controls (8 units each) skipped; 13 (paragraph end) and 10 (line break) become '\n', 9 (an
// inline control) a tab. Appends UTF-8 to `out`.
void appendHwpText(std::string_view utf16le, std::string& out);

}  // namespace jamul::scanner::extract::ole
