// SPDX-License-Identifier: Apache-2.0
#include "detect/unstructured_values.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <unordered_set>
#include <vector>

#include "detect/kr_gazetteer.h"
#include "jamul/common/utf8.h"

namespace jamul::scanner::detect {
namespace {

using SV = std::string_view;

// The syllables of a short value, without allocating (names are at most a few syllables).
struct Syllables {
  std::array<SV, 8> at;
  std::size_t n = 0;
  std::size_t size() const { return n; }
  SV front() const { return at[0]; }
  SV back() const { return at[n - 1]; }
  void pop_back() { --n; }
};
Syllables syllables(SV value) {
  Syllables out;
  for (std::size_t i = 0; i < value.size(); i += 3) {
    if (out.n == out.at.size() || syllableAt(value, i) == 0) return {};
    out.at[out.n++] = value.substr(i, 3);
  }
  return out;
}

bool oneOf(SV s, std::initializer_list<SV> list) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

// Words that follow a name label in forms and prose without being a name (§3.4 item 5, and the
// words of §7 trap 8 that begin with a surname syllable), labels and titles. Exact values.
const std::unordered_set<SV>& notNames() {
  static const std::unordered_set<SV> words = {
      // placeholders and fillers
      "미정", "해당없음", "없음", "본인", "대리인", "상동", "생략", "공란", "기타", "미기재", "미입력",
      "불명", "무명", "익명", "동일", "상기", "하기", "별첨", "첨부", "참조",
      // form vocabulary
      "동의", "동의서", "동의함", "주소", "기재", "지정", "부담", "확인", "확인서", "서명", "연락처",
      "전화", "변경", "명의", "인적사항", "도장", "직인", "성별", "생년월일", "구분", "비고", "소속",
      "직위", "직급", "부서", "기관", "날짜", "일시", "장소", "내용", "사유", "목적", "제출", "작성",
      "정보", "이상", "이하", "조사", "전체", "신청", "신청서", "안내", "민원", "최종", "최종본", "명단",
      "목록", "현황", "정정", "등록", "관리", "입력", "조회", "선택", "표시", "기입", "자필", "한글",
      "영문", "모집", "공고", "결과", "통보", "승인", "정보주체", "개인정보", "본인확인", "서명란",
      "성명란", "고객", "회원", "학생", "직원", "사원", "주민", "시민", "국민", "공무원", "연구원",
      "교육원", "사무원", "위원", "위원장", "대표", "대표자", "담당", "담당자", "보호자", "신청인",
      "신청자", "예금주", "수취인", "수령인", "피보험자", "계약자", "환자", "환자명", "민원인", "청구인",
      "작성자", "보증인", "임대인", "임차인", "상속인", "위임인", "수임인", "고객명", "회원명", "가입자",
      "세대주", "배우자", "성명", "이름", "성함", "한글성명", "영문성명", "부모", "가족", "자녀", "남편",
      "아내", "부친", "모친", "본적", "주소지", "거주지", "연령", "나이", "전원", "일동", "각자", "귀하",
      "님", "씨", "모두", "누구", "여부", "유무", "기준", "관계", "명칭", "상호", "법인", "단체",
      // titles (a title alone is not a name: "담당자: 과장")
      "주무관", "사무관", "서기관", "과장", "팀장", "계장", "주임", "대리", "부장", "차장", "실장", "국장",
      "원장", "교수", "선생님", "선생", "시장", "구청장", "군수", "도지사", "의원", "이사", "사장",
      "회장", "소장", "센터장", "반장", "통장", "이장"};
  return words;
}

constexpr std::array<SV, 5> kPlaceholders = {"홍길동", "김철수", "이영희", "아무개", "성춘향"};

}  // namespace

bool isSyllableStart(std::string_view text, std::size_t at) { return syllableAt(text, at) != 0; }

void SyllablePairFilter::add(std::string_view word) {
  const char32_t a = syllableAt(word, 0), b = syllableAt(word, 3);
  if (a == 0 || b == 0) return;  // never what a text of two syllables is or begins with
  const std::size_t bit = slot(a, b);
  bits_[bit / 64] |= std::uint64_t{1} << (bit % 64);
}

namespace {

// The first two syllables of every placeholder and non-name word that checkName() looks up.
const SyllablePairFilter& notNameFilter() {
  static const SyllablePairFilter filter = [] {
    SyllablePairFilter f;
    for (SV w : kPlaceholders) f.add(w);
    for (SV w : notNames()) f.add(w);
    return f;
  }();
  return filter;
}

}  // namespace

bool isPlaceholderName(std::string_view value) {
  if (value.size() != 9) return false;  // all are three syllables
  return std::find(kPlaceholders.begin(), kPlaceholders.end(), value) != kPlaceholders.end();
}

NameCheck checkName(std::string_view value) {
  // Called for every cell of a name column: code points, one pass, no search through lists of
  // strings until the value has the shape of a name.
  NameCheck out;
  if (value.size() < 6 || value.size() > 18 || value.size() % 3 != 0) return out;
  std::array<char32_t, 6> cp{};
  std::size_t n = value.size() / 3;
  for (std::size_t i = 0; i < n; ++i)
    if ((cp[i] = syllableAt(value, i * 3)) == 0) return out;
  // "김민수님", "김민수씨": the honorific is not part of the name (a two-syllable value keeps it: 김씨
  // is a surname and an honorific, not a name).
  if (n >= 3 && (cp[n - 1] == U'님' || cp[n - 1] == U'씨')) --n;
  if (n < 2 || n > 5) return out;
  out.length = n * 3;
  const char32_t last = cp[n - 1];
  switch (last) {
    // A word with a particle is a phrase, not a name ("동의서를"); 서 and 은 are left alone: 민서
    // and 지은 are given names.
    case U'를': case U'을': case U'에': case U'와': case U'로': case U'의': case U'가': case U'는':
    case U'도': case U'께':
    // Department and office names (총무과, 민원실, 기획팀, 복지국, 재무부, 조달청).
    case U'과': case U'팀': case U'실': case U'국': case U'부': case U'처': case U'청':
      if (n >= 3) return out;
      break;
    // A stem cut before -으로 is no name ("부담으").
    case U'으':
      return out;
    default:
      break;
  }
  const SV name = value.substr(0, out.length);
  if (notNameFilter().mayHold(name) && (isPlaceholderName(name) || notNames().count(name) != 0))
    return out;
  if (name.ends_with("센터") || name.ends_with("위원회") || name.ends_with("사업소")) return out;
  const KrGazetteer& g = krGazetteer();
  if (n >= 3 && g.isCompoundSurname(value.substr(0, 6))) {
    out.verdict = NameVerdict::kName;
    return out;
  }
  if (n > 4) return out;
  const char tier = g.syllable_tier[cp[0] - 0xAC00];
  // Four syllables after a one-syllable surname are rare for names and common for nouns (기술등급,
  // 보건복지): only behind the most common surnames.
  if (n == 4 && tier != static_cast<char>(SurnameTier::kCommon)) return out;
  out.verdict = tier != 0 ? NameVerdict::kName : NameVerdict::kRareSurname;
  return out;
}

namespace {

bool digitAt(SV text, std::size_t i) { return i < text.size() && text[i] >= '0' && text[i] <= '9'; }

// Reads 1..max digits at `i`; returns the count read.
std::size_t readDigits(SV text, std::size_t i, std::size_t max, int& value) {
  std::size_t n = 0;
  value = 0;
  while (n < max && digitAt(text, i + n)) value = value * 10 + (text[i + n++] - '0');
  return n;
}

std::size_t skipSpaces(SV text, std::size_t i) {
  while (i < text.size() && text[i] == ' ') ++i;
  return i;
}

// A date separator at i: . - / or 년/월 (with spaces around); returns the position after it.
std::optional<std::size_t> separator(SV text, std::size_t i, SV syllable) {
  i = skipSpaces(text, i);
  if (i < text.size() && (text[i] == '.' || text[i] == '-' || text[i] == '/'))
    return skipSpaces(text, i + 1);
  if (text.substr(i, 3) == syllable) return skipSpaces(text, i + 3);
  return std::nullopt;
}

}  // namespace

std::optional<DateRead> readBirthDate(std::string_view text, std::size_t begin, CivilDate today) {
  int year = 0, month = 0, day = 0;
  std::size_t end = 0;
  int a = 0;
  const std::size_t run = readDigits(text, begin, 9, a);
  if (run == 4) {
    // 1985.03.12, 1985-3-12, 1985년 3월 12일
    year = a;
    auto s1 = separator(text, begin + 4, "년");
    if (!s1) return std::nullopt;
    const std::size_t m = readDigits(text, *s1, 2, month);
    if (m == 0) return std::nullopt;
    auto s2 = separator(text, *s1 + m, "월");
    if (!s2) return std::nullopt;
    const std::size_t d = readDigits(text, *s2, 2, day);
    if (d == 0) return std::nullopt;
    end = *s2 + d;
    const std::size_t after = skipSpaces(text, end);
    if (text.substr(after, 3) == "일") end = after + 3;
  } else if (run == 8) {
    year = a / 10000;
    month = a / 100 % 100;
    day = a % 100;
    end = begin + 8;
  } else if (run == 6) {
    // 850312, but not the birth date of a resident number (850312-1234567): that is the RRN's.
    std::size_t i = skipSpaces(text, begin + 6);
    if (i < text.size() && text[i] == '-' && digitAt(text, skipSpaces(text, i + 1)))
      return std::nullopt;
    year = a / 10000;
    month = a / 100 % 100;
    day = a % 100;
    end = begin + 6;
  } else if (run == 2) {
    // 85.03.12
    year = a;
    if (begin + 2 >= text.size() || text[begin + 2] != '.') return std::nullopt;
    std::size_t i = skipSpaces(text, begin + 3);
    const std::size_t m = readDigits(text, i, 2, month);
    if (m == 0 || i + m >= text.size() || text[i + m] != '.') return std::nullopt;
    i = skipSpaces(text, i + m + 1);
    const std::size_t d = readDigits(text, i, 2, day);
    if (d == 0) return std::nullopt;
    end = i + d;
  } else {
    return std::nullopt;
  }
  if (digitAt(text, end)) return std::nullopt;
  if (year < 100) {
    // The century that gives the smaller age.
    year += 2000;
    if (CivilDate{year, month, day} > today) year -= 100;
  }
  if (!isValidDate(year, month, day)) return std::nullopt;
  const CivilDate date{year, month, day};
  if (date > today || year < today.year - 120) return std::nullopt;
  return DateRead{date, end};
}

bool addressEndOk(std::string_view text, std::size_t end) {
  if (end >= text.size()) return true;
  const auto c = static_cast<unsigned char>(text[end]);
  // A masked number ("세종대로 1**") is already de-identified.
  if (c < 0x80)
    return !((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
             c == '-' || c == '*');
  if (text.substr(end, 3) == "＊" || text.substr(end, 3) == "○") return false;
  if (syllableAt(text, end) == 0) return true;  // other punctuation and symbols
  const SV next = text.substr(end, 3);
  if (oneOf(next, {"에", "의", "로", "이", "와", "과"})) return true;
  const SV two = text.substr(end, 6);
  return oneOf(two, {"으로", "까지", "부터"});
}

bool isGenericRoadWord(std::string_view road) {
  static constexpr SV kWords[] = {
      "도로", "경로", "진로", "통로", "선로", "수로", "회로", "철로", "항로", "미로", "차로", "교차로",
      "활주로", "산책로", "등산로", "산책길", "둘레길", "지름길", "출근길", "퇴근길", "귀갓길", "고속도로",
      "대로", "골목길", "오솔길", "뒷길", "갈림길", "하굣길", "등굣길", "귀성길", "눈길", "빗길", "첫길", "밤길"};
  return std::find(std::begin(kWords), std::end(kWords), road) != std::end(kWords);
}

std::string maskAddress(std::string_view address, std::size_t number_begin) {
  std::string out(address.substr(0, number_begin));
  bool first = true;
  for (std::size_t i = number_begin; i < address.size(); ++i) {
    const char ch = address[i];
    if (ch >= '0' && ch <= '9') {
      out += first ? ch : '*';
      first = false;
    } else {
      out += ch;
    }
  }
  return out;
}

std::string maskName(std::string_view name) {
  const Syllables s = syllables(name);
  if (s.size() < 2) return "*";
  std::string out(s.front());
  if (s.size() == 2) return out + "*";
  for (std::size_t i = 1; i + 1 < s.size(); ++i) out += '*';
  out += s.back();
  return out;
}

std::string maskBirthDate(const CivilDate& date) { return std::to_string(date.year) + "-**-**"; }

std::string maskField(std::string_view label) { return std::string(label) + ": ***"; }

std::string withoutSpaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char ch : text)
    if (ch != ' ' && ch != '\t' && ch != ',' && ch != '\n' && ch != '\r') out += ch;
  return out;
}

std::string canonicalDate(const CivilDate& date) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d%02d%02d", date.year, date.month, date.day);
  return buf;
}

}  // namespace jamul::scanner::detect
