// SPDX-License-Identifier: Apache-2.0
// Documents in ZIP containers, built here with planted synthetic PII: DOCX, XLSX, PPTX, HWPX,
// ODT, ODS; hostile XML (DTD entity bombs, malformed members); and damaged documents (issue 12:
// cut off, without their central directory, with XML broken mid-member).
#include <boost/test/unit_test.hpp>
#include <set>
#include <string>
#include <vector>

#include "extract/document_extractor.h"
#include "extract/extractors.h"
#include "scanner/extract/zip/zip_writer.h"
#include "support/collecting_sink.h"
#include "support/extraction.h"
#include "support/synthetic_values.h"

namespace jamul::scanner::extract {
namespace {

using testing::CollectingSink;
using testing::zip::buildZip;
using testing::zip::ZipMember;

const std::string kRrn = "900101-1234568";
const std::string kPhone = "010-2000-0000";
const std::string kXml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
const std::string kContentTypes =
    kXml + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>";

ExtractStatus run(const std::string& bytes, CollectingSink& sink, ExtractLimits limits = {}) {
  ExtractContext ctx = testing::dispatchingContext(limits);
  return extractDocument({bytes, "doc"}, sink, ctx);
}

std::string rels(const std::vector<std::pair<std::string, std::string>>& id_targets,
                 const std::string& type) {
  std::string x = kXml +
                  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
                  "relationships\">";
  for (const auto& [id, target] : id_targets)
    x += "<Relationship Id=\"" + id +
         "\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
         "2006/relationships/" +
         type + "\" Target=\"" + target + "\"/>";
  return x + "</Relationships>";
}

const std::string kW = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

std::string docx() {
  const std::string body =
      kXml + "<w:document " + kW +
      "><w:body>"
      "<w:p><w:r><w:t>성명: 홍길동</w:t></w:r></w:p>"
      "<w:p><w:pPr><w:tabs><w:tab w:val=\"left\" w:pos=\"720\"/></w:tabs></w:pPr>"
      "<w:r><w:t>주민번호</w:t><w:tab/><w:t xml:space=\"preserve\">" +
      kRrn.substr(0, 7) + "</w:t><w:t>" + kRrn.substr(7) +
      "</w:t><w:br/><w:t>둘째 줄</w:t></w:r></w:p>"
      "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>전화</w:t></w:r></w:p></w:tc>"
      "<w:tc><w:p><w:r><w:t>" +
      kPhone +
      "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
      "<w:p><w:r><w:delText>삭제됨</w:delText><w:instrText>PAGE</w:instrText><w:t>끝</w:t></w:r></"
      "w:p>"
      "</w:body></w:document>";
  return buildZip(
      {{"[Content_Types].xml", kContentTypes},
       {"_rels/.rels", rels({{"rId1", "word/document.xml"}}, "officeDocument")},
       {"word/document.xml", body},
       {"word/header1.xml",
        kXml + "<w:hdr " + kW + "><w:p><w:r><w:t>머리글 " + kPhone + "</w:t></w:r></w:p></w:hdr>"},
       {"word/footnotes.xml", kXml + "<w:footnotes " + kW +
                                  "><w:footnote><w:p><w:r><w:t>각주</w:t></w:r></w:p></w:footnote>"
                                  "</w:footnotes>"},
       {"word/comments.xml", kXml + "<w:comments " + kW + "><w:comment><w:p><w:r><w:t>메모 " +
                                 kRrn + "</w:t></w:r></w:p></w:comment></w:comments>"}});
}

BOOST_AUTO_TEST_SUITE(zip_documents)

BOOST_AUTO_TEST_CASE(docx_body_tables_headers_notes_and_comments) {
  CollectingSink sink;
  const ExtractStatus st = run(docx(), sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_TEST(!sink.appended_before_part);
  const auto* body = sink.part("body");
  BOOST_REQUIRE(body != nullptr);
  BOOST_TEST((body->kind == PartKind::kParagraphs));
  BOOST_TEST(body->text ==
             "성명: 홍길동\n주민번호\t" + kRrn + "\n둘째 줄\n전화\t" + kPhone + "\n끝\n");
  BOOST_REQUIRE(sink.part("header1") != nullptr);
  BOOST_TEST(sink.part("header1")->text == "머리글 " + kPhone + "\n");
  BOOST_REQUIRE(sink.part("footnotes") != nullptr);
  BOOST_TEST(sink.part("footnotes")->text == "각주\n");
  BOOST_REQUIRE(sink.part("comments") != nullptr);
  BOOST_TEST(sink.part("comments")->text == "메모 " + kRrn + "\n");
}

const std::string kS =
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships\"";

std::string xlsx(const std::string& sheet1) {
  const std::string workbook = kXml + "<workbook " + kS +
                               "><sheets>"
                               "<sheet name=\"명단\" sheetId=\"1\" r:id=\"rId1\"/>"
                               "<sheet name=\"Sheet2\" sheetId=\"2\" r:id=\"rId2\"/>"
                               "</sheets></workbook>";
  const std::string sst = kXml + "<sst " + kS +
                          " count=\"3\" uniqueCount=\"3\">"
                          "<si><t>주민등록번호</t></si>"
                          "<si><t>" +
                          kRrn +
                          "</t></si>"
                          "<si><r><t>홍</t></r><r><t>길동</t></r><rPh><t>ホン</t></rPh></si>"
                          "</sst>";
  std::string book_rels =
      rels({{"rId1", "worksheets/sheet1.xml"}, {"rId2", "/xl/worksheets/sheet2.xml"}}, "worksheet");
  book_rels.insert(
      book_rels.find("</Relationships>"),
      "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/"
      "officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
  return buildZip(
      {{"[Content_Types].xml", kContentTypes},
       {"xl/workbook.xml", workbook},
       {"xl/_rels/workbook.xml.rels", book_rels},
       {"xl/sharedStrings.xml", sst},
       {"xl/worksheets/sheet1.xml", sheet1},
       {"xl/worksheets/sheet2.xml",
        kXml + "<worksheet " + kS + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>" +
            kPhone +
            "</t></is></c><c r=\"B1\" t=\"b\"><v>1</v></c></row></sheetData></worksheet>"}});
}

BOOST_AUTO_TEST_CASE(xlsx_cells_keep_their_row_and_column) {
  const std::string sheet =
      kXml + "<worksheet " + kS +
      "><sheetData>"
      "<row r=\"1\"><c r=\"C1\" t=\"s\"><v>0</v></c></row>"
      "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\"><v>9.001011234568E+12</v></c>"
      "<c r=\"D3\"><v>9001011234568</v></c><c r=\"E3\"><v>3.25</v></c>"
      "<c r=\"F3\" t=\"str\"><f>A1</f><v>tab\there</v></c></row>"
      "<row r=\"7\"><c r=\"C7\" t=\"s\"><v>1</v></c></row>"
      "</sheetData></worksheet>";
  CollectingSink sink;
  const ExtractStatus st = run(xlsx(sheet), sink);
  BOOST_TEST(st.isOk(), st.detail);
  const auto* s1 = sink.part("명단");
  BOOST_REQUIRE(s1 != nullptr);
  BOOST_TEST((s1->kind == PartKind::kTable));
  BOOST_TEST(s1->text ==
             "\t\t주민등록번호\n\n홍길동\t9001011234568\t\t9001011234568\t3.25\ttab here\n"
             "\n\n\n\t\t" +
                 kRrn + "\n");
  const auto* s2 = sink.part("Sheet2");
  BOOST_REQUIRE(s2 != nullptr);
  BOOST_TEST(s2->text == kPhone + "\tTRUE\n");
  // Sheets come in tab order.
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 2u);
  BOOST_TEST(sink.parts[0].location == "명단");
}

BOOST_AUTO_TEST_CASE(xlsx_references_outside_the_grid_are_corrupt) {
  const std::string sheet = kXml + "<worksheet " + kS +
                            "><sheetData><row r=\"1\">"
                            "<c r=\"A1\" t=\"s\"><v>1</v></c>"
                            "<c r=\"ZZZZ99999999\"><v>1</v></c></row></sheetData></worksheet>";
  CollectingSink sink;
  const ExtractStatus st = run(xlsx(sheet), sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt));
  BOOST_TEST(sink.allText().find(kRrn) != std::string::npos);  // what came before still counts
}

BOOST_AUTO_TEST_CASE(xml_entity_bombs_and_dtds_are_refused) {
  std::string bomb = kXml + "<!DOCTYPE lolz [<!ENTITY lol \"lol\">";
  bomb += "<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">";
  for (int i = 2; i < 10; ++i)
    bomb += "<!ENTITY lol" + std::to_string(i) + " \"" + std::string(10, ' ') + "\">";
  bomb += "]><worksheet " + kS +
          "><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>"
          "&lol1;</t></is></c></row></sheetData></worksheet>";
  CollectingSink sink;
  const ExtractStatus st = run(xlsx(bomb), sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt));
  BOOST_TEST(st.detail.find("DTD") != std::string::npos, st.detail);
  BOOST_TEST(sink.allText().find("lol") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(pptx_slides_in_presentation_order_with_notes) {
  const std::string p =
      "xmlns:p=\"http://schemas.openxmlformats.org/presentationml/2006/main\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/"
      "relationships\"";
  auto slide = [&](const std::string& text) {
    return kXml + "<p:sld " + p + "><p:cSld><p:spTree><p:sp><p:txBody><a:p><a:r><a:t>" + text +
           "</a:t></a:r><a:br/><a:r><a:t>다음</a:t></a:r></a:p></p:txBody></p:sp></p:spTree>"
           "</p:cSld></p:sld>";
  };
  const std::string zip =
      buildZip({{"[Content_Types].xml", kContentTypes},
                {"ppt/presentation.xml",
                 kXml + "<p:presentation " + p +
                     "><p:sldIdLst>"
                     "<p:sldId id=\"256\" r:id=\"rId7\"/><p:sldId id=\"257\" r:id=\"rId2\"/>"
                     "</p:sldIdLst></p:presentation>"},
                {"ppt/_rels/presentation.xml.rels",
                 rels({{"rId2", "slides/slide1.xml"}, {"rId7", "slides/slide2.xml"}}, "slide")},
                {"ppt/slides/slide1.xml", slide("두번째 " + kPhone)},
                {"ppt/slides/slide2.xml", slide("첫번째 " + kRrn)},
                {"ppt/slides/_rels/slide1.xml.rels",
                 rels({{"rId1", "../notesSlides/notesSlide1.xml"}}, "notesSlide")},
                {"ppt/notesSlides/notesSlide1.xml", slide("노트")}});
  CollectingSink sink;
  const ExtractStatus st = run(zip, sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 3u);
  BOOST_TEST(sink.parts[0].location == "slide 1");
  BOOST_TEST(sink.parts[0].text == "첫번째 " + kRrn + "\n다음\n");
  BOOST_TEST(sink.parts[1].location == "slide 2");
  BOOST_TEST(sink.parts[2].location == "slide 2 notes");
  BOOST_TEST(sink.parts[2].text == "노트\n다음\n");
}

const std::string kHp =
    "xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\" "
    "xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\"";

std::string hwpxSection(const std::string& inner) {
  return kXml + "<hs:sec " + kHp + ">" + inner + "</hs:sec>";
}

BOOST_AUTO_TEST_CASE(hwpx_sections_in_spine_order_with_tables_and_headers) {
  const std::string s0 = hwpxSection(
      "<hp:p><hp:run><hp:ctrl><hp:header><hp:subList><hp:p><hp:run><hp:t>머리말</hp:t></hp:run>"
      "</hp:p></hp:subList></hp:header></hp:ctrl><hp:t>주민등록번호<hp:tab/>" +
      kRrn +
      "</hp:t></hp:run></hp:p>"
      "<hp:p><hp:run><hp:tbl><hp:tr><hp:tc><hp:subList><hp:p><hp:run><hp:t>전화</hp:t></hp:run>"
      "</hp:p></hp:subList></hp:tc><hp:tc><hp:subList><hp:p><hp:run><hp:t>" +
      kPhone + "</hp:t></hp:run></hp:p></hp:subList></hp:tc></hp:tr></hp:tbl></hp:run></hp:p>");
  const std::string s1 = hwpxSection("<hp:p><hp:run><hp:t>둘째 구역</hp:t></hp:run></hp:p>");
  const std::string hpf =
      kXml +
      "<opf:package xmlns:opf=\"http://www.idpf.org/2007/opf/\"><opf:manifest>"
      "<opf:item id=\"header\" href=\"Contents/header.xml\"/>"
      "<opf:item id=\"s0\" href=\"Contents/section0.xml\"/>"
      "<opf:item id=\"s1\" href=\"Contents/section1.xml\"/></opf:manifest><opf:spine>"
      "<opf:itemref idref=\"header\"/><opf:itemref idref=\"s1\"/><opf:itemref idref=\"s0\"/>"
      "</opf:spine></opf:package>";
  const std::string zip = buildZip({{"mimetype", "application/hwp+zip", false},
                                    {"Contents/content.hpf", hpf},
                                    {"Contents/header.xml", kXml + "<hh:head xmlns:hh=\"x\"/>"},
                                    {"Contents/section0.xml", s0},
                                    {"Contents/section1.xml", s1}});
  CollectingSink sink;
  const ExtractStatus st = run(zip, sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 2u);
  BOOST_TEST(sink.parts[0].location == "section 1");
  BOOST_TEST(sink.parts[0].text == "둘째 구역\n");
  BOOST_TEST(sink.parts[1].location == "section 2");
  BOOST_TEST(sink.parts[1].text == "머리말\n주민등록번호\t" + kRrn + "\n전화\t" + kPhone + "\n");
}

BOOST_AUTO_TEST_CASE(encrypted_hwpx_and_odf_are_protected) {
  const std::string manifest =
      kXml +
      "<odf:manifest xmlns:odf=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">"
      "<odf:file-entry full-path=\"Contents/section0.xml\"><odf:encryption-data checksum=\"x\"/>"
      "</odf:file-entry></odf:manifest>";
  CollectingSink sink;
  const ExtractStatus hwpx = run(buildZip({{"mimetype", "application/hwp+zip", false},
                                           {"META-INF/manifest.xml", manifest},
                                           {"Contents/section0.xml", "\x01\x02 ciphertext"}}),
                                 sink);
  BOOST_TEST((hwpx.status == FileStatus::kProtected));
  const ExtractStatus odt =
      run(buildZip({{"mimetype", "application/vnd.oasis.opendocument.text", false},
                    {"META-INF/manifest.xml", manifest},
                    {"content.xml", "\x01\x02 ciphertext"}}),
          sink);
  BOOST_TEST((odt.status == FileStatus::kProtected));
  BOOST_TEST(sink.parts.empty());
}

const std::string kOdfNs =
    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
    "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
    "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" "
    "xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\"";

BOOST_AUTO_TEST_CASE(odt_paragraphs_spaces_tables_and_footers) {
  const std::string content =
      kXml + "<office:document-content " + kOdfNs +
      "><office:body><office:text>"
      "<text:h>제목</text:h><text:p>주민번호<text:s text:c=\"3\"/><text:span>" +
      kRrn +
      "</text:span><text:tab/>끝<text:line-break/>다음</text:p>"
      "<table:table><table:table-row><table:table-cell><text:p>전화</text:p></table:table-cell>"
      "<table:table-cell><text:p>" +
      kPhone +
      "</text:p></table:table-cell></table:table-row>"
      "</table:table></office:text></office:body></office:document-content>";
  const std::string styles = kXml + "<office:document-styles " + kOdfNs +
                             "><office:master-styles><style:master-page>"
                             "<style:footer><text:p>꼬리말 " +
                             kPhone +
                             "</text:p></style:footer></style:master-page>"
                             "</office:master-styles></office:document-styles>";
  const std::string zip = buildZip({{"mimetype", "application/vnd.oasis.opendocument.text", false},
                                    {"content.xml", content},
                                    {"styles.xml", styles}});
  CollectingSink sink;
  const ExtractStatus st = run(zip, sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_REQUIRE(sink.part("body") != nullptr);
  BOOST_TEST(sink.part("body")->text ==
             "제목\n주민번호   " + kRrn + "\t끝\n다음\n전화\t" + kPhone + "\n");
  BOOST_REQUIRE(sink.part("headers and footers") != nullptr);
  BOOST_TEST(sink.part("headers and footers")->text == "꼬리말 " + kPhone + "\n");
}

BOOST_AUTO_TEST_CASE(ods_sheets_with_repeated_cells_and_rows) {
  const std::string content =
      kXml + "<office:document-content " + kOdfNs +
      "><office:body><office:spreadsheet>"
      "<table:table table:name=\"명단\">"
      "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>"
      "<table:table-cell office:value-type=\"string\"><text:p>주민등록번호</text:p>"
      "</table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"5\"><table:table-cell "
      "table:number-columns-repeated=\"1024\"/></table:table-row>"
      "<table:table-row><table:table-cell table:number-columns-repeated=\"2\"/>"
      "<table:table-cell><text:p>" +
      kRrn +
      "</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"9001011234568\">"
      "<text:p>9.00101E+12</text:p></table:table-cell>"
      "<table:table-cell office:value-type=\"float\" office:value=\"1.5\"><text:p>1.50</text:p>"
      "</table:table-cell></table:table-row>"
      "<table:table-row table:number-rows-repeated=\"1048570\"><table:table-cell "
      "table:number-columns-repeated=\"16384\"/></table:table-row>"
      "</table:table>"
      "<table:table table:name=\"Sheet2\"><table:table-row><table:table-cell "
      "table:number-columns-repeated=\"2\"><text:p>x</text:p></table:table-cell>"
      "</table:table-row></table:table>"
      "</office:spreadsheet></office:body></office:document-content>";
  const std::string zip =
      buildZip({{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", false},
                {"content.xml", content}});
  CollectingSink sink;
  const ExtractStatus st = run(zip, sink);
  BOOST_TEST(st.isOk(), st.detail);
  BOOST_REQUIRE_EQUAL(sink.parts.size(), 2u);
  BOOST_TEST(sink.parts[0].location == "명단");
  BOOST_TEST((sink.parts[0].kind == PartKind::kTable));
  // Row 7, column C holds the RRN: six lines before it.
  BOOST_TEST(sink.parts[0].text ==
             "\t\t주민등록번호\n\n\n\n\n\n\t\t" + kRrn + "\t9001011234568\t1.50\n");
  BOOST_TEST(sink.parts[1].text == "x\tx\n");
}

BOOST_AUTO_TEST_CASE(malformed_members_are_corrupt_but_keep_earlier_text) {
  const std::string zip =
      buildZip({{"[Content_Types].xml", kContentTypes},
                {"word/document.xml", kXml + "<w:document " + kW + "><w:body><w:p><w:r><w:t>" +
                                          kRrn + "</w:t></w:r></w:p><w:p><w:r><w:t>broken</w:x>"}});
  CollectingSink sink;
  const ExtractStatus st = run(zip, sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt));
  BOOST_TEST(st.detail.find(kRrn) == std::string::npos);
  BOOST_TEST(sink.allText().find(kRrn) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(documents_inside_archives_get_member_prefixed_locations) {
  const std::string sheet = kXml + "<worksheet " + kS +
                            "><sheetData><row r=\"7\">"
                            "<c r=\"C7\" t=\"s\"><v>1</v></c></row></sheetData></worksheet>";
  const std::string outer = buildZip({{"b/c.xlsx", xlsx(sheet)}});
  CollectingSink sink;
  BOOST_TEST(run(outer, sink).isOk());
  BOOST_REQUIRE(sink.part("/b/c.xlsx!명단") != nullptr);
  BOOST_TEST(sink.part("/b/c.xlsx!명단")->text == "\n\n\n\n\n\n\t\t" + kRrn + "\n");
}

// --- issue 12 item 3: damaged documents with readable personal data ----------------------------

// `n` distinct synthetic resident registration numbers ("dddddd-ddddddd"; random, nobody's).
std::vector<std::string> syntheticRrns(std::size_t n) {
  test::synth::Rng rng(12);
  std::set<std::string> seen;
  std::vector<std::string> out;
  while (out.size() < n) {
    const std::string d = test::synth::digitsOf(test::synth::makeRrn(rng).text);
    if (seen.insert(d).second) out.push_back(d.substr(0, 6) + "-" + d.substr(6));
  }
  return out;
}

std::size_t countFound(const std::string& text, const std::vector<std::string>& values) {
  std::size_t n = 0;
  for (const std::string& v : values) n += text.find(v) != std::string::npos ? 1 : 0;
  return n;
}

// A register of `rrns` as Word writes it: one paragraph per person, label and number in runs.
std::string registerDocumentXml(const std::vector<std::string>& rrns) {
  std::string body = kXml + "<w:document " + kW + "><w:body>";
  for (std::size_t i = 0; i < rrns.size(); ++i)
    body += "<w:p><w:pPr><w:spacing w:after=\"0\"/></w:pPr><w:r><w:t xml:space=\"preserve\">" +
            std::to_string(i + 1) + ". 주민등록번호 </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>" +
            rrns[i] + "</w:t></w:r></w:p>";
  return body + "</w:body></w:document>";
}

std::string registerDocx(const std::vector<std::string>& rrns, bool deflate, bool descriptors) {
  std::vector<ZipMember> members = {
      {"[Content_Types].xml", kContentTypes, deflate},
      {"_rels/.rels", rels({{"rId1", "word/document.xml"}}, "officeDocument"), deflate},
      {"word/document.xml", registerDocumentXml(rrns), deflate},
      {"word/styles.xml", kXml + "<w:styles " + kW + ">" + std::string(3000, ' ') + "</w:styles>",
       deflate},
      {"docProps/app.xml", kXml + "<Properties/>", deflate}};
  for (ZipMember& m : members) m.descriptor = descriptors;
  return buildZip(members);
}

// Where member `name`'s local header starts and its data starts and ends (sizes in its header).
struct Span {
  std::size_t header = 0, data = 0, end = 0;
};
Span memberSpan(const std::string& zip, const std::string& name) {
  const auto le = [&](std::size_t at, int n) {
    std::size_t v = 0;
    for (int i = n - 1; i >= 0; --i) v = v * 256 + static_cast<unsigned char>(zip[at + i]);
    return v;
  };
  for (std::size_t h = zip.find("PK\x03\x04"); h != std::string::npos;
       h = zip.find("PK\x03\x04", h + 4)) {
    const std::size_t name_len = le(h + 26, 2);
    if (zip.compare(h + 30, name_len, name) != 0) continue;
    const std::size_t data = h + 30 + name_len + le(h + 28, 2);
    return {h, data, data + le(h + 18, 4)};
  }
  BOOST_FAIL("no member " + name);
  return {};
}

BOOST_AUTO_TEST_CASE(issue_12_a_cut_docx_keeps_the_text_of_what_is_left) {
  const std::vector<std::string> rrns = syntheticRrns(148);
  for (bool deflate : {false, true}) {
    const std::string docx = registerDocx(rrns, deflate, false);
    CollectingSink whole;
    const ExtractStatus ok = run(docx, whole);
    BOOST_TEST(ok.isOk(), ok.detail);
    BOOST_TEST(countFound(whole.allText(), rrns) == 148u);

    const Span body = memberSpan(docx, "word/document.xml");
    const Span styles = memberSpan(docx, "word/styles.xml");
    const std::size_t directory = docx.find("PK\x01\x02");
    const std::size_t mid_tag = docx.find("<w:t>", body.data + (body.end - body.data) * 2 / 3) + 3;
    struct Cut {
      const char* what;
      std::size_t at;
      std::size_t min_found, max_found;
    };
    std::vector<Cut> cuts = {{"in half", docx.size() / 2, 1, 147},
                             {"mid document.xml", body.data + (body.end - body.data) / 2, 40, 110},
                             {"inside the central directory", directory + 30, 148, 148},
                             {"inside the end record", docx.size() - 10, 148, 148},
                             {"inside the next local header", styles.header + 20, 148, 148},
                             {"before the next member's data", styles.data + 5, 148, 148}};
    // A stored member is cut at a byte of its XML: inside a tag.
    if (!deflate) cuts.push_back({"inside a tag", mid_tag, 80, 120});
    for (const Cut& cut : cuts) {
      const std::string what = std::string(deflate ? "deflated, " : "stored, ") + "cut " + cut.what;
      CollectingSink sink;
      const ExtractStatus st = run(docx.substr(0, cut.at), sink);
      BOOST_TEST((st.status == FileStatus::kCorrupt), what << ": " << st.detail);
      BOOST_TEST(countFound(st.detail, rrns) == 0u, what << ": " << st.detail);
      const std::size_t found = countFound(sink.allText(), rrns);
      BOOST_TEST(found >= cut.min_found, what << ": " << found << " of 148");
      BOOST_TEST(found <= cut.max_found, what << ": " << found << " of 148");
      BOOST_TEST(!sink.appended_before_part, what);
    }
  }
}

BOOST_AUTO_TEST_CASE(issue_12_a_streamed_docx_with_data_descriptors_is_read_without_its_directory) {
  const std::vector<std::string> rrns = syntheticRrns(148);
  for (bool deflate : {false, true}) {
    const std::string docx = registerDocx(rrns, deflate, true);
    CollectingSink whole;
    BOOST_TEST(run(docx, whole).isOk());
    BOOST_TEST(countFound(whole.allText(), rrns) == 148u);
    // The directory gone: each member ends at its descriptor.
    CollectingSink headless;
    const ExtractStatus st = run(docx.substr(0, docx.find("PK\x01\x02") + 10), headless);
    BOOST_TEST((st.status == FileStatus::kCorrupt));
    BOOST_TEST(countFound(headless.allText(), rrns) == 148u);
    // Cut in the main part, whose descriptor is then missing too.
    const std::size_t start = memberSpan(docx, "word/document.xml").data;
    const std::size_t end = docx.find("PK\x07\x08", start);
    CollectingSink cut;
    BOOST_TEST(!run(docx.substr(0, start + (end - start) / 2), cut).isOk());
    const std::size_t found = countFound(cut.allText(), rrns);
    BOOST_TEST(found > 40u, found);
    BOOST_TEST(found < 148u, found);
  }
}

BOOST_AUTO_TEST_CASE(issue_12_xml_broken_mid_member_is_read_on_after_the_break) {
  const std::vector<std::string> rrns = syntheticRrns(148);
  std::string xml = registerDocumentXml(rrns);
  // A damaged byte in the 40th paragraph's label (XML allows no U+0001), and a tag broken in the
  // 90th: the parser stops at the first; what follows is still read.
  const std::size_t p40 = xml.find("40. 주민");
  xml[p40 + 1] = '\x01';
  xml.replace(xml.find("<w:r>", xml.find("90. 주민")), 5, "<w:r<");
  const std::string docx =
      buildZip({{"[Content_Types].xml", kContentTypes}, {"word/document.xml", xml}});
  CollectingSink sink;
  const ExtractStatus st = run(docx, sink);
  BOOST_TEST((st.status == FileStatus::kCorrupt));
  BOOST_TEST(st.detail == "malformed XML in word/document.xml");
  BOOST_TEST(countFound(sink.allText(), rrns) == 148u);
  // Paragraphs stay lines after the break: one number a line, each once.
  const auto* body = sink.part("body");
  BOOST_REQUIRE(body != nullptr);
  BOOST_TEST(body->text.find("147. 주민등록번호 " + rrns[146] + "\n") != std::string::npos);
  BOOST_TEST(body->text.find(rrns[100]) == body->text.rfind(rrns[100]));
}

BOOST_AUTO_TEST_CASE(issue_12_a_cut_xlsx_and_hwpx_keep_the_text_of_what_is_left) {
  const std::vector<std::string> rrns = syntheticRrns(148);
  // XLSX: Excel writes the shared strings after the sheets; the cut falls in them.
  std::string sheet =
      kXml + "<worksheet " + kS + "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row>";
  std::string sst = kXml + "<sst " + kS + "><si><t>주민등록번호</t></si>";
  for (std::size_t i = 0; i < rrns.size(); ++i) {
    const std::string row = std::to_string(i + 2);
    sheet += "<row r=\"" + row + "\"><c r=\"A" + row + "\" t=\"s\"><v>" + std::to_string(i + 1) +
             "</v></c></row>";
    sst += "<si><t>" + rrns[i] + "</t></si>";
  }
  sheet += "</sheetData></worksheet>";
  sst += "</sst>";
  const std::string xlsx = buildZip(
      {{"[Content_Types].xml", kContentTypes},
       {"xl/workbook.xml", kXml + "<workbook " + kS +
                               "><sheets><sheet name=\"명단\" sheetId=\"1\" r:id=\"rId1\"/>"
                               "</sheets></workbook>"},
       {"xl/_rels/workbook.xml.rels", rels({{"rId1", "worksheets/sheet1.xml"}}, "worksheet")},
       {"xl/worksheets/sheet1.xml", sheet},
       {"xl/sharedStrings.xml", sst, false}});
  CollectingSink whole;
  BOOST_TEST(run(xlsx, whole).isOk());
  BOOST_TEST(countFound(whole.allText(), rrns) == 148u);
  const Span strings = memberSpan(xlsx, "xl/sharedStrings.xml");
  CollectingSink cut;
  const ExtractStatus st = run(xlsx.substr(0, (strings.data + strings.end) / 2), cut);
  BOOST_TEST((st.status == FileStatus::kCorrupt));
  const auto* table = cut.part("명단");
  BOOST_REQUIRE(table != nullptr);
  const std::size_t found = countFound(table->text, rrns);
  BOOST_TEST(found > 40u, found);
  BOOST_TEST(found < 148u, found);
  // The strings that survived sit in their cells: row 2 holds the first.
  BOOST_TEST(table->text.starts_with("주민등록번호\n" + rrns[0] + "\n"));

  // HWPX: cut in the middle of its only section, stored and deflated.
  std::string section = kXml + "<hs:sec " + kHp + ">";
  for (const std::string& rrn : rrns)
    section += "<hp:p><hp:run><hp:t>주민등록번호 " + rrn + "</hp:t></hp:run></hp:p>";
  section += "</hs:sec>";
  for (bool deflate : {false, true}) {
    const std::string hwpx = buildZip({{"mimetype", "application/hwp+zip", false},
                                       {"Contents/header.xml", kXml + "<hh:head xmlns:hh=\"x\"/>"},
                                       {"Contents/section0.xml", section, deflate},
                                       {"Contents/content.hpf", kXml + "<opf:package/>"}});
    CollectingSink full;
    BOOST_TEST(run(hwpx, full).isOk());
    BOOST_TEST(countFound(full.allText(), rrns) == 148u);
    const Span s0 = memberSpan(hwpx, "Contents/section0.xml");
    CollectingSink half;
    const ExtractStatus hs = run(hwpx.substr(0, (s0.data + s0.end) / 2), half);
    BOOST_TEST((hs.status == FileStatus::kCorrupt));
    const auto* part = half.part("section 1");
    BOOST_REQUIRE(part != nullptr);
    const std::size_t n = countFound(part->text, rrns);
    BOOST_TEST(n > (deflate ? 10u : 40u), n);
    BOOST_TEST(n < 148u, n);
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::extract
