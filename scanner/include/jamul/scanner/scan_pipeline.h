// SPDX-License-Identifier: Apache-2.0
#pragma once

// runScan(): walks roots and scans their files on a pool of worker threads (DESIGN.md §4), handing
// reports to a sink in walk order, so that output is deterministic whatever the thread count.
//
//   walker thread ──(bounded queue)──> N workers (FileScanner each) ──> reorder ──> sink (caller)
//
// The walker asks the ChangeOracle about every file; a file it knows as unchanged is not read and
// arrives as a report with from_cache set. Walk errors arrive as reports with status kError and the
// unreadable path as entry.path. Memory is bounded: at most `max_in_flight` files are between the
// walker and the sink. Because reports leave in walk order, one large file holds back every report
// after it: the bound must be generous enough that the other workers keep busy meanwhile (2048
// keeps two workers busy behind a 50 MB file; reports are small, at most max_findings_per_file
// each).
//
// Thread-safety: runScan() blocks its caller; the sink and progress callbacks run on that thread.

#include <atomic>
#include <cstdint>
#include <optional>
#include <span>
#include <string>

#include "jamul/common/result.h"
#include "jamul/common/value_digest.h"
#include "jamul/scanner/file_report.h"
#include "jamul/scanner/file_scanner.h"
#include "jamul/scanner/file_walker.h"

namespace jamul::scanner {

// Decides whether a file may be skipped by an incremental rescan. Called on the walker thread.
//
// An oracle may still be loading (on another thread) when the scan starts: the walk then goes on
// listing and stat()ing files, holds what it finds in walk order, and asks the oracle about them
// once ready() is true, so that loading and walking overlap. Nothing reaches the workers or the
// sink before that. An oracle that is always ready needs to override neither function.
class ChangeOracle {
 public:
  virtual ~ChangeOracle() = default;
  // If `entry` was scanned before under the current ruleset and has not changed since: a handle
  // of the oracle's choosing, which the file's report carries to the sink (FileReport::
  // cache_handle), so that the sink can find what the oracle knows without a second lookup.
  // nullopt: the file must be read. REQUIRES: ready().
  virtual std::optional<std::uint32_t> unchanged(const FileEntry& entry) const = 0;
  // True once unchanged() may be called; never false again during the scan. Non-blocking, and
  // it makes what the loader wrote visible to the caller (acquire).
  virtual bool ready() const { return true; }
  // Blocks until ready().
  virtual void waitUntilReady() const {}
};

struct ScanProgress {
  std::uint64_t files_found = 0;  // files the walker has listed so far
  std::uint64_t bytes_found = 0;  // their total size
  bool walk_done = false;         // the walker has finished: the totals are final
  std::uint64_t files_done = 0;   // reports handed to the sink
  std::uint64_t bytes_done = 0;   // size of those files
  std::uint64_t bytes_read = 0;   // bytes actually read from those files (FileReport::bytes_read)
};

class ScanSink {
 public:
  virtual ~ScanSink() = default;
  // Called once per file (and per walk error), in walk order.
  virtual void onReport(FileReport report) = 0;
  // Called from time to time (about every 100 ms while reports flow, and once at the end).
  virtual void onProgress(const ScanProgress& /*progress*/) {}
};

struct PipelineOptions {
  unsigned threads = 0;  // scanning threads; 0: one per hardware thread
  std::size_t max_in_flight = 2048;
  // With one directory root and two CPUs, walk its two halves on two threads (the order of the
  // reports is the same either way).
  bool split_walk = true;
};

// Scans `roots`. Fails only if a FileScanner cannot be built; per-file problems are reports. If
// `cancel` becomes true the walk stops, the reading and extraction of the files in hand end
// (ExtractLimits::stop), the files not finished by then are not reported (what was reported is
// complete), and runScan() returns kCancelled. ScanOptions::pacer, if set, paces the walker and
// the workers.
Status runScan(std::span<const std::string> roots, const WalkOptions& walk_options,
               const ScanOptions& scan_options, const PipelineOptions& pipeline_options,
               ValueHasher hasher, const ChangeOracle* oracle, ScanSink& sink,
               const std::atomic<bool>* cancel = nullptr);

}  // namespace jamul::scanner
