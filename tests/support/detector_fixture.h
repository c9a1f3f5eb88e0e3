// SPDX-License-Identifier: Apache-2.0
#pragma once

// Helpers for detector tests: a Detector pinned to a fixed "today" (2026-11-22) with the test hasher,
// and a one-call detect over a string.

#include <optional>
#include <ostream>
#include <string_view>
#include <vector>

#include "jamul/scanner/detector.h"
#include "support/scanner_printers.h"
#include "support/test_hasher.h"


namespace jamul::test {

// Detector options pinned to the tests' "today", 2026-11-22 (the synthetic sets' dates of birth
// and expiry dates are drawn around it).
inline scanner::DetectorOptions testDetectorOptions() {
  scanner::DetectorOptions options;
  options.today_year = 2026;
  options.today_month = 11;
  options.today_day = 22;
  return options;
}

inline scanner::Detector makeTestDetector() {
  const scanner::DetectorOptions options = testDetectorOptions();
  auto detector = scanner::Detector::create(options, testHasher());
  if (!detector) std::abort();
  return std::move(detector).value();
}

inline std::vector<scanner::Match> detectAll(scanner::Detector& detector, std::string_view text,
                                             const scanner::TextStructure* structure = nullptr) {
  std::vector<scanner::Match> out;
  scanner::TextWindow window;
  window.text = text;
  window.structure = structure;
  detector.detect(window, out);
  return out;
}

}  // namespace jamul::test
