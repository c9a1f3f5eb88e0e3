// SPDX-License-Identifier: Apache-2.0
#pragma once

// FileReport: what scanning one file found (DESIGN.md §4 "Output"). The unit that flows from the
// scanner to the inventory and the printers. It holds no raw PII value: findings carry masked
// excerpts and keyed digests only.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/common/error.h"
#include "jamul/common/value_digest.h"
#include "jamul/scanner/file_entry.h"
#include "jamul/scanner/finding_basis.h"
#include "jamul/scanner/rule.h"

namespace jamul::scanner {

// Whether a file was read. Anything but kOk means "not (fully) read": never report it as clean.
enum class FileStatus : std::uint8_t {
  kOk,           // read completely; findings (possibly none) are complete
  kProtected,    // encrypted or password-protected (e.g. an age file, a password HWP)
  kUnsupported,  // a format we cannot read (yet): binary files, documents without an extractor
  kCorrupt,      // claims a format but breaks it
  kTooLarge,     // over a configured size, time or expansion limit
  kError,        // could not be read: permission denied, vanished, I/O error
  // An age file (what `jamul encrypt` writes, and Debian's `age`): encrypted, the state the
  // product is after, not a failure to read. Last, so that earlier values keep their numbers.
  kEncrypted,
  // Not a file the scan reads: a symbolic link inside a tree (never followed) or a FIFO, socket or
  // device. Reported only when asked (WalkOptions::report_skipped, `jamul scan --all`), never
  // recorded in an inventory.
  kSkipped,
};
inline constexpr std::size_t kFileStatusCount = 8;
inline constexpr std::array<FileStatus, kFileStatusCount> kAllFileStatuses = {
    FileStatus::kOk,       FileStatus::kProtected, FileStatus::kUnsupported, FileStatus::kCorrupt,
    FileStatus::kTooLarge, FileStatus::kError,     FileStatus::kEncrypted,   FileStatus::kSkipped};

// "ok", "protected", "unsupported", "corrupt", "too_large", "error", "encrypted", "skipped".
std::string_view fileStatusName(FileStatus status);
std::optional<FileStatus> fileStatusFromName(std::string_view name);

// One distinct value of one rule at one confidence in a file (DESIGN.md §4: findings carry rule,
// confidence, location and masked excerpt; the inventory adds counts and digests).
struct FindingSummary {
  RuleId rule = RuleId::kKrRrn;
  Confidence confidence = Confidence::kLow;
  std::uint64_t count = 0;   // occurrences of this value at this confidence
  std::uint64_t offset = 0;  // first occurrence: byte offset into the extracted UTF-8 text
  std::string location;      // first occurrence, for people: "line 12", "row 5, column 3"
  std::string masked;        // e.g. "900101-1******"
  ValueDigest digest{};      // keyed hash of the canonical value
  // Why it was reported: its occurrences' Match::basis folded by foldBasis(). 0 = unknown (read
  // from an inventory row written before the basis existed).
  BasisSet basis = 0;
};

// Exact occurrence counts by rule and confidence (confidenceIndex()).
using RuleCounts = std::array<std::array<std::uint64_t, kConfidenceCount>, kRuleCount>;

struct FileReport {
  FileEntry entry;
  FileStatus status = FileStatus::kOk;
  // Why the status, in English for logs and tables: "binary file", "age-encrypted",
  // "open: Permission denied". Empty for kOk. Never holds a PII value.
  std::string detail;
  // For kError: the error's code (so callers can tell permission problems from I/O faults).
  std::optional<ErrorCode> error_code;
  // What was read and how: "text/utf-8", "csv/cp949", "text/utf-16le". Empty when nothing was read.
  std::string format;
  RuleCounts counts{};
  // Distinct values, in order of first occurrence; at most ScanOptions::max_findings_per_file of
  // them (counts stay exact beyond that, see findings_truncated).
  std::vector<FindingSummary> findings;
  bool findings_truncated = false;
  std::uint64_t text_bytes = 0;  // UTF-8 bytes the detector saw
  // Bytes read from the file by this scan (0 when from_cache or not opened): a binary file is
  // recognised from its first 64 KiB and a file over the size limit is not read, so totals of
  // "bytes read" add these, not sizes.
  std::uint64_t bytes_read = 0;
  // True when an incremental rescan found the file unchanged and did not read it again; the
  // caller fills counts and findings from its inventory.
  bool from_cache = false;
  // With from_cache: what ChangeOracle::unchanged() returned for the file.
  std::uint32_t cache_handle = 0;

  // Occurrences of `rule` at `min` confidence or above.
  std::uint64_t count(RuleId rule, Confidence min) const;
  // Occurrences of every rule at `min` or above.
  std::uint64_t total(Confidence min) const;
};

}  // namespace jamul::scanner
