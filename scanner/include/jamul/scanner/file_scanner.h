// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileScanner: scans one file: opens it (without following links, without updating its access
// time), recognises what it holds by content (text encodings, age files, binary formats), decodes it
// to UTF-8 in bounded chunks that overlap by Detector::kWindowOverlap bytes, runs the Detector, and
// folds the matches into a FileReport. CSV/TSV files are read as tables: each column's header is
// context for the cells below it.
//
// scan() never fails: every problem becomes a status on the report (DESIGN.md §1.4: a file that
// cannot be read is never reported as clean). Memory stays bounded whatever the file size.
//
// Thread-safety: none. A FileScanner owns a Detector and buffers; give each worker thread its own.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/common/value_digest.h"
#include "jamul/scanner/detector.h"
#include "jamul/scanner/extract_limits.h"
#include "jamul/scanner/file_entry.h"
#include "jamul/scanner/file_report.h"
#include "jamul/scanner/parser_quarantine.h"
#include "jamul/scanner/scan_pacer.h"

namespace jamul::scanner {

struct ScanOptions {
  // Files larger than this are reported kTooLarge without being read.
  std::uint64_t max_file_size = std::uint64_t{4} << 30;
  // Distinct values kept per file in FileReport::findings (counts stay exact beyond it).
  std::size_t max_findings_per_file = 1000;
  // Of those, distinct values per rule of the unstructured rules (names, addresses, birth dates,
  // health fields, age and sex): a register of 50,000 people is reported as its exact counts and a
  // sample of its values, not as 1,000 masked names in the inventory (issue 18).
  std::size_t max_unstructured_findings_per_rule = 100;
  // Decoded text handed to the detector at a time, plus Detector::kWindowOverlap bytes repeated from
  // the previous window. Bounds memory per worker. Clamped to at least 4 * kWindowOverlap.
  std::size_t window_bytes = std::size_t{1} << 20;
  DetectorOptions detector;
  // Budgets for documents (HWP, Office, PDF, archives, mail): issue 3.
  ExtractLimits extract;
  // Documents that crashed or hung a parser before; null: none are remembered. Not owned; must
  // outlive every FileScanner made with these options.
  ParserQuarantine* quarantine = nullptr;
  // Slows the scan to a budget (scan_pacer.h); null: full speed. Not owned; must outlive every
  // FileScanner made with these options.
  ScanPacer* pacer = nullptr;
};

// What `jamul extract` prints: the format, and the text in the pieces the detector sees them.
struct ExtractInfo {
  FileStatus status = FileStatus::kOk;
  std::string format;
  std::string detail;
};

class FileScanner {
 public:
  // Fails only if the Detector cannot be built (kInternal). `hasher` must be thread-safe.
  static Result<FileScanner> create(const ScanOptions& options, ValueHasher hasher);

  FileScanner(FileScanner&&) noexcept;
  FileScanner& operator=(FileScanner&&) noexcept;
  ~FileScanner();

  // Scans the file `entry` describes. The entry's stat fields are refreshed from the open file, so
  // the report describes what was actually read.
  FileReport scan(const FileEntry& entry);

  // Reads `path` exactly as scan() would and hands the decoded UTF-8 text to `sink`, piece by piece
  // (without overlap). A document's parts (pages, sheets, sections, archive members) are announced
  // to `on_part` with their location before their text. Fails with the error that stopped the read
  // (kNotFound, kPermissionDenied, kIo); a file that cannot be read returns its status in
  // ExtractInfo (a document may have sent some text before the problem).
  Result<ExtractInfo> extract(const std::string& path,
                              const std::function<void(std::string_view)>& sink,
                              const std::function<void(std::string_view)>& on_part = {});

 private:
  class Impl;
  explicit FileScanner(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamul::scanner
