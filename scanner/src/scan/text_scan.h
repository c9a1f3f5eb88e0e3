// SPDX-License-Identifier: Apache-2.0
#pragma once

// TextScan: runs the detector over a decoded text stream in overlapping windows (1 MiB, overlapping
// by Detector::kWindowOverlap, each match reported by exactly one window) and folds the matches
// into the file's report: exact counts per rule and confidence, distinct values (capped), and
// each value's first location ("line 12", "row 5, column 3", "Sheet1!C7"). CSV/TSV and table parts
// go through a TableLayout, so that column headers are context for their cells.
//
// DocumentScanSink: the extractors' TextSink (extract/extractor.h) for scanning: one TextScan per
// part of a document, so that each part has its own line or cell numbering and header, and no
// match spans two parts, while the file's distinct values and byte offsets run across its parts.
//
// Thread-safety: one per worker thread (the Detector and the buffers are the worker's).

#include <array>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "extract/extractor.h"
#include "jamul/scanner/detector.h"
#include "jamul/scanner/file_report.h"
#include "jamul/scanner/file_scanner.h"
#include "scan/table_layout.h"

namespace jamul::scanner::scan {

struct FindingKey {
  RuleId rule;
  Confidence confidence;
  ValueDigest digest;
  bool operator==(const FindingKey&) const = default;
};

struct FindingKeyHash {
  std::size_t operator()(const FindingKey& k) const {
    std::size_t h = 0;
    std::memcpy(&h, k.digest.data(), sizeof h);  // the digest is already uniformly distributed
    return h ^ (static_cast<std::size_t>(k.rule) << 8) ^ static_cast<std::size_t>(k.confidence);
  }
};

// Buffers a TextScan uses, owned by the FileScanner and reused file after file: allocating (and
// page-faulting in) a fresh megabyte per file showed up in profiles of many small files.
struct TextScanBuffers {
  std::string text;
  std::vector<Match> matches;
  std::unordered_map<FindingKey, std::size_t, FindingKeyHash> index;
  // Distinct values kept in the file's findings per rule (cleared with `index`).
  std::array<std::size_t, kRuleCount> kept_per_rule{};
};

// Where a part's findings are: a plain file's "line 12" / "row 5, column 3", or, in a part of a
// document, "section 1, paragraph 12" / "Sheet1!C7" (extract/extractor.h).
struct PartPlace {
  std::string location;  // the part's own location; empty for a plain text file
  extract::PartKind kind = extract::PartKind::kLines;
  std::uint64_t stream_base = 0;  // offset of the part's first byte in the file's extracted text
};

class TextScan {
 public:
  // `buffers.index` (distinct values of the file) is not cleared: a document's parts share it, so
  // a value that appears in two sections is one finding. FileScanner clears it per file.
  TextScan(Detector& detector, FileReport& report, const ScanOptions& options, char delimiter,
           TextScanBuffers& buffers, PartPlace place = {})
      : detector_(detector),
        report_(report),
        max_findings_(options.max_findings_per_file),
        max_unstructured_(options.max_unstructured_findings_per_rule),
        kept_per_rule_(buffers.kept_per_rule),
        window_bytes_(std::max(options.window_bytes, 4 * Detector::kWindowOverlap)),
        place_(std::move(place)),
        text_(buffers.text),
        matches_(buffers.matches),
        index_(buffers.index) {
    if (delimiter != 0) table_.emplace(delimiter);
    text_.clear();
  }

  // Appends the next decoded text: `produce(std::string&)` appends it straight to the window buffer
  // (no intermediate copy). `last` marks the end of the stream.
  template <typename Produce>
  void feed(Produce&& produce, bool last) {
    const std::size_t old_size = text_.size();
    produce(text_);
    const std::string_view added = std::string_view(text_).substr(old_size);
    if (table_) table_->append(added);
    report_.text_bytes += added.size();
    while (text_.size() >= window_bytes_ + Detector::kWindowOverlap) process(false);
    if (last) process(true);
  }

 private:
  // Runs the detector over the window (up to the overlap kept for the next one unless `last`).
  void process(bool last);
  // "line 12", "row 5, column 3", "Sheet1!C7", "section 1, paragraph 4" of a window offset.
  std::string location(std::size_t offset);
  // Folds the window's matches into the report.
  void record();

  Detector& detector_;
  FileReport& report_;
  std::size_t max_findings_;
  std::size_t max_unstructured_;
  std::array<std::size_t, kRuleCount>& kept_per_rule_;
  std::size_t window_bytes_;
  PartPlace place_;
  std::optional<scan::TableLayout> table_;
  std::string& text_;             // the window: stream bytes [base_, base_ + text_.size())
  std::uint64_t base_ = 0;
  std::size_t report_from_ = 0;   // window offset where new (not yet reported) matches start
  std::uint64_t lines_before_ = 0;  // newlines in the stream before base_
  std::size_t line_cursor_ = 0;
  std::uint64_t line_count_ = 0;
  std::vector<Match>& matches_;
  std::unordered_map<FindingKey, std::size_t, FindingKeyHash>& index_;
};

// The delimiter of a table part's rows ('\t', ','), or 0 for text parts.
char partDelimiter(extract::PartKind kind);

// Feeds the parts of a document to the detector, one TextScan per part: each part has its own
// line or cell numbering and table header, and a match never spans two parts.
class DocumentScanSink final : public extract::TextSink {
 public:
  DocumentScanSink(Detector& detector, FileReport& report, const ScanOptions& options,
                   TextScanBuffers& buffers)
      : detector_(detector), report_(report), options_(options), buffers_(buffers) {}
  ~DocumentScanSink() override { finishPart(); }

  void beginPart(std::string_view location, extract::PartKind kind) override {
    finishPart();
    part_.emplace(detector_, report_, options_, partDelimiter(kind), buffers_,
                  PartPlace{std::string(location), kind, report_.text_bytes});
  }
  void append(std::string_view utf8) override {
    if (!part_) beginPart("", extract::PartKind::kLines);  // tolerated; extractors should not
    part_->feed([&](std::string& out) { out.append(utf8); }, false);
  }
  void finishPart() {
    if (!part_) return;
    part_->feed([](std::string&) {}, true);
    part_.reset();
  }

 private:
  Detector& detector_;
  FileReport& report_;
  const ScanOptions& options_;
  TextScanBuffers& buffers_;
  std::optional<TextScan> part_;
};

}  // namespace jamul::scanner::scan
