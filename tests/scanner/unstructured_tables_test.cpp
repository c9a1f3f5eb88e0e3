// SPDX-License-Identifier: Apache-2.0
// Issue 18, item 2: in CSV, TSV, XLSX, ODS and HWP tables (and HWPX and DOCX ones) a column whose
// header names a person, an address, a date of birth or a diagnosis is scanned with that context.
// A register of four people in each format, built here with synthetic values and scanned by the
// real FileScanner: every bare name under 성명 is a name, every address under 주소 a high address,
// every date under 생년월일 a date of birth, every diagnosis (its row holds a name and a phone
// number) a sensitive field; the header row is never a finding; placeholder names and names under
// a column that does not name a person are not names; age and sex count only in rows that
// identify someone.
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/scanner/file_scanner.h"
#include "scanner/extract/zip/zip_writer.h"
#include "support/accuracy_sets.h"
#include "support/detector_fixture.h"
#include "support/document_writers.h"
#include "support/temp_dir.h"

namespace jamul::scanner {
namespace {

const std::vector<std::string> kHeader = {"성명", "주소", "생년월일", "진단명", "연락처"};
constexpr std::size_t kNameColumn = 0, kAddressColumn = 1, kBirthColumn = 2, kHealthColumn = 3;

// Four people; dates of birth in four spellings; building numbers of two and three digits.
const test::Cells kRegister = {
    kHeader,
    {"김민수", "서울특별시 종로구 세종대로 209", "1985-03-12", "주요우울장애", "010-2345-6781"},
    {"박서연", "부산광역시 해운대구 센텀중앙로 79", "1990.07.21", "제2형 당뇨병", "010-3456-7892"},
    {"이정훈", "경기도 성남시 분당구 판교역로 166", "19780115", "고혈압", "010-4567-8903"},
    {"정하늘", "대전광역시 서구 둔산로 100", "1962년 11월 30일", "만성 신부전", "010-5678-9014"},
};
const std::multiset<std::string> kMaskedNames = {"김*수", "박*연", "이*훈", "정*늘"};
const std::multiset<std::string> kMaskedAddresses = {
    "서울특별시 종로구 세종대로 2**", "부산광역시 해운대구 센텀중앙로 7*",
    "경기도 성남시 분당구 판교역로 1**", "대전광역시 서구 둔산로 1**"};
const std::multiset<std::string> kMaskedBirthDates = {"1985-**-**", "1990-**-**", "1978-**-**",
                                                       "1962-**-**"};

constexpr RuleId kNewRules[] = {RuleId::kPersonName, RuleId::kKrAddress, RuleId::kBirthDate,
                                RuleId::kSensitiveHealth, RuleId::kAgeSex};

FileScanner makeScanner(ScanOptions options = {}) {
  options.detector = test::testDetectorOptions();
  auto scanner = FileScanner::create(options, test::testHasher());
  BOOST_REQUIRE(scanner.ok());
  return std::move(scanner).value();
}

FileEntry entryFor(const std::filesystem::path& path) {
  FileEntry e;
  e.path = path.string();
  e.size = std::filesystem::file_size(path);
  return e;
}

std::string xmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

// An ODS spreadsheet with one table named `sheet`, every cell a string cell.
std::string odsDocument(const test::Cells& cells, const std::string& sheet) {
  std::string content =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content "
      "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
      "xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" "
      "xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\">"
      "<office:body><office:spreadsheet><table:table table:name=\"" +
      xmlEscape(sheet) + "\">";
  for (const auto& row : cells) {
    content += "<table:table-row>";
    for (const std::string& cell : row) {
      content += cell.empty() ? "<table:table-cell/>"
                              : "<table:table-cell office:value-type=\"string\"><text:p>" +
                                    xmlEscape(cell) + "</text:p></table:table-cell>";
    }
    content += "</table:table-row>";
  }
  content += "</table:table></office:spreadsheet></office:body></office:document-content>";
  return testing::zip::buildZip(
      {{"mimetype", "application/vnd.oasis.opendocument.spreadsheet", false},
       {"content.xml", content}});
}

// An HWPX package whose one section holds a title paragraph and then `cells` as a table
// (hp:tbl inside a paragraph's run, each cell a sub-list with one paragraph).
std::string hwpxDocument(const std::string& title, const test::Cells& cells) {
  std::string section =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
      "<hs:sec xmlns:hp=\"http://www.hancom.co.kr/hwpml/2011/paragraph\" "
      "xmlns:hs=\"http://www.hancom.co.kr/hwpml/2011/section\">"
      "<hp:p><hp:run><hp:t>" +
      xmlEscape(title) + "</hp:t></hp:run></hp:p><hp:p><hp:run><hp:tbl>";
  for (const auto& row : cells) {
    section += "<hp:tr>";
    for (const std::string& cell : row)
      section += "<hp:tc><hp:subList><hp:p><hp:run><hp:t>" + xmlEscape(cell) +
                 "</hp:t></hp:run></hp:p></hp:subList></hp:tc>";
    section += "</hp:tr>";
  }
  section += "</hp:tbl></hp:run></hp:p></hs:sec>";
  return testing::zip::buildZip(
      {{"mimetype", "application/hwp+zip", false}, {"Contents/section0.xml", section}});
}

// One table in one file format, and where the scanner reports the cell at (row, column), 0-based
// with the header as row 0.
struct TableFile {
  std::string name;
  std::string bytes;
  std::function<std::string(std::size_t row, std::size_t column)> location;
};

std::vector<TableFile> tableFiles(const test::Cells& cells) {
  const auto row_column = [](std::size_t r, std::size_t c) {
    return "row " + std::to_string(r + 1) + ", column " + std::to_string(c + 1);
  };
  const auto sheet_cell = [](std::size_t r, std::size_t c) { return test::xlsxLocation("명단", r, c); };
  return {
      {"명단.csv", test::csvDocument(cells), row_column},
      // Excel's "CSV" on a Korean Windows.
      {"명단-cp949.csv", test::encodeText(test::csvDocument(cells), test::TextEncoding::kCp949),
       row_column},
      {"명단.tsv", test::csvDocument(cells, '\t'), row_column},
      {"명단.xlsx", test::xlsxDocument(cells, "명단"), sheet_cell},
      {"명단.ods", odsDocument(cells, "명단"), sheet_cell},
      // A title paragraph, the table's anchor paragraph (an empty line), then one line per row.
      {"명단.hwp", test::hwpDocument({"민원 접수 명단"}, cells),
       [](std::size_t r, std::size_t) { return test::hwpLocation(2 + r); }},
      // The other word processors' tables: a title paragraph, then one line per row.
      {"명단.hwpx", hwpxDocument("민원 접수 명단", cells),
       [](std::size_t r, std::size_t) { return "section 1, paragraph " + std::to_string(2 + r); }},
      {"명단.docx", test::docxDocument({"민원 접수 명단"}, cells),
       [](std::size_t r, std::size_t) { return test::docxLocation(1 + r); }},
  };
}

// Masked excerpts of `rule`'s findings at `min` or above.
std::multiset<std::string> maskedOf(const FileReport& r, RuleId rule, Confidence min) {
  std::multiset<std::string> out;
  for (const FindingSummary& f : r.findings)
    if (f.rule == rule && f.confidence >= min) out.insert(f.masked);
  return out;
}

// Locations of `rule`'s findings at `min` or above.
std::multiset<std::string> locationsOf(const FileReport& r, RuleId rule, Confidence min) {
  std::multiset<std::string> out;
  for (const FindingSummary& f : r.findings)
    if (f.rule == rule && f.confidence >= min) out.insert(f.location);
  return out;
}

// The locations of column `column`'s data cells (rows 1 .. rows).
std::multiset<std::string> columnLocations(const TableFile& file, std::size_t column,
                                           std::size_t rows) {
  std::multiset<std::string> out;
  for (std::size_t r = 1; r <= rows; ++r) out.insert(file.location(r, column));
  return out;
}

// Prints a report's findings, so that a failure shows what the engine did.
std::string describe(const FileReport& r) {
  std::string out = "status " + std::string(fileStatusName(r.status)) + " " + r.detail + "; findings:";
  for (const FindingSummary& f : r.findings)
    out += " [" + std::string(ruleName(f.rule)) + " " + std::string(confidenceName(f.confidence)) +
           " \"" + f.masked + "\" @ " + f.location + "]";
  return out;
}

BOOST_AUTO_TEST_SUITE(unstructured_tables)

BOOST_AUTO_TEST_CASE(every_cell_under_a_personal_header_is_found_in_every_format) {
  const std::size_t rows = kRegister.size() - 1;
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const TableFile& file : tableFiles(kRegister)) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      // The old rules read the table as before: one phone number per row.
      BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == rows);

      // Bare names, no label: the 성명 header makes each one a name.
      BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == rows);
      BOOST_TEST((maskedOf(r, RuleId::kPersonName, Confidence::kHigh) == kMaskedNames));
      BOOST_TEST((locationsOf(r, RuleId::kPersonName, Confidence::kLow) ==
                  columnLocations(file, kNameColumn, rows)));

      // Addresses under 주소: high (an address column is a person signal).
      BOOST_TEST(r.count(RuleId::kKrAddress, Confidence::kHigh) == rows);
      BOOST_TEST((maskedOf(r, RuleId::kKrAddress, Confidence::kHigh) == kMaskedAddresses));
      BOOST_TEST((locationsOf(r, RuleId::kKrAddress, Confidence::kLow) ==
                  columnLocations(file, kAddressColumn, rows)));

      // Dates under 생년월일, whatever their spelling.
      BOOST_TEST(r.count(RuleId::kBirthDate, Confidence::kHigh) == rows);
      BOOST_TEST((maskedOf(r, RuleId::kBirthDate, Confidence::kHigh) == kMaskedBirthDates));
      BOOST_TEST((locationsOf(r, RuleId::kBirthDate, Confidence::kLow) ==
                  columnLocations(file, kBirthColumn, rows)));

      // Diagnoses under 진단명, in rows that hold a name and a phone number.
      BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kHigh) == rows);
      BOOST_TEST((locationsOf(r, RuleId::kSensitiveHealth, Confidence::kLow) ==
                  columnLocations(file, kHealthColumn, rows)));

      // No masked excerpt holds a value's identifying part.
      for (const FindingSummary& f : r.findings) {
        for (std::size_t row = 1; row <= rows; ++row) {
          const auto& cells = kRegister[row];
          for (const std::string& raw : {cells[kNameColumn], cells[kHealthColumn]})
            BOOST_TEST(f.masked.find(raw) == std::string::npos, f.masked << " holds " << raw);
        }
        if (f.rule == RuleId::kKrAddress)
          for (const char* number : {"209", "79", "166", "100"})
            BOOST_TEST(f.masked.find(number) == std::string::npos, f.masked << " holds " << number);
        // A date of birth keeps its year only.
        if (f.rule == RuleId::kBirthDate)
          BOOST_TEST(f.masked.find_first_of("0123456789", 4) == std::string::npos, f.masked);
      }
    }
  }
}

// A table whose only row is its header: the header cells are labels, not values.
BOOST_AUTO_TEST_CASE(a_header_row_alone_is_never_a_finding) {
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const TableFile& file : tableFiles({kHeader})) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.text_bytes > 0u);
      for (RuleId rule : kNewRules) BOOST_TEST(r.count(rule, Confidence::kLow) == 0u, rule);
    }
  }
}

// The same columns filled with the placeholders of blank 서식 and sample rows: 홍길동 (the
// sample name of official forms), ○○○, and masked names. None is a name, whatever the header.
BOOST_AUTO_TEST_CASE(placeholder_names_under_a_name_header_are_not_names) {
  const test::Cells placeholders = {
      kHeader,
      {"홍길동", "서울특별시 종로구 세종대로 209", "1985-03-12", "주요우울장애", "010-2345-6781"},
      {"○○○", "부산광역시 해운대구 센텀중앙로 79", "1990.07.21", "제2형 당뇨병", "010-3456-7892"},
      {"김OO", "경기도 성남시 분당구 판교역로 166", "19780115", "고혈압", "010-4567-8903"},
      {"이*영", "대전광역시 서구 둔산로 100", "1962년 11월 30일", "만성 신부전", "010-5678-9014"},
  };
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const TableFile& file : tableFiles(placeholders)) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) > 0u);  // the rows were read
      BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kLow) == 0u);
    }
  }
}

// Names in columns headed 비고 and 내용 have no header context: unlabelled Hangul is never a name,
// even beside a phone column.
BOOST_AUTO_TEST_CASE(names_under_a_header_that_names_no_person_are_not_reported) {
  const test::Cells remarks = {
      {"번호", "비고", "내용", "연락처"},
      {"1", "김민수", "박서연", "010-2345-6781"},
      {"2", "이정훈", "정하늘", "010-3456-7892"},
      {"3", "최영호", "윤서진", "010-4567-8903"},
      {"4", "강지은", "조현우", "010-5678-9014"},
  };
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const TableFile& file : tableFiles(remarks)) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == 4u);  // the rows were read
      BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kMedium) == 0u);
    }
  }
}

// Other health columns: KCD codes under 상병코드 and grades under 장애등급, in rows with a name and
// a phone number, are sensitive fields too; the same columns in rows that identify nobody are not
// reported.
BOOST_AUTO_TEST_CASE(code_and_grade_columns_are_health_fields_in_identified_rows) {
  const test::Cells identified = {
      {"성명", "상병코드", "장애등급", "연락처"},
      {"김민수", "F32.9", "3급", "010-2345-6781"},
      {"박서연", "E11", "2급", "010-3456-7892"},
      {"이정훈", "I10", "6급", "010-4567-8903"},
  };
  const test::Cells anonymous = {
      {"번호", "상병코드", "장애등급", "건수"},
      {"1", "F32.9", "3급", "12"},
      {"2", "E11", "2급", "7"},
      {"3", "I10", "6급", "31"},
  };
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const TableFile& file : tableFiles(identified)) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kHigh) == 6u);
      for (const FindingSummary& f : r.findings)
        for (const char* raw : {"F32", "E11", "I10", "3급", "2급", "6급"})
          BOOST_TEST(f.masked.find(raw) == std::string::npos, f.masked << " holds " << raw);
    }
  }
  for (const TableFile& file : tableFiles(anonymous)) {
    const FileReport r = scanner.scan(entryFor(dir.write("anonymous-" + file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kMedium) == 0u);
    }
  }
}

// Age and sex are attributes of a record: under 성별 and 나이 they are reported in rows that hold a
// name and a phone number, and not at all in a table that identifies nobody.
BOOST_AUTO_TEST_CASE(age_and_sex_are_reported_only_in_rows_that_identify_a_person) {
  const test::Cells identified = {
      {"성명", "성별", "나이", "연락처"},
      {"김민수", "남", "41세", "010-2345-6781"},
      {"박서연", "여", "36세", "010-3456-7892"},
      {"이정훈", "남", "48세", "010-4567-8903"},
  };
  const test::Cells anonymous = {
      {"번호", "성별", "나이", "만족도"},
      {"1", "남", "41세", "5"},
      {"2", "여", "36세", "4"},
      {"3", "남", "48세", "3"},
  };
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const TableFile& file : tableFiles(identified)) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == 3u);
      // A sex and an age in each of the three rows.
      BOOST_TEST(r.count(RuleId::kAgeSex, Confidence::kHigh) == 6u);
    }
  }
  for (const TableFile& file : tableFiles(anonymous)) {
    const FileReport r = scanner.scan(entryFor(dir.write("anonymous-" + file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.count(RuleId::kAgeSex, Confidence::kLow) == 0u);
    }
  }
}

// Official forms space their headers ("성  명"); other registers name the columns otherwise
// (이름, 도로명주소, 출생일). The header is read without its spaces, and its synonyms count.
BOOST_AUTO_TEST_CASE(spaced_and_synonym_headers_give_the_same_context) {
  const test::Cells spaced = {
      {"성  명", "주    소", "생 년 월 일", "연락처"},
      {"김민수", "서울특별시 종로구 세종대로 209", "1985-03-12", "010-2345-6781"},
      {"박서연", "부산광역시 해운대구 센텀중앙로 79", "1990.07.21", "010-3456-7892"},
      {"이정훈", "경기도 성남시 분당구 판교역로 166", "19780115", "010-4567-8903"},
  };
  const test::Cells synonyms = {
      {"이름", "도로명주소", "출생일", "휴대폰"},
      {"김민수", "서울특별시 종로구 세종대로 209", "1985-03-12", "010-2345-6781"},
      {"박서연", "부산광역시 해운대구 센텀중앙로 79", "1990.07.21", "010-3456-7892"},
      {"이정훈", "경기도 성남시 분당구 판교역로 166", "19780115", "010-4567-8903"},
  };
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const auto& [variant, cells] :
       {std::pair<std::string, test::Cells>{"spaced", spaced}, {"synonyms", synonyms}}) {
    for (const TableFile& file : tableFiles(cells)) {
      const FileReport r = scanner.scan(entryFor(dir.write(variant + "-" + file.name, file.bytes)));
      BOOST_TEST_CONTEXT(variant << " " << file.name << ": " << describe(r)) {
        BOOST_TEST(r.status == FileStatus::kOk);
        BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == 3u);
        BOOST_TEST(r.count(RuleId::kKrAddress, Confidence::kHigh) == 3u);
        BOOST_TEST(r.count(RuleId::kBirthDate, Confidence::kHigh) == 3u);
      }
    }
  }
}

// A 성명 column that holds form vocabulary, departments and fillers, not people: the values must
// still pass the name checks (stop-list, department suffixes), whatever the header says.
BOOST_AUTO_TEST_CASE(a_name_header_does_not_make_form_words_names) {
  const test::Cells cells = {
      {"성명", "연락처"},
      {"총무과", "010-2345-6781"},
      {"미정", "010-3456-7892"},
      {"해당없음", "010-4567-8903"},
      {"본인", "010-5678-9014"},
  };
  test::TempDir dir;
  FileScanner scanner = makeScanner();
  for (const TableFile& file : tableFiles(cells)) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == 4u);  // the rows were read
      BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kMedium) == 0u);
    }
  }
}

// A long register read in small windows (4 KiB: dozens of window edges): a column's header keeps
// its meaning for every row below it, however far down, in every format.
BOOST_AUTO_TEST_CASE(a_header_holds_for_every_row_of_a_long_register) {
  const char* const surnames[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임",
                                  "한", "오", "신", "권", "황", "안", "송", "유", "전", "홍"};
  const char* const given[] = {"민수", "서연", "지훈", "하늘", "서진", "예준", "도윤",
                               "수아", "지우", "하은", "현우", "지민", "유진", "준호",
                               "수빈", "예린", "태민", "소율", "건우", "나연"};
  test::Cells cells = {{"성명", "주소", "생년월일", "연락처"}};
  for (std::size_t i = 0; i < 400; ++i) {
    char birth[16];
    std::snprintf(birth, sizeof birth, "%04zu-%02zu-%02zu", 1950 + i % 50, 1 + i % 12, 1 + i % 28);
    char phone[16];
    std::snprintf(phone, sizeof phone, "010-2%03zu-%04zu", i, 1000 + i);
    cells.push_back({std::string(surnames[i / 20]) + given[i % 20],
                     "서울특별시 종로구 세종대로 " + std::to_string(100 + i), birth, phone});
  }
  const std::size_t rows = cells.size() - 1;
  ScanOptions options;
  options.window_bytes = 4096;
  options.max_findings_per_file = 100000;
  test::TempDir dir;
  FileScanner scanner = makeScanner(options);
  for (const TableFile& file : tableFiles(cells)) {
    const FileReport r = scanner.scan(entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name) {
      BOOST_TEST(r.status == FileStatus::kOk, r.detail);
      BOOST_TEST(r.text_bytes > 6u * options.window_bytes);
      BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == rows);
      BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == rows);
      BOOST_TEST(r.count(RuleId::kKrAddress, Confidence::kHigh) == rows);
      BOOST_TEST(r.count(RuleId::kBirthDate, Confidence::kHigh) == rows);
      // Each row's name and date of birth are found in their cell (the values are distinct, so
      // each is a finding of its own, at its place).
      for (const auto& [rule, column] : {std::pair{RuleId::kPersonName, std::size_t{0}},
                                         std::pair{RuleId::kBirthDate, std::size_t{2}}}) {
        const std::multiset<std::string> found = locationsOf(r, rule, Confidence::kHigh);
        std::string missing;
        for (std::size_t row = 1; row <= rows; ++row)
          if (found.count(file.location(row, column)) == 0) missing += " " + cells[row][0];
        BOOST_TEST(missing.empty(), rule << " missing in the rows of:" << missing);
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
