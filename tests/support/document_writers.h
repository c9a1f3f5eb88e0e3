// SPDX-License-Identifier: Apache-2.0
#pragma once

// Writers of small office documents for accuracy tests and tools: XLSX (one sheet of inline
// strings), ODS (one table of string cells), DOCX (paragraphs and one table), HWP 5.0 (paragraphs;
// a table's cells as the nested paragraphs Hangul writes them), HWPX (paragraphs and one table)
// and CSV. Built in memory with the extractor tests' own ZIP and
// compound-file builders (tests/scanner/extract/), so no binary fixture is ever needed.
//
// Each writer also says where the scanner will report a value that sits in a given cell or line
// (the `location` of jamul scan's findings), so tests can check a finding's place exactly.
//
// Thread-safety: pure functions.

#include <cstddef>
#include <string>
#include <vector>

namespace jamul::test {

using Cells = std::vector<std::vector<std::string>>;

// "A", ..., "Z", "AA", ... for a 0-based column.
std::string spreadsheetColumn(std::size_t column);

// An XLSX workbook with one sheet named `sheet`, cells as inline strings.
std::string xlsxDocument(const Cells& cells, const std::string& sheet = "Sheet1");
// The location of cell (row, column), 0-based, of that sheet: "Sheet1!C7".
std::string xlsxLocation(const std::string& sheet, std::size_t row, std::size_t column);

// A DOCX whose body holds `paragraphs` (one per line of text), then `table` (rows of cells) if not
// empty. The extractor writes a table row as one line with cells joined by '\t'.
std::string docxDocument(const std::vector<std::string>& paragraphs, const Cells& table = {});
// "body, paragraph N" for the 0-based line `line` of the body (paragraphs first, then table rows).
std::string docxLocation(std::size_t line);

// An HWP 5.0 document (compressed BodyText/Section0) with `paragraphs`, then `table` as Hangul
// writes a register: an anchor paragraph, a TABLE record, each cell a list header with its address
// and one paragraph. The extractor gives one line per paragraph, an empty one for the anchor, and
// one per table row.
std::string hwpDocument(const std::vector<std::string>& paragraphs, const Cells& table = {});
// "section 1, paragraph N" for the 0-based line `index` of the section's text.
std::string hwpLocation(std::size_t index);

// An HWPX package (KS X 6101) whose one section holds `paragraphs` (an hp:p each), then `table` if
// not empty (an hp:tbl in a paragraph's run, each cell a sub-list with one paragraph). Without
// content.hpf the extractor takes Contents/section*.xml in numeric order; it gives one line per
// paragraph, then one per table row.
std::string hwpxDocument(const std::vector<std::string>& paragraphs, const Cells& table = {});
// "section 1, paragraph N" for the 0-based line `line` of the section's text (paragraphs first,
// then table rows: HWPX has no anchor line, unlike hwpDocument()).
std::string hwpxLocation(std::size_t line);

// An ODS spreadsheet with one table named `sheet`, every cell a string cell; the scanner reports
// its cells at xlsxLocation(sheet, row, column).
std::string odsDocument(const Cells& cells, const std::string& sheet = "Sheet1");

// RFC 4180 CSV (fields with ',', '"' or a line break quoted), rows ended by CRLF when `crlf`.
std::string csvDocument(const Cells& cells, char delimiter = ',', bool crlf = false);

}  // namespace jamul::test
