// SPDX-License-Identifier: Apache-2.0
// TextScan: how a stream of text is cut into overlapping windows for the detector.
#include <boost/test/unit_test.hpp>

#include <string>

#include "scan/text_scan.h"
#include "support/detector_fixture.h"

namespace jamul::scanner::scan {
namespace {

BOOST_AUTO_TEST_SUITE(text_scan)

// Bytes that are not UTF-8 — here a long run of continuation bytes — must not walk a window's cut
// back past its overlap (the cut's offset would wrap around and the scan throw): the cut steps back
// at most the 3 bytes of one character, and a value after the garbage is still found, once.
BOOST_AUTO_TEST_CASE(a_run_of_utf8_continuation_bytes_is_cut_like_any_text) {
  Detector detector = test::makeTestDetector();
  FileReport report;
  ScanOptions options;
  options.window_bytes = 4 * Detector::kWindowOverlap;
  TextScanBuffers buffers;
  TextScan scan(detector, report, options, 0, buffers);
  const std::string garbage(40'000, '\xAF');
  scan.feed([&](std::string& out) { out += garbage; }, false);
  scan.feed([&](std::string& out) { out += "\n주민등록번호 900101-1234568\n"; }, true);
  BOOST_TEST(report.text_bytes == garbage.size() + std::string("\n주민등록번호 900101-1234568\n").size());
  BOOST_TEST_REQUIRE(report.findings.size() == 1u);
  BOOST_TEST(report.findings[0].masked == "900101-1******");
  BOOST_TEST(report.findings[0].count == 1u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::scan
