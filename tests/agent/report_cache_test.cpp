// SPDX-License-Identifier: Apache-2.0
#include "inventory/report_cache.h"

#include <boost/test/unit_test.hpp>

#include "support/scanner_printers.h"

namespace jamul::agent {
namespace {

using scanner::Confidence;
using scanner::FileReport;
using scanner::RuleId;

FileReport reportWithFindings(bool truncated) {
  FileReport r;
  for (std::uint8_t tag = 1; tag <= 3; ++tag) {
    scanner::FindingSummary f;
    f.rule = tag == 2 ? RuleId::kKrPhone : RuleId::kKrRrn;
    f.confidence = scanner::confidenceFromIndex(tag % scanner::kConfidenceCount);
    f.count = 300u * tag;  // more than one varint byte
    f.offset = (1ull << 40) + tag;
    f.location = "수급자!B" + std::to_string(tag);
    f.masked = "900101-1******";
    f.digest.fill(tag);
    r.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(f.confidence)] += f.count;
    r.findings.push_back(f);
  }
  r.findings_truncated = truncated;
  if (truncated) r.counts[scanner::ruleIndex(RuleId::kEmail)][0] = 12;
  return r;
}

BOOST_AUTO_TEST_SUITE(report_cache)

BOOST_AUTO_TEST_CASE(findings_and_counts_round_trip) {
  for (bool truncated : {false, true}) {
    BOOST_TEST_CONTEXT("truncated " << truncated) {
      const FileReport r = reportWithFindings(truncated);
      FileReport back;
      BOOST_REQUIRE(decodeReportCache(encodeReportCache(r), truncated, back));
      BOOST_TEST((back.counts == r.counts));
      BOOST_REQUIRE(back.findings.size() == r.findings.size());
      for (std::size_t i = 0; i < r.findings.size(); ++i) {
        BOOST_TEST(back.findings[i].rule == r.findings[i].rule);
        BOOST_TEST(back.findings[i].confidence == r.findings[i].confidence);
        BOOST_TEST(back.findings[i].count == r.findings[i].count);
        BOOST_TEST(back.findings[i].offset == r.findings[i].offset);
        BOOST_TEST(back.findings[i].location == r.findings[i].location);
        BOOST_TEST(back.findings[i].masked == r.findings[i].masked);
        BOOST_TEST((back.findings[i].digest == r.findings[i].digest));
      }
    }
  }
}

// Every truncation and every flipped version byte is refused whole, never half-read.
BOOST_AUTO_TEST_CASE(damaged_caches_are_refused_and_leave_the_report_empty) {
  for (bool truncated : {false, true}) {
    const std::string cache = encodeReportCache(reportWithFindings(truncated));
    for (std::size_t n = 0; n < cache.size(); ++n) {
      FileReport back;
      BOOST_TEST(!decodeReportCache(cache.substr(0, n), truncated, back), "prefix " << n);
      BOOST_TEST(back.findings.empty());
      BOOST_TEST(back.total(Confidence::kLow) == 0u);
    }
    FileReport back;
    BOOST_TEST(!decodeReportCache(cache + "x", truncated, back));  // trailing bytes
    std::string other_version = cache;
    other_version[0] = 2;
    BOOST_TEST(!decodeReportCache(other_version, truncated, back));
  }
  // A truncated report whose cache has no counts would under-count.
  FileReport back;
  BOOST_TEST(!decodeReportCache(encodeReportCache(reportWithFindings(false)), true, back));
}

BOOST_AUTO_TEST_CASE(a_rule_this_version_does_not_know_is_skipped) {
  FileReport r = reportWithFindings(false);
  std::string cache = encodeReportCache(r);
  // The first finding's rule name "kr_rrn" becomes "kr_xxx": same length, unknown name.
  const std::size_t at = cache.find("kr_rrn");
  BOOST_REQUIRE(at != std::string::npos);
  cache.replace(at, 6, "kr_xxx");
  FileReport back;
  BOOST_REQUIRE(decodeReportCache(cache, false, back));
  BOOST_REQUIRE(back.findings.size() == 2u);
  BOOST_TEST(back.findings[0].rule == RuleId::kKrPhone);
  BOOST_TEST(back.total(Confidence::kLow) == r.findings[1].count + r.findings[2].count);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
