// SPDX-License-Identifier: Apache-2.0
#include "extract/zip/table_text_builder.h"

namespace jamul::scanner::extract::zip {

void TableTextBuilder::text(std::string_view text) {
  if (in_run_ == 0) return;
  if (in_cell_ > 0)
    out_.appendCell(text);
  else
    out_.append(text);
}

void TableTextBuilder::endParagraph() {
  if (in_cell_ > 0) {
    // Paragraphs in a cell stay on the row's line.
    const char last = out_.back();
    if (!out_.empty() && last != '\t' && last != ' ' && last != '\n') out_.append(' ');
    return;
  }
  if (!row_in_paragraph_) out_.append('\n');  // else the table's last row ended the line
  row_in_paragraph_ = false;
}

void TableTextBuilder::endCell() {
  if (in_cell_ > 0) --in_cell_;
  if (in_cell_ > 0) return;  // a nested table's cell: its outer cell goes on
  if (out_.back() == ' ') out_.popBack();
  out_.append('\t');
  row_has_cell_ = true;
}

void TableTextBuilder::endRow() {
  if (in_cell_ > 0) return;  // a nested table's row
  if (row_has_cell_ && out_.back() == '\t') out_.popBack();
  out_.append('\n');
  row_in_paragraph_ = true;
}

}  // namespace jamul::scanner::extract::zip
