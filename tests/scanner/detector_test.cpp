// SPDX-License-Identifier: Apache-2.0
// Detector behaviour beyond single examples: report ranges, table context, overlaps, what a Match
// may carry, and why it says it was reported (Match::basis).

#include "jamul/scanner/detector.h"

#include <boost/test/unit_test.hpp>

#include "jamul/scanner/finding_basis.h"
#include "support/detector_fixture.h"

namespace jamul::scanner {
namespace {

// A TextStructure that puts every offset at or after `from` under one header.
class OneColumn final : public TextStructure {
 public:
  OneColumn(std::size_t from, std::string header) : from_(from), header_(std::move(header)) {}
  std::string_view columnHeader(std::size_t offset) const override {
    return offset >= from_ ? std::string_view(header_) : std::string_view();
  }

 private:
  std::size_t from_;
  std::string header_;
};

// "checksum,label": a basis as its JSON names, for readable failures.
std::string names(BasisSet basis) {
  std::string out;
  for (Basis b : kAllBases) {
    if (!hasBasis(basis, b)) continue;
    if (!out.empty()) out += ',';
    out += basisName(b);
  }
  return out;
}

std::vector<Match> only(const std::vector<Match>& matches, RuleId rule) {
  std::vector<Match> out;
  for (const Match& m : matches)
    if (m.rule == rule) out.push_back(m);
  return out;
}

BOOST_AUTO_TEST_SUITE(detector)

BOOST_AUTO_TEST_CASE(only_matches_starting_in_the_report_range_are_returned) {
  Detector d = test::makeTestDetector();
  const std::string text = "900101-1234568 ... 850315-2345678 ... 880411-2238459";
  TextWindow w;
  w.text = text;
  w.report_begin = text.find("850315");
  w.report_end = text.find("880411");
  std::vector<Match> out;
  d.detect(w, out);
  BOOST_REQUIRE(out.size() == 1u);
  BOOST_TEST(out[0].begin == text.find("850315"));
  BOOST_TEST(out[0].end == out[0].begin + 14);
}

BOOST_AUTO_TEST_CASE(offsets_refer_to_the_original_text) {
  Detector d = test::makeTestDetector();
  const std::string text = "번호：９６０１２１－１０２１４１３ 끝";
  const auto out = test::detectAll(d, text);
  BOOST_REQUIRE(out.size() == 1u);
  BOOST_TEST(out[0].begin == text.find("９"));
  BOOST_TEST(out[0].end == text.find(" 끝"));
  BOOST_TEST(out[0].masked == "960121-1******");
}

BOOST_AUTO_TEST_CASE(a_column_header_is_context) {
  Detector d = test::makeTestDetector();
  const std::string text = "홍길동,9601211234567";
  BOOST_TEST(only(test::detectAll(d, text), RuleId::kKrRrn).front().confidence == Confidence::kLow);
  const OneColumn rrn_column(text.find("9601"), "주민등록번호");
  auto with_header = only(test::detectAll(d, text, &rrn_column), RuleId::kKrRrn);
  BOOST_REQUIRE(with_header.size() == 1u);
  BOOST_TEST(with_header[0].confidence == Confidence::kHigh);
  // A header naming order numbers pushes even a hyphenated, checksum-valid RRN down to low.
  const std::string order = "X,900101-1234568";
  const OneColumn order_column(order.find("9001"), "주문번호");
  auto labelled = only(test::detectAll(d, order, &order_column), RuleId::kKrRrn);
  BOOST_REQUIRE(labelled.size() == 1u);
  BOOST_TEST(labelled[0].confidence == Confidence::kLow);
}

BOOST_AUTO_TEST_CASE(one_identifier_per_span_and_the_nearest_label_wins) {
  Detector d = test::makeTestDetector();
  // 010-1234-5678 fits a phone and a KB account layout; the label decides.
  auto out = test::detectAll(d, "연락처 010-2345-6789, 국민은행 계좌 123-45-678901");
  BOOST_REQUIRE(out.size() == 2u);
  BOOST_TEST(out[0].rule == RuleId::kKrPhone);
  BOOST_TEST(out[1].rule == RuleId::kKrBankAccount);
  // A formatted BRN that is also an account-shaped number without account context is a BRN only.
  out = test::detectAll(d, "104-86-56659");
  BOOST_REQUIRE(out.size() == 1u);
  BOOST_TEST(out[0].rule == RuleId::kKrBrn);
}

BOOST_AUTO_TEST_CASE(matches_carry_masks_and_digests_never_values) {
  Detector d = test::makeTestDetector();
  const std::string text =
      "주민번호 900101-1234568 휴대폰 010-2345-6789 카드 4111-1111-1111-1111 "
      "메일 hong.gildong@naver.com 비밀번호: hunter22x 여권 M123A4567";
  const auto out = test::detectAll(d, text);
  BOOST_REQUIRE(out.size() == 6u);
  const std::vector<std::string> raw = {"900101-1234568", "2345-6789", "1111-1111-1111",
                                        "hong.gildong", "hunter22x", "123A4567"};
  for (const Match& m : out)
    for (const std::string& v : raw) BOOST_TEST(m.masked.find(v) == std::string::npos, m.masked);
  BOOST_TEST(out[0].masked == "900101-1******");
  BOOST_TEST(out[1].masked == "010-****-6789");
  BOOST_TEST(out[2].masked == "4111-****-****-1111");
  BOOST_TEST(out[3].masked == "h***@naver.com");
  BOOST_TEST(out[4].masked == "비밀번호: ****");
  BOOST_TEST(out[5].masked == "M1*******");
  // The digest is of the canonical value: the same RRN written differently hashes the same.
  const auto a = test::detectAll(d, "900101-1234568");
  const auto b = test::detectAll(d, "주민번호 ９００１０１－１２３４５６８");
  BOOST_REQUIRE((a.size() == 1u && b.size() == 1u));
  BOOST_TEST((a[0].digest == b[0].digest));
  BOOST_TEST((a[0].digest == test::testDigest("kr_rrn:9001011234568")));
}

BOOST_AUTO_TEST_CASE(future_birth_dates_depend_on_today) {
  DetectorOptions early;
  early.today_year = 2020;
  early.today_month = 1;
  early.today_day = 1;
  auto d = Detector::create(early, test::testHasher());
  BOOST_REQUIRE(d.ok());
  // Born 2021-01-01: in the future on 2020-01-01, a real date by 2026.
  BOOST_TEST(only(test::detectAll(*d, "210101-3000000"), RuleId::kKrRrn).empty());
  Detector today = test::makeTestDetector();
  BOOST_TEST(only(test::detectAll(today, "210101-3000000"), RuleId::kKrRrn).size() == 1u);
}

// The basis of the one match of `rule` in `text`, as names; "none" when there is no such match.
std::string basisOf(Detector& d, std::string_view text, RuleId rule,
                    const TextStructure* structure = nullptr) {
  const auto matches = only(test::detectAll(d, text, structure), rule);
  if (matches.size() != 1u) return "none";
  return names(matches[0].basis);
}

BOOST_AUTO_TEST_CASE(the_basis_says_check_digit_label_keyword_or_shape) {
  Detector d = test::makeTestDetector();
  // A valid check digit and its label right before it.
  BOOST_TEST(basisOf(d, "주민등록번호: 900101-1234568", RuleId::kKrRrn) == "checksum,label");
  // The same number alone: its check digit and its hyphenated shape carried it.
  BOOST_TEST(basisOf(d, "900101-1234568", RuleId::kKrRrn) == "checksum,format");
  // Born after 2020-10-05: no check digit to expect, and none is claimed.
  BOOST_TEST(basisOf(d, "210101-3123450", RuleId::kKrRrn) == "format");
  // A mobile number without a keyword: its shape alone (phones have no check digit).
  BOOST_TEST(basisOf(d, "회의 때 010-2345-6789 로 알려 주세요", RuleId::kKrPhone) == "format");
  BOOST_TEST(basisOf(d, "휴대폰: 010-2345-6789", RuleId::kKrPhone) == "label");
  // A keyword about 50 characters after the value speaks for it, but does not label it.
  const std::string far =
      "900101-1234568 은 아래 회의에서 다시 확인하기로 했으며, 담당 부서가 다음 주까지 정리해서 "
      "알려 줄 예정인 주민등록번호";
  BOOST_TEST(basisOf(d, far, RuleId::kKrRrn) == "checksum,keyword");
  // E-mail: the real top-level domain is its validation.
  BOOST_TEST(basisOf(d, "hong.gildong@naver.com", RuleId::kEmail) == "checksum,format");
  BOOST_TEST(basisOf(d, "이메일: hong.gildong@naver.com", RuleId::kEmail) == "checksum,label");
  // Cards: the Luhn digit. Passports: no check digit in the printed number.
  BOOST_TEST(basisOf(d, "4111-1111-1111-1111", RuleId::kCardNumber) == "checksum,format");
  BOOST_TEST(basisOf(d, "여권번호 M123A4567", RuleId::kKrPassport) == "label");
  // BRN: its check digit passed, or it would not be one.
  BOOST_TEST(basisOf(d, "104-86-56659", RuleId::kKrBrn) == "checksum,format");
  // A password is found by its own label.
  BOOST_TEST(basisOf(d, "비밀번호: hunter22x", RuleId::kPassword) == "label");
  // A column header labels every cell under it; a failing check digit claims nothing.
  const std::string row = "홍길동,9601211234567";
  const OneColumn rrn_column(row.find("9601"), "주민등록번호");
  BOOST_TEST(basisOf(d, row, RuleId::kKrRrn, &rrn_column) == "label");
  BOOST_TEST(basisOf(d, row, RuleId::kKrRrn) == "format");
}

BOOST_AUTO_TEST_CASE(a_rules_sample_limit_leaves_the_rest_of_its_values_counted_only) {
  // A register of names: with room for two more values of person_name, the first two in text
  // order come with masked excerpt and digest, the others only counted (no digest made).
  Detector d = test::makeTestDetector();
  const std::string text = "성명: 김민수\n성명: 이서준\n성명: 박지훈\n성명: 최유진\n";
  TextWindow w;
  w.text = text;
  w.sample_left[ruleIndex(RuleId::kPersonName)] = 2;
  std::vector<Match> out;
  d.detect(w, out);
  const std::vector<Match> names = only(out, RuleId::kPersonName);
  BOOST_REQUIRE(names.size() == 4u);
  for (std::size_t i = 0; i < names.size(); ++i) {
    BOOST_TEST_CONTEXT("name " << i) {
      BOOST_TEST(names[i].counted_only == (i >= 2));
      BOOST_TEST(names[i].masked.empty() == (i >= 2));
      BOOST_TEST((names[i].digest == ValueDigest{}) == (i >= 2));
      BOOST_TEST(names[i].basis != 0u);
    }
  }
  BOOST_TEST(names[0].masked == "김*수");
  BOOST_TEST(names[1].masked == "이*준");
  // No limit (the default): every value comes whole.
  TextWindow all;
  all.text = text;
  out.clear();
  d.detect(all, out);
  for (const Match& m : only(out, RuleId::kPersonName)) {
    BOOST_TEST(!m.counted_only);
    BOOST_TEST(!m.masked.empty());
  }
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
