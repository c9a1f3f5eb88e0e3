// SPDX-License-Identifier: Apache-2.0
#pragma once

// TableLayout: the structure of a CSV/TSV stream, so that a value's column header can serve as its
// context (DETECTION.md §2.4: a header "주민등록번호" 2,000 rows above is the strongest evidence in a
// spreadsheet) and its location can be given as row and column.
//
// The layout follows the text as it is decoded (append()), tracking record boundaries with an
// RFC 4180 state machine (quoted fields may hold delimiters and newlines; a stray quote inside an
// unquoted field is taken literally; a quoted field longer than 64 KiB is treated as malformed and
// closed, so one bad quote cannot swallow the rest of a file). The first record is the header.
// Record starts are kept only for the current window (forget()), so memory is bounded.
//
// Offsets passed in are positions in the decoded UTF-8 stream ("global"); columnHeader() takes an
// offset into the current window, as TextStructure requires.
//
// Thread-safety: none.

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/scanner/detector.h"

namespace jamul::scanner::scan {

class TableLayout final : public TextStructure {
 public:
  explicit TableLayout(char delimiter) : delimiter_(delimiter) {}

  // Follows `text`, the next decoded bytes of the stream.
  void append(std::string_view text);
  // Sets the window the detector is about to see: `text` starts at stream offset `base`. Record
  // starts before the window's first record are forgotten.
  void setWindow(std::string_view text, std::uint64_t base);

  std::string_view columnHeader(std::size_t window_offset) const override;
  std::string_view allHeaders() const override { return all_headers_; }
  bool inHeaderRow(std::size_t window_offset) const override;
  char cellDelimiter() const override { return delimiter_ == '\t' ? 0 : delimiter_; }

  struct Cell {
    std::uint64_t row = 0;     // 1-based record number (the header is row 1); 0 if unknown
    std::uint64_t column = 0;  // 1-based
  };
  // The cell holding stream offset `global`, which must lie in the current window.
  Cell cellAt(std::uint64_t global) const;

  const std::vector<std::string>& header() const { return header_; }

 private:
  enum class State : std::uint8_t { kFieldStart, kUnquoted, kQuoted, kQuoteInQuoted };
  // Advances the state machine by one byte; returns true at the end of a record.
  bool step(State& state, char c, std::uint64_t& quoted_run) const;
  // Column index (0-based) of window offset `offset` in the record starting at window offset `from`.
  std::size_t columnOf(std::size_t from, std::size_t offset) const;
  void finishHeader();
  // Adds the start of the first record to header_text_, up to kMaxHeaderBytes in all.
  void appendHeader(std::string_view text);

  char delimiter_;
  State state_ = State::kFieldStart;
  std::uint64_t quoted_run_ = 0;
  char last_byte_ = '\n';  // the byte before the next append()'s first
  std::uint64_t consumed_ = 0;  // stream offset of the next byte append() sees
  std::deque<std::uint64_t> record_starts_{0};
  std::uint64_t first_record_number_ = 1;  // record number of record_starts_.front()
  std::string header_text_;
  bool header_done_ = false;
  std::vector<std::string> header_;
  std::string all_headers_;  // header_ joined by '\n'
  std::string_view window_;
  std::uint64_t window_base_ = 0;
};

// Splits one record (up to its first unquoted newline) into unquoted, trimmed fields.
std::vector<std::string> splitRecord(std::string_view record, char delimiter);

// The delimiter of a table file, or 0 if the file is not read as a table: ',' ';' '\t' or '|' for
// .csv (whichever the first line uses most), '\t' for .tsv/.tab, and '\t' for other text whose first
// lines all hold the same number (>= 2) of tabs. `file_name` is the base name; `head` the decoded
// start of the file.
char tableDelimiter(std::string_view file_name, std::string_view head);

}  // namespace jamul::scanner::scan
