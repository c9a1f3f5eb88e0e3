// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers for Boost.Test cases that run the real FileScanner over files they write: a scanner
// with the detector pinned to the tests' "today", the FileEntry a walk would give for a file, and
// a report's findings printed for a failure's context (what the engine did, not only that a
// count was off).
//
// Thread-safety: pure functions; a FileScanner is used by one test at a time.

#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <filesystem>
#include <set>
#include <string>
#include <utility>

#include "jamul/scanner/file_scanner.h"
#include "support/detector_fixture.h"

namespace jamul::test {

// A FileScanner with `options` and the tests' detector options and hasher; fails the test if it
// cannot be made.
inline scanner::FileScanner makeScanner(scanner::ScanOptions options = {}) {
  options.detector = testDetectorOptions();
  auto made = scanner::FileScanner::create(options, testHasher());
  BOOST_REQUIRE(made.ok());
  return std::move(made).value();
}

// The FileEntry of the file at `path`, as the walker would list it.
inline scanner::FileEntry entryFor(const std::filesystem::path& path) {
  scanner::FileEntry e;
  e.path = path.string();
  e.size = std::filesystem::file_size(path);
  return e;
}

// Masked excerpts of `rule`'s findings at `min` or above.
inline std::multiset<std::string> maskedOf(const scanner::FileReport& r, scanner::RuleId rule,
                                           scanner::Confidence min) {
  std::multiset<std::string> out;
  for (const scanner::FindingSummary& f : r.findings)
    if (f.rule == rule && f.confidence >= min) out.insert(f.masked);
  return out;
}

// A report's status and findings (the first 50: a long register's thousands would bury the
// message), for BOOST_TEST_CONTEXT.
inline std::string describe(const scanner::FileReport& r) {
  constexpr std::size_t kListed = 50;
  std::string out =
      "status " + std::string(scanner::fileStatusName(r.status)) + " " + r.detail + "; findings:";
  for (std::size_t i = 0; i < r.findings.size() && i < kListed; ++i) {
    const scanner::FindingSummary& f = r.findings[i];
    out += " [" + std::string(scanner::ruleName(f.rule)) + " " +
           std::string(scanner::confidenceName(f.confidence)) + " \"" + f.masked + "\" @ " +
           f.location + "]";
  }
  if (r.findings.size() > kListed)
    out += " ... and " + std::to_string(r.findings.size() - kListed) + " more";
  return out;
}

}  // namespace jamul::test
