// SPDX-License-Identifier: Apache-2.0
// salvageXml() and parseXml()'s use of it (issue 12): the text after the point where expat gives
// up on a damaged or cut-off member still reaches the handler, tags and attributes included.
#include "extract/zip/xml_salvage.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "extract/document_extractor.h"
#include "support/extraction.h"

namespace jamul::scanner::extract::zip {
namespace {

// Writes the events it gets as "<name a=v>", "</name>" and the text.
class RecordingHandler final : public XmlHandler {
 public:
  void startElement(std::string_view name, const XmlAttributes& atts) override {
    out += "<" + std::string(name);
    if (atts.has("a")) out += " a=" + std::string(atts.get("a"));
    out += ">";
  }
  void endElement(std::string_view name) override { out += "</" + std::string(name) + ">"; }
  void characters(std::string_view text) override { out += text; }
  std::string out;
};

std::string salvage(std::string_view xml) {
  ExtractContext ctx = testing::dispatchingContext();
  RecordingHandler h;
  BOOST_TEST(salvageXml(xml, 0, h, ctx).isOk());
  return h.out;
}

BOOST_AUTO_TEST_SUITE(xml_salvage)

BOOST_AUTO_TEST_CASE(tags_text_references_and_cdata) {
  BOOST_TEST(salvage("<w:p a=\"1 &amp; 2\"><w:t>a&lt;b&#44;&#xAC00;&bogus; c</w:t><br/></w:p>") ==
             "<w:p a=1 & 2><w:t>a<b,가&bogus; c</w:t><br></br></w:p>");
  BOOST_TEST(salvage("<?xml version=\"1.0\"?><!-- note --><x><![CDATA[<raw> &amp;]]></x>") ==
             "<x><raw> &amp;</x>");
  BOOST_TEST(salvage("a\r\nb\rc") == "a\nb\nc");
  // Out-of-range and non-character references stay as written.
  BOOST_TEST(salvage("&#0;&#x110000;&#xD800;") == "&#0;&#x110000;&#xD800;");
}

BOOST_AUTO_TEST_CASE(damaged_and_cut_off_markup) {
  // A '<' inside a tag ends the tag unread; a stray '<' is text; a tag cut off at the end is
  // dropped; tags need not match.
  BOOST_TEST(salvage("<w:t a=\"x<w:t>one</w:t>") == "<w:t>one</w:t>");
  BOOST_TEST(salvage("<w:t>1 < 2</x></w:t>") == "<w:t>1 < 2</x></w:t>");
  BOOST_TEST(salvage("<w:t>900101-1234568</w:t><w:t xml:sp") == "<w:t>900101-1234568</w:t>");
  BOOST_TEST(salvage("text<!-- cut") == "text");
  BOOST_TEST(salvage("<x><![CDATA[cut") == "<x>cut");
  // Invalid UTF-8 is repaired; a UTF-16 member is left alone.
  BOOST_TEST(salvage("\xC3x") == "\xEF\xBF\xBDx");
  BOOST_TEST(salvage(std::string_view("\xFF\xFE<\0x\0", 6)).empty());
}

BOOST_AUTO_TEST_CASE(parse_xml_reads_on_after_a_malformed_spot) {
  ExtractContext ctx = testing::dispatchingContext();
  RecordingHandler h;
  const std::string xml =
      "<d><w:t>before</w:t><w:t>bad & byte</w:t><w:t>after 900101-1234568</w:t><w:t>cut 0";
  const ExtractStatus st = parseXml(xml, "word/document.xml", h, ctx);
  BOOST_TEST((st.status == FileStatus::kCorrupt));
  BOOST_TEST(st.detail == "malformed XML in word/document.xml");
  BOOST_TEST(h.out.find("before") != std::string::npos);
  BOOST_TEST(h.out.find("after 900101-1234568</w:t>") != std::string::npos, h.out);
  BOOST_TEST(h.out.find("cut 0") != std::string::npos, h.out);
  // Nothing is read twice.
  BOOST_TEST(h.out.find("before") == h.out.rfind("before"));
  BOOST_TEST(h.out.find("cut 0") == h.out.rfind("cut 0"));

  // A DTD is refused, not salvaged.
  RecordingHandler d;
  const ExtractStatus dtd =
      parseXml("<!DOCTYPE x [<!ENTITY a \"b\">]><x>&a; text</x>", "x.xml", d, ctx);
  BOOST_TEST(dtd.detail == "XML with a DTD in x.xml");
  BOOST_TEST(d.out.empty());
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract::zip
