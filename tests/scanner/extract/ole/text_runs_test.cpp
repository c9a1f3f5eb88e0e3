// SPDX-License-Identifier: Apache-2.0
#include "extract/ole/text_runs.h"

#include <boost/test/unit_test.hpp>
#include <string>
#include <vector>

#include "extract/document_extractor.h"
#include "hwp_test_document.h"
#include "office_test_document.h"
#include "salvage_test_values.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;
using testing::countFound;
using testing::utf16;
namespace o = testing::office;

struct Runs {
  ole::SalvagedRuns result;
  CollectingSink sink;
  std::string text() const { return sink.parts.empty() ? std::string() : sink.parts[0].text; }
};

Runs runs(const std::string& bytes, ExtractLimits limits = {}) {
  Runs r;
  ExtractContext ctx = testing::dispatchingContext(limits);
  r.result = ole::salvageTextRuns(bytes, r.sink, ctx);
  BOOST_TEST(!r.sink.appended_before_part);
  BOOST_TEST(r.sink.parts.size() <= 1u);
  return r;
}

// Record-like binary: small little-endian integers, as BIFF and FIB structures are made of.
std::string fields(std::uint32_t seed) {
  std::string s;
  for (std::uint32_t i = 0; i < 6; ++i) s += o::le16((seed * 7 + i * 3) % 40) + o::le32(i);
  return s;
}

const std::string kCp949Label = "\xC1\xD6\xB9\xCE\xB5\xEE\xB7\xCF\xB9\xF8\xC8\xA3";  // 주민등록번호

BOOST_AUTO_TEST_SUITE(ole_text_runs)

BOOST_AUTO_TEST_CASE(issue_12_utf16_and_8bit_runs_come_out_in_file_order) {
  const std::string bytes = fields(1) + utf16("성명 홍길동 900101-1234568") + o::le16(0) +
                            fields(2) + "Tel 010-2345-6789" + std::string(1, '\0') + fields(3) +
                            kCp949Label + " 800101-2345671" + std::string(2, '\0') + fields(4) +
                            "Herr M\xFCller" + std::string(1, '\0') + fields(5) + "\x01" +
                            utf16("Ünïcode é text");
  const Runs r = runs(bytes);
  BOOST_TEST(r.result.status.isOk());
  BOOST_REQUIRE_EQUAL(r.sink.parts.size(), 1u);
  BOOST_TEST(r.sink.parts[0].location == "salvaged text");
  BOOST_TEST((r.sink.parts[0].kind == PartKind::kParagraphs));
  BOOST_TEST(r.text() ==
             "성명 홍길동 900101-1234568\n"
             "Tel 010-2345-6789\n"
             "주민등록번호 800101-2345671\n"
             "Herr Müller\n"
             "Ünïcode é text\n");
  BOOST_TEST(r.result.runs == 5u);
}

BOOST_AUTO_TEST_CASE(issue_12_shared_strings_are_read_label_by_label) {
  // An Excel SST: 16-bit Hangul labels without an ASCII character, compressed 8-bit numbers; each
  // string after a 3-byte header, at either byte parity.
  const std::vector<std::string> rrns = testing::syntheticRrns(20);
  std::vector<std::string> strings = {"성명", "주민등록번호", "홍길동"};
  strings.insert(strings.end(), rrns.begin(), rrns.end());
  const std::string sst = o::xls::sst(strings);
  const Runs r = runs(fields(9) + sst + fields(8));
  std::string expected;
  for (const std::string& s : strings) expected += s + "\n";
  BOOST_TEST(r.text() == expected);
}

BOOST_AUTO_TEST_CASE(issue_12_an_identifier_is_written_once) {
  // The same UTF-16 text read at the other parity or as 8-bit text makes no second copy.
  const std::string bytes = fields(1) + utf16("주민등록번호: 900101-1234568, 전화 010-2345-6789") +
                            o::le16(13) + fields(2) + "900101-1234568" + std::string(1, '\0');
  const Runs r = runs(bytes);
  const std::string text = r.text();
  BOOST_TEST(text.find("900101-1234568") != text.rfind("900101-1234568"));  // twice: both copies
  std::size_t n = 0;
  for (std::size_t at = text.find("900101-1234568"); at != std::string::npos;
       at = text.find("900101-1234568", at + 1))
    ++n;
  BOOST_TEST(n == 2u);
  BOOST_TEST(text.find("010-2345-6789") == text.rfind("010-2345-6789"));
}

BOOST_AUTO_TEST_CASE(issue_12_compressed_and_random_bytes_give_no_lines) {
  const Runs noise = runs(testing::hwp::noise(256 * 1024));
  BOOST_TEST(noise.result.runs == 0u);
  BOOST_TEST(noise.sink.parts.empty());
  const Runs deflated = runs(testing::hwp::deflateRaw(testing::hwp::noise(64 * 1024)));
  BOOST_TEST(deflated.result.runs == 0u);
  // Text next to noise is still read.
  const Runs mixed = runs(testing::hwp::noise(8192) + fields(0) + utf16("연락처 010-2345-6789") +
                          o::le16(0) + fields(1) + testing::hwp::noise(8192));
  BOOST_TEST(mixed.text() == "연락처 010-2345-6789\n");
  // Short runs and runs without a letter or digit are not text.
  BOOST_TEST(runs(fields(0) + "abc" + fields(1) + "!#$%&*" + fields(2)).result.runs == 0u);
}

BOOST_AUTO_TEST_CASE(issue_12_salvaged_text_is_bounded) {
  std::string bytes;
  for (int i = 0; i < 2000; ++i) bytes += "line " + std::to_string(i) + " 010-2345-6789" + '\0';
  ExtractLimits limits;
  limits.max_member_bytes = 4096;
  const Runs r = runs(bytes, limits);
  BOOST_TEST((r.result.status.status == FileStatus::kTooLarge));
  BOOST_TEST(r.text().size() <= 4096u);
  BOOST_TEST(r.text().starts_with("line 0 010-2345-6789\n"));
  BOOST_TEST(runs("").result.runs == 0u);
  BOOST_TEST(runs("x").result.runs == 0u);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
