// SPDX-License-Identifier: Apache-2.0
#pragma once

// TableTextBuilder: the text of a word-processing XML part laid out as the scanner reads it, for
// the three XML word processors (DOCX, HWPX, and the DrawingML text of PPTX), which differ only in
// their element names: each handler maps its elements to these calls.
//
// Layout: one line per paragraph. A table row is one line, its cells joined by '\t', so that a row
// reads like a sheet's row and a header row gives its columns their context. Inside a cell, a
// paragraph end, a line break or a tab is a space (never a line or a column), and a nested table
// stays in its outer cell. A paragraph that holds a table (HWPX anchors tables in paragraphs) ends
// with the table's last row. Text outside a text run (field codes, properties) is dropped.
//
// Thread-safety: one per part being parsed.

#include <string_view>

#include "extract/zip/xml_stream.h"

namespace jamul::scanner::extract::zip {

class TableTextBuilder {
 public:
  explicit TableTextBuilder(PartText& out) : out_(out) {}

  void beginRun() { ++in_run_; }
  void endRun() {
    if (in_run_ > 0) --in_run_;
  }
  // Characters of the document: kept only inside a run.
  void text(std::string_view text);
  void tab() { out_.append(in_cell_ > 0 ? ' ' : '\t'); }
  void lineBreak() { out_.append(in_cell_ > 0 ? ' ' : '\n'); }
  void beginParagraph() { row_in_paragraph_ = false; }
  void endParagraph();
  void beginCell() { ++in_cell_; }
  void endCell();
  void beginRow() { row_has_cell_ = false; }
  void endRow();

 private:
  PartText& out_;
  int in_run_ = 0;
  int in_cell_ = 0;  // nesting depth of table cells
  bool row_has_cell_ = false;
  bool row_in_paragraph_ = false;
};

}  // namespace jamul::scanner::extract::zip
