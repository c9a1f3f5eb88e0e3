// SPDX-License-Identifier: Apache-2.0
#pragma once

// The Excel 97-2003 (.xls) extractor: the cell text of a compound file with a "Workbook" (BIFF8)
// or "Book" (BIFF5/7, Excel 5 and 95) stream, following [MS-XLS] §2.1.4 (record layout) and
// §2.4 (records).
//
//   Workbook ── globals substream: BOF, FILEPASS, CODEPAGE, BOUNDSHEET8 (sheet names and
//   │           stream offsets), SST + CONTINUE (shared strings)
//   └───────── one substream per sheet: BOF ... LABELSST, LABEL, RSTRING, RK, MULRK, NUMBER,
//               FORMULA (+ STRING cached results), BOOLERR ... EOF
//
// Each worksheet is one PartKind::kTable part named by its sheet name ("Sheet1"; "sheet N" when
// the name is empty), its text TSV with cells in place: row r, column c of the TSV is BIFF row r,
// column c (0-based). Numbers read as Excel's General format shows integers (9001011234568, not
// 9.001011234568E+12); other numbers in their shortest round-trip form; dates stay serial numbers.
// Charts, macro sheets and embedded chart substreams are skipped.
//
// Status: FILEPASS (any encryption, [MS-XLS] §2.4.117) -> kProtected; a record or string running
// past the stream, a column past 255 or an SST shorter than its strings -> kCorrupt, keeping what
// was read; text beyond limits().max_member_bytes or a spent time budget -> kTooLarge. BIFF2-4
// worksheets -> kUnsupported.
//
// Thread-safety: pure functions of their input.

#include <string_view>

#include "extract/extractor.h"
#include "extract/ole/compound_file.h"

namespace jamul::scanner::extract::ole {

// Extracts the workbook in `file` (whose Workbook or Book stream exists).
ExtractStatus extractXls(const CompoundFile& file, TextSink& sink, ExtractContext& ctx);

// Extracts the BIFF5/BIFF8 record stream `workbook` (the contents of the Workbook stream).
ExtractStatus xlsWorkbookText(std::string_view workbook, TextSink& sink, ExtractContext& ctx);

}  // namespace jamul::scanner::extract::ole
