// SPDX-License-Identifier: Apache-2.0
// Issue 18 ("Documents: the new rules fire inside HWP, HWPX, DOCX, XLSX and PDF text like the old
// ones"): a personal record written in each format, built here with synthetic values, scanned by
// the real FileScanner. Each file must report the name, the address, the date of birth and the
// diagnosis (the diagnosis because its record also holds a name) at the default threshold, with
// the masks of the rule catalogue and no raw value in any masked excerpt. Also: 서식 tables (a
// label cell beside its value), the same record at the end of a long document read in small
// windows; and what must not be reported: a blank form of the same shape, and a diagnosis whose
// own record (paragraph block or row) names nobody.
#include <boost/test/unit_test.hpp>

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/scanner/file_scanner.h"
#include "support/document_writers.h"
#include "support/file_scanning.h"
#include "support/pdf_writer.h"
#include "support/temp_dir.h"

namespace jamul::scanner {
namespace {

// The record every document holds: a title, a person's name, address and date of birth, a blank
// paragraph, then a second person's name with a diagnosis on one line.
const std::vector<std::string> kRecord = {
    "개인정보 처리 현황",
    "성명: 김민수",
    "주소: 서울특별시 종로구 세종대로 209",
    "생년월일: 1985.03.12",
    "",
    "성명: 박서연 / 진단명: 주요우울장애",
};
// Pieces of the raw values that no masked excerpt may hold.
const std::vector<std::string> kRawPieces = {"김민수", "박서연", "민수", "서연", "209",
                                             "03.12", "0312",   "03-12", "주요우울장애", "우울"};

// The same form left blank (placeholders, a masked name, an unlabelled date) with a diagnosis
// whose record names nobody, and the agency's own address in its footer (a line with its web
// site: an organisation's address, not a person's).
const std::vector<std::string> kBlankForm = {
    "개인정보 수집 동의서",
    "성명: 김OO",
    "주소: 서울특별시 ○○구 ○○로",
    "생년월일: ________",
    "작성일: 2024.03.12",
    "",
    "진단명: 주요우울장애",
    "",
    "행정안전부 서울특별시 종로구 세종대로 209 홈페이지 www.mois.go.kr",
};

// Two records: a person, then, after a blank paragraph, a diagnosis whose own record names
// nobody. The diagnosis is not reported (the record is the block of non-blank lines around it).
const std::vector<std::string> kTwoRecords = {
    "진료 기록",
    "성명: 김민수",
    "연락처: 010-2345-6781",
    "",
    "진단명: 고혈압",
    "복용약: 암로디핀",
};

constexpr RuleId kNewRules[] = {RuleId::kPersonName, RuleId::kKrAddress, RuleId::kBirthDate,
                                RuleId::kSensitiveHealth};

// The Unicode code points (BMP only) of UTF-8 `s`.
std::vector<char16_t> codePoints(std::string_view s) {
  std::vector<char16_t> out;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : 3;
    unsigned cp = n == 1 ? b : n == 2 ? b & 0x1Fu : b & 0x0Fu;
    for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    out.push_back(static_cast<char16_t>(cp));
    i += n;
  }
  return out;
}

// Lines a PDF page holds (from y = 720 down by 14 points).
constexpr std::size_t kPdfLinesPerPage = 45;

// A PDF whose lines are Korean text, as a word processor exports it: a Type0 font with Identity-H
// encoding (two-byte codes; here each code is the character's code point) and a ToUnicode CMap
// mapping codes back to Unicode, which is what poppler's text extraction reads. Blank lines are
// skipped (a PDF has no empty paragraphs); kPdfLinesPerPage lines to a page.
std::string koreanPdf(const std::vector<std::string>& lines) {
  std::vector<std::string> contents;
  std::size_t on_page = kPdfLinesPerPage;
  for (const std::string& line : lines) {
    if (line.empty()) continue;
    if (on_page == kPdfLinesPerPage) {
      if (!contents.empty()) contents.back() += " ET";
      contents.push_back("BT /F1 12 Tf 72 720 Td 14 TL");
      on_page = 0;
    }
    std::string& content = contents.back();
    content += " <";
    for (char16_t u : codePoints(line)) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "%04X", static_cast<unsigned>(u));
      content += hex;
    }
    content += "> Tj T*";
    ++on_page;
  }
  if (!contents.empty()) contents.back() += " ET";
  std::string cmap =
      "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
      "1 begincodespacerange <0000> <FFFF> endcodespacerange\n";
  // One range per high byte (a bfrange may not cross one); at most 100 entries per block.
  for (unsigned block = 0; block < 256; block += 64) {
    cmap += "64 beginbfrange\n";
    for (unsigned high = block; high < block + 64; ++high) {
      char entry[40];
      std::snprintf(entry, sizeof entry, "<%02X00> <%02XFF> <%02X00>\n", high, high, high);
      cmap += entry;
    }
    cmap += "endbfrange\n";
  }
  cmap += "endcmap CMapName currentdict /CMap defineresource pop end end";
  // Objects 1-5: catalog, page tree, the font, its CID font, its ToUnicode CMap; then per page
  // the page and its content stream.
  std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>",
      "",  // the page tree, once the pages are known
      "<< /Type /Font /Subtype /Type0 /BaseFont /Batang /Encoding /Identity-H "
      "/DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
      // Full-width glyphs, a narrow space: poppler then keeps each line's words together.
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Batang /CIDSystemInfo << /Registry (Adobe) "
      "/Ordering (Identity) /Supplement 0 >> /DW 1000 /W [32 [250]] /CIDToGIDMap /Identity >>",
      testing::stream(cmap),
  };
  std::string kids;
  for (const std::string& content : contents) {
    const std::size_t page = objects.size() + 1;
    kids += std::to_string(page) + " 0 R ";
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents " +
                      std::to_string(page + 1) + " 0 R /Resources << /Font << /F1 3 0 R >> >> >>");
    objects.push_back(testing::stream(content));
  }
  objects[1] = "<< /Type /Pages /Kids [" + kids + "] /Count " + std::to_string(contents.size()) + " >>";
  return testing::buildPdf(objects);
}

// "page P, paragraph N" of the 0-based non-blank line `line` of koreanPdf().
std::string pdfLocation(std::size_t line) {
  return "page " + std::to_string(line / kPdfLinesPerPage + 1) + ", paragraph " +
         std::to_string(line % kPdfLinesPerPage + 1);
}

// The same lines in an XLSX sheet, one cell per row in column A.
std::string xlsxOfLines(const std::vector<std::string>& lines) {
  test::Cells cells;
  for (const std::string& line : lines) cells.push_back({line});
  return test::xlsxDocument(cells);
}

// Where the first reported finding of `rule` lies ("" if none).
std::string firstLocation(const FileReport& r, RuleId rule) {
  for (const FindingSummary& f : r.findings)
    if (f.rule == rule && f.confidence >= Confidence::kMedium) return f.location;
  return {};
}

// A document to scan: its file name (the extension picks the extractor), its bytes and, for a
// document holding kRecord, where 김민수 is reported.
struct Document {
  std::string name;
  std::string bytes;
  std::string name_location = {};
};

// Writes each document, scans it with `options` and runs `check` on its report, inside a context
// that names the file and lists its findings (so that a failure shows what the engine did). Every
// report must be kOk.
void scanEach(const std::vector<Document>& documents,
              const std::function<void(const Document&, const FileReport&)>& check,
              const ScanOptions& options = {}) {
  test::TempDir dir;
  FileScanner scanner = test::makeScanner(options);
  for (const Document& document : documents) {
    const FileReport r = scanner.scan(test::entryFor(dir.write(document.name, document.bytes)));
    BOOST_TEST_CONTEXT(document.name << ": " << test::describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      check(document, r);
    }
  }
}

// The checks every format's record must pass (kRecord, 김민수 reported at `name_location`).
void checkRecordReport(const FileReport& r, const std::string& name_location) {
  const auto masked = [&r](RuleId rule) { return test::maskedOf(r, rule, Confidence::kMedium); };
  BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kMedium) == 2u);
  BOOST_TEST(r.count(RuleId::kKrAddress, Confidence::kMedium) == 1u);
  BOOST_TEST(r.count(RuleId::kBirthDate, Confidence::kMedium) == 1u);
  BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kMedium) == 1u);
  // A labelled value with a colon, and a diagnosis in a record that holds a name, are high.
  BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == 2u);
  BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kHigh) == 1u);

  BOOST_TEST((masked(RuleId::kPersonName) == std::multiset<std::string>{"김*수", "박*연"}));
  BOOST_TEST((masked(RuleId::kKrAddress) ==
              std::multiset<std::string>{"서울특별시 종로구 세종대로 2**"}));
  BOOST_TEST((masked(RuleId::kBirthDate) == std::multiset<std::string>{"1985-**-**"}));
  BOOST_TEST((masked(RuleId::kSensitiveHealth) == std::multiset<std::string>{"진단명: ***"}));
  for (const FindingSummary& f : r.findings) {
    for (const std::string& raw : kRawPieces)
      BOOST_TEST(f.masked.find(raw) == std::string::npos,
                 ruleName(f.rule) << " \"" << f.masked << "\" holds " << raw);
  }
  BOOST_TEST(firstLocation(r, RuleId::kPersonName) == name_location);
}

// Scans `document` (kRecord in one format) at the default window: read as `format`, and every
// check of checkRecordReport().
void checkRecordDocument(const Document& document, std::string_view format) {
  scanEach({document}, [format](const Document& d, const FileReport& r) {
    BOOST_TEST(r.format == format);
    checkRecordReport(r, d.name_location);
  });
}

BOOST_AUTO_TEST_SUITE(unstructured_documents)

BOOST_AUTO_TEST_CASE(hwp_paragraphs) {
  checkRecordDocument({"민원.hwp", test::hwpDocument(kRecord), test::hwpLocation(1)}, "hwp");
}

BOOST_AUTO_TEST_CASE(hwpx_paragraphs) {
  checkRecordDocument({"민원.hwpx", test::hwpxDocument(kRecord), test::hwpxLocation(1)}, "hwpx");
}

BOOST_AUTO_TEST_CASE(docx_paragraphs) {
  checkRecordDocument({"민원.docx", test::docxDocument(kRecord), test::docxLocation(1)}, "docx");
}

// A sheet is a table: each line is a row (its own record), the title the first row.
BOOST_AUTO_TEST_CASE(xlsx_cells) {
  checkRecordDocument({"민원.xlsx", xlsxOfLines(kRecord), test::xlsxLocation("Sheet1", 1, 0)},
                      "xlsx");
}

BOOST_AUTO_TEST_CASE(pdf_page_text) {
  checkRecordDocument({"민원.pdf", koreanPdf(kRecord), pdfLocation(1)}, "pdf");
}

// 서식 tables in HWP and DOCX: a label cell beside its value cell, the first row included (a form's
// first row is not a header of columns).
BOOST_AUTO_TEST_CASE(form_tables_with_a_label_cell_beside_each_value) {
  const test::Cells form = {
      {"성명", "김민수", "생년월일", "1985.03.12"},
      {"주소", "서울특별시 종로구 세종대로 209", "연락처", "010-2345-6781"},
  };
  scanEach({{"신청서.hwp", test::hwpDocument({"신청서"}, form)},
            {"신청서.docx", test::docxDocument({"신청서"}, form)}},
           [](const Document&, const FileReport& r) {
             BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == 1u);
             BOOST_TEST(r.count(RuleId::kBirthDate, Confidence::kHigh) == 1u);
             BOOST_TEST(r.count(RuleId::kKrAddress, Confidence::kHigh) == 1u);
             BOOST_TEST((test::maskedOf(r, RuleId::kPersonName, Confidence::kMedium) ==
                         std::multiset<std::string>{"김*수"}));
             BOOST_TEST((test::maskedOf(r, RuleId::kBirthDate, Confidence::kMedium) ==
                         std::multiset<std::string>{"1985-**-**"}));
           });
}

// A blank 서식 in every format: a masked name, placeholders, a date that is not a birth date, and
// a diagnosis that belongs to nobody in its record. None of the four rules is reported.
BOOST_AUTO_TEST_CASE(a_blank_form_reports_none_of_them_in_any_format) {
  scanEach({{"서식.hwp", test::hwpDocument(kBlankForm)},
            {"서식.hwpx", test::hwpxDocument(kBlankForm)},
            {"서식.docx", test::docxDocument(kBlankForm)},
            {"서식.xlsx", xlsxOfLines(kBlankForm)},
            {"서식.pdf", koreanPdf(kBlankForm)}},
           [](const Document&, const FileReport& r) {
             // The text was read: the extractor saw the whole form.
             BOOST_TEST(r.text_bytes > 100u);
             for (RuleId rule : kNewRules)
               BOOST_TEST(r.count(rule, Confidence::kMedium) == 0u, rule);
           });
}

// A long document read in small windows (4 KiB): the record at its very end, in the last window's
// final kilobyte, is found as in a short one.
BOOST_AUTO_TEST_CASE(a_record_at_the_end_of_a_long_document_is_found) {
  std::vector<std::string> paragraphs;
  for (int i = 1; i <= 250; ++i)
    paragraphs.push_back(std::to_string(i) + ". 민원 처리 절차에 관한 일반 안내 문구입니다.");
  const std::size_t title = paragraphs.size();  // kRecord's first line follows the filler
  paragraphs.insert(paragraphs.end(), kRecord.begin(), kRecord.end());
  ScanOptions options;
  options.window_bytes = 4096;
  scanEach(
      {{"긴문서.hwp", test::hwpDocument(paragraphs), test::hwpLocation(title + 1)},
       {"긴문서.hwpx", test::hwpxDocument(paragraphs), test::hwpxLocation(title + 1)},
       {"긴문서.docx", test::docxDocument(paragraphs), test::docxLocation(title + 1)},
       {"긴문서.pdf", koreanPdf(paragraphs), pdfLocation(title + 1)}},
      [&options](const Document& d, const FileReport& r) {
        BOOST_TEST(r.text_bytes > 3u * options.window_bytes);
        checkRecordReport(r, d.name_location);
      },
      options);
}

// A diagnosis is reported only with an identifier in its own record: a paragraph block in HWP,
// HWPX and DOCX, a row in XLSX. (A PDF has no blank paragraphs to end a block.)
BOOST_AUTO_TEST_CASE(a_diagnosis_in_a_record_without_an_identifier_is_not_reported) {
  scanEach({{"기록.hwp", test::hwpDocument(kTwoRecords)},
            {"기록.hwpx", test::hwpxDocument(kTwoRecords)},
            {"기록.docx", test::docxDocument(kTwoRecords)},
            {"기록.xlsx", xlsxOfLines(kTwoRecords)}},
           [](const Document&, const FileReport& r) {
             BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kMedium) == 1u);  // the first record
             BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kMedium) == 0u);
           });
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
