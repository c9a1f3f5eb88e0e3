// SPDX-License-Identifier: Apache-2.0
#include "support/unstructured_negatives.h"

#include <string>

namespace jamul::test::unstructured {
namespace {

using SV = std::string_view;

std::string num(int n) { return std::to_string(n); }
std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
template <std::size_t N>
std::string pick(Rng& rng, const SV (&items)[N]) {
  return std::string(items[rng.below(N)]);
}

std::string landline(Rng& rng) {
  static constexpr SV kAreas[] = {"02", "031", "032", "042", "051", "053", "062", "064"};
  return pick(rng, kAreas) + "-" + num(rng.range(200, 999)) + "-" + num(rng.range(1000, 9999));
}
std::string postcode(Rng& rng) {
  return two(rng.range(1, 63)) + num(rng.range(100, 999));
}
std::string someDate(Rng& rng) {
  return num(rng.range(2019, 2026)) + "." + two(rng.range(1, 12)) + "." + two(rng.range(1, 28));
}
// A Hangul noun that labels a place, not a road: the particle -으로 follows it.
constexpr SV kCentres[] = {"중심", "기준", "대상", "권역", "지역"};
constexpr SV kCounters[] = {"개 구간", "곳", "명", "번째", "년", "회", "대", "건", "세대", "개소"};

// --- addresses (§2.6 negatives, §7 traps 1-3, 10) ---------------------------------------------------
void addressTrap(Rng& rng, UnstructuredWriter& w) {
  const std::string sido = sidoName(rng), sgg = sigunguName(rng), road = roadName(rng);
  const int n = rng.range(2, 30);
  switch (rng.below(13)) {
    case 0:
      w.negative("address: particle -으로",
                 sido + " " + sgg + " " + pick(rng, kCentres) + "으로 " + num(n) + "개 지역을 선정하였다.");
      break;
    case 1:
      w.negative("address: particle -으로", sgg + " " + pick(rng, kCentres) + "으로 " + num(n) +
                                                "개월간 집중 점검을 실시한다.");
      break;
    case 2:
      w.negative("address: particle -로", sgg + " 관내 학교로 " + num(n) + "명을 배정하였다.");
      break;
    case 3:
      w.negative("address: counter", (rng.chance(0.5) ? sido + " " : "") + sgg + " " + road + " " +
                                         num(n) + pick(rng, kCounters) + "에 대한 정비를 마쳤다.");
      break;
    case 4:
      w.negative("address: exit", (rng.chance(0.5) ? sido + " " + sgg + " " + road + " "
                                                   : stationName(rng) + "역 ") +
                                      num(rng.range(1, 12)) + "번 출구 앞에서 집결한다.");
      break;
    case 5:
      w.negative("address: subway line", "지하철 " + num(rng.range(1, 9)) + "호선 " +
                                             stationName(rng) + "역에서 하차하여 도보로 이동한다.");
      break;
    case 6:
      w.negative("address: statute", rng.chance(0.5)
                                         ? "법 제" + num(n) + "조 제" + num(rng.range(1, 5)) + "항 제" +
                                               num(rng.range(1, 9)) + "호로 정한다."
                                         : "「개인정보 보호법」 제" + num(n) + "조 제" +
                                               num(rng.range(1, 5)) + "항에 따른다.");
      break;
    case 7:
      w.negative("address: distance", (rng.chance(0.5) ? sgg + " " : "") + road + " " + num(n) +
                                          (rng.chance(0.5) ? "km" : "m") + " 구간을 통제한다.");
      break;
    case 8:
      w.negative("address: bus", num(rng.range(100, 999)) + "-" + num(rng.range(1, 9)) + "번 버스를 타고 " +
                                     road + " 방면으로 이동한다.");
      break;
    case 9: {
      const int kind = static_cast<int>(rng.below(4));
      const std::string year = num(rng.range(2019, 2026));
      const std::string s =
          kind == 0   ? sido + " " + sgg + " 일대에서 " + year + "년 행사가 열렸다."
          : kind == 1 ? sgg + " " + road + " 일대 " + num(n) + "곳을 점검하였다."
          : kind == 2 ? sgg + " " + dongName(rng) + " " + num(n) + "개 지점에 설치한다."
                      : sido + " " + sgg + " " + dongName(rng) + " " + year + "년 개발 계획";
      w.negative("address: generic location", s);
      break;
    }
    case 10: {
      const int kind = static_cast<int>(rng.below(4));
      const std::string s = kind == 0   ? sido + " 정책 방향을 논의하였다."
                            : kind == 1 ? "경기도 광주시 관내 현황"
                            : kind == 2 ? sido + " " + sgg + " " + road + " 상권 활성화 사업"
                                        : sido + " " + sgg + " " + stationName(rng) + "로 " +
                                              num(rng.range(1, 6)) + "가 일대";
      w.negative("address: no building number", s);
      break;
    }
    case 11: {
      static constexpr SV kHighways[] = {"경부", "중부", "서해안", "영동", "호남", "남해"};
      w.negative("address: highway", pick(rng, kHighways) + "고속도로 " +
                                         (rng.chance(0.5) ? stationName(rng) + "요금소 부근"
                                                          : num(n) + "km 지점"));
      break;
    }
    default:
      if (rng.chance(0.5)) {
        w.negative("address: masked", sido + " " + sgg + " " + road + " " + num(rng.range(1, 9)) + "**");
      } else if (rng.chance(0.5)) {
        w.negative("address: masked", sido + " " + sgg + " ***");
      } else {
        w.negative("address: postcode alone", (rng.chance(0.5) ? "우편번호: " : "(우) ") + postcode(rng));
      }
  }
}

// --- names (§3.6 zeros, §7 traps 7-9) ------------------------------------------------------------
constexpr SV kNameLabels[] = {"성명", "이름", "신청인", "예금주", "보호자", "민원인", "대표자", "수취인"};
constexpr SV kPlaceholders[] = {"홍길동", "김철수", "이영희", "아무개", "성춘향"};
constexpr SV kMaskSurnames[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오"};
constexpr SV kDepartments[] = {"총무과", "민원실", "복지정책과", "세무과", "정보통신팀", "기획예산팀",
                               "시민소통실", "재난안전국", "주민복지과", "건축과", "교통행정과",
                               "보건정책과", "인사팀", "감사실", "환경정책과", "민원봉사과"};
constexpr SV kTitles[] = {"과장", "팀장", "주무관", "주임", "계장", "국장"};
constexpr SV kStopValues[] = {"미정", "해당없음", "없음", "본인", "상동", "생략", "공란"};
// Label + vocabulary (§7 trap 8): the word after the label starts with a surname syllable.
constexpr SV kVocabulary[] = {"동의서를 제출하여야 한다.", "동의서 제출 후 접수한다.",
                              "주소 및 연락처를 기재한다.", "지정 후 통보한다.",
                              "부담으로 발송한다.",        "확인 절차를 거친다.",
                              "기재 요령을 안내한다.",     "서명 또는 날인",
                              "변경 사항을 반영하였다.",   "연락처 확인 필요",
                              "명의 변경 신청",            "정보 수정 요청",
                              "안내 문자를 발송하였다.",   "인적사항 확인"};
constexpr SV kVocabularyLabels[] = {"보호자", "신청인", "담당자", "수취인", "예금주",
                                    "민원인", "대리인", "세대주", "성명"};

void nameTrap(Rng& rng, UnstructuredWriter& w, bool beside_truth) {
  const std::string label = pick(rng, kNameLabels);
  const std::string sep = rng.chance(0.5) ? ": " : " : ";
  std::uint64_t kind = rng.below(10);
  while (beside_truth && (kind == 0 || kind == 4 || kind == 5)) kind = rng.below(10);
  switch (kind) {
    case 0:
      w.negative("name: placeholder", label + sep + pick(rng, kPlaceholders));
      break;
    case 1: {
      static constexpr SV kMasks[] = {"OO", "○○", "**", "*", "○"};
      const std::string s = pick(rng, kMaskSurnames);
      const std::string masked = rng.chance(0.3) ? s + "*" + pick(rng, kMaskSurnames) : s + pick(rng, kMasks);
      w.negative("name: masked", label + sep + masked);
      break;
    }
    case 2:
      w.negative("name: blank form", label + sep + "____________ (서명 또는 인)");
      break;
    case 3:
      w.negative("name: stop value", label + sep + pick(rng, kStopValues));
      break;
    case 4:
      w.negative("name: department", (rng.chance(0.5) ? "담당자" : "작성자") + sep + pick(rng, kDepartments));
      break;
    case 5:
      w.negative("name: title only", (rng.chance(0.5) ? "담당자" : "작성자") + sep + pick(rng, kTitles));
      break;
    case 6:
      w.negative("name: label + vocabulary", pick(rng, kVocabularyLabels) + " " + pick(rng, kVocabulary));
      break;
    case 7: {
      static constexpr SV kForms[] = {"성명 및 연락처를 적는다.", "성명(한글) 란", "파일이름: 최종본",
                                      "이름표를 붙이세요.", "성명 기재 요령"};
      w.negative("name: form vocabulary", pick(rng, kForms));
      break;
    }
    case 8: {
      static constexpr SV kStatements[] = {"노동조합은 성명서를 발표하였다.", "공동 성명서 전문을 게시한다.",
                                           "시민단체 성명서에 대한 입장"};
      w.negative("name: 성명서", pick(rng, kStatements));
      break;
    }
    default:
      // Unlabelled, title-anchored staff names: reported at low at most (§3.5).
      w.negative("name: unlabelled staff", personName(rng) + " " + pick(rng, kTitles) + "이 회의를 주재하였다.");
  }
}

// --- dates (§4.1 zeros) --------------------------------------------------------------------------
void dateTrap(Rng& rng, UnstructuredWriter& w) {
  static constexpr SV kOtherLabels[] = {"작성일", "시행일", "접수일", "기준일", "처리기한", "회의 일시"};
  static constexpr SV kDobLabels[] = {"생년월일", "출생일", "생일"};
  const std::string dob = pick(rng, kDobLabels) + (rng.chance(0.5) ? ": " : " ");
  const int y = rng.range(1950, 2005);
  switch (rng.below(6)) {
    case 0:
    case 1:
      w.negative("date: other label", pick(rng, kOtherLabels) + ": " + someDate(rng));
      break;
    case 2: {
      static constexpr SV kInvalid[] = {".13.", ".02.30", ".04.31", ".00.", ".06.31", ".11.31"};
      const std::string bad = pick(rng, kInvalid);
      w.negative("dob: invalid date", dob + num(y) + bad + (bad.size() <= 4 ? two(rng.range(1, 28)) : ""));
      break;
    }
    case 3:
      w.negative("dob: future or too old",
                 dob + (rng.chance(0.5) ? "2027." + two(rng.range(1, 12)) + "." + two(rng.range(1, 28))
                                        : "190" + num(rng.range(0, 4)) + "." + two(rng.range(1, 12)) +
                                              "." + two(rng.range(1, 28))));
      break;
    case 4:
      w.negative("dob: blank", dob + (rng.chance(0.5) ? "________" : "____년 __월 __일"));
      break;
    default:
      w.negative("dob: masked", dob + (rng.chance(0.5) ? num(y) + "-**-**" : "19**.**.**"));
  }
}

// --- health words outside a field (§4.3 traps) ---------------------------------------------------
void healthTrap(Rng& rng, UnstructuredWriter& w) {
  static constexpr SV kProse[] = {
      "국민건강보험 보험료 경감 제도를 안내합니다.", "건강검진 대상자는 연말까지 검진을 받으시기 바랍니다.",
      "장애인 복지 정책의 주요 변화를 설명하였다.", "장애등급제는 단계적으로 개편되었습니다.",
      "진료과 안내: 내과, 정형외과, 소아청소년과", "건강보험 안내문을 각 가정에 발송하였다.",
      "치매안심센터 운영 시간을 조정하였다."};
  static constexpr SV kCodes[] = {"E11", "F32", "I10", "J45", "M17", "K21.0", "G20", "N18"};
  static constexpr SV kCodeContexts[] = {"모델 ", "규격 ", "창고 구역 ", "좌석 ", "도면 번호 "};
  if (rng.chance(0.6)) {
    w.negative("health: words in prose", pick(rng, kProse));
  } else {
    w.negative("health: code outside a label", pick(rng, kCodeContexts) + pick(rng, kCodes) + " 확인");
  }
}

}  // namespace

void negativeSentence(Rng& rng, UnstructuredWriter& w, bool beside_truth) {
  const std::uint64_t r = rng.below(100);
  if (r < 45) {
    addressTrap(rng, w);
  } else if (r < 75) {
    nameTrap(rng, w, beside_truth);
  } else if (r < 90) {
    dateTrap(rng, w);
  } else {
    healthTrap(rng, w);
  }
}

void agencyBlock(Rng& rng, UnstructuredWriter& w, bool footer) {
  w.block();
  Address a = address(rng, {.jibun = false, .allow_no_sido = false, .allow_tail = false});
  const std::string sgg = sigunguName(rng);
  static constexpr SV kOrgSuffixes[] = {"청", "경찰서", "우체국", "소방서", "보건소"};
  if (footer) {
    // The 공문 signature block (§2.4): "우 12345 주소 / 전화 … / 전송 … / 공개".
    w.text("시행 " + pick(rng, kDepartments) + "-" + num(rng.range(100, 9999)) + " (" + someDate(rng) + ")");
    w.line();
    w.text("우 " + postcode(rng) + " ");
    w.negative("agency: 공문 footer", a.text);
    w.text(" / 전화 " + landline(rng) + " / 전송 " + landline(rng) + " / 공개");
    w.line();
  } else {
    switch (rng.below(3)) {
      case 0: {
        // Followed by the organisation's name (서울특별시청, 강남구청 …).
        std::string org = rng.chance(0.5) ? sgg + "청" : stationName(rng) + pick(rng, kOrgSuffixes);
        if (org.ends_with("보건소")) org = sgg + "청";  // 보건소 is not in the §2.4 suffix list
        w.negative("agency: followed by organisation", a.text + " " + org);
        w.line();
        break;
      }
      case 1:
        w.text("주소 ");
        w.negative("agency: letterhead with 전화/FAX", a.text);
        w.text("  전화 " + landline(rng) + "  팩스 " + landline(rng));
        w.line();
        break;
      default:
        w.negative("agency: letterhead with TEL/FAX", a.text);
        w.text(" TEL " + landline(rng) + " FAX " + landline(rng));
        w.line();
    }
  }
  w.block();
}

void negativeBlock(Rng& rng, UnstructuredWriter& w) {
  w.block();
  switch (rng.below(5)) {
    case 0:
      agencyBlock(rng, w, rng.chance(0.5));
      return;
    case 1: {
      // The 6 digits before -NNNNNNN belong to the resident number (§4.1): no birth_date.
      const synth::Item rrn = synth::makeRrn(rng);
      if (rrn.text.find('-') == std::string::npos) break;
      w.text("생년월일 ");
      w.negative("dob: resident number", rrn.text);
      w.line();
      break;
    }
    case 2: {
      // A case summary without any identifier: health, age and sex fields are not reported.
      w.text("[사례 " + num(rng.range(1, 40)) + "]");
      w.line();
      static constexpr SV kSexes[] = {"남", "여", "남성", "여성"};
      w.negative("age/sex: no identifier", "성별: " + pick(rng, kSexes));
      w.line();
      w.negative("age/sex: no identifier", (rng.chance(0.5) ? "나이: " : "연령: ") + num(rng.range(20, 90)) + "세");
      w.line();
      const HealthField f = healthField(rng);
      w.negative("health: no identifier", f.label + ": " + f.value);
      w.line();
      break;
    }
    case 3: {
      static constexpr SV kPolicy[] = {"만 65세 이상 어르신께 독감 예방접종을 무료로 실시합니다.",
                                       "만 19세 미만 청소년은 보호자와 함께 방문하여야 합니다.",
                                       "성별 구분 없이 누구나 신청할 수 있습니다.",
                                       "참가비는 1만원이며 연령: 20대 이상이면 신청할 수 있다."};
      w.negative("age/sex: policy prose", pick(rng, kPolicy));
      w.line();
      break;
    }
    default: {
      const HealthField f = healthField(rng);
      w.text("※ 작성 예시");
      w.line();
      w.negative("health: no identifier", f.label + ": " + f.value);
      w.line();
    }
  }
  w.block();
}

}  // namespace jamul::test::unstructured
