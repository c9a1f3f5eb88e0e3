// SPDX-License-Identifier: Apache-2.0
#include "support/unstructured_values.h"

#include <array>
#include <cstdio>
#include <string>

namespace jamul::test::unstructured {
namespace {

using SV = std::string_view;

// --- names (UNSTRUCTURED.md §3, ../shared/data/kr-surnames.tsv) -------------------------------------
constexpr SV kSurnamesA[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임",
                             "한", "오", "서", "신", "권", "황", "안", "송", "전", "홍",
                             "유", "고", "문", "양", "손", "배", "백", "허"};
constexpr SV kSurnamesB[] = {"남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "나",
                             "진", "지", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염",
                             "여", "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표",
                             "명", "기", "반", "왕", "금", "옥", "육", "인", "맹", "제", "모", "탁",
                             "국", "어", "은", "편", "용", "예", "경", "봉", "사", "부", "가", "복",
                             "태", "목", "형", "계", "피", "두", "감", "음", "빈", "동", "온", "호",
                             "범", "좌", "팽", "승", "간", "상", "시", "갈", "단", "견", "당", "화",
                             "창"};
constexpr SV kSurnamesC[] = {"남궁", "황보", "제갈", "사공", "선우", "서문", "독고", "동방"};
constexpr SV kSurnamesV[] = {"류", "리", "림", "라", "로", "량", "려", "렴", "룡", "륙"};

// Given-name syllables. The last syllable is never a department suffix (과 팀 실 국 부 처 청 원,
// §3.4 rule 5) nor a particle (를 을 에 와 로, rule 4): such names are ambiguous by the research's
// own stop-lists (a real 김지원 ends like 지원 "support"), so the corpus does not claim them.
constexpr SV kGivenFirst[] = {"민", "서", "지", "현", "준", "도", "하", "예", "수", "진", "영",
                              "은", "성", "재", "유", "연", "태", "승", "시", "채", "다", "동",
                              "혜", "소", "나", "경", "상", "정", "윤", "주", "우", "건", "가",
                              "보", "해", "세", "미", "선", "희", "한", "규", "종", "아"};
constexpr SV kGivenMiddle[] = {"민", "서", "지", "현", "준", "하", "은", "유", "연", "승", "다", "소"};
constexpr SV kGivenLast[] = {"준", "서", "연", "우", "진", "호", "민", "현", "수", "윤", "아", "희",
                             "영", "빈", "혁", "훈", "석", "율", "경", "은", "린", "솔", "결", "찬",
                             "나", "정", "주", "하", "인", "규", "환", "범", "기", "미", "지", "숙",
                             "용", "태", "혜", "람", "늘", "별", "온", "슬"};

// §3.4 rule 5 and rule 7: values never reported as names.
constexpr SV kStopValues[] = {
    "홍길동", "김철수", "이영희", "아무개", "성춘향", "미정",   "해당없음", "없음",   "본인",
    "대리인", "상동",   "생략",   "공란",   "기타",   "동의",   "동의서",   "주소",   "기재",
    "지정",   "부담",   "확인",   "서명",   "연락처", "전화",   "변경",     "명의",   "인적사항",
    "도장",   "직인",   "성별",   "생년월일", "구분", "비고",   "소속",     "직위",   "직급",
    "부서",   "기관",   "날짜",   "일시",   "장소",   "내용",   "사유",     "목적",   "제출",
    "작성",   "정보",   "이상",   "이하",   "조사",   "전체",   "신청",     "안내",   "민원",
    "최종",   "최종본", "주무관", "사무관", "서기관", "과장",   "팀장",     "계장",   "주임",
    "대리",   "부장",   "차장",   "실장",   "국장",   "원장",   "교수",     "선생님", "담당",
    "성명",   "이름",   "성함",   "대표자", "신청인", "신청자", "담당자",   "예금주", "수취인",
    "수령인", "보호자", "피보험자", "계약자", "환자명", "민원인", "청구인",  "작성자", "보증인",
    "임대인", "임차인", "상속인", "위임인", "수임인", "고객명", "회원명",   "가입자", "세대주",
    "배우자", "이성",   "정상",   "수정",   "주민",   "전주",   "공주",     "양주",   "진주",
    // Common words a surname + one syllable spells (기준 "standard", 이미 "already"): a value the
    // research gives no way to tell from vocabulary, so the corpus does not claim it as a name.
    "기준",   "이미",   "인정",   "하나",   "국민",   "우리",   "시민",     "지원",   "진단",
    "안정",   "조정",   "시정",   "도서",   "구조",   "강화",   "공정",     "소지",   "차기"};
constexpr SV kDepartmentSuffixes[] = {"과", "팀", "실", "국", "부", "처", "청", "원", "센터", "위원회"};

// --- regions (§1.2, ../shared/data/kr-sido.tsv and kr-sigungu.tsv) ----------------------------------
struct Sido {
  SV official;
  SV forms[3];  // short and former names; empty slots unused
};
constexpr Sido kSidos[] = {
    {"서울특별시", {"서울", "서울시", ""}},       {"부산광역시", {"부산", "부산시", ""}},
    {"대구광역시", {"대구", "대구시", ""}},       {"인천광역시", {"인천", "인천시", ""}},
    {"광주광역시", {"광주", "", ""}},             {"대전광역시", {"대전", "대전시", ""}},
    {"울산광역시", {"울산", "울산시", ""}},       {"세종특별자치시", {"세종시", "", ""}},
    {"경기도", {"경기", "", ""}},                 {"강원특별자치도", {"강원", "강원도", ""}},
    {"충청북도", {"충북", "", ""}},               {"충청남도", {"충남", "", ""}},
    {"전북특별자치도", {"전북", "전라북도", ""}}, {"전라남도", {"전남", "", ""}},
    {"경상북도", {"경북", "", ""}},               {"경상남도", {"경남", "", ""}},
    {"제주특별자치도", {"제주", "제주도", ""}}};
constexpr std::size_t kSejong = 7;

struct Sigungu {
  std::size_t sido;
  SV name;
  SV admgu[5];  // 행정구 of a 시 (empty slots unused)
};
constexpr Sigungu kSigungus[] = {
    {0, "종로구", {}}, {0, "중구", {}}, {0, "용산구", {}}, {0, "성동구", {}}, {0, "마포구", {}},
    {0, "강서구", {}}, {0, "영등포구", {}}, {0, "관악구", {}}, {0, "서초구", {}}, {0, "강남구", {}},
    {0, "송파구", {}}, {0, "노원구", {}}, {0, "은평구", {}}, {0, "동대문구", {}},
    {1, "해운대구", {}}, {1, "부산진구", {}}, {1, "동래구", {}}, {1, "남구", {}}, {1, "북구", {}},
    {1, "사하구", {}}, {1, "기장군", {}}, {1, "수영구", {}}, {1, "강서구", {}},
    {2, "수성구", {}}, {2, "달서구", {}}, {2, "중구", {}}, {2, "동구", {}}, {2, "달성군", {}},
    {2, "군위군", {}},
    {3, "미추홀구", {}}, {3, "연수구", {}}, {3, "남동구", {}}, {3, "부평구", {}}, {3, "계양구", {}},
    {3, "강화군", {}}, {3, "서구", {}}, {3, "서해구", {}},
    {4, "광산구", {}}, {4, "서구", {}}, {4, "북구", {}},
    {5, "유성구", {}}, {5, "대덕구", {}}, {5, "서구", {}}, {5, "중구", {}},
    {6, "울주군", {}}, {6, "남구", {}}, {6, "중구", {}},
    {8, "수원시", {"장안구", "권선구", "팔달구", "영통구"}},
    {8, "성남시", {"수정구", "중원구", "분당구"}},
    {8, "고양시", {"덕양구", "일산동구", "일산서구"}},
    {8, "용인시", {"처인구", "기흥구", "수지구"}},
    {8, "화성시", {"만세구", "효행구", "병점구", "동탄구"}},
    {8, "부천시", {"원미구", "소사구", "오정구"}},
    {8, "안산시", {"상록구", "단원구"}},
    {8, "의정부시", {}}, {8, "평택시", {}}, {8, "파주시", {}}, {8, "김포시", {}},
    {8, "남양주시", {}}, {8, "광주시", {}}, {8, "양평군", {}}, {8, "가평군", {}},
    {9, "춘천시", {}}, {9, "원주시", {}}, {9, "강릉시", {}}, {9, "속초시", {}}, {9, "평창군", {}},
    {9, "고성군", {}}, {9, "홍천군", {}},
    {10, "청주시", {"상당구", "서원구", "흥덕구", "청원구"}},
    {10, "충주시", {}}, {10, "제천시", {}}, {10, "음성군", {}}, {10, "옥천군", {}},
    {11, "천안시", {"동남구", "서북구"}},
    {11, "공주시", {}}, {11, "아산시", {}}, {11, "당진시", {}}, {11, "서산시", {}},
    {11, "홍성군", {}}, {11, "부여군", {}},
    {12, "전주시", {"완산구", "덕진구"}},
    {12, "군산시", {}}, {12, "익산시", {}}, {12, "남원시", {}}, {12, "완주군", {}}, {12, "고창군", {}},
    {13, "목포시", {}}, {13, "여수시", {}}, {13, "순천시", {}}, {13, "나주시", {}}, {13, "해남군", {}},
    {13, "담양군", {}}, {13, "완도군", {}},
    {14, "포항시", {"남구", "북구"}},
    {14, "경주시", {}}, {14, "구미시", {}}, {14, "안동시", {}}, {14, "경산시", {}}, {14, "칠곡군", {}},
    {14, "울진군", {}},
    {15, "창원시", {"의창구", "성산구", "마산합포구", "마산회원구", "진해구"}},
    {15, "진주시", {}}, {15, "김해시", {}}, {15, "양산시", {}}, {15, "거제시", {}}, {15, "통영시", {}},
    {15, "고성군", {}}, {15, "함안군", {}},
    {16, "제주시", {}}, {16, "서귀포시", {}},
    {kSejong, "", {}}};  // 세종: no 시·군·구 level

// §2.3 rule 3 (and 광주시, which is also how 광주광역시 is shortened).
constexpr SV kAmbiguousSgg[] = {"중구", "동구", "서구", "남구", "북구", "강서구", "고성군", "광주시"};

// Invented road and dong stems: no stem ends in 으 (the particle -으로) and none makes a road
// stop-list word (도로, 경로, 교차로 … §2.3 rule 1).
constexpr SV kStems[] = {"가온", "누리", "다솜", "라온", "마루", "미르", "새빛", "한울", "해솔",
                         "별빛", "솔내", "달빛", "푸른", "은하", "금강", "청솔", "백운", "옥천",
                         "매화", "연꽃", "도담", "이음", "꽃뫼", "별내", "봉황", "학산", "동백",
                         "느티", "버들", "샘터", "물빛", "노을", "들꽃", "구름", "햇살", "향교",
                         "장터", "새터", "한빛", "은빛", "비봉", "매봉", "신촌", "대림", "송정"};
constexpr SV kTownSuffix[] = {"읍", "면"};

std::string num(int n) { return std::to_string(n); }

bool ambiguous(SV sgg) {
  for (SV a : kAmbiguousSgg)
    if (a == sgg) return true;
  return false;
}

std::string sidoForm(Rng& rng, std::size_t sido) {
  const Sido& s = kSidos[sido];
  std::size_t forms = 0;
  while (forms < 3 && !s.forms[forms].empty()) ++forms;
  if (forms == 0 || rng.chance(0.5)) return std::string(s.official);
  return std::string(s.forms[rng.below(forms)]);
}

std::string stripSpaces(std::string_view s) {
  std::string out;
  for (char c : s)
    if (c != ' ') out.push_back(c);
  return out;
}

std::string road(Rng& rng) {
  const std::string stem(rng.pick(kStems));
  const std::uint64_t form = rng.below(100);
  if (form < 40) return stem + "로";
  if (form < 55) return stem + "길";
  if (form < 65) return stem + "대로";
  if (form < 80) return stem + "로" + num(rng.range(1, 199)) + "번길";
  if (form < 95) return stem + "로" + num(rng.range(1, 60)) + "길";
  if (form < 98) return stem + "로" + num(rng.range(1, 30)) + "가길";
  return stem + "로 " + num(rng.range(1, 40)) + "길";  // "봉곡로 24길": a space inside the name
}

std::string buildingNumber(Rng& rng) {
  std::string n = rng.chance(0.03) ? "지하 " : "";
  n += num(rng.chance(0.05) ? rng.range(1000, 2999) : rng.chance(0.6) ? rng.range(1, 199) : rng.range(200, 999));
  if (rng.chance(0.15)) n += "-" + num(rng.range(1, 99));
  return n;
}

std::string tail(Rng& rng, bool& comma) {
  switch (rng.below(6)) {
    case 0:
    case 1:
      comma = true;
      return ", " + num(rng.range(101, 120)) + "동 " + num(rng.range(1, 25)) + "0" +
             num(rng.range(1, 9)) + "호";
    case 2:
      comma = true;
      return ", " + num(rng.range(2, 15)) + "층";
    case 3:
      return "(" + std::string(rng.pick(kStems)) + "동)";
    case 4:
      comma = true;
      return ", " + num(rng.range(1, 9)) + "0" + num(rng.range(1, 9)) + "호";
    default:
      comma = true;
      return "(" + std::string(rng.pick(kStems)) + "동, " + std::string(rng.pick(kStems)) +
             "마을)";
  }
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
int daysIn(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leapYear(y) ? 29 : kDays[m - 1];
}
std::string two(int n) {
  char b[8];
  std::snprintf(b, sizeof b, "%02d", n);
  return b;
}

// --- health fields (§4.3) ---------------------------------------------------------------------------
constexpr SV kDiagnoses[] = {"고혈압", "제2형 당뇨병", "주요우울장애", "기관지 천식", "만성 신부전",
                             "알츠하이머병 치매", "요추 추간판 탈출증", "갑상선 기능 저하증",
                             "공황장애", "뇌경색 후유증", "류마티스 관절염", "위식도 역류질환",
                             "골다공증", "파킨슨병", "조현병", "만성 폐쇄성 폐질환"};
constexpr SV kKcdCodes[] = {"E11", "F32.9", "I10", "J45.9", "M17.1", "N18.5", "G30.9", "M51.2",
                            "E03.9", "F41.0", "I63.9", "M06.9", "K21.0", "M81.0", "G20", "F20.0",
                            "J44.1", "E11.9"};
constexpr SV kGrades[] = {"1급", "2급", "3급", "4급", "5급", "6급", "심한 장애", "심하지 않은 장애"};
constexpr SV kDisabilityTypes[] = {"지체장애", "시각장애", "청각장애", "지적장애", "뇌병변장애",
                                   "정신장애", "자폐성장애", "신장장애", "언어장애"};
constexpr SV kDrugs[] = {"메트포르민 500mg", "암로디핀 5mg", "에스시탈로프람 10mg",
                         "레보티록신 50mcg", "도네페질 5mg", "아토르바스타틴 20mg"};
constexpr SV kAllergies[] = {"페니실린", "땅콩", "조영제", "아스피린", "갑각류"};
constexpr SV kHistories[] = {"위암 수술(2019년)", "뇌졸중", "심근경색", "결핵 치료", "우울증 입원 치료"};
constexpr SV kCheckups[] = {"고지혈증 의심", "간기능 재검 필요", "당뇨 전단계", "빈혈 소견"};

}  // namespace

bool rejectedName(std::string_view name) {
  for (SV s : kStopValues)
    if (s == name) return true;
  for (SV s : kDepartmentSuffixes)
    if (name.size() > s.size() && name.ends_with(s)) return true;
  return false;
}

std::string personName(Rng& rng) {
  for (;;) {
    std::string name;
    const std::uint64_t tier = rng.below(100);
    bool compound = false;
    if (tier < 78) {
      name = rng.pick(kSurnamesA);
    } else if (tier < 94) {
      name = rng.pick(kSurnamesB);
    } else if (tier < 97) {
      name = rng.pick(kSurnamesC);
      compound = true;
    } else {
      name = rng.pick(kSurnamesV);
    }
    const std::uint64_t shape = rng.below(100);
    if (shape < 6 && !compound) {
      name += rng.pick(kGivenLast);  // 김구
    } else if (shape < 10) {
      const SV middle = rng.pick(kGivenMiddle), last = rng.pick(kGivenLast);
      if (middle == last) continue;
      name += std::string(rng.pick(kGivenFirst)) + std::string(middle) + std::string(last);
    } else {
      name += std::string(rng.pick(kGivenFirst)) + std::string(rng.pick(kGivenLast));
    }
    if (!rejectedName(name)) return name;
  }
}

std::string sidoName(Rng& rng) { return sidoForm(rng, rng.below(std::size(kSidos))); }

std::string sigunguName(Rng& rng) {
  for (;;) {
    const Sigungu& s = rng.pick(kSigungus);
    if (!s.name.empty()) return std::string(s.name);
  }
}

std::string roadName(Rng& rng) { return road(rng); }
std::string dongName(Rng& rng) { return std::string(rng.pick(kStems)) + "동"; }
std::string stationName(Rng& rng) { return std::string(rng.pick(kStems)); }

Address address(Rng& rng, const AddressStyle& style) {
  const Sigungu& sgg = rng.pick(kSigungus);
  Address a;
  a.ambiguous_sgg = ambiguous(sgg.name);
  // Without a 시·도 only where it stays medium: an unambiguous 시·군·구 (세종 needs its own name).
  a.has_sido = !(style.allow_no_sido && !a.ambiguous_sgg && sgg.sido != kSejong && rng.chance(0.3));
  std::string head;
  if (sgg.sido == kSejong) {
    head = rng.chance(0.7) ? "세종특별자치시" : "세종시";
  } else {
    if (a.has_sido) head = sidoForm(rng, sgg.sido) + (style.compact ? "" : " ");
    head += sgg.name;
    std::size_t admgu = 0;
    while (admgu < 5 && !sgg.admgu[admgu].empty()) ++admgu;
    if (admgu > 0 && rng.chance(0.8))
      head += (style.compact ? "" : " ") + std::string(sgg.admgu[rng.below(admgu)]);
  }
  const bool county = sgg.name.ends_with("군") || sgg.sido == kSejong;
  if (county && (style.jibun || rng.chance(0.4)))
    head += " " + std::string(rng.pick(kStems)) + std::string(rng.pick(kTownSuffix));
  if (style.jibun) {
    std::string lot = rng.chance(0.05) ? "산 " : "";
    lot += num(rng.range(1, 999));
    if (rng.chance(0.5)) lot += "-" + num(rng.range(1, 30));
    if (rng.chance(0.2)) lot += "번지";
    const std::string place = std::string(rng.pick(kStems)) + (county ? "리" : "동");
    a.text = head + " " + place + " " + lot;
  } else {
    a.text = head + " " + road(rng) + " " + buildingNumber(rng);
  }
  if (style.allow_tail && rng.chance(0.35)) a.text += tail(rng, a.has_comma);
  a.key = stripSpaces(a.text);
  return a;
}

BirthDate birthDate(Rng& rng) {
  const int y = rng.range(1936, 2020);
  const int m = rng.range(1, 12);
  const int d = rng.range(1, daysIn(y, m));
  BirthDate b;
  b.key = num(y) + two(m) + two(d);
  const std::string yy = two(y % 100);
  const std::uint64_t form = rng.below(100);
  if (form < 25) {
    b.text = num(y) + "." + two(m) + "." + two(d);
  } else if (form < 45) {
    b.text = num(y) + "-" + two(m) + "-" + two(d);
  } else if (form < 50) {
    b.text = num(y) + "/" + two(m) + "/" + two(d);
  } else if (form < 65) {
    b.text = num(y) + "년 " + num(m) + "월 " + num(d) + "일";
  } else if (form < 75) {
    b.text = b.key;
  } else if (form < 87) {
    b.text = yy + two(m) + two(d);
  } else if (form < 95) {
    b.text = yy + "." + two(m) + "." + two(d);
  } else {
    b.text = num(y) + ". " + num(m) + ". " + num(d) + ".";
  }
  return b;
}

std::string healthValue(Rng& rng, std::string_view label) {
  if (label == "상병코드" || label == "진단코드" || label == "질병코드") return std::string(rng.pick(kKcdCodes));
  if (label == "장애등급" || label == "장애정도") return std::string(rng.pick(kGrades));
  if (label == "장애유형") return std::string(rng.pick(kDisabilityTypes));
  if (label == "복용약") return std::string(rng.pick(kDrugs));
  if (label == "알레르기") return std::string(rng.pick(kAllergies));
  if (label == "병력" || label == "과거력") return std::string(rng.pick(kHistories));
  if (label == "검진결과") return std::string(rng.pick(kCheckups));
  return std::string(rng.pick(kDiagnoses));  // 진단명, 병명, 상병명, 기저질환
}

HealthField healthField(Rng& rng) {
  static constexpr SV kLabels[] = {"진단명", "진단명", "병명",   "상병명",   "상병코드", "상병코드",
                                   "장애등급", "장애등급", "장애유형", "복용약", "기저질환", "병력",
                                   "알레르기", "검진결과"};
  HealthField f;
  f.label = rng.pick(kLabels);
  f.value = healthValue(rng, f.label);
  return f;
}

}  // namespace jamul::test::unstructured
