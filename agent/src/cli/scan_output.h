// SPDX-License-Identifier: Apache-2.0
#pragma once

// Output of `jamul scan`: a ScanTally that adds up reports, and two printers (DESIGN.md §4 "Output"):
//   - the table, for people: one line per file with findings or a problem (status, counts per rule,
//     masked examples, path), then a one-line summary;
//   - JSON Lines (--json): one object per file {"path","status","counts","findings",...} and a final
//     {"summary":{...}} object.
// Both show only findings at or above the chosen confidence, and never a raw value: findings carry
// masked excerpts only.
//
// Thread-safety: none; used on the scan's sink thread.

#include <array>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <memory>
#include <unordered_set>
#include <string_view>

#include "jamul/scanner/file_report.h"

namespace jamul::cli {

struct ScanTally {
  explicit ScanTally(scanner::Confidence min) : min_confidence(min) {}
  void add(const scanner::FileReport& report);
  // The exit status of `jamul scan` (README "Exit status"):
  //   2 if some file could not be read at all (status error: permission, I/O, vanished,
  //     quarantined), findings or not, as grep does;
  //   else 1 if personal data was found;
  //   else 2 if some document was not fully read (corrupt, too_large, protected): "nothing found"
  //     would not be the whole truth;
  //   else 0. Unsupported formats and encrypted (age) files are not failures: they are listed and
  //   counted, and an encrypted file is what the product wants.
  int exitCode() const;

  scanner::Confidence min_confidence;
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;
  std::uint64_t files_read = 0;  // opened and read now (not from the inventory)
  std::uint64_t bytes_read = 0;
  std::uint64_t files_cached = 0;
  std::uint64_t files_with_findings = 0;
  std::array<std::uint64_t, scanner::kFileStatusCount> by_status{};  // index: FileStatus
  std::array<std::uint64_t, scanner::kRuleCount> occurrences{};
  struct DigestHash {
    std::size_t operator()(const ValueDigest& d) const;
  };
  std::array<std::unordered_set<ValueDigest, DigestHash>, scanner::kRuleCount> distinct;
  bool distinct_is_lower_bound = false;  // some file had more distinct values than it keeps
};

class ScanOutput {
 public:
  virtual ~ScanOutput() = default;
  // One file's result; `display_path` is the path as the user wrote the root.
  virtual void file(const scanner::FileReport& report, std::string_view display_path) = 0;
  virtual void summary(const ScanTally& tally, std::chrono::duration<double> elapsed) = 0;
};

// `all`: list every file, including clean and unreadable-format ones.
std::unique_ptr<ScanOutput> makeTableOutput(std::FILE* out, scanner::Confidence min, bool all);
std::unique_ptr<ScanOutput> makeJsonOutput(std::FILE* out, scanner::Confidence min);

}  // namespace jamul::cli
