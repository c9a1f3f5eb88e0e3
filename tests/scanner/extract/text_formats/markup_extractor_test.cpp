// SPDX-License-Identifier: Apache-2.0
// Tests of extractMarkup() on HTML and XML written here, with synthetic PII.
#include <boost/test/unit_test.hpp>
#include <string>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"

namespace jamul::scanner::extract {
namespace {

using Extracted = testing::Extraction;

const testing::ExtractorUnderTest run{extractMarkup, "t.html"};

BOOST_AUTO_TEST_SUITE(markup_extractor)

BOOST_AUTO_TEST_CASE(blocks_become_lines_and_cells_tabs) {
  const Extracted e =
      run("<!DOCTYPE html><html><head><title>명단</title><style>p{color:red}</style>"
          "<script>var rrn='000000-0000000';</script></head><body>"
          "<p>주민번호 <b>900101</b>-1234568</p><!-- 010-9999-9999 -->"
          "<table><tr><td>이름</td><td>홍길동</td></tr><tr><th>전화</th><td>010-2000-0000</td></"
          "tr></table>"
          "<div>a&amp;b &lt;c&gt; &#48;&#x31; &nbsp;x &bogus; 1 < 2</div></body></html>");
  BOOST_TEST(e.status.isOk());
  BOOST_REQUIRE_EQUAL(e.sink.parts.size(), 1u);
  BOOST_TEST(e.sink.parts[0].location == "body");
  BOOST_TEST(e.text() ==
             "명단\n주민번호 900101-1234568\n이름\t홍길동\n전화\t010-2000-0000\n"
             "a&b <c> 01 \xC2\xA0x &bogus; 1 < 2\n");
}

BOOST_AUTO_TEST_CASE(form_values_and_alt_text_are_read) {
  const Extracted e =
      run("<html><body><form><input type=\"text\" name=\"rrn\" value=\"900101-1234568\">"
          "<img src=x.png alt='전화 010-2000-0000'></form></body></html>");
  BOOST_TEST(e.text() == "900101-1234568\n전화 010-2000-0000\n");
}

BOOST_AUTO_TEST_CASE(declared_charsets_are_honoured) {
  // "홍길동" in CP949 under each Korean label; the meta itself is not text.
  const std::string hong = "\xC8\xAB\xB1\xE6\xB5\xBF";
  for (const std::string label : {"euc-kr", "ks_c_5601-1987", "CP949"}) {
    const Extracted e =
        run("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
            "charset=" +
            label + "\"></head><body>" + hong + "</body></html>");
    BOOST_TEST(e.text() == "홍길동\n", label);
  }
  const Extracted meta = run("<html><meta charset=\"euc-kr\"><p>" + hong + "</p></html>");
  BOOST_TEST(meta.text() == "홍길동\n");
  const Extracted xml = run("<?xml version=\"1.0\" encoding=\"EUC-KR\"?><r><name>" + hong +
                            "</name><rrn>900101-1234568</rrn></r>");
  BOOST_TEST(xml.text() == "홍길동\n900101-1234568\n");
  // UTF-16LE with a BOM.
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("<html><p>010-2000-0000</p></html>")) {
    utf16 += c;
    utf16 += '\0';
  }
  BOOST_TEST(run(utf16).text() == "010-2000-0000\n");
  // Undeclared: sniffed (CP949 here).
  BOOST_TEST(run("<html><body>" + hong + " 900101-1234568</body></html>").text() ==
             "홍길동 900101-1234568\n");
}

BOOST_AUTO_TEST_CASE(cdata_and_broken_markup_are_tolerated) {
  const Extracted rss =
      run("<?xml version=\"1.0\"?><rss><item><description><![CDATA[<p>RRN "
          "900101-1234568</p>]]></description></item></rss>");
  BOOST_TEST(rss.text() == "RRN 900101-1234568\n");
  // Unclosed comment, tag, attribute quote, script: no crash, no hang.
  for (const std::string& broken :
       {std::string("<html><p>ok</p><!-- never closed"), std::string("<html><p>ok<div class=\"x"),
        std::string("<html><script>var a = '<p>'"), std::string("<"), std::string("&#xFFFFFFFFFF;"),
        std::string("<html>&#0;&#xD800;</html>")}) {
    const Extracted e = run(broken);
    BOOST_TEST(e.status.isOk());
    BOOST_TEST(!e.sink.appended_before_part);
  }
  BOOST_TEST(run("<html>&#xD800;</html>").text() == "\xEF\xBF\xBD\n");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
