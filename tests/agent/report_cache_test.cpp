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
    f.basis = static_cast<scanner::BasisSet>(tag == 3 ? 0 : 1u << tag);  // 0: unknown
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
        BOOST_TEST(static_cast<int>(back.findings[i].basis) ==
                   static_cast<int>(r.findings[i].basis));
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
    other_version[0] = 3;
    BOOST_TEST(!decodeReportCache(other_version, truncated, back));
  }
  // A truncated report whose cache has no counts would under-count.
  FileReport back;
  BOOST_TEST(!decodeReportCache(encodeReportCache(reportWithFindings(false)), true, back));
}

// Format 1 had no basis byte: read as format 2 it would take the count for the basis and shift
// every field after it. It is refused, and the caller reads the findings table instead.
BOOST_AUTO_TEST_CASE(a_cache_of_format_1_is_refused) {
  std::string v1;
  v1 += '\x01';                    // format version 1
  v1 += '\x01';                    // one finding
  v1 += "\x06kr_rrn";              // rule
  v1 += '\x02';                    // confidence index: high
  v1 += "\x03\x07";                // count 3, offset 7
  v1 += "\x06line 1";              // location
  v1 += "\x0e" "900101-1******";   // masked
  v1 += std::string(16, '\x01');   // digest
  v1 += '\x00';                    // no exact counts
  FileReport back;
  BOOST_TEST(!decodeReportCache(v1, false, back));
  BOOST_TEST(back.findings.empty());
  // The same finding in format 2 (one basis byte after the confidence) is read.
  std::string v2 = v1;
  v2[0] = '\x02';
  v2.insert(v2.find("kr_rrn") + 7, 1, '\x03');  // checksum, label
  BOOST_REQUIRE(decodeReportCache(v2, false, back));
  BOOST_REQUIRE(back.findings.size() == 1u);
  BOOST_TEST(back.findings[0].count == 3u);
  BOOST_TEST(back.findings[0].location == "line 1");
  BOOST_TEST(static_cast<int>(back.findings[0].basis) == 3);
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
