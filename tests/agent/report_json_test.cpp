// SPDX-License-Identifier: Apache-2.0
// The JSON object of one file's report (`jamul scan --json`, the local API's findings): its
// findings, and the basis each says it was reported on.

#include "jamul/agent/report_json.h"

#include <boost/test/unit_test.hpp>

#include "support/scanner_printers.h"

namespace jamul::agent {
namespace {

using scanner::Basis;
using scanner::basisBit;
using scanner::Confidence;
using scanner::FileReport;
using scanner::RuleId;

FileReport reportWith(scanner::BasisSet basis) {
  FileReport r;
  r.entry.path = "/home/kim/명단.csv";
  r.entry.size = 120;
  r.format = "csv/utf-8";
  scanner::FindingSummary f;
  f.rule = RuleId::kKrRrn;
  f.confidence = Confidence::kHigh;
  f.count = 2;
  f.offset = 57;
  f.location = "row 2, column 2";
  f.masked = "900101-1******";
  f.basis = basis;
  r.findings.push_back(f);
  r.counts[scanner::ruleIndex(f.rule)][scanner::confidenceIndex(f.confidence)] = f.count;
  return r;
}

std::string json(const FileReport& r, Confidence min = Confidence::kMedium) {
  std::string out;
  JsonWriter w(out);
  writeReportJson(w, r, r.entry.path, min);
  BOOST_TEST(w.complete());
  return out;
}

BOOST_AUTO_TEST_SUITE(report_json)

BOOST_AUTO_TEST_CASE(a_finding_is_masked_and_says_its_basis_in_a_fixed_order) {
  // Set in another order than the names': the array is always in kAllBases order.
  const auto basis = static_cast<scanner::BasisSet>(
      basisBit(Basis::kRepaired) | basisBit(Basis::kLabel) | basisBit(Basis::kChecksum));
  BOOST_TEST(json(reportWith(basis)) ==
             R"({"path":"/home/kim/명단.csv","status":"ok","format":"csv/utf-8","size":120,)"
             R"("counts":{"kr_rrn":2},"findings":[{"rule":"kr_rrn","confidence":"high",)"
             R"("location":"row 2, column 2","offset":57,"masked":"900101-1******","count":2,)"
             R"("basis":["checksum","label","repaired"]}]})");
}

BOOST_AUTO_TEST_CASE(an_unknown_basis_is_left_out) {
  // 0: a finding recorded before the basis existed. Bits this version has no name for are
  // skipped, and a basis of only those is left out too.
  for (scanner::BasisSet unknown : {0x00, 0x80}) {
    const std::string out = json(reportWith(unknown));
    BOOST_TEST(out.find("basis") == std::string::npos, out);
    BOOST_TEST(out.find(R"("count":2})") != std::string::npos, out);
  }
  const std::string mixed = json(reportWith(0x80 | basisBit(Basis::kFormat)));
  BOOST_TEST(mixed.find(R"("basis":["format"])") != std::string::npos, mixed);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::agent
