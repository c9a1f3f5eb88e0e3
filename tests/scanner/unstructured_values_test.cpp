// SPDX-License-Identifier: Apache-2.0
// The value checks and masks of the unstructured rules (UNSTRUCTURED.md §2.3, §3.4, §4.1).

#include "detect/unstructured_values.h"

#include <boost/test/unit_test.hpp>

#include <algorithm>

#include "detect/kr_gazetteer.h"

namespace jamul::scanner::detect {
namespace {

constexpr CivilDate kToday{2026, 12, 7};

BOOST_AUTO_TEST_SUITE(unstructured_values)

BOOST_AUTO_TEST_CASE(the_gazetteer_holds_the_lists) {
  const KrGazetteer& g = krGazetteer();
  BOOST_TEST(g.sido.size() >= 34u);  // 17 official names and their short and former forms
  BOOST_TEST(g.admin_gu.size() == 39u);
  // 226 units, some names in several 시·도 (중구), the 2026 names, and 세종's.
  BOOST_TEST(g.sigungu.size() >= 215u);
  for (const char* name : {"종로구", "미추홀구", "남구", "제물포구", "군위군", "서귀포시", "세종시"})
    BOOST_TEST((std::find(g.sigungu.begin(), g.sigungu.end(), name) != g.sigungu.end()), name);
  BOOST_TEST(g.ambiguous_sigungu.count("중구") == 1u);
  BOOST_TEST(g.ambiguous_sigungu.count("고성군") == 1u);
  BOOST_TEST(g.ambiguous_sigungu.count("종로구") == 0u);
  BOOST_TEST(g.surnames.size() >= 130u);
  BOOST_TEST(g.isSurname("남궁"));
  BOOST_TEST(!g.isSurname("홍길"));
  BOOST_TEST(alternation({"서울", "서울특별시", "a.b"}) == "서울특별시|서울|a\\.b");
}

BOOST_AUTO_TEST_CASE(names_pass_the_surname_gate_and_stop_lists) {
  BOOST_TEST((checkName("김민수").verdict == NameVerdict::kName));
  BOOST_TEST((checkName("김구").verdict == NameVerdict::kName));
  BOOST_TEST((checkName("남궁민수").verdict == NameVerdict::kName));
  BOOST_TEST((checkName("황보혜정").verdict == NameVerdict::kName));
  BOOST_TEST((checkName("김민서").verdict == NameVerdict::kName));  // 서 is no particle here
  BOOST_TEST(checkName("김민수님").length == 9u);
  BOOST_TEST((checkName("쿠엔티").verdict == NameVerdict::kRareSurname));
  for (const char* no : {"홍길동", "아무개", "동의서를", "동의서", "해당없음", "총무과", "민원실",
                         "과장", "주소", "지원센터", "김", "김민수김민수"})
    BOOST_TEST((checkName(no).verdict == NameVerdict::kNotAName), no);
}

BOOST_AUTO_TEST_CASE(birth_dates_are_real_dates_in_a_lifetime) {
  const auto d = readBirthDate("1985년 3월 12일", 0, kToday);
  BOOST_TEST_REQUIRE(d.has_value());
  BOOST_TEST(d->date.year == 1985);
  BOOST_TEST(d->end == std::string("1985년 3월 12일").size());
  BOOST_TEST(readBirthDate("850312", 0, kToday)->date.year == 1985);
  BOOST_TEST(readBirthDate("010101", 0, kToday)->date.year == 2001);
  BOOST_TEST(readBirthDate("79. 4. 5.", 0, kToday)->date.month == 4);
  BOOST_TEST(readBirthDate("19900102", 0, kToday)->date.day == 2);
  BOOST_TEST(!readBirthDate("1985.13.12", 0, kToday));
  BOOST_TEST(!readBirthDate("2099.01.01", 0, kToday));
  BOOST_TEST(!readBirthDate("1800.01.01", 0, kToday));
  BOOST_TEST(!readBirthDate("1996.02.30", 0, kToday));
  BOOST_TEST(!readBirthDate("900101-1234568", 0, kToday));  // the resident number's
  BOOST_TEST(!readBirthDate("8503121", 0, kToday));
}

BOOST_AUTO_TEST_CASE(what_may_follow_an_address_number) {
  for (const char* ok : {"", ",", " ", "에 위치", "의", "으로", "까지", "(역삼동)"})
    BOOST_TEST(addressEndOk(ok, 0), ok);
  for (const char* no : {"개", "명", "번 출구", "년", "가", "호선", "0", "-", "km"})
    BOOST_TEST(!addressEndOk(no, 0), no);
  BOOST_TEST(isGenericRoadWord("교차로"));
  BOOST_TEST(!isGenericRoadWord("세종대로"));
}

BOOST_AUTO_TEST_CASE(masks_keep_no_value) {
  BOOST_TEST(maskAddress("서울특별시 중구 세종대로 110", 36) == "서울특별시 중구 세종대로 1**");
  BOOST_TEST(maskAddress("세종대로 110, 101동 1203호", 13) == "세종대로 1**, ***동 ****호");
  BOOST_TEST(maskName("홍길동") == "홍*동");
  BOOST_TEST(maskName("김구") == "김*");
  BOOST_TEST(maskName("남궁민수") == "남**수");
  BOOST_TEST(maskBirthDate({1990, 1, 2}) == "1990-**-**");
  BOOST_TEST(maskField("진단명") == "진단명: ***");
  BOOST_TEST(canonicalDate({1990, 1, 2}) == "19900102");
  BOOST_TEST(withoutSpaces("서울 강남구,  테헤란로 1") == "서울강남구테헤란로1");
}

BOOST_AUTO_TEST_CASE(the_syllable_pair_filter_never_says_no_to_a_word_of_its_set) {
  SyllablePairFilter filter;
  for (std::string_view w : {"서울특별시", "중구", "해당없음", "주소", "전"}) filter.add(w);
  // Each word, and a text that begins with one of two syllables or more: maybe.
  for (std::string_view t : {"서울특별시", "서울", "중구", "해당없음", "주소", "주소록", "서울시청"})
    BOOST_TEST(filter.mayHold(t), t);
  // Texts whose first two syllables begin no word: no. (Single syllables are never asked of
  // texts of two: 전 is not what 전화 is or begins with in this set's sense.)
  for (std::string_view t : {"김민수", "이서준", "부산광역시", "전화", "중앙"})
    BOOST_TEST(!filter.mayHold(t), t);
  // A text that does not begin with two syllables is always a maybe: the exact lookup decides.
  for (std::string_view t : {"전", "", "A-12", "서A", "12번지"}) BOOST_TEST(filter.mayHold(t), t);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::detect
