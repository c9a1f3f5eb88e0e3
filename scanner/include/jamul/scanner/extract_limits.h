// SPDX-License-Identifier: Apache-2.0
#pragma once

// ExtractLimits: the budgets of document extraction for one file on disk (DESIGN.md §4 "Archive
// bombs and poison files"). A document that exceeds one is reported kTooLarge, never expanded
// further; what was read before the limit still counts.
//
// A value type.

#include <atomic>
#include <chrono>
#include <cstdint>

namespace jamul::scanner {

struct ExtractLimits {
  int max_depth = 3;                                          // archives in archives
  std::uint64_t max_entries = 10000;                          // members over all archives of a file
  std::uint64_t max_expanded_bytes = std::uint64_t{1} << 30;  // decompressed bytes in all
  // One decompressed member or stream, and a document file read whole (larger document files are
  // kTooLarge; larger text files are streamed and have no such limit).
  std::uint64_t max_member_bytes = std::uint64_t{256} << 20;
  std::uint32_t max_ratio = 200;                              // decompressed / compressed, per member
  std::chrono::milliseconds time_budget{60000};               // wall-clock for the whole file
  bool ocr = false;                                           // images: OCR only when policy asks
  // Once this is true (the scan was cancelled), reading and extraction end as if the time budget
  // were spent; the file's report is then incomplete and runScan() drops it. Null: never.
  const std::atomic<bool>* stop = nullptr;
};

}  // namespace jamul::scanner
