// SPDX-License-Identifier: Apache-2.0
#include "support/unstructured_corpus.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string>

#include "support/unstructured_negatives.h"
#include "support/unstructured_values.h"
#include "support/unstructured_writer.h"

namespace jamul::test {
namespace {

using scanner::RuleId;
using unstructured::Rng;
using unstructured::UnstructuredWriter;
using SV = std::string_view;

std::string num(int n) { return std::to_string(n); }
template <std::size_t N>
std::string pick(Rng& rng, const SV (&items)[N]) {
  return std::string(items[rng.below(N)]);
}
std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }
std::string someDate(Rng& rng) {
  return num(rng.range(2019, 2026)) + "." + two(rng.range(1, 12)) + "." + two(rng.range(1, 28));
}

// Values distinct within a document (one FileScanner finding per distinct value, §tally).
class Values {
 public:
  explicit Values(Rng& rng) : rng_(rng) {}
  std::string name() {
    for (;;) {
      std::string n = unstructured::personName(rng_);
      if (used_.insert("n:" + n).second) return n;
    }
  }
  unstructured::Address address(unstructured::AddressStyle style) {
    for (;;) {
      unstructured::Address a = unstructured::address(rng_, style);
      if (used_.insert("a:" + a.key).second) return a;
    }
  }
  unstructured::BirthDate birthDate() {
    for (;;) {
      unstructured::BirthDate b = unstructured::birthDate(rng_);
      if (used_.insert("b:" + b.key).second) return b;
    }
  }

 private:
  Rng& rng_;
  std::set<std::string> used_;
};

// The canonical keys of repeated fields (see TruthSpan::key).
std::string sexKey(std::string_view s) { return s.starts_with("남") || s == "M" ? "M" : "F"; }
[[maybe_unused]] std::string digitsOf(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

constexpr SV kSexes[] = {"남", "여", "남성", "여성", "M", "F"};

// --- registers (§3.5, §2.4 person signals, §4.2 column headers) -------------------------------------
enum class Col : std::uint8_t { kSeq, kName, kAddress, kJibun, kDob, kPhone, kRrn, kHealth, kAge, kSex,
                                kReceived, kNote, kRegion, kCount };
struct Column {
  Col col;
  std::string header;
};

std::string csvCell(std::string_view value, char delim) {
  if (delim == ',' && value.find_first_of(",\"") != std::string_view::npos) {
    std::string q = "\"";
    for (char c : value) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  }
  return std::string(value);
}

std::vector<Column> registerColumns(Rng& rng, bool with_identifiers) {
  static constexpr SV kNameHeaders[] = {"성명", "성명", "이름", "환자명", "고객명", "직원명", "예금주", "신청인"};
  static constexpr SV kAddressHeaders[] = {"주소", "주소", "도로명주소", "거주지", "주소지", "현주소"};
  static constexpr SV kDobHeaders[] = {"생년월일", "생년월일", "생일", "출생일"};
  static constexpr SV kPhoneHeaders[] = {"연락처", "휴대폰", "전화번호", "휴대전화"};
  static constexpr SV kRrnHeaders[] = {"주민등록번호", "주민번호"};
  static constexpr SV kHealthHeaders[] = {"진단명", "상병코드", "장애등급", "장애유형", "병명", "기저질환", "복용약"};
  static constexpr SV kAgeHeaders[] = {"나이", "연령", "만나이"};
  std::vector<Column> cols;
  if (rng.chance(0.7)) cols.push_back({Col::kSeq, rng.chance(0.5) ? "연번" : "번호"});
  if (!with_identifiers) {
    // A statistics table: quasi-identifiers and diagnoses, nobody identified (§4.2, §4.4).
    cols.push_back({Col::kRegion, "지역"});
    cols.push_back({Col::kAge, pick(rng, kAgeHeaders)});
    cols.push_back({Col::kSex, "성별"});
    cols.push_back({Col::kHealth, pick(rng, kHealthHeaders)});
    cols.push_back({Col::kCount, "건수"});
    return cols;
  }
  std::vector<Column> rest;
  const bool name = rng.chance(0.85);
  if (name) cols.push_back({Col::kName, pick(rng, kNameHeaders)});
  if (!name || rng.chance(0.4)) rest.push_back({Col::kPhone, pick(rng, kPhoneHeaders)});
  if (!name || rng.chance(0.3)) rest.push_back({Col::kRrn, pick(rng, kRrnHeaders)});
  if (rng.chance(0.7)) {
    if (rng.chance(0.25)) rest.push_back({Col::kJibun, "지번주소"});
    else rest.push_back({Col::kAddress, pick(rng, kAddressHeaders)});
  }
  if (rng.chance(0.6)) rest.push_back({Col::kDob, pick(rng, kDobHeaders)});
  const int health = rng.chance(0.5) ? rng.range(1, 2) : 0;
  for (int i = 0; i < health; ++i) {
    const std::string h = pick(rng, kHealthHeaders);
    if (std::none_of(rest.begin(), rest.end(), [&](const Column& c) { return c.header == h; }))
      rest.push_back({Col::kHealth, h});
  }
  if (rng.chance(0.4)) rest.push_back({Col::kAge, pick(rng, kAgeHeaders)});
  if (rng.chance(0.5)) rest.push_back({Col::kSex, "성별"});
  if (rng.chance(0.4)) rest.push_back({Col::kReceived, rng.chance(0.5) ? "접수일" : "작성일"});
  if (rng.chance(0.4)) rest.push_back({Col::kNote, "비고"});
  // Column order varies; the sequence number and name stay in front as registers have them.
  for (std::size_t i = rest.size(); i > 1; --i) std::swap(rest[i - 1], rest[rng.below(i)]);
  cols.insert(cols.end(), rest.begin(), rest.end());
  return cols;
}

void writeRegister(Rng& rng, UnstructuredDocument& doc) {
  const bool with_identifiers = rng.chance(0.8);
  const char delim = rng.chance(0.6) ? ',' : '\t';
  doc.name = std::string(with_identifiers ? "대상자명단_" : "통계_") + (delim == ',' ? ".csv" : ".tsv");
  UnstructuredWriter w(doc);
  Values values(rng);
  const std::vector<Column> cols = registerColumns(rng, with_identifiers);
  for (std::size_t c = 0; c < cols.size(); ++c) w.text((c ? std::string(1, delim) : "") + cols[c].header);
  w.line();
  const int rows = rng.range(4, 18);
  for (int r = 1; r <= rows; ++r) {
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c) w.text(std::string(1, delim));
      const Column& col = cols[c];
      // Writes `value` as a cell; `rule` set: a truth span inside the cell (after a CSV quote).
      const auto cell = [&](const std::string& value, std::optional<RuleId> rule, std::string key,
                            const char* negative = nullptr) {
        const std::string written = csvCell(value, delim);
        if (written.size() != value.size()) w.text("\"");
        if (rule) w.truth(*rule, value, std::move(key));
        else if (negative) w.negative(negative, value);
        else w.text(value);
        if (written.size() != value.size()) w.text("\"");
      };
      switch (col.col) {
        case Col::kSeq: cell(num(r), {}, ""); break;
        case Col::kName: {
          const std::string n = values.name();
          cell(n, RuleId::kPersonName, n);
          break;
        }
        case Col::kAddress:
        case Col::kJibun: {
          const auto a = values.address({.jibun = col.col == Col::kJibun, .allow_no_sido = true});
          cell(a.text, RuleId::kKrAddress, a.key);
          break;
        }
        case Col::kDob: {
          const auto b = values.birthDate();
          cell(b.text, RuleId::kBirthDate, b.key);
          break;
        }
        case Col::kPhone: cell(synth::makeMobile(rng).text, {}, ""); break;
        case Col::kRrn: cell(synth::makeRrn(rng).text, {}, ""); break;
        case Col::kHealth: {
          const std::string v = unstructured::healthValue(rng, col.header);
          if (with_identifiers) cell(v, RuleId::kSensitiveHealth, v);
          else cell(v, {}, "", "health: column without identifier");
          break;
        }
        case Col::kAge: {
          const int age = rng.range(1, 99);
          const std::string v = rng.chance(0.5) ? num(age) : rng.chance(0.7) ? num(age) + "세" : "만 " + num(age) + "세";
          if (with_identifiers) cell(v, RuleId::kAgeSex, num(age));
          else cell(v, {}, "", "age/sex: column without identifier");
          break;
        }
        case Col::kSex: {
          const std::string v = pick(rng, kSexes);
          if (with_identifiers) cell(v, RuleId::kAgeSex, sexKey(v));
          else cell(v, {}, "", "age/sex: column without identifier");
          break;
        }
        case Col::kReceived: cell(someDate(rng), {}, "", "date: 접수일 column"); break;
        case Col::kNote: {
          static constexpr SV kNotes[] = {"서류 보완 요청", "처리 완료", "재방문 예정", "-", "이관", "현장 확인"};
          cell(pick(rng, kNotes), {}, "");
          break;
        }
        case Col::kRegion:
          cell(unstructured::sidoName(rng) + " " + unstructured::sigunguName(rng), {}, "",
               "address: region without number");
          break;
        case Col::kCount: cell(num(rng.range(1, 400)), {}, ""); break;
      }
    }
    w.line();
  }
}

// --- forms ("label: value" lines, §3.2 labels, §2.1 ADDR_LABEL, §4.1 DOB labels) --------------------
std::string separator(Rng& rng) {
  const std::uint64_t r = rng.below(10);
  return r < 5 ? ": " : r < 8 ? " : " : r < 9 ? "：" : ":";
}

// A person's record as form lines (one block). Without identifiers, its health/age/sex fields are
// negatives.
void writeFormRecord(Rng& rng, UnstructuredWriter& w, Values& values) {
  static constexpr SV kNameLabels[] = {"성명", "성 명", "성   명", "이름", "성함", "신청인 성명", "대표자 성명",
                                       "환자명", "보호자 성명", "신청인", "예금주", "피보험자"};
  static constexpr SV kDobLabels[] = {"생년월일", "생 년 월 일", "출생일", "생년월일", "DOB"};
  static constexpr SV kAddressLabels[] = {"주소", "주  소", "현주소", "거주지", "도로명주소", "주소지"};
  static constexpr SV kPhoneLabels[] = {"연락처", "휴대폰", "핸드폰"};
  const bool anonymous = rng.chance(0.2);
  if (anonymous) {
    w.text("[익명 사례 " + num(rng.range(1, 99)) + "]");
    w.line();
  } else {
    if (rng.chance(0.85)) {
      const std::string n = values.name();
      w.text(pick(rng, kNameLabels) + separator(rng));
      w.truth(RuleId::kPersonName, n, n);
      w.line();
    } else {
      w.text("주민등록번호" + separator(rng) + synth::makeRrn(rng).text);
      w.line();
    }
    if (rng.chance(0.6)) {
      const auto b = values.birthDate();
      w.text(pick(rng, kDobLabels) + separator(rng));
      w.truth(RuleId::kBirthDate, b.text, b.key);
      w.line();
    }
    if (rng.chance(0.7)) {
      const bool jibun = rng.chance(0.2);
      const auto a = values.address({.jibun = jibun, .allow_no_sido = true, .compact = rng.chance(0.05)});
      w.text((jibun ? std::string("지번주소") : pick(rng, kAddressLabels)) + separator(rng));
      w.truth(RuleId::kKrAddress, a.text, a.key);
      w.line();
    }
    if (rng.chance(0.6)) {
      w.text(pick(rng, kPhoneLabels) + separator(rng) + synth::makeMobile(rng).text);
      w.line();
    }
  }
  const auto field = [&](const std::string& text, RuleId rule, std::string key, const char* negative) {
    if (anonymous) w.negative(negative, text);
    else w.truth(rule, text, std::move(key));
    w.line();
  };
  if (anonymous || rng.chance(0.45)) {
    const std::string v = pick(rng, kSexes);
    field("성별" + separator(rng) + v, RuleId::kAgeSex, sexKey(v), "age/sex: no identifier");
  }
  if (anonymous || rng.chance(0.45)) {
    const int age = rng.range(1, 99);
    const std::string v = rng.chance(0.5) ? "나이" + separator(rng) + num(age) + "세"
                          : rng.chance(0.5) ? "연령" + separator(rng) + "만 " + num(age) + "세"
                                            : "나이" + separator(rng) + num(age);
    field(v, RuleId::kAgeSex, num(age), "age/sex: no identifier");
  }
  const int health = anonymous ? rng.range(1, 2) : rng.chance(0.5) ? rng.range(1, 3) : 0;
  std::set<std::string> labels;
  for (int i = 0; i < health; ++i) {
    const unstructured::HealthField f = unstructured::healthField(rng);
    if (!labels.insert(f.label).second) continue;
    field(f.label + separator(rng) + f.value, RuleId::kSensitiveHealth, f.value, "health: no identifier");
  }
  w.block();
}

void writeForm(Rng& rng, UnstructuredDocument& doc) {
  static constexpr SV kTitles[] = {"개인정보 수집 및 이용 동의서", "민원 신청서", "장애인 등록 신청서",
                                   "방문 상담 기록지", "건강검진 결과 통보서", "환급금 지급 신청서"};
  doc.name = "서식.txt";
  UnstructuredWriter w(doc);
  Values values(rng);
  w.text(pick(rng, kTitles));
  w.block();
  const int records = rng.range(1, 3);
  for (int i = 0; i < records; ++i) {
    writeFormRecord(rng, w, values);
    if (rng.chance(0.4)) {
      for (int k = rng.range(1, 3); k > 0; --k) {
        unstructured::negativeSentence(rng, w);
        w.line();
      }
      w.block();
    }
    if (rng.chance(0.25)) unstructured::negativeBlock(rng, w);
  }
}

// --- prose (민원 replies, staff memos, meeting minutes) -----------------------------------------------
constexpr SV kFiller[] = {"관련 서류를 검토한 결과 보완이 필요한 사항은 없습니다.",
                          "처리 결과에 이의가 있는 경우 90일 이내에 행정심판을 청구할 수 있습니다.",
                          "현장 확인 결과 특이사항은 없었다.",
                          "회의 결과를 각 부서에 공유하기로 하였다.",
                          "추가 자료는 다음 주까지 제출받기로 하였다.",
                          "민원 처리 기간은 접수일로부터 14일입니다.",
                          "검토 의견을 정리하여 결재를 올릴 예정이다.",
                          "향후 진행 상황을 다시 안내드리겠습니다."};

// A sentence that puts a name after a label (§3.2) with a separator the rule accepts.
void nameSentence(Rng& rng, UnstructuredWriter& w, const std::string& n, bool address_nearby) {
  // 담당자 sentences only where no address shares the line or block (§2.4 treats 담당 near an
  // address as a letterhead sign).
  const std::uint64_t r = rng.below(address_nearby ? 11 : 14);
  const auto put = [&](std::string_view before, std::string_view after) {
    w.text(before);
    w.truth(RuleId::kPersonName, n, n);
    w.text(after);
  };
  switch (r) {
    case 0: put("민원인 ", " 님께서 제출하신 민원에 대하여 다음과 같이 회신합니다."); break;
    case 1: put("신청인 ", " 님의 요청에 따라 증명서를 재발급하였습니다."); break;
    case 2: put("보호자 ", " 씨가 동행하여 상담을 진행하였다."); break;
    case 3: put("예금주 ", " 명의의 계좌로 환급금을 지급하였습니다."); break;
    case 4: put("수령인 ", " 님이 직접 수령하였다."); break;
    case 5: put("청구인 ", " 씨는 이의신청서를 제출하였다."); break;
    case 6: put("세대주 ", " 님 세대의 전입 신고를 처리하였다."); break;
    case 7: put("대리인 ", " 씨가 위임장을 지참하여 방문하였다."); break;
    case 8: put("신청인: ", " (인)"); break;
    case 9: put("제 이름은 ", "입니다."); break;
    case 10: put("피보험자 ", ", 보험금 청구 건을 접수하였다."); break;
    case 11: put("담당자 ", " 주무관이 현장을 확인하였다."); break;
    case 12: put("담당자 주무관 ", "."); break;
    default: put("작성자: ", ""); break;
  }
}

void addressSentence(Rng& rng, UnstructuredWriter& w, Values& values) {
  const auto a = values.address({.jibun = rng.chance(0.15), .allow_no_sido = true});
  // "…로" directly after a building number is a particle the rule accepts; after a tail it is not
  // natural Korean, so those forms take a tail-less address.
  const bool plain = !a.text.ends_with(")") && !a.text.ends_with("호") && !a.text.ends_with("층");
  switch (rng.below(plain ? 5 : 3)) {
    case 0:
      w.text("현재 ");
      w.truth(RuleId::kKrAddress, a.text, a.key);
      w.text("에 거주하고 있습니다.");
      break;
    case 1:
      w.text("자택(");
      w.truth(RuleId::kKrAddress, a.text, a.key);
      w.text(")을 방문하여 상담하였다.");
      break;
    case 2:
      w.text("주소: ");
      w.truth(RuleId::kKrAddress, a.text, a.key);
      break;
    case 3:
      w.text("주소지를 ");
      w.truth(RuleId::kKrAddress, a.text, a.key);
      w.text("로 이전하였다.");
      break;
    default:
      w.text("우편물은 ");
      w.truth(RuleId::kKrAddress, a.text, a.key);
      w.text("로 발송하였습니다.");
  }
}

// A site address in prose without a person: still an address the rule reports (§2.5 medium).
void siteSentence(Rng& rng, UnstructuredWriter& w, Values& values) {
  const auto a = values.address({.jibun = false, .allow_no_sido = false, .allow_tail = false});
  w.truth(RuleId::kKrAddress, a.text, a.key);
  w.text(rng.chance(0.5) ? " 앞 도로에서 누수가 발생하였다." : " 소재 건물의 안전 점검을 실시하였다.");
}

void dobSentence(Rng& rng, UnstructuredWriter& w, Values& values) {
  const auto b = values.birthDate();
  switch (rng.below(3)) {
    case 0:
      w.text("(생년월일 ");
      w.truth(RuleId::kBirthDate, b.text, b.key);
      w.text(")");
      break;
    case 1:
      w.text("생년월일: ");
      w.truth(RuleId::kBirthDate, b.text, b.key);
      w.text(",");
      break;
    default:
      w.text("출생일 ");
      w.truth(RuleId::kBirthDate, b.text, b.key);
      w.text(" 확인.");
  }
}

// Age, sex and health fields of the paragraph's person (the paragraph holds their name).
void attributeSentence(Rng& rng, UnstructuredWriter& w) {
  const int age = rng.range(3, 95);
  switch (rng.below(3)) {
    case 0:
      w.text("대상자는 ");
      w.truth(RuleId::kAgeSex, "만 " + num(age) + "세", num(age));
      w.text(rng.chance(0.5) ? "로 독거 중이다." : "이며 지원 대상이다.");
      break;
    case 1: {
      const std::string s = rng.chance(0.5) ? "남" : "여";
      w.text("(");
      w.truth(RuleId::kAgeSex, "성별: " + s, sexKey(s));
      w.text(", ");
      w.truth(RuleId::kAgeSex, "나이: " + num(age) + "세", num(age));
      w.text(")");
      break;
    }
    default: {
      const unstructured::HealthField f = unstructured::healthField(rng);
      w.text("확인된 내용은 다음과 같다. ");
      w.truth(RuleId::kSensitiveHealth, f.label + ": " + f.value, f.value);
      w.text(rng.chance(0.5) ? "." : "");
    }
  }
}

void personParagraph(Rng& rng, UnstructuredWriter& w, Values& values) {
  const bool address = rng.chance(0.5);
  const bool lines = rng.chance(0.5);  // one sentence per line, or one long line
  const auto next = [&] { w.text(lines ? "\n" : " "); };
  nameSentence(rng, w, values.name(), address);
  if (address) {
    next();
    addressSentence(rng, w, values);
  }
  if (rng.chance(0.3)) {
    next();
    dobSentence(rng, w, values);
  }
  if (rng.chance(0.4)) {
    next();
    attributeSentence(rng, w);
  }
  if (!address && rng.chance(0.3)) {
    next();
    unstructured::negativeSentence(rng, w, true);
  }
  next();
  w.text(pick(rng, kFiller));
  w.block();
}

void neutralParagraph(Rng& rng, UnstructuredWriter& w, Values& values) {
  w.text(pick(rng, kFiller));
  const bool site = rng.chance(0.3);
  if (site) {
    w.text(" ");
    siteSentence(rng, w, values);
  }
  for (int k = rng.range(1, 3); k > 0; --k) {
    w.line();
    unstructured::negativeSentence(rng, w, site);
  }
  w.block();
}

void writeProse(Rng& rng, UnstructuredDocument& doc) {
  static constexpr SV kTitles[] = {"민원 처리 결과 회신", "[업무 메모]", "회의록", "상담 일지", "현장 방문 결과 보고"};
  doc.name = "문서.txt";
  UnstructuredWriter w(doc);
  Values values(rng);
  const std::string title = pick(rng, kTitles);
  if (title == "민원 처리 결과 회신" && rng.chance(0.5)) unstructured::agencyBlock(rng, w, false);
  w.text(title + " " + someDate(rng));
  w.line();
  if (title == "회의록") {
    w.text("장소: " + unstructured::stationName(rng) + "회의실");
    w.line();
    w.negative("name: unlabelled staff", "참석: " + values.name() + " 과장, " + values.name() + " 주무관 외 " +
                                             num(rng.range(2, 9)) + "명");
    w.line();
    w.text("작성자: ");
    const std::string n = values.name();
    w.truth(RuleId::kPersonName, n, n);
    w.line();
  }
  w.block();
  const int paragraphs = rng.range(3, 6);
  for (int p = 0; p < paragraphs; ++p) {
    const std::uint64_t r = rng.below(10);
    if (r < 6) personParagraph(rng, w, values);
    else if (r < 8) neutralParagraph(rng, w, values);
    else unstructured::negativeBlock(rng, w);
  }
  if (title == "민원 처리 결과 회신" && rng.chance(0.4)) unstructured::agencyBlock(rng, w, true);
}

void writeNegatives(Rng& rng, UnstructuredDocument& doc) {
  doc.name = "안내문.txt";
  UnstructuredWriter w(doc);
  w.text("공지 사항 " + someDate(rng));
  w.block();
  const int blocks = rng.range(3, 7);
  for (int b = 0; b < blocks; ++b) {
    if (rng.chance(0.3)) {
      unstructured::negativeBlock(rng, w);
      continue;
    }
    for (int k = rng.range(2, 5); k > 0; --k) {
      unstructured::negativeSentence(rng, w);
      w.line();
    }
    w.block();
  }
}

}  // namespace

std::string_view unstructuredKindName(UnstructuredKind kind) {
  switch (kind) {
    case UnstructuredKind::kRegister: return "register";
    case UnstructuredKind::kForm: return "form";
    case UnstructuredKind::kProse: return "prose";
    case UnstructuredKind::kNegatives: return "negatives";
  }
  return "?";
}

UnstructuredDocument UnstructuredCorpus::next() {
  static constexpr UnstructuredKind kRotation[] = {
      UnstructuredKind::kRegister, UnstructuredKind::kForm,     UnstructuredKind::kProse,
      UnstructuredKind::kRegister, UnstructuredKind::kProse,    UnstructuredKind::kForm,
      UnstructuredKind::kProse,    UnstructuredKind::kNegatives};
  const std::uint64_t i = index_++;
  Rng rng(synth::mixSeed(seed_, i));
  UnstructuredDocument doc;
  doc.kind = kRotation[i % std::size(kRotation)];
  switch (doc.kind) {
    case UnstructuredKind::kRegister: writeRegister(rng, doc); break;
    case UnstructuredKind::kForm: writeForm(rng, doc); break;
    case UnstructuredKind::kProse: writeProse(rng, doc); break;
    case UnstructuredKind::kNegatives: writeNegatives(rng, doc); break;
  }
  // "대상자명단_.csv" -> "대상자명단_0007.csv": unique, and the extension stays last.
  const std::size_t dot = doc.name.rfind('.');
  std::string n = std::to_string(i);
  n.insert(0, n.size() < 4 ? 4 - n.size() : 0, '0');
  doc.name.insert(dot, (doc.name[dot - 1] == '_' ? "" : "_") + n);
  return doc;
}

}  // namespace jamul::test
