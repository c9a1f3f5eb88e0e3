// SPDX-License-Identifier: Apache-2.0
// Tests of extractRtf() on RTF written here (RTF 1.9.1), with synthetic PII.
#include <boost/test/unit_test.hpp>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;

using Extracted = testing::Extraction;

const testing::ExtractorUnderTest run{extractRtf, "t.rtf"};

// "홍길동" in CP949: C8 AB B1 E6 B5 BF.
const std::string kHongCp949 = "\\'c8\\'ab\\'b1\\'e6\\'b5\\'bf";

BOOST_AUTO_TEST_SUITE(rtf_extractor)

BOOST_AUTO_TEST_CASE(paragraphs_and_tabs_with_destinations_skipped) {
  const Extracted e =
      run("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fswiss\\fcharset0 Arial;}}"
          "{\\colortbl;\\red0\\green0\\blue0;}{\\stylesheet{\\s0 Normal;}}"
          "{\\info{\\author Secret Author}{\\title t}}{\\*\\generator Msftedit;}"
          "\\pard\\f0 RRN\\tab 900101-1234568\\par\n"
          "{\\pict\\pngblip 89504e470d0a}phone 010-2000-0000\\line end\\par}");
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_REQUIRE_EQUAL(e.sink.parts.size(), 1u);
  BOOST_TEST(e.sink.parts[0].location == "body");
  BOOST_TEST((e.sink.parts[0].kind == PartKind::kParagraphs));
  BOOST_TEST(e.text() == "RRN\t900101-1234568\nphone 010-2000-0000\nend\n");
  BOOST_TEST(e.text().find("Arial") == std::string::npos);
  BOOST_TEST(e.text().find("Author") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(hex_bytes_use_the_document_code_page) {
  const Extracted cp949 = run("{\\rtf1\\ansi\\ansicpg949 " + kHongCp949 + " 900101-1234568\\par}");
  BOOST_TEST(cp949.text() == "홍길동 900101-1234568\n");
  const Extracted cp1252 = run("{\\rtf1\\ansi\\ansicpg1252 caf\\'e9 \\'80\\par}");
  BOOST_TEST(cp1252.text() == "café €\n");
}

BOOST_AUTO_TEST_CASE(a_hangul_font_charset_decodes_cp949_in_a_latin_document) {
  const Extracted e =
      run("{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0\\fcharset0 Arial;}"
          "{\\f1\\fcharset129 \\'b1\\'bc\\'b8\\'b2;}}"
          "\\f0 caf\\'e9 {\\f1 " +
          kHongCp949 + "}\\par}");
  BOOST_TEST(e.text() == "café 홍길동\n");
}

BOOST_AUTO_TEST_CASE(unicode_escapes_skip_their_fallback) {
  // \uc1: one fallback byte; \uc2: two; the fallback must not show up twice.
  const Extracted e =
      run("{\\rtf1\\ansi\\uc1 \\u54861?\\u44600?\\u46041? 900101\\uc2 \\u45\\'3f\\'3f 1234568"
          "\\par {\\uc1\\u-10179?\\u-8704?}\\par}");
  BOOST_TEST(e.text() == "홍길동 900101- 1234568\n\xF0\x9F\x98\x80\n");
}

BOOST_AUTO_TEST_CASE(bin_data_is_skipped_by_its_length) {
  const std::string bin = "\\bin6 }{\\par";  // six raw bytes that look like RTF
  const Extracted e = run("{\\rtf1\\ansi before" + bin + "after\\par}");
  BOOST_TEST(e.status.isOk(), e.status.detail);
  BOOST_TEST(e.text() == "beforeafter\n");
  // A length past the end stops at the end.
  const Extracted past = run("{\\rtf1\\ansi x\\bin999999999 abc");
  BOOST_TEST((past.status.status == FileStatus::kCorrupt));
  BOOST_TEST(past.text() == "x\n");
}

BOOST_AUTO_TEST_CASE(fields_keep_their_result_not_their_instruction) {
  const Extracted e =
      run("{\\rtf1\\ansi{\\field{\\*\\fldinst HYPERLINK \"mailto:a@example.com\"}"
          "{\\fldrslt 010-2000-0000}}\\par}");
  BOOST_TEST(e.text() == "010-2000-0000\n");
}

BOOST_AUTO_TEST_CASE(malformed_rtf_keeps_text_and_says_so) {
  // Unclosed groups lose no text: read, like Word does.
  const Extracted unclosed = run("{\\rtf1\\ansi 900101-1234568\\par {\\b bold");
  BOOST_TEST(unclosed.status.isOk());
  BOOST_TEST(unclosed.text() == "900101-1234568\nbold\n");

  const Extracted deep = run("{\\rtf1 " + std::string(100000, '{') + "x");
  BOOST_TEST((deep.status.status == FileStatus::kCorrupt));

  const Extracted junk = run("not rtf at all");
  BOOST_TEST((junk.status.status == FileStatus::kCorrupt));
  BOOST_TEST(junk.sink.parts.empty());

  // Every prefix of a document: no crash, no text before a part, valid UTF-8 pieces.
  const std::string rtf = "{\\rtf1\\ansi\\ansicpg949{\\fonttbl{\\f1\\fcharset129 x;}}\\f1 " +
                          kHongCp949 + "\\u54861?\\bin3 abc\\'4\\par}";
  for (std::size_t cut = 0; cut <= rtf.size(); ++cut) {
    const Extracted e = run(rtf.substr(0, cut));
    BOOST_TEST(!e.sink.appended_before_part);
  }
}

BOOST_AUTO_TEST_CASE(a_spent_time_budget_stops_it) {
  ExtractLimits limits;
  limits.time_budget = std::chrono::milliseconds(0);
  const Extracted e = run("{\\rtf1 x}", limits);
  BOOST_TEST((e.status.status == FileStatus::kTooLarge));
}

BOOST_AUTO_TEST_CASE(the_dispatcher_routes_rtf_here) {
  CollectingSink sink;
  ExtractContext ctx = testing::dispatchingContext();
  const std::string rtf = "{\\rtf1\\ansi\\ansicpg949 " + kHongCp949 + "\\par}";
  BOOST_TEST(extractDocument({rtf, "x"}, sink, ctx).isOk());
  BOOST_TEST(sink.allText().find("홍길동") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
