// SPDX-License-Identifier: Apache-2.0
#pragma once

// ScanJob: one scan recorded in the inventory, start to end, as `jamul scan` and the agent both run
// it (DESIGN.md §3, §4):
//
//   parse journal harvested (documents that killed an earlier scan are quarantined) ->
//   beginScan (waits for the scan turn) -> what the inventory knows loads in the background ->
//   runScan on the worker pool, each report recorded (a batch committed at least every 2 s, so a
//   scan killed half-way keeps what it recorded and the next one does not read those files again)
//   -> finishScan (rows of files no longer there are deleted only after a complete scan).
//
// The listener sees each report after the inventory has it, and the progress ticks; it prints or
// sends events. A parser that ignores its time budget cannot be stopped from inside the process:
// the job calls listener.onHang() and ends the process (exit status 2); the journal keeps the
// parse's start, so the next scan skips that document.
//
// Thread-safety: run() blocks its caller; the listener is called on that thread, except onHang()
// (a watchdog thread).

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "jamul/agent/inventory.h"
#include "jamul/agent/parse_journal.h"
#include "jamul/agent/turn_wait.h"
#include "jamul/common/result.h"
#include "jamul/scanner/file_report.h"
#include "jamul/scanner/file_walker.h"
#include "jamul/scanner/scan_pipeline.h"

namespace jamul::agent {

struct ScanJobOptions {
  // Absolute, normalised, none at or under another (RootSet helps).
  std::vector<std::string> roots;
  scanner::WalkOptions walk;  // its own_file is set by the job (the inventory's files)
  scanner::ScanOptions scan;  // its quarantine is set by the job
  scanner::PipelineOptions pipeline;
  bool full = false;               // read every file, even unchanged ones
  bool retry_quarantined = false;  // read the quarantined documents again
  // The scan's files_with_findings counts files with findings at this level or above.
  scanner::Confidence count_from = scanner::Confidence::kMedium;
  TurnWait turn;  // how to wait while another process scans this inventory
};

class ScanJobListener {
 public:
  virtual ~ScanJobListener() = default;
  // Once the job holds the scan turn and the walk is about to start.
  virtual void onStarted(std::int64_t /*scan_id*/) {}
  // A document that stopped an earlier scan and is skipped from now on until it changes.
  virtual void onQuarantined(const UnfinishedParse& /*parse*/) {}
  // Each report, in walk order, once recorded (from_cache reports filled from the inventory).
  virtual void onReport(const scanner::FileReport& report) = 0;
  virtual void onProgress(const scanner::ScanProgress& /*progress*/) {}
  // The last words before the process ends (see above). From a watchdog thread.
  virtual void onHang(const UnfinishedParse& /*parse*/, std::chrono::milliseconds /*elapsed*/) {}
};

struct ScanJobOutcome {
  std::int64_t scan_id = 0;
  ScanTotals totals;
  // What stopped the walk, if anything: kCancelled when `cancel` was set (the inventory keeps what
  // was scanned), else the runScan() failure. finishScan() ran either way.
  Status run = okStatus();
  // A failure to record reports (disk full, the database locked too long): the scan went on, but
  // some reports are missing from the inventory.
  Status recording = okStatus();
};

// Runs a scan with the inventory at `inventory_path` (`inventory` is open on it). Fails (nothing
// recorded, or the scan's row says it did not complete) with the error of a step that must work:
// the value-digest key, the parse journal, beginScan (kCancelled while waiting), the inventory's
// loader, finishScan.
Result<ScanJobOutcome> runScanJob(Inventory& inventory, const std::string& inventory_path,
                                  ScanJobOptions options, ScanJobListener& listener,
                                  const std::atomic<bool>* cancel);

}  // namespace jamul::agent
