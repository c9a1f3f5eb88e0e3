// SPDX-License-Identifier: Apache-2.0
#include "scan/table_layout.h"

#include <boost/test/unit_test.hpp>
#include <random>

namespace jamul::scanner::scan {
namespace {

BOOST_AUTO_TEST_SUITE(table_layout)

BOOST_AUTO_TEST_CASE(headers_apply_to_the_cells_below_them) {
  const std::string csv =
      "성명,주민등록번호,\"연락처, 휴대폰\"\n"
      "홍길동,900101-1234568,010-2000-0000\n"
      "\"김, 철수\",850315-2345678,\"010\n-3000-0000\"\n"
      "이영희,\"\"\"따옴표\"\"\",end\n";
  TableLayout layout(',');
  layout.append(csv.substr(0, 10));  // fed in pieces, as decoded text arrives
  layout.append(csv.substr(10));
  layout.setWindow(csv, 0);
  BOOST_TEST(layout.header().size() == 3u);
  BOOST_TEST(layout.header()[2] == "연락처, 휴대폰");
  const std::size_t rrn = csv.find("900101");
  BOOST_TEST(layout.columnHeader(rrn) == "주민등록번호");
  const auto cell = layout.cellAt(rrn);
  BOOST_TEST(cell.row == 2u);
  BOOST_TEST(cell.column == 2u);
  // A quoted comma does not start a column; a quoted newline does not start a row.
  const std::size_t second = csv.find("850315");
  BOOST_TEST(layout.columnHeader(second) == "주민등록번호");
  BOOST_TEST(layout.cellAt(second).row == 3u);
  const std::size_t inside_quoted_newline = csv.find("-3000-0000");
  BOOST_TEST(layout.cellAt(inside_quoted_newline).row == 3u);
  BOOST_TEST(layout.cellAt(inside_quoted_newline).column == 3u);
  BOOST_TEST(layout.cellAt(csv.find("end")).row == 4u);
  BOOST_TEST(layout.cellAt(csv.find("end")).column == 3u);
  // The header row itself has no header context.
  BOOST_TEST(layout.columnHeader(csv.find("주민등록번호")).empty());
  // Issue 13: the detector keeps the header row's words out of the values' context.
  BOOST_TEST(layout.inHeaderRow(csv.find("주민등록번호")));
  BOOST_TEST(layout.inHeaderRow(csv.find("휴대폰")));
  BOOST_TEST(!layout.inHeaderRow(rrn));
  BOOST_TEST(layout.cellDelimiter() == ',');
  BOOST_TEST(TableLayout('\t').cellDelimiter() == '\0');
}

BOOST_AUTO_TEST_CASE(a_window_later_in_the_stream_keeps_row_numbers) {
  std::string csv = "이름\t전화\n";
  for (int i = 0; i < 1000; ++i) csv += "사람" + std::to_string(i) + "\t010-2000-" + std::to_string(1000 + i) + "\n";
  TableLayout layout('\t');
  layout.append(csv);
  const std::size_t base = csv.find("사람500");
  const std::string_view window = std::string_view(csv).substr(base);
  layout.setWindow(window, base);
  const std::size_t phone = window.find("010-2000-1500");
  BOOST_TEST(layout.cellAt(base + phone).row == 502u);  // header + 501 rows before
  BOOST_TEST(layout.columnHeader(phone) == "전화");
}

BOOST_AUTO_TEST_CASE(an_unterminated_quote_does_not_swallow_the_file) {
  std::string csv = "a,b\n\"never closed," + std::string(70 * 1024, 'x') + "\n";
  for (int i = 0; i < 3; ++i) csv += "r,900101-1234568\n";
  TableLayout layout(',');
  layout.append(csv);
  layout.setWindow(csv, 0);
  const auto cell = layout.cellAt(csv.rfind("900101"));
  BOOST_TEST(cell.row > 0u);
  BOOST_TEST(cell.column == 2u);
}

// Record starts of `text` by the plain RFC 4180 rules, one byte at a time: an independent reference
// for the vectorised TableLayout::append.
std::vector<std::size_t> referenceRecordStarts(std::string_view text, char delim) {
  enum { kStart, kPlain, kQuoted, kQuoteSeen } state = kStart;
  std::vector<std::size_t> starts = {0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    bool end = false;
    switch (state) {
      case kStart: state = c == '"' ? kQuoted : (c == '\n' || c == delim) ? kStart : kPlain; end = c == '\n'; break;
      case kPlain: if (c == delim) state = kStart; if (c == '\n') { state = kStart; end = true; } break;
      case kQuoted: if (c == '"') state = kQuoteSeen; break;
      case kQuoteSeen:
        if (c == '"') state = kQuoted;
        else if (c == delim) state = kStart;
        else if (c == '\n') { state = kStart; end = true; }
        else state = kPlain;
        break;
    }
    if (end) starts.push_back(i + 1);
  }
  return starts;
}

BOOST_AUTO_TEST_CASE(fast_record_tracking_matches_the_reference_in_any_pieces) {
  std::mt19937_64 rng(7);
  const std::string pieces[] = {"a", "가", ",", "\"", "\"\"", "\n", "\r\n", " ", "900101-1234568", "x,\"y\n\",z"};
  for (int round = 0; round < 200; ++round) {
    std::string text;
    while (text.size() < 2000) text += pieces[rng() % std::size(pieces)];
    TableLayout layout(',');
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t n = std::min<std::size_t>(1 + rng() % 40, text.size() - i);
      layout.append(std::string_view(text).substr(i, n));
      i += n;
    }
    layout.setWindow(text, 0);
    const std::vector<std::size_t> starts = referenceRecordStarts(text, ',');
    for (std::size_t offset = 0; offset < text.size(); offset += 7) {
      const auto it = std::upper_bound(starts.begin(), starts.end(), offset);
      const auto expected_row = static_cast<std::uint64_t>(it - starts.begin());
      BOOST_TEST_REQUIRE(layout.cellAt(offset).row == expected_row, "round " << round << " offset " << offset);
    }
  }
}

BOOST_AUTO_TEST_CASE(delimiters_are_chosen_by_name_and_content) {
  BOOST_TEST(tableDelimiter("주소록.CSV", "성명;전화;주소\n") == ';');
  BOOST_TEST(tableDelimiter("list.csv", "a,b,c\n") == ',');
  BOOST_TEST(tableDelimiter("x.tsv", "a b\n") == '\t');
  BOOST_TEST(tableDelimiter("export.txt", "a\tb\tc\n1\t2\t3\n4\t5\t6\n") == '\t');
  BOOST_TEST(tableDelimiter("memo.txt", "본문\t들여쓰기\n한 줄\n") == 0);
  BOOST_TEST(splitRecord("\"a,\"\"b\"\"\", c ,d\n", ',') == (std::vector<std::string>{"a,\"b\"", "c", "d"}));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::scan
