// SPDX-License-Identifier: Apache-2.0
// Whose label is it (issue 13, scanner/src/detect/attribution.h): a keyword labels one value, a
// value's own label or column header outranks a neighbour's, and a value that validates as one type
// is not made a looser one by context alone. The shapes of the issue first, then one case per part
// of the rule, through the Detector as the scanner runs it.

#include "detect/attribution.h"

#include <boost/test/unit_test.hpp>
#include <map>

#include "support/detector_fixture.h"

namespace jamul::scanner {
namespace {

// rule -> (confidence of the best match, number of matches) for everything at low or above.
struct Found {
  Confidence best = Confidence::kLow;
  int count = 0;
};
std::map<RuleId, Found> found(std::string_view text, const TextStructure* structure = nullptr) {
  Detector d = test::makeTestDetector();
  std::map<RuleId, Found> out;
  for (const Match& m : test::detectAll(d, text, structure)) {
    Found& f = out[m.rule];
    if (f.count == 0 || m.confidence > f.best) f.best = m.confidence;
    ++f.count;
  }
  return out;
}

// The rule and confidence reported for the value `value` inside `text`, or nullopt.
std::optional<std::pair<RuleId, Confidence>> reportedAs(std::string_view text,
                                                        std::string_view value,
                                                        const TextStructure* structure = nullptr) {
  Detector d = test::makeTestDetector();
  const std::size_t at = text.find(value);
  BOOST_REQUIRE(at != std::string_view::npos);
  for (const Match& m : test::detectAll(d, text, structure))
    if (m.begin < at + value.size() && at < m.end) return std::pair{m.rule, m.confidence};
  return std::nullopt;
}

bool reportedAsRule(std::string_view text, std::string_view value, RuleId rule,
                    Confidence at_least = Confidence::kMedium) {
  const auto r = reportedAs(text, value);
  return r && r->first == rule && r->second >= at_least;
}

BOOST_AUTO_TEST_SUITE(attribution)

// --- the issue's shapes ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(issue_13_a_labelled_phone_beside_an_account_stays_a_phone) {
  const std::string text =
      "자택 전화번호 053-9136-6805\n"
      "민원 처리 현황을 부서별로 정리하여 보고합니다.\n"
      "환불계좌 신한은행 1002-889-577953 예금주 김철수\n";
  BOOST_TEST(reportedAsRule(text, "053-9136-6805", RuleId::kKrPhone));
  BOOST_TEST(reportedAsRule(text, "1002-889-577953", RuleId::kKrBankAccount, Confidence::kHigh));
  const auto all = found(text);
  BOOST_TEST(all.at(RuleId::kKrBankAccount).count == 1);
  // Alone, the first line is the same phone.
  BOOST_TEST(reportedAsRule("자택 전화번호 053-9136-6805\n", "053-9136-6805", RuleId::kKrPhone));
}

BOOST_AUTO_TEST_CASE(issue_13_an_rrn_on_the_line_before_an_account_stays_an_rrn) {
  for (const std::string first : {"900101-1234568", "주민등록번호 900101-1234568", "900101-1234567",
                                   "9001011234568"}) {
    const std::string text = first + "\n환불계좌 신한은행 3333-11-5280860\n";
    const std::string rrn = first.substr(first.find_first_of("0123456789"));
    BOOST_TEST_CONTEXT(first) {
      BOOST_TEST(reportedAsRule(text, rrn, RuleId::kKrRrn));
      BOOST_TEST(reportedAsRule(text, "3333-11-5280860", RuleId::kKrBankAccount));
    }
  }
}

BOOST_AUTO_TEST_CASE(issue_13_a_log_timestamp_near_an_account_is_not_an_account) {
  const std::string text =
      "로그 시각 202205020739\n"
      "처리 결과 정상\n"
      "환불계좌 신한은행 110-436-387740\n"
      "처리 시각 20220502073912 계좌 변경 완료\n";
  const auto all = found(text);
  BOOST_TEST(all.at(RuleId::kKrBankAccount).count == 1);
  BOOST_TEST(!reportedAs(text, "202205020739").has_value());
  BOOST_TEST(!reportedAs(text, "20220502073912").has_value());
  // Under a heading that says 계좌, too: a timestamp validates as a moment, not an account.
  BOOST_TEST(!reportedAs("[계좌 변경 로그]\n202205020739 처리\n", "202205020739").has_value());
}

BOOST_AUTO_TEST_CASE(issue_13_a_register_row_keeps_its_column_headers) {
  // Tab-separated rows without a known structure (a DOCX or HWPX table as extracted): each column's
  // header, however far above, labels its cells and no others.
  std::string text = "번호\t성명\t주민등록번호\t연락처\t은행\t계좌번호\t자택전화\n";
  for (int i = 0; i < 12; ++i) text += std::to_string(i + 1) + "\t홍길동\t650302-1085221\t010-2345-678" +
                                       std::to_string(i % 10) + "\t신한은행\t110-436-38774" +
                                       std::to_string(i % 10) + "\t053-9136-680" +
                                       std::to_string(i % 10) + "\n";
  text += "13\t김철수\t9001011234567\t010-3333-4444\t국민은행\t123-45-678901\t02-987-6543\n";
  BOOST_TEST(reportedAsRule(text, "650302-1085221", RuleId::kKrRrn, Confidence::kHigh));
  BOOST_TEST(reportedAsRule(text, "9001011234567", RuleId::kKrRrn, Confidence::kHigh));
  BOOST_TEST(reportedAsRule(text, "010-3333-4444", RuleId::kKrPhone, Confidence::kHigh));
  BOOST_TEST(reportedAsRule(text, "02-987-6543", RuleId::kKrPhone));
  BOOST_TEST(reportedAsRule(text, "123-45-678901", RuleId::kKrBankAccount));
}

BOOST_AUTO_TEST_CASE(issue_13_a_two_row_header_labels_its_columns) {
  // A group title over the columns (its merged cells left as empty cells), then the names.
  std::string text = "구분\t인적사항\t\t연락처\n번호\t성명\t주민등록번호\t자택전화\n";
  for (int i = 0; i < 10; ++i)
    text += std::to_string(i + 1) + "\t홍길동\t650302-108522" + std::to_string(i) + "\t053-913-680" +
            std::to_string(i) + "\n";
  text += "11\t김철수\t9001011234567\t02-987-6543\n";
  BOOST_TEST(reportedAsRule(text, "9001011234567", RuleId::kKrRrn, Confidence::kHigh));
  BOOST_TEST(reportedAsRule(text, "02-987-6543", RuleId::kKrPhone));
}

// A CSV-like structure: columns split at ',' and headers from the first row.
class CsvStructure final : public TextStructure {
 public:
  explicit CsvStructure(std::string_view text) : text_(text) {
    const std::string_view first = text.substr(0, text.find('\n'));
    std::size_t start = 0;
    for (;;) {
      const std::size_t comma = first.find(',', start);
      headers_.emplace_back(first.substr(start, comma - start));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
  }
  std::string_view columnHeader(std::size_t offset) const override {
    if (inHeaderRow(offset)) return {};
    const std::size_t line = text_.rfind('\n', offset - 1) + 1;
    const auto column = static_cast<std::size_t>(
        std::count(text_.begin() + static_cast<std::ptrdiff_t>(line),
                   text_.begin() + static_cast<std::ptrdiff_t>(offset), ','));
    return column < headers_.size() ? std::string_view(headers_[column]) : std::string_view();
  }
  bool inHeaderRow(std::size_t offset) const override { return offset < text_.find('\n'); }
  char cellDelimiter() const override { return ','; }

 private:
  std::string_view text_;
  std::vector<std::string> headers_;
};

BOOST_AUTO_TEST_CASE(issue_13_a_csv_account_header_labels_its_own_column_only) {
  const std::string text =
      "성명,주민등록번호,휴대전화,은행,계좌번호,건강보험증번호,접수일시\n"
      "홍길동,9001011234567,010-2345-6789,KB국민,123-45-678901,44063489672,20201003154909\n"
      "김철수,850315-2345678,017-726-6575,외환은행,482-8279-7123,79770316746,20230809183135\n";
  const CsvStructure csv(text);
  const auto as = [&](std::string_view v) { return reportedAs(text, v, &csv); };
  BOOST_TEST((as("9001011234567") && as("9001011234567")->first == RuleId::kKrRrn));
  BOOST_TEST((as("010-2345-6789") && as("010-2345-6789")->first == RuleId::kKrPhone));
  BOOST_TEST((as("123-45-678901") && as("123-45-678901")->first == RuleId::kKrBankAccount));
  BOOST_TEST((as("44063489672") && as("44063489672")->first == RuleId::kKrHealthInsurance));
  BOOST_TEST((as("79770316746") && as("79770316746")->first == RuleId::kKrHealthInsurance));
  // The bank cell beside them names the account column's value, not the timestamp.
  BOOST_TEST(!as("20201003154909").has_value());
  BOOST_TEST(!as("20230809183135").has_value());
}

BOOST_AUTO_TEST_CASE(issue_13_long_lines_attribute_within_their_sentences) {
  std::string text;
  for (int i = 0; i < 40; ++i)
    text += "입금 계좌와 예금주가 일치하는지 확인하였습니다. 민원번호 15806827" + std::to_string(10 + i) +
            " 기준입니다. 자택 전화번호 053-91" + std::to_string(10 + i) +
            "-6805이고 환불계좌 신한은행 1002-889-5779" + std::to_string(10 + i) + " 예금주 김철수입니다. ";
  const auto all = found(text);
  BOOST_TEST(all.at(RuleId::kKrPhone).count == 40);
  BOOST_TEST(all.at(RuleId::kKrBankAccount).count == 40);
  BOOST_TEST(!all.contains(RuleId::kKrHealthInsurance));
}

// --- the rule, part by part --------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_label_after_a_value_in_brackets_is_its_own) {
  BOOST_TEST(reportedAsRule("9601211021413 (주민번호)", "9601211021413", RuleId::kKrRrn,
                            Confidence::kHigh));
  const auto r = reportedAs("4012-8888-8888-1881 (승인번호)", "4012-8888-8888-1881");
  BOOST_TEST((r && r->second == Confidence::kLow));
}

BOOST_AUTO_TEST_CASE(a_trailing_keyword_adds_only_to_a_value_without_a_label_in_front) {
  // "예금주" after an account completes its own labels.
  BOOST_TEST(reportedAsRule("110-436-387740 예금주 김철수", "110-436-387740",
                            RuleId::kKrBankAccount));
  // After a record number that has its own (unknown) label, it does not make it an account.
  BOOST_TEST(!reportedAs("요청번호 202205021234 계좌 확인 완료", "202205021234").has_value());
}

BOOST_AUTO_TEST_CASE(a_keyword_does_not_reach_past_another_label_or_its_sentence) {
  // 팩스 names the second number; 은행 and 이체 belong to their own sentence.
  const std::string text = "은행 점검 시간에는 이체가 지연됩니다. 팩스 042-6772-6705 기준입니다.";
  const auto r = reportedAs(text, "042-6772-6705");
  BOOST_TEST(!(r && r->first == RuleId::kKrBankAccount));
  BOOST_TEST(!reportedAs("통장 사본 제출, 처리번호 8836715178 기준", "8836715178").has_value());
  // A keyword phrase is one label: "Health insurance card No.".
  BOOST_TEST(reportedAsRule("Health insurance card No.: 3-7682043007", "3-7682043007",
                            RuleId::kKrHealthInsurance));
}

BOOST_AUTO_TEST_CASE(a_list_after_a_label_shares_it) {
  const auto all = found("IP 10.0.0.1, 10.0.0.2 및 192.168.0.7");
  BOOST_TEST(all.at(RuleId::kIpv4).count == 3);
  BOOST_TEST(found("전화: 02-212-3456, 02-212-3457").at(RuleId::kKrPhone).best ==
             Confidence::kMedium);
}

BOOST_AUTO_TEST_CASE(a_heading_speaks_for_unlabelled_values_that_fit_it) {
  // A label on the line above its value, a heading over a list.
  BOOST_TEST(reportedAsRule("계좌번호\n110-436-387740\n", "110-436-387740", RuleId::kKrBankAccount));
  BOOST_TEST(reportedAsRule("운전면허번호\n112212345612\n", "112212345612",
                            RuleId::kKrDriverLicense, Confidence::kHigh));
  const auto all = found("[접속 IP 목록]\n10.0.0.1 로그인\n10.0.0.2 로그아웃\n");
  BOOST_TEST(all.at(RuleId::kIpv4).count == 2);
  // ... but not a value that validates as something stricter, nor one labelled otherwise.
  const auto rrn = reportedAs("환불 계좌 안내\n900101-1234568\n", "900101-1234568");
  BOOST_TEST((rrn && rrn->first == RuleId::kKrRrn));
  const auto phone = reportedAs("환불 계좌 안내\n053-9136-6805\n", "053-9136-6805");
  BOOST_TEST(!(phone && phone->first == RuleId::kKrBankAccount));
  BOOST_TEST(!reportedAs("환불 계좌 안내\n회원번호 11043638774012\n", "11043638774012").has_value());
}

BOOST_AUTO_TEST_CASE(an_own_label_outranks_what_a_value_reads_like) {
  // A health-insurance number that reads like a mobile number, labelled as what it is.
  BOOST_TEST(reportedAsRule("건강보험증번호 01012345678", "01012345678",
                            RuleId::kKrHealthInsurance));
  BOOST_TEST(reportedAsRule("휴대폰 01012345678", "01012345678", RuleId::kKrPhone));
  // A label in front of the value decides even against a checksum: the rare account number whose
  // digits also read as an RRN is the account its label says.
  BOOST_TEST(reportedAsRule("입금계좌 900101-1234568", "900101-1234568", RuleId::kKrBankAccount));
}

BOOST_AUTO_TEST_CASE(cp949_and_utf16_text_is_attributed_alike) {
  // The detector sees UTF-8 after decoding; full-width forms from CP949 documents normalise to
  // ASCII without moving labels.
  const std::string text = "자택 전화번호 ０５３－９１３６－６８０５\n환불계좌 신한은행 １００２－８８９－５７７９５３\n";
  BOOST_TEST(reportedAsRule(text, "０５３", RuleId::kKrPhone));
  BOOST_TEST(reportedAsRule(text, "１００２", RuleId::kKrBankAccount));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
