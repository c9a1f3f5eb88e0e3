// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Word 97-2003 (.doc) extractor: the text of a compound file with a "WordDocument" stream,
// following [MS-DOC].
//
//   WordDocument ── FIB (§2.5.1): wIdent 0xA5EC, fEncrypted, fWhichTblStm, fcClx/lcbClx
//   0Table/1Table ─ Clx (§2.9.38): Prc* then Pcdt, whose PlcPcd (§2.8.35) maps character
//                   positions to pieces of WordDocument: 8-bit Windows-1252 at fc/2 when
//                   FcCompressed.fCompressed (§2.9.73), else UTF-16LE at fc
//
// All text of the piece table comes out as one PartKind::kParagraphs part "body": the main text,
// then footnotes, headers/footers, comments, endnotes and text boxes, which follow it in the same
// character-position range (§2.4.1). Special characters (§2.4.2 ff.): paragraph marks (0x0D),
// line, page and section breaks (0x0B, 0x0C) end a line; a cell mark (0x07) is a tab and the
// row mark after a row's last cell ends the line; of a field (0x13 code 0x14 result 0x15) only the
// result is kept; pictures, object anchors and other control characters are dropped.
//
// Word 6/95 documents (nFib below 0xC0) are read when they are not fast-saved (their text is one
// 8-bit run between fcMin and fcMac); fast-saved ones are kUnsupported.
//
// Status: fEncrypted (RC4, CryptoAPI or XOR obfuscation) -> kProtected "password-protected DOC";
// a missing table stream, a Clx or piece out of range or a piece table out of order -> kCorrupt,
// keeping what was read; text beyond limits().max_member_bytes or a spent time budget ->
// kTooLarge.
//
// Thread-safety: pure functions of their input.

#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/compound_file.h"

namespace jamul::scanner::extract::ole {

// Extracts the Word document in `file` (whose WordDocument stream exists).
ExtractStatus extractDoc(const CompoundFile& file, TextSink& sink, ExtractContext& ctx);

// Extracts the text of a WordDocument stream with its table stream `table` (0Table or 1Table,
// whichever the FIB names; ignored for Word 6/95). Checks the FIB, including encryption.
ExtractStatus docText(std::string_view word_document, std::string_view table, TextSink& sink,
                      ExtractContext& ctx);

}  // namespace jamul::scanner::extract::ole
