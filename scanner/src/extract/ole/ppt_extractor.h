// SPDX-License-Identifier: Apache-2.0
#pragma once

// The PowerPoint 97-2003 (.ppt) extractor: the text of a compound file with a "PowerPoint
// Document" stream, following [MS-PPT].
//
//   PowerPoint Document ── records (§2.3.1 RecordHeader: recVer/recInstance, recType, recLen);
//                          containers (recVer 0xF) hold records, walked in stream order
//       TextCharsAtom (0x0FA0, UTF-16LE), TextBytesAtom (0x0FA8, UTF-16 with the zero high
//       bytes left out) ── slide, notes and master text; '\r' (and 0x0B) inside an atom ends a line
//
// Everything comes out as one PartKind::kParagraphs part "slides", one line per text line in
// stream order. Writers store a slide's text twice (in SlideListWithText and in the slide's
// drawing) and keep older copies after fast saves, so an atom whose text already came out is not
// written again: one RRN on a slide gives one finding, at the cost of a repeated identical text
// box counting once.
//
// Status: an "EncryptedSummary" stream or a CryptSession10Container (§2.3.7) -> kProtected
// "password-protected PPT"; an atom running past the stream -> kCorrupt, keeping what was read;
// text beyond limits().max_member_bytes or a spent time budget -> kTooLarge.
//
// Thread-safety: pure functions of their input.

#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/compound_file.h"

namespace jamul::scanner::extract::ole {

// Extracts the presentation in `file` (whose "PowerPoint Document" stream exists).
ExtractStatus extractPpt(const CompoundFile& file, TextSink& sink, ExtractContext& ctx);

// Extracts the text atoms of a "PowerPoint Document" record stream.
ExtractStatus pptDocumentText(std::string_view stream, TextSink& sink, ExtractContext& ctx);

}  // namespace jamul::scanner::extract::ole
