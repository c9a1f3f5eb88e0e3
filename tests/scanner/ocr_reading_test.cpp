// SPDX-License-Identifier: Apache-2.0
// OcrReading (issue 13): OCR's confusions repaired inside candidate-like tokens only, offsets kept,
// machine-readable zones read with their check digit; and the detector's use of it, which reports
// a repaired value only when a check digit or a label confirms it, and only in OCR text.

#include "detect/ocr_reading.h"

#include <boost/test/unit_test.hpp>

#include "support/detector_fixture.h"

namespace jamul::scanner {
namespace {

using detect::OcrReading;

std::string read(std::string_view text) {
  OcrReading r;
  return std::string(r.read(text));
}

std::vector<Match> detectOcr(std::string_view text, bool ocr = true) {
  Detector d = test::makeTestDetector();
  std::vector<Match> out;
  TextWindow w;
  w.text = text;
  w.ocr = ocr;
  d.detect(w, out);
  return out;
}

// The match of `rule` in `matches`, or nullptr. It points into `matches`, so a temporary vector is
// refused at compile time (twice an ASan run caught a test reading a destroyed one); found() answers
// the yes-or-no question of a temporary.
const Match* find(const std::vector<Match>& matches, RuleId rule) {
  for (const Match& m : matches)
    if (m.rule == rule) return &m;
  return nullptr;
}
const Match* find(std::vector<Match>&& matches, RuleId rule) = delete;
bool found(const std::vector<Match>& matches, RuleId rule) { return find(matches, rule) != nullptr; }

BOOST_AUTO_TEST_SUITE(ocr_reading)

BOOST_AUTO_TEST_CASE(issue_13_passport_letters_and_digits) {
  BOOST_TEST(read("여권번호 $821H5375") == "여권번호 S821H5375");
  BOOST_TEST(read("PS KOR S$626P9975") == "PS KOR S626P9975");
  BOOST_TEST(read("여권번호: 5987878688") == "여권번호: 5987878688");  // ten digits: no shape
  BOOST_TEST(read("여권번호 m4812O268") == "여권번호 M48120268");
  BOOST_TEST(read("M481j3268") == "M481j3268");  // nothing to repair
  BOOST_TEST(read("Passport $80525619.") == "Passport S80525619.");
}

BOOST_AUTO_TEST_CASE(issue_13_digit_runs_and_stray_spaces) {
  BOOST_TEST(read("카드번호 4111-1111-I111-1111") == "카드번호 4111-1111-1111-1111");
  BOOST_TEST(read("주민번호 9OO1O1-1234568") == "주민번호 900101-1234568");
  BOOST_TEST(read("휴대전화 01 0-6983-3282") == "휴대전화 010-6983-3282");
  BOOST_TEST(read("휴대전화 010-47 57-9890") == "휴대전화 010-4757-9890");
  BOOST_TEST(read("신한은행 1 10-436-387740") == "신한은행 110-436-387740");
  BOOST_TEST(read("_010-4121 -6820 끝") == "_010-4121-6820 끝");
  // Legitimate groupings stay: spaced cards and phones, dates, words with digits.
  BOOST_TEST(read("4111 1111 1111 1111") == "4111 1111 1111 1111");
  BOOST_TEST(read("02 123 4567") == "02 123 4567");
  BOOST_TEST(read("2024. 2. 6.") == "2024. 2. 6.");
  BOOST_TEST(read("Build v10.0.19041 SOLD 5 OLD") == "Build v10.0.19041 SOLD 5 OLD");
  BOOST_TEST(read("KOREA 1234") == "KOREA 1234");
}

BOOST_AUTO_TEST_CASE(issue_13_email_addresses) {
  BOOST_TEST(read("이메일 hong©naver.com") == "이메일 hong@naver.com");
  BOOST_TEST(read("hong(a)naver.com") == "hong@naver.com");
  BOOST_TEST(read("hong@naver,com") == "hong@naver.com");
  BOOST_TEST(read("hong.gildong@naver com") == "hong.gildong@naver.com");
  BOOST_TEST(read("yoon@seoul.go. kr") == "yoon@seoul.go.kr");
  BOOST_TEST(read("hdhong4949@daegu .go.kr") == "hdhong4949@daegu.go.kr");
  // A rule between columns, its dash already ASCII from the normaliser.
  BOOST_TEST(read("010-4368-1726 -kojj85@kakao.com") == "010-4368-1726 kojj85@kakao.com");
  BOOST_TEST(read("yuhee. hwang@snu.ac.kr") == "yuhee.hwang@snu.ac.kr");
  BOOST_TEST(read("이메일 jshong591 7@g9.g0.kr") == "이메일 jshong5917@gg.go.kr");
  BOOST_TEST(read("kim@21cn.com") == "kim@21cn.com");  // a digit label that is no known one
  // "(a)" as a list marker is no address.
  BOOST_TEST(read("(a) 항목") == "(a) 항목");
}

BOOST_AUTO_TEST_CASE(offsets_map_back_to_what_ocr_wrote) {
  OcrReading r;
  const std::string text = "휴대전화 01 0-6983-3282 끝";
  const std::string_view out = r.read(text);
  const std::size_t at = out.find("010-6983-3282");
  BOOST_REQUIRE(at != std::string_view::npos);
  BOOST_TEST(r.toInput(at) == text.find("01 0"));
  BOOST_TEST(r.toInput(at + 13) == text.find(" 끝"));
  // Only a space came out: rejoined, not repaired.
  BOOST_TEST(r.rejoinedWithin(at, at + 13));
  BOOST_TEST(!r.repairedWithin(at, at + 13));
  BOOST_TEST(!r.rejoinedWithin(0, at));
  OcrReading s;
  const std::string_view fixed = s.read("카드 4111-1111-I111-1111");
  BOOST_TEST(s.repairedWithin(fixed.find("4111"), fixed.size()));
}

BOOST_AUTO_TEST_CASE(issue_13_machine_readable_zone) {
  // ICAO 9303 TD3 line 2 for M123A4567: check digit 7 ... OCR wrote '$' for S and put a space in.
  BOOST_TEST(detect::mrzCheckDigit("M123A4567") == detect::mrzCheckDigit("M123A4567"));
  const std::string number = "S365H7828";
  const char check = detect::mrzCheckDigit(number);
  const std::string line = std::string("$365H7828") + check + "KOR8908227M2908225<<<<<<<<<<<<<<04";
  OcrReading r;
  const std::string_view out = r.read("PSKORHONG<<MINJUN<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + line + "\n");
  BOOST_REQUIRE(r.mrzNumbers().size() == 1u);
  BOOST_TEST(r.mrzNumbers()[0].number == number);
  BOOST_TEST(out.substr(r.mrzNumbers()[0].begin, 9) == number);
  // A wrong check digit: nothing.
  OcrReading wrong;
  const char bad = check == '9' ? '0' : static_cast<char>(check + 1);
  wrong.read(std::string("S365H7828") + bad + "KOR8908227M2908225<<<<<<<<<<<<<<04\n");
  BOOST_TEST(wrong.mrzNumbers().empty());
  // A type letter read as '0': the check digit tells O from D.
  const std::string d_number = "D63244240";
  OcrReading zero;
  zero.read("063244240" + std::string(1, detect::mrzCheckDigit(d_number)) +
            "KOR9107142M3207143<<<<<<<<<<<<<<04\n");
  BOOST_REQUIRE(zero.mrzNumbers().size() == 1u);
  BOOST_TEST(zero.mrzNumbers()[0].number == d_number);
}

// --- through the detector -----------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(issue_13_a_labelled_passport_is_found_in_ocr_text_only) {
  const std::string text = "여권번호 $821H5375\n";
  const auto ocr = detectOcr(text);
  const Match* m = find(ocr, RuleId::kKrPassport);
  BOOST_REQUIRE(m != nullptr);
  BOOST_TEST((m->confidence == Confidence::kHigh));
  BOOST_TEST(m->begin == text.find('$'));  // offsets of what OCR wrote
  BOOST_TEST(m->end == text.find('\n'));
  BOOST_TEST(m->masked == "S8*******");
  BOOST_TEST(!found(detectOcr(text, false), RuleId::kKrPassport));
}

BOOST_AUTO_TEST_CASE(issue_13_a_repair_needs_a_label_or_a_check_digit) {
  // No label, no check digit: a repaired shape is not reported.
  BOOST_TEST(!found(detectOcr("참고 $821H5375 확인\n"), RuleId::kKrPassport));
  // A card whose Luhn digit holds after the repair needs no label ...
  const auto card = detectOcr("4111-1111-I111-1111\n");
  BOOST_TEST(find(card, RuleId::kCardNumber) != nullptr);
  // ... and one whose digits do not pass is not reported.
  BOOST_TEST(!found(detectOcr("4111-1111-I111-1112\n"), RuleId::kCardNumber));
  // An RRN with a passing check digit stands on it.
  BOOST_TEST(found(detectOcr("9OO1O1-1234568\n"), RuleId::kKrRrn));
  // A phone number with stray spaces, labelled or not: rejoining changes no digit.
  const auto phone = detectOcr("휴대전화 01 0-6983-3282\n");
  BOOST_TEST(find(phone, RuleId::kKrPhone) != nullptr);
  const auto bare = detectOcr("홍길동 010-81 84-5909\n");
  BOOST_TEST(find(bare, RuleId::kKrPhone) != nullptr);
}

BOOST_AUTO_TEST_CASE(issue_13_misread_labels_still_label) {
  // "여권번호" read as "여권빈호", "주민등록번호" as "민등록번호": within a syllable of the keyword.
  const auto passport = detectOcr("여권빈호 M12345678\n");
  BOOST_TEST(find(passport, RuleId::kKrPassport) != nullptr);
  const auto rrn = detectOcr("민등록번호 9001011234567\n");
  const Match* m = find(rrn, RuleId::kKrRrn);
  BOOST_REQUIRE(m != nullptr);
  BOOST_TEST((m->confidence == Confidence::kHigh));
  // Not in ordinary text, where "민등록번호" holds the BRN keyword 등록번호 and no RRN label.
  const auto ordinary = detectOcr("민등록번호 9001011234567\n", false);
  const Match* plain = find(ordinary, RuleId::kKrRrn);
  BOOST_TEST(!(plain && plain->confidence == Confidence::kHigh));
  // A word as close to keywords of two kinds labels nothing: "어권번호" is one syllable from
  // 여권번호 and from 증권번호 (a securities number, not personal).
  BOOST_TEST(!found(detectOcr("어권번호 M12345678\n"), RuleId::kKrPassport));
}

BOOST_AUTO_TEST_CASE(issue_13_emails_and_mrz_through_the_detector) {
  const auto email = detectOcr("이메일 hong.gildong©naver com\n");
  const Match* e = find(email, RuleId::kEmail);
  BOOST_REQUIRE(e != nullptr);
  BOOST_TEST(e->masked == "h***@naver.com");
  const std::string number = "M123A4567";
  const std::string mrz = number + std::string(1, detect::mrzCheckDigit(number)) +
                          "KOR9001011M3001014<<<<<<<<<<<<<<04\n";
  const auto passport = detectOcr("PMKORHONG<<GILDONG<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + mrz);
  const Match* p = find(passport, RuleId::kKrPassport);
  BOOST_REQUIRE(p != nullptr);
  BOOST_TEST((p->confidence == Confidence::kHigh));
}

// Match::basis says which values OCR's confusions were repaired in, beside what confirmed them.
BOOST_AUTO_TEST_CASE(issue_13_the_basis_tells_a_repaired_value) {
  const auto bits = [](std::initializer_list<Basis> bases) {
    BasisSet set = 0;
    for (Basis b : bases) set |= basisBit(b);
    return static_cast<int>(set);
  };
  const auto card_matches = detectOcr("4111-1111-I111-1111\n");  // find() points into it
  const Match* card = find(card_matches, RuleId::kCardNumber);
  BOOST_REQUIRE(card != nullptr);
  BOOST_TEST(static_cast<int>(card->basis) ==
             bits({Basis::kChecksum, Basis::kFormat, Basis::kRepaired}));
  const auto passport_matches = detectOcr("여권번호 $821H5375\n");
  const Match* passport = find(passport_matches, RuleId::kKrPassport);
  BOOST_REQUIRE(passport != nullptr);
  BOOST_TEST(static_cast<int>(passport->basis) == bits({Basis::kLabel, Basis::kRepaired}));
  const auto email_matches = detectOcr("이메일 hong.gildong©naver com\n");
  const Match* email = find(email_matches, RuleId::kEmail);
  BOOST_REQUIRE(email != nullptr);
  BOOST_TEST(static_cast<int>(email->basis) ==
             bits({Basis::kChecksum, Basis::kLabel, Basis::kRepaired}));
  // Only spaces came out: rejoined, no character repaired.
  const auto phone_matches = detectOcr("휴대전화 01 0-6983-3282\n");
  const Match* phone = find(phone_matches, RuleId::kKrPhone);
  BOOST_REQUIRE(phone != nullptr);
  BOOST_TEST(static_cast<int>(phone->basis) == bits({Basis::kLabel}));
  // A machine-readable zone's number: its ICAO check digit verified.
  const std::string number = "M123A4567";
  const std::string mrz = number + std::string(1, detect::mrzCheckDigit(number)) +
                          "KOR9001011M3001014<<<<<<<<<<<<<<04\n";
  const auto mrz_matches = detectOcr("PMKORHONG<<GILDONG<<<<<<<<<<<<<<<<<<<<<<<<<<\n" + mrz);
  const Match* zone = find(mrz_matches, RuleId::kKrPassport);
  BOOST_REQUIRE(zone != nullptr);
  BOOST_TEST(hasBasis(zone->basis, Basis::kChecksum));
  BOOST_TEST(!hasBasis(zone->basis, Basis::kRepaired));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
