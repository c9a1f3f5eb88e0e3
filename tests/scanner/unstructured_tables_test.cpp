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

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "jamul/scanner/file_scanner.h"
#include "support/accuracy_sets.h"
#include "support/document_writers.h"
#include "support/file_scanning.h"
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
      {"명단.ods", test::odsDocument(cells, "명단"), sheet_cell},
      // A title paragraph, the table's anchor paragraph (an empty line), then one line per row.
      {"명단.hwp", test::hwpDocument({"민원 접수 명단"}, cells),
       [](std::size_t r, std::size_t) { return test::hwpLocation(2 + r); }},
      // The other word processors' tables: a title paragraph, then one line per row.
      {"명단.hwpx", test::hwpxDocument({"민원 접수 명단"}, cells),
       [](std::size_t r, std::size_t) { return test::hwpxLocation(1 + r); }},
      {"명단.docx", test::docxDocument({"민원 접수 명단"}, cells),
       [](std::size_t r, std::size_t) { return test::docxLocation(1 + r); }},
  };
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

// Writes `cells` in every format of tableFiles(), scans each file with `options` and runs `check`
// on its report, inside a context that names the file and lists its findings (so that a failure
// shows what the engine did). Every report must be kOk.
void scanEveryFormat(const test::Cells& cells,
                     const std::function<void(const TableFile&, const FileReport&)>& check,
                     const ScanOptions& options = {}) {
  test::TempDir dir;
  FileScanner scanner = test::makeScanner(options);
  for (const TableFile& file : tableFiles(cells)) {
    const FileReport r = scanner.scan(test::entryFor(dir.write(file.name, file.bytes)));
    BOOST_TEST_CONTEXT(file.name << ": " << test::describe(r)) {
      BOOST_TEST(r.status == FileStatus::kOk);
      check(file, r);
    }
  }
}

// Scans `attributes` (a header row and three rows of attribute columns) twice in every format:
// between a name and a phone number, so that each row identifies a person (checked by
// `identified`), and between a row number and a count, so that none does (`anonymous`).
void scanIdentifiedAndAnonymous(
    const test::Cells& attributes,
    const std::function<void(const TableFile&, const FileReport&)>& identified,
    const std::function<void(const TableFile&, const FileReport&)>& anonymous) {
  const std::vector<std::string> names = {"성명", "김민수", "박서연", "이정훈"};
  const std::vector<std::string> phones = {"연락처", "010-2345-6781", "010-3456-7892",
                                           "010-4567-8903"};
  const std::vector<std::string> numbers = {"번호", "1", "2", "3"};
  const std::vector<std::string> counts = {"건수", "12", "7", "31"};
  // `attributes` with `first` and `last` as its outer columns.
  const auto between = [&attributes](const std::vector<std::string>& first,
                                     const std::vector<std::string>& last) {
    test::Cells cells;
    for (std::size_t row = 0; row < attributes.size(); ++row) {
      cells.push_back({first[row]});
      cells.back().insert(cells.back().end(), attributes[row].begin(), attributes[row].end());
      cells.back().push_back(last[row]);
    }
    return cells;
  };
  BOOST_TEST_CONTEXT("identified") { scanEveryFormat(between(names, phones), identified); }
  BOOST_TEST_CONTEXT("anonymous") { scanEveryFormat(between(numbers, counts), anonymous); }
}

// Checks a table of four rows whose first column is not a person's name: its four phone numbers
// are read (so the rows were), and no name is reported at medium or above.
void checkNoNamesIn(const test::Cells& cells) {
  scanEveryFormat(cells, [](const TableFile&, const FileReport& r) {
    BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == 4u);
    BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kMedium) == 0u);
  });
}

BOOST_AUTO_TEST_SUITE(unstructured_tables)

BOOST_AUTO_TEST_CASE(every_cell_under_a_personal_header_is_found_in_every_format) {
  const std::size_t rows = kRegister.size() - 1;
  scanEveryFormat(kRegister, [rows](const TableFile& file, const FileReport& r) {
    // The old rules read the table as before: one phone number per row.
    BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) == rows);

    // Bare names, no label: the 성명 header makes each one a name.
    BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == rows);
    BOOST_TEST((test::maskedOf(r, RuleId::kPersonName, Confidence::kHigh) == kMaskedNames));
    BOOST_TEST((locationsOf(r, RuleId::kPersonName, Confidence::kLow) ==
                columnLocations(file, kNameColumn, rows)));

    // Addresses under 주소: high (an address column is a person signal).
    BOOST_TEST(r.count(RuleId::kKrAddress, Confidence::kHigh) == rows);
    BOOST_TEST((test::maskedOf(r, RuleId::kKrAddress, Confidence::kHigh) == kMaskedAddresses));
    BOOST_TEST((locationsOf(r, RuleId::kKrAddress, Confidence::kLow) ==
                columnLocations(file, kAddressColumn, rows)));

    // Dates under 생년월일, whatever their spelling.
    BOOST_TEST(r.count(RuleId::kBirthDate, Confidence::kHigh) == rows);
    BOOST_TEST((test::maskedOf(r, RuleId::kBirthDate, Confidence::kHigh) == kMaskedBirthDates));
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
  });
}

// A table whose only row is its header: the header cells are labels, not values.
BOOST_AUTO_TEST_CASE(a_header_row_alone_is_never_a_finding) {
  scanEveryFormat({kHeader}, [](const TableFile&, const FileReport& r) {
    BOOST_TEST(r.text_bytes > 0u);
    for (RuleId rule : kNewRules) BOOST_TEST(r.count(rule, Confidence::kLow) == 0u, rule);
  });
}

// The same columns filled with the placeholders of blank 서식 and sample rows: 홍길동 (the
// sample name of official forms), ○○○, and masked names. None is a name, whatever the header.
BOOST_AUTO_TEST_CASE(placeholder_names_under_a_name_header_are_not_names) {
  // kRegister with a placeholder in place of each person's name.
  test::Cells placeholders = kRegister;
  const char* const names[] = {"홍길동", "○○○", "김OO", "이*영"};
  for (std::size_t row = 1; row < placeholders.size(); ++row)
    placeholders[row][kNameColumn] = names[row - 1];
  scanEveryFormat(placeholders, [](const TableFile&, const FileReport& r) {
    BOOST_TEST(r.count(RuleId::kKrPhone, Confidence::kMedium) > 0u);  // the rows were read
    BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kLow) == 0u);
  });
}

// Names in columns headed 비고 and 내용 have no header context: unlabelled Hangul is never a name,
// even beside a phone column.
BOOST_AUTO_TEST_CASE(names_under_a_header_that_names_no_person_are_not_reported) {
  checkNoNamesIn({
      {"번호", "비고", "내용", "연락처"},
      {"1", "김민수", "박서연", "010-2345-6781"},
      {"2", "이정훈", "정하늘", "010-3456-7892"},
      {"3", "최영호", "윤서진", "010-4567-8903"},
      {"4", "강지은", "조현우", "010-5678-9014"},
  });
}

// Other health columns: KCD codes under 상병코드 and grades under 장애등급, in rows with a name and
// a phone number, are sensitive fields too; the same columns in rows that identify nobody are not
// reported.
BOOST_AUTO_TEST_CASE(code_and_grade_columns_are_health_fields_in_identified_rows) {
  scanIdentifiedAndAnonymous(
      {{"상병코드", "장애등급"}, {"F32.9", "3급"}, {"E11", "2급"}, {"I10", "6급"}},
      [](const TableFile&, const FileReport& r) {
        BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kHigh) == 6u);
        for (const FindingSummary& f : r.findings)
          for (const char* raw : {"F32", "E11", "I10", "3급", "2급", "6급"})
            BOOST_TEST(f.masked.find(raw) == std::string::npos, f.masked << " holds " << raw);
      },
      [](const TableFile&, const FileReport& r) {
        BOOST_TEST(r.count(RuleId::kSensitiveHealth, Confidence::kMedium) == 0u);
      });
}

// Age and sex are attributes of a record: under 성별 and 나이 they are reported in rows that hold a
// name and a phone number, and not at all in a table that identifies nobody.
BOOST_AUTO_TEST_CASE(age_and_sex_are_reported_only_in_rows_that_identify_a_person) {
  scanIdentifiedAndAnonymous(
      {{"성별", "나이"}, {"남", "41세"}, {"여", "36세"}, {"남", "48세"}},
      [](const TableFile&, const FileReport& r) {
        BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == 3u);
        // A sex and an age in each of the three rows.
        BOOST_TEST(r.count(RuleId::kAgeSex, Confidence::kHigh) == 6u);
      },
      [](const TableFile&, const FileReport& r) {
        BOOST_TEST(r.count(RuleId::kAgeSex, Confidence::kLow) == 0u);
      });
}

// Official forms space their headers ("성  명"); other registers name the columns otherwise
// (이름, 도로명주소, 출생일). The header is read without its spaces, and its synonyms count.
BOOST_AUTO_TEST_CASE(spaced_and_synonym_headers_give_the_same_context) {
  const test::Cells rows = {
      {"김민수", "서울특별시 종로구 세종대로 209", "1985-03-12", "010-2345-6781"},
      {"박서연", "부산광역시 해운대구 센텀중앙로 79", "1990.07.21", "010-3456-7892"},
      {"이정훈", "경기도 성남시 분당구 판교역로 166", "19780115", "010-4567-8903"},
  };
  const std::pair<std::string, std::vector<std::string>> headers[] = {
      {"spaced", {"성  명", "주    소", "생 년 월 일", "연락처"}},
      {"synonyms", {"이름", "도로명주소", "출생일", "휴대폰"}},
  };
  for (const auto& [variant, header] : headers) {
    test::Cells cells = {header};
    cells.insert(cells.end(), rows.begin(), rows.end());
    BOOST_TEST_CONTEXT(variant) {
      scanEveryFormat(cells, [](const TableFile&, const FileReport& r) {
        BOOST_TEST(r.count(RuleId::kPersonName, Confidence::kHigh) == 3u);
        BOOST_TEST(r.count(RuleId::kKrAddress, Confidence::kHigh) == 3u);
        BOOST_TEST(r.count(RuleId::kBirthDate, Confidence::kHigh) == 3u);
      });
    }
  }
}

// A 성명 column that holds form vocabulary, departments and fillers, not people: the values must
// still pass the name checks (stop-list, department suffixes), whatever the header says.
BOOST_AUTO_TEST_CASE(a_name_header_does_not_make_form_words_names) {
  checkNoNamesIn({
      {"성명", "연락처"},
      {"총무과", "010-2345-6781"},
      {"미정", "010-3456-7892"},
      {"해당없음", "010-4567-8903"},
      {"본인", "010-5678-9014"},
  });
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
  options.max_unstructured_findings_per_rule = 100000;
  scanEveryFormat(
      cells,
      [&](const TableFile& file, const FileReport& r) {
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
      },
      options);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
