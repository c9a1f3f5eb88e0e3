// SPDX-License-Identifier: Apache-2.0
#pragma once

// ProgressLine: the one-line scan progress on a terminal's standard error ("12,345 files · 523.4 MB
// · 210.3 MB/s · ETA 0:12"), redrawn in place and cleared before other output. Only used when
// standard error is a terminal.
//
// Thread-safety: none; used on the scan's sink thread.

#include <chrono>
#include <cstdio>

#include "jamul/scanner/scan_pipeline.h"

namespace jamul::cli {

class ProgressLine {
 public:
  explicit ProgressLine(std::FILE* out) : out_(out), started_(std::chrono::steady_clock::now()) {}
  void update(const scanner::ScanProgress& progress);
  // Erases the line (if drawn) so that the next output starts on a clean line.
  void clear();

 private:
  std::FILE* out_;
  std::chrono::steady_clock::time_point started_;
  bool drawn_ = false;
};

}  // namespace jamul::cli
