// SPDX-License-Identifier: Apache-2.0
#pragma once

// Raw text runs (issue 12): the text still lying in the bytes of a damaged compound file whose
// structures can no longer be followed (no directory, no FAT). Legacy Office and Outlook keep
// their text as plain characters inside their streams: Word's pieces in WordDocument, Excel's
// shared strings (SST) and cells in Workbook, PowerPoint's text atoms, Outlook's string
// properties. So identifiers stored as text are found again by reading the file as `strings`
// does, in the encodings those formats use:
//
//   UTF-16LE  (Word, BIFF8 strings with high bytes, PowerPoint TextCharsAtom, PT_UNICODE; HWP)
//             at both byte parities: Hangul, CJK, ASCII, Latin-1 and common punctuation
//   8-bit     ASCII, CP949 (BIFF5 and Outlook strings of Korean Windows) or Latin-1 letters
//             (BIFF8 compressed strings, Word's cp1252 pieces), one encoding per run
//
// A run is kept when it holds at least 4 printable characters with a letter, digit or Hangul
// syllable among them; a UTF-16 run with no ASCII in it (an SST label such as "성명") when it is
// made of 2 Hangul syllables or more and a character with a zero high byte follows it (a
// terminator, a line end, a length field). UTF-16 runs in which CJK ideographs outnumber Hangul
// and ASCII, or which change between ASCII and other scripts at most characters, are what
// pictures and other binary data look like, and are dropped. Reading the same bytes both ways
// makes noise, never a second copy of an identifier: digits are NUL-separated in UTF-16 and
// contiguous in 8-bit text. Where a UTF-16 run with ASCII in it was kept, its bytes are not read
// again as 8-bit text or at the other parity. Blocks of 64 bytes (mini sectors) whose byte values
// are spread like compressed or encrypted data's (entropy over 5.4 bits a byte: images, deflated
// streams) are passed over.
//
// Runs are written in file order, one line each, to one PartKind::kParagraphs part "salvaged
// text" (a finding reads "salvaged text, paragraph 12"), begun with the first run. Memory is the
// text of one flush (64 KiB) and one bit per block; time is linear in the bytes.
//
// Thread-safety: a pure function of its input.

#include <cstdint>
#include <string_view>

#include "extract/extractor.h"

namespace jamul::scanner::extract::ole {

struct SalvagedRuns {
  std::uint64_t runs = 0;  // lines written
  ExtractStatus status;    // kOk, or kTooLarge when the time budget or max_member_bytes of text
                           // stopped it (what was written before counts)
};

// Writes the text runs of `bytes` (see above) to `sink`.
SalvagedRuns salvageTextRuns(std::string_view bytes, TextSink& sink, ExtractContext& ctx);

}  // namespace jamul::scanner::extract::ole
