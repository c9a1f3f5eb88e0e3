// SPDX-License-Identifier: Apache-2.0
#pragma once

// Document extractors (DESIGN.md §4 "Extractors", issue 3): one per format, chosen by content
// signature, each turning the bytes of one document into UTF-8 text that the detector scans.
//
//   Document (bytes + name) ──> extractor ──> TextSink: beginPart(location, kind), append(text)...
//                                   │
//                                   └─ ExtractContext::nested(): archive members, attachments,
//                                      embedded files go back through the dispatcher, depth + 1
//
// Text is grouped in *parts*: a page, a sheet, a slide, a body section, a header, a mail body, an
// archive member. A part's location names it for people ("page 3", "Sheet1", "slide 2",
// "section 1", "header"); the scanner adds where in the part a finding lies:
//   * PartKind::kParagraphs: one paragraph (or text line) per '\n'-terminated line of the part's
//     text; a finding reads "section 1, paragraph 12".
//   * PartKind::kTable: the part's text is TSV: cells separated by '\t', rows ended by '\n', the
//     first line being the sheet's first row. Rows and columns stay in place (empty cells and empty
//     rows are written as empty), so row r, column c of the TSV is the sheet's cell: a finding reads
//     "Sheet1!C7", and each column's first row is context for the cells below it, as in CSV.
//     Extractors replace '\t', '\r' and '\n' inside a cell with a space.
// Nested documents' locations are prefixed with the member path: "a.zip!/b/c.xlsx!Sheet1!C7".
//
// Contract of every extractor: it never throws, never aborts on bad input, reads only inside
// `Document::bytes`, bounds its own memory (no allocation proportional to a length field it has
// not checked against the bytes present or the limits), and returns an ExtractStatus. Text already
// handed to the sink before a failure is kept: findings in a truncated document still count, but
// the status says the document was not fully read. It checks `ExtractContext::expired()` now and
// then (every part, every few MB) and returns kTooLarge when the time or size budget is spent.
//
// Thread-safety: extractors are pure functions of their input; one ExtractContext per document.

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "jamul/scanner/extract_limits.h"
#include "jamul/scanner/file_report.h"

namespace jamul::scanner::extract {

// How the text of a part is laid out (see above). kLines and kCsv are for plain-text documents
// (archive members, mail bodies): "line 12", and RFC 4180 CSV with the header row as context.
// kOcrLines is text that OCR read from an image or a scanned page, one line per line ("line 12"):
// the detector reads it for OCR's confusions as well (TextWindow::ocr).
enum class PartKind { kParagraphs, kTable, kLines, kCsv, kOcrLines };

// Receives the text of a document. Implemented by the scanner (feeds the detector), by
// `jamul extract` (prints) and by tests (collect).
class TextSink {
 public:
  virtual ~TextSink() = default;
  // Starts a part; text appended after it belongs to it until the next beginPart. An extractor
  // calls it before its first append. `location` is UTF-8 and never holds document text.
  virtual void beginPart(std::string_view location, PartKind kind) = 0;
  // Appends UTF-8 text to the current part (invalid UTF-8 is the extractor's bug; the scanner
  // tolerates it). Text may come in pieces of any size; pieces may split a line but not a
  // multi-byte character.
  virtual void append(std::string_view utf8) = 0;
};

// Budgets for one top-level file: see jamul/scanner/extract_limits.h.
using ExtractLimits = ::jamul::scanner::ExtractLimits;

// The outcome of one extraction. kOk: every part was read. Anything else: what stopped it, with a
// detail for people and logs ("password-protected HWP", "truncated BodyText/Section0",
// "zip bomb: ratio over 200"), never holding document text.
struct ExtractStatus {
  FileStatus status = FileStatus::kOk;
  std::string detail;

  static ExtractStatus ok() { return {}; }
  static ExtractStatus protectedDoc(std::string detail) {
    return {FileStatus::kProtected, std::move(detail)};
  }
  static ExtractStatus corrupt(std::string detail) { return {FileStatus::kCorrupt, std::move(detail)}; }
  static ExtractStatus tooLarge(std::string detail) { return {FileStatus::kTooLarge, std::move(detail)}; }
  static ExtractStatus unsupported(std::string detail) {
    return {FileStatus::kUnsupported, std::move(detail)};
  }
  bool isOk() const { return status == FileStatus::kOk; }
};

// The bytes of one document and its name (file or member name; a hint for messages and for
// formats without a signature, never the basis of the format decision alone).
struct Document {
  std::string_view bytes;
  std::string_view name;
};

// Budgets and recursion for one top-level file. Not thread-safe.
class ExtractContext {
 public:
  // `dispatch` extracts a nested document (the scanner passes extractDocument()).
  using Dispatch = std::function<ExtractStatus(const Document&, TextSink&, ExtractContext&)>;
  ExtractContext(ExtractLimits limits, Dispatch dispatch);

  const ExtractLimits& limits() const { return limits_; }
  int depth() const { return depth_; }

  // True once the time budget is spent, or the scan is stopping (ExtractLimits::stop); checked
  // cheaply: a clock read.
  bool expired() const;
  // Accounts for `bytes` decompressed bytes (zlib streams, archive members). Returns false, and
  // the caller stops with kTooLarge, once the total passes limits().max_expanded_bytes.
  bool chargeExpanded(std::uint64_t bytes);
  // Accounts for one archive member; false once limits().max_entries is passed.
  bool chargeEntry();

  // Names the specific format being read ("docx", "hwp", "xlsx") for the file's report. Only the
  // outermost document's call counts (a docx inside a zip leaves the file a "zip"); without one,
  // the dispatcher's kind name ("zip", "ole2", "pdf") is shown.
  void setFormat(std::string_view format);
  const std::string& format() const { return format_; }

  // Extracts the embedded document `member` (an archive member, an attachment, an OLE object)
  // through the dispatcher, with its parts' locations prefixed by `location` + "!". Beyond
  // limits().max_depth it returns kTooLarge without reading. The caller folds a non-ok result into
  // its own (a protected member makes the archive protected unless something worse happened).
  ExtractStatus nested(std::string_view location, const Document& member, TextSink& sink);

 private:
  ExtractLimits limits_;
  Dispatch dispatch_;
  std::chrono::steady_clock::time_point deadline_;
  int depth_ = 0;
  std::uint64_t expanded_ = 0;
  std::uint64_t entries_ = 0;
  std::string format_;
};

// Folds the status of a part or member into the document's: the worst wins, in the order
// kOk < kProtected < kTooLarge < kCorrupt < kError; the first detail of the worst status is kept.
// kUnsupported from a member (a program or a picture inside a zip) does not degrade its container:
// it holds no text we could have read, like a binary file on disk.
void foldStatus(ExtractStatus& into, const ExtractStatus& from);

// `status` as the status of the document part `part` ("attachment 2 (명단.xlsx)"): a detail
// prefixed "<part>: ", so that people can tell which part of a mail or archive it is about. kOk
// and kUnsupported are returned unchanged.
ExtractStatus partStatus(std::string_view part, ExtractStatus status);

// A name (an attachment's file name) fit for a status detail: valid UTF-8 on one line, at most 80
// bytes, cut between characters.
std::string detailName(std::string_view name);

}  // namespace jamul::scanner::extract
