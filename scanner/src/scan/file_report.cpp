// SPDX-License-Identifier: Apache-2.0
#include "jamul/scanner/file_report.h"

namespace jamul::scanner {

std::string_view fileStatusName(FileStatus status) {
  switch (status) {
    case FileStatus::kOk: return "ok";
    case FileStatus::kProtected: return "protected";
    case FileStatus::kUnsupported: return "unsupported";
    case FileStatus::kCorrupt: return "corrupt";
    case FileStatus::kTooLarge: return "too_large";
    case FileStatus::kError: return "error";
    case FileStatus::kEncrypted: return "encrypted";
    case FileStatus::kSkipped: return "skipped";
  }
  return "error";
}

std::optional<FileStatus> fileStatusFromName(std::string_view name) {
  for (FileStatus s : kAllFileStatuses)
    if (fileStatusName(s) == name) return s;
  return std::nullopt;
}

std::uint64_t FileReport::count(RuleId rule, Confidence min) const {
  std::uint64_t n = 0;
  for (std::size_t c = confidenceIndex(min); c < kConfidenceCount; ++c) n += counts[ruleIndex(rule)][c];
  return n;
}

std::uint64_t FileReport::total(Confidence min) const {
  std::uint64_t n = 0;
  for (RuleId rule : kAllRules) n += count(rule, min);
  return n;
}

}  // namespace jamul::scanner
