// SPDX-License-Identifier: Apache-2.0
#pragma once

// Inventory: the local record of what each scan found (DESIGN.md §3, §4), in SQLite (WAL mode).
// Schema and its versions: docs/inventory.md. The inventory holds paths, statuses, counts per rule
// and confidence, and per distinct value a masked excerpt, a location and a keyed digest — never a
// raw value (none reaches it: FileReport carries none).
//
// A scan is recorded as:
//   beginScan(roots) -> prepareIncremental(roots) -> runScan(..., &changeOracle(), sink)
//     sink: fillFromCache(report) for from_cache reports, then record(report), for every report
//   -> finishScan(totals)
// An unchanged file costs no write at all: record() only notes it as seen, and finishScan() deletes
// the rows of files under the roots that a completed scan did not see (deleted or now excluded).
//
// Thread-safety: one thread uses the Inventory, except changeOracle().unchanged(), which may be
// called from another thread (the walker) between prepareIncremental() and finishScan(): it reads
// only data that prepareIncremental() loaded and nothing modifies afterwards.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "jamul/common/result.h"
#include "jamul/scanner/file_report.h"
#include "jamul/scanner/scan_pipeline.h"

namespace jamul::agent {

struct ScanTotals {
  std::uint64_t files_seen = 0;
  std::uint64_t files_read = 0;
  std::uint64_t files_cached = 0;
  std::uint64_t bytes_read = 0;
  std::uint64_t files_with_findings = 0;
  std::uint64_t errors = 0;
  bool completed = false;  // false: interrupted (nothing is deleted as "no longer there")
};

class Inventory {
 public:
  // The schema version this code writes (PRAGMA user_version).
  static constexpr int kSchemaVersion = 1;

  // Opens the inventory at `path`, creating it (mode 0600, never through a symbolic link) and
  // migrating it to kSchemaVersion as needed. The parent directory must exist. Fails with
  // kUnsupportedFormat for a database written by a newer Jamul, kCorrupt for a file that is not an
  // inventory, kPermissionDenied, kIo.
  static Result<Inventory> open(const std::string& path);

  Inventory(Inventory&&) noexcept;
  Inventory& operator=(Inventory&&) noexcept;
  ~Inventory();

  // Records the start of a scan of `roots` (absolute, normalised paths); returns its id.
  Result<std::int64_t> beginScan(std::span<const std::string> roots,
                                 std::string_view ruleset_version);

  // Loads what the inventory knows of every file at or under `roots`, so that changeOracle() can
  // answer and fillFromCache() can fill reports without per-file queries.
  Status prepareIncremental(std::span<const std::string> roots, std::string_view ruleset_version);

  // unchanged(entry) is true iff the file is known, its size, mtime, ctime, inode and device are
  // the same, it was scanned under `ruleset_version`, and its stored status may be reused (ok,
  // protected, unsupported; files in error, corrupt or too_large are always read again).
  const scanner::ChangeOracle& changeOracle() const;

  // Fills status, detail, format, counts, findings and truncation of a from_cache report from the
  // stored row. Fails with kNotFound if the row is gone.
  Status fillFromCache(scanner::FileReport& report);

  // Records one report of scan `scan_id`. A fresh report replaces the file's row, counts and
  // findings; a from_cache report is only noted as seen (no write); a walk error (no file signature)
  // goes to the scan's error list only. Writes are batched in transactions.
  Status record(std::int64_t scan_id, const scanner::FileReport& report);

  // Commits, stores the totals, and — if the scan completed — deletes the rows of files under its
  // roots that it did not see.
  Status finishScan(std::int64_t scan_id, const ScanTotals& totals);

  struct Summary {
    std::uint64_t files = 0;
    std::uint64_t files_with_findings = 0;
    std::uint64_t files_not_read = 0;  // any status but ok
    std::uint64_t scans = 0;
  };
  Result<Summary> summary();

 private:
  struct Impl;
  explicit Inventory(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace jamul::agent
