// SPDX-License-Identifier: Apache-2.0
#include "detect/unstructured_pass.h"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <unordered_map>
#include <unordered_set>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "detect/keyword_index.h"
#include "detect/kr_gazetteer.h"
#include "detect/label_trigger.h"
#include "detect/unstructured_values.h"
#include "jamul/common/utf8.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner::detect {
namespace {

using SV = std::string_view;

// What a label or a column header announces.
enum class Field : std::uint8_t { kNone, kName, kBirthDate, kAddress, kHealth, kHealthCode, kAge, kSex };

struct Label {
  std::vector<std::string> syllables;  // the label's syllables, spaces removed
  std::string compact;                 // the label without spaces ("자택주소")
  Field field = Field::kNone;
};

// Column headers that name a field without being a label in prose (UNSTRUCTURED.md §3.2, §2.4,
// §4.1-4.3): as prose labels they would read the next word as a name ("대상자 선정").
constexpr SV kNameHeaders[] = {"이름(한글)", "성명(한글)", "한글성명", "직원명", "사원명", "교직원명",
                               "수강생", "참석자", "수상자", "대상자", "수급자", "수혜자", "입소자",
                               "환자", "환자이름", "피해자", "가해자", "유족", "대표", "소유자",
                               "구매자", "학생명", "학생이름", "보호자명", "name", "fullname",
                               "성명(영문)"};
constexpr SV kAddressHeaders[] = {"주소1", "주소2", "자택주소", "집주소", "address", "addr"};
constexpr SV kBirthDateHeaders[] = {"birth", "생년월일(8자리)", "생년월일(yyyymmdd)"};
constexpr SV kAgeHeaders[] = {"age"};
constexpr SV kSexHeaders[] = {"남/여", "남녀", "sex", "gender"};
constexpr SV kCodeLabels[] = {"진단코드", "상병코드", "질병코드", "kcd", "kcd코드"};

// Words glued in front of a label that make it another thing's label (파일이름, 이메일주소).
constexpr SV kGluedNotPersonal[] = {"파일", "폴더", "사용자", "계정", "제품", "상품", "시트", "필드",
                                    "변수", "서버", "기관", "과목", "프로그램", "도메인", "이메일",
                                    "메일", "회사", "법인", "업체", "단체", "상호", "기업", "사업장",
                                    "사무소", "사무실", "홈페이지", "웹", "호스트", "컴퓨터", "장비",
                                    "네트워크", "프린터", "가상", "반송", "기본", "임시", "새"};

// Labels that official forms print with spaces between their syllables (성   명, 주  소).
constexpr SV kSpacedLabels[] = {"성명", "이름", "성함", "주소", "성별", "나이", "연령", "본적",
                                "생년월일"};

// What may follow a name in prose: an honorific, a copula or a particle.
constexpr SV kNameEndings[] = {"님", "씨", "입니다", "이며", "이고", "이다", "의", "이", "가", "은", "는",
                               "을", "를", "에게", "께서", "께", "와", "과", "도", "만", "으로", "로"};

// Values of a field that say it is empty.
constexpr SV kBlankValues[] = {"없음", "해당없음", "해당 없음", "무", "-", "--", "N/A", "n/a", "미해당",
                               "해당사항없음", "해당사항 없음", "특이사항없음", "특이사항 없음", "X", "x",
                               "미기재", "___", "____", "_____"};

// Offices whose name after an address makes it the office's own (UNSTRUCTURED.md §2.4).
constexpr SV kOfficeSuffixes[] = {"청", "처", "공단", "공사", "재단", "센터", "우체국", "경찰서", "소방서",
                                  "학교", "병원", "의회", "법원", "세무서", "사무소", "출장소", "지청",
                                  "본부", "연구원", "교육원", "진흥원", "사업소"};
// Words on a letterhead or footer line (§2.4).
constexpr SV kLetterheadWords[] = {"전화", "TEL", "Tel", "tel", "팩스", "FAX", "Fax", "fax", "홈페이지",
                                   "http", "www.", "전송", "대표번호"};

template <std::size_t N>
bool contains(const SV (&list)[N], SV s) {
  return std::find(std::begin(list), std::end(list), s) != std::end(list);
}

std::string compact(SV s) {
  std::string out;
  for (char ch : s)
    if (ch != ' ') out += ch;
  return out;
}

bool isDigit(char ch) { return ch >= '0' && ch <= '9'; }
bool isAsciiLetter(char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

std::size_t skipSpaces(SV text, std::size_t i) {
  while (i < text.size() && text[i] == ' ') ++i;
  return i;
}

// The first Hangul syllable of a run that ends at `end` (the start of the word glued before it).
std::size_t hangulRunStart(SV text, std::size_t end) {
  std::size_t i = end;
  while (i >= 3 && syllableAt(text, i - 3) != 0) i -= 3;
  return i;
}

std::string expand(SV pattern) {
  const KrGazetteer& g = krGazetteer();
  std::string out(pattern);
  const auto replace = [&](SV name, const std::string& with) {
    for (std::size_t at = out.find(name); at != std::string::npos; at = out.find(name, at + with.size()))
      out.replace(at, name.size(), with);
  };
  replace("{SIDO}", alternation(g.sido));
  replace("{SGG}", alternation(g.sigungu));
  replace("{ADMGU}", alternation(g.admin_gu));
  return out;
}

// The distinct first two bytes of kLetterheadWords.
constexpr auto kLetterheadPairs = [] {
  std::array<std::array<char, 2>, std::size(kLetterheadWords)> pairs{};
  std::size_t n = 0;
  for (SV w : kLetterheadWords) {
    const std::array<char, 2> p = {w[0], w[1]};
    if (std::find(pairs.begin(), pairs.begin() + static_cast<std::ptrdiff_t>(n), p) ==
        pairs.begin() + static_cast<std::ptrdiff_t>(n))
      pairs[n++] = p;
  }
  return std::pair{pairs, n};
}();

// Whether `line` holds one of kLetterheadWords. Asked for every address, so in one pass, 16 bytes
// a step: positions whose first two bytes begin some word are found with compares (Hangul lead
// bytes repeat on every syllable, so a search per word would stop at most characters), and only
// those are compared with the words.
bool holdsLetterheadWord(SV line) {
  const auto& [pairs, pair_count] = kLetterheadPairs;
  const auto wordAt = [&](std::size_t i) {
    for (SV w : kLetterheadWords)
      if (line.substr(i).starts_with(w)) return true;
    return false;
  };
  std::size_t i = 0;
#if defined(__SSE2__)
  const auto* p = line.data();
  for (; i + 17 <= line.size(); i += 16) {
    const __m128i a = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i));
    const __m128i b = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + i + 1));
    __m128i hit = _mm_setzero_si128();
    for (std::size_t k = 0; k < pair_count; ++k)
      hit = _mm_or_si128(hit, _mm_and_si128(_mm_cmpeq_epi8(a, _mm_set1_epi8(pairs[k][0])),
                                            _mm_cmpeq_epi8(b, _mm_set1_epi8(pairs[k][1]))));
    for (auto bits = static_cast<unsigned>(_mm_movemask_epi8(hit)); bits != 0; bits &= bits - 1)
      if (wordAt(i + static_cast<std::size_t>(__builtin_ctz(bits)))) return true;
  }
#endif
  for (; i + 1 < line.size(); ++i)
    for (std::size_t k = 0; k < pair_count; ++k)
      if (line[i] == pairs[k][0] && line[i + 1] == pairs[k][1] && wordAt(i)) return true;
  return false;
}

bool letterheadLine(SV text, std::size_t begin, std::size_t end) {
  const std::size_t line_begin = [&] {
    const std::size_t nl = text.rfind('\n', begin == 0 ? 0 : begin - 1);
    return nl == std::string_view::npos || begin == 0 ? 0 : nl + 1;
  }();
  std::size_t line_end = text.find('\n', end);
  if (line_end == std::string_view::npos) line_end = text.size();
  const SV line = text.substr(line_begin, std::min<std::size_t>(line_end - line_begin, 400));
  if (holdsLetterheadWord(line)) return true;
  // A 공문 footer: "우 04524 서울특별시 …", "(우) 04524 …", "(우04524)".
  const SV before = text.substr(line_begin, begin - line_begin);
  const std::size_t u = before.rfind("우");
  if (u != std::string_view::npos) {
    std::size_t i = u + 3;
    if (i < before.size() && before[i] == ')') ++i;
    i = skipSpaces(before, i);
    int digits = 0;
    while (i < before.size() && isDigit(before[i])) ++i, ++digits;
    if (digits == 5 || digits == 6) return true;
  }
  return false;
}

// True when the word after `end` names an office (…청, …센터, 우체국): the office's own address.
bool officeFollows(SV text, std::size_t end) {
  std::size_t i = skipSpaces(text, end);
  const std::size_t word_begin = i;
  while (i < text.size() && syllableAt(text, i) != 0) i += 3;
  const SV word = text.substr(word_begin, i - word_begin);
  if (word.empty()) return false;
  for (SV suffix : kOfficeSuffixes)
    if (word.size() > suffix.size() && word.ends_with(suffix)) return true;
  return false;
}

}  // namespace

class UnstructuredPass::Impl {
 public:
  explicit Impl(CivilDate today) : today_(today) {}
  Status compile();
  void run(const Input& input, std::vector<UnstructuredFinding>& out);

 private:
  // What a record must hold for an item to be reported as it is.
  enum class Need : std::uint8_t {
    kNothing,
    kSignalRaises,  // an address: a person's identifier in its record makes it high
    kIdentifierRaises,  // a health field: high with an identifier in the record, else low
    kIdentifierOnly,    // age or sex: reported only with an identifier in the record
  };
  struct Item {
    UnstructuredFinding finding;
    Need need = Need::kNothing;
  };
  struct Span {
    std::size_t begin, end;
  };

  std::unique_ptr<RE2> compileOne(SV pattern, const char* what, Status& status) const;
  void onLabel(std::size_t at, const Label& label, std::size_t label_end);
  void nameAt(std::size_t value, bool strong, bool cell);
  void birthDateAt(std::size_t value);
  void healthAt(std::size_t value, SV label, bool code, bool strong, std::size_t limit);
  void ageAt(std::size_t value, bool strong);
  void sexAt(std::size_t value);
  void addressAfterLabel(std::size_t value, std::size_t limit);
  void digitRuns();
  void addressAt(std::size_t number_begin, bool road);
  void asciiBirthDateBefore(std::size_t number_begin);
  void tables();
  void cell(Field field, SV header, std::size_t begin, std::size_t end);
  void confirmHeader(std::size_t line_begin, std::size_t line_end, const std::vector<Field>& fields);
  Field headerField(SV header);
  void escalate(std::vector<UnstructuredFinding>& out);
  void sortItems();
  Span record(std::size_t at) const;
  Span line(std::size_t at) const {
    const std::size_t nl = at == 0 ? std::string_view::npos : text_.rfind('\n', at - 1);
    const std::size_t end = text_.find('\n', at);
    return {nl == std::string_view::npos ? 0 : nl + 1, end == std::string_view::npos ? text_.size() : end};
  }
  bool inHeaderRow(std::size_t at) const {
    return structure_ != nullptr && structure_->inHeaderRow((*to_original_)(at));
  }
  // The caller only counts this rule's values: their masked and canonical strings are not made.
  bool countOnly(RuleId rule) const { return ((count_only_ >> ruleIndex(rule)) & 1) != 0; }
  void add(RuleId rule, Confidence level, std::size_t begin, std::size_t end, std::string masked,
           std::string canonical, Basis basis, Need need = Need::kNothing) {
    Item item;
    item.finding = {rule, level, begin, end, std::move(masked), std::move(canonical), basisBit(basis)};
    item.need = need;
    items_.push_back(std::move(item));
  }

  CivilDate today_;
  std::vector<Label> labels_;
  std::vector<std::vector<int>> labels_of_literal_;  // per trigger literal: labels, longest first
  std::unique_ptr<LabelTrigger> trigger_;
  std::unique_ptr<RE2> road_only_, tail_, name_, date_, health_, kcd_, age_, sex_;
  // The address patterns anchored at their end ("…$"): matched with RE2's DFAs alone (no capture
  // pass, which costs microseconds on patterns of this size), ending on the number that triggered
  // them; the parts are then read from the gazetteer's sets.
  std::unique_ptr<RE2> road_end_, jibun_end_;
  std::unordered_set<SV> sido_set_, sigungu_set_;
  SyllablePairFilter sido_pairs_, sigungu_pairs_;  // of those sets
  std::vector<std::size_t> address_begins_;  // of the digit pass's addresses, in order
  // The tab-separated block open at the end of the previous window of the same text, if any:
  // its header's fields carry over to the rows of the next window.
  std::vector<Field> carried_fields_;
  std::vector<std::string> carried_names_;
  bool continues_ = false;
  std::uint64_t count_only_ = 0;
  std::unordered_map<std::string, Field> headers_;  // compact, lower-case header -> field
  // Every Hangul keyword of the catalogue (all rules) and bank name, spaces removed: a value that
  // begins with one is another field's label, not a name.
  std::vector<std::string> label_word_store_;
  std::unordered_set<SV> label_words_;  // views into label_word_store_
  SyllablePairFilter label_pairs_;     // of label_words_
  bool startsWithLabel(SV value) const {
    if (!label_pairs_.mayHold(value)) return false;
    // Two-syllable words only as the whole value: 신한 is a bank, 신한숙 a name.
    if (label_words_.count(value) != 0) return true;
    for (std::size_t n = 9; n < value.size(); n += 3)
      if (label_words_.count(value.substr(0, n)) != 0) return true;
    return false;
  }
  std::unordered_set<std::string> sejong_;

  // Per run.
  SV text_;
  const TextStructure* structure_ = nullptr;
  const std::function<std::size_t(std::size_t)>* to_original_ = nullptr;
  const std::vector<std::uint64_t>* digit_bits_ = nullptr;
  bool table_ = false;  // the text is a table (its lines are records)
  std::vector<LabelTrigger::Hit> hits_;
  std::vector<Item> items_;
  std::vector<std::uint32_t> order_;  // items_ by begin, then higher confidence (sortItems())
  std::vector<std::uint64_t> keys_;
  std::vector<Item> kept_;
  // Direct identifiers of escalate(): the numeric rules' reported values, names and addresses.
  struct Id {
    std::size_t begin, end;
    bool person;  // identifies by itself (not an address): raises an address too
  };
  std::vector<Id> ids_;
  std::vector<std::size_t> reach_;
  std::vector<Span> signals_;        // address values after a label, cells of address columns
  std::vector<Span> placeholders_;   // records of sample data (홍길동)
  std::vector<Span> header_lines_;   // header rows of tab-separated blocks
  std::vector<IdentifierSpan> identifiers_;
  std::unordered_map<std::string, Field> header_cache_;
};

std::unique_ptr<RE2> UnstructuredPass::Impl::compileOne(SV pattern, const char* what,
                                                        Status& status) const {
  RE2::Options options;  // UTF-8
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  auto re = std::make_unique<RE2>(expand(pattern), options);
  if (!re->ok() && status.ok())
    status = Error(ErrorCode::kInternal, std::string(what) + " pattern does not compile: " + re->error());
  return re;
}

Status UnstructuredPass::Impl::compile() {
  Status status = okStatus();
  const auto& address = ruleInfo(RuleId::kKrAddress).patterns;
  road_end_ = compileOne("(?:" + std::string(address[0]) + ")$", "kr_address road", status);
  jibun_end_ = compileOne("(?:" + std::string(address[1]) + ")$", "kr_address lot", status);
  road_only_ = compileOne(address[2], "kr_address road-only", status);
  tail_ = compileOne(address[3], "kr_address detail", status);
  name_ = compileOne(ruleInfo(RuleId::kPersonName).patterns[0], "person_name", status);
  date_ = compileOne(ruleInfo(RuleId::kBirthDate).patterns[0], "birth_date", status);
  health_ = compileOne(ruleInfo(RuleId::kSensitiveHealth).patterns[0], "sensitive_health", status);
  kcd_ = compileOne(ruleInfo(RuleId::kSensitiveHealth).patterns[1], "sensitive_health code", status);
  age_ = compileOne(ruleInfo(RuleId::kAgeSex).patterns[0], "age_sex age", status);
  sex_ = compileOne(ruleInfo(RuleId::kAgeSex).patterns[1], "age_sex sex", status);
  if (!status.ok()) return status;

  // Labels: the catalogue's keywords of these rules that are Hangul (ASCII birth-date labels are
  // looked for behind digits, see asciiBirthDateBefore()).
  const auto fieldOf = [](RuleId rule, SV keyword) {
    switch (rule) {
      case RuleId::kPersonName: return Field::kName;
      case RuleId::kBirthDate: return Field::kBirthDate;
      case RuleId::kKrAddress: return Field::kAddress;
      case RuleId::kSensitiveHealth:
        return contains(kCodeLabels, compact(keyword)) ? Field::kHealthCode : Field::kHealth;
      case RuleId::kAgeSex: return compact(keyword) == "성별" ? Field::kSex : Field::kAge;
      default: return Field::kNone;
    }
  };
  for (RuleId rule : {RuleId::kPersonName, RuleId::kBirthDate, RuleId::kKrAddress,
                      RuleId::kSensitiveHealth, RuleId::kAgeSex}) {
    for (SV keyword : ruleInfo(rule).keywords) {
      const Field field = fieldOf(rule, keyword);
      headers_.emplace(asciiLower(compact(keyword)), field);
      const std::string c = compact(keyword);
      Label label{{}, c, field};
      bool hangul = c.size() >= 6;
      for (std::size_t i = 0; i < c.size() && hangul; i += 3) {
        hangul = syllableAt(c, i) != 0;
        label.syllables.emplace_back(c.substr(i, 3));
      }
      if (hangul) labels_.push_back(std::move(label));
    }
  }
  const auto hangulWord = [](const std::string& w) {
    if (w.size() < 6) return false;
    for (std::size_t i = 0; i < w.size(); i += 3)
      if (syllableAt(w, i) == 0) return false;
    return true;
  };
  for (const RuleInfo& rule : ruleCatalog())
    for (SV keyword : rule.keywords)
      if (std::string c = compact(keyword); hangulWord(c)) label_word_store_.push_back(std::move(c));
  for (SV keyword : negativeKeywords())
    if (std::string c = compact(keyword); hangulWord(c)) label_word_store_.push_back(std::move(c));
  for (const BankInfo& bank : bankCatalog())
    for (SV n : bank.names)
      if (std::string c = compact(n); hangulWord(c)) label_word_store_.push_back(std::move(c));
  for (const std::string& w : label_word_store_) {
    label_words_.insert(w);
    label_pairs_.add(w);
  }
  for (SV h : kNameHeaders) headers_.emplace(asciiLower(compact(h)), Field::kName);
  for (SV h : kAddressHeaders) headers_.emplace(asciiLower(compact(h)), Field::kAddress);
  for (SV h : kBirthDateHeaders) headers_.emplace(asciiLower(compact(h)), Field::kBirthDate);
  for (SV h : kAgeHeaders) headers_.emplace(asciiLower(compact(h)), Field::kAge);
  for (SV h : kSexHeaders) headers_.emplace(asciiLower(compact(h)), Field::kSex);
  for (SV h : kCodeLabels) headers_.emplace(asciiLower(compact(h)), Field::kHealthCode);

  // Trigger literals: each label's first two syllables, and for the two-syllable labels written
  // spaced on forms ("성 명", "주  소", "생 년 월 일") the spaced forms with one to three spaces.
  std::vector<std::string> literals;
  std::unordered_map<std::string, int> literal_index;
  const auto literal = [&](const std::string& l) {
    auto [it, added] = literal_index.emplace(l, static_cast<int>(literals.size()));
    if (added) literals.push_back(l);
    return it->second;
  };
  labels_of_literal_.clear();
  std::vector<std::vector<int>> of;
  for (std::size_t i = 0; i < labels_.size(); ++i) {
    const Label& label = labels_[i];
    std::vector<std::string> forms = {label.syllables[0] + label.syllables[1]};
    // Only the labels that forms print spaced (few: each literal widens the trigger's buckets).
    if (contains(kSpacedLabels, SV(label.compact)))
      for (int spaces = 1; spaces <= 3; ++spaces)
        forms.push_back(label.syllables[0] + std::string(static_cast<std::size_t>(spaces), ' ') +
                        label.syllables[1]);
    for (const std::string& f : forms) {
      const int l = literal(f);
      if (of.size() <= static_cast<std::size_t>(l)) of.resize(static_cast<std::size_t>(l) + 1);
      of[static_cast<std::size_t>(l)].push_back(static_cast<int>(i));
    }
  }
  for (auto& list : of)
    std::sort(list.begin(), list.end(), [&](int a, int b) {
      return labels_[static_cast<std::size_t>(a)].syllables.size() >
             labels_[static_cast<std::size_t>(b)].syllables.size();
    });
  labels_of_literal_ = std::move(of);
  trigger_ = std::make_unique<LabelTrigger>(std::move(literals));
  sejong_ = {"세종특별자치시", "세종시"};
  const KrGazetteer& g = krGazetteer();
  for (const std::string& n : g.sido) sido_set_.insert(n);
  for (const std::string& n : g.sigungu) sigungu_set_.insert(n);
  for (const auto& [names, pairs] : {std::pair{&g.sido, &sido_pairs_}, {&g.sigungu, &sigungu_pairs_}})
    for (const std::string& n : *names) {
      // The filter only knows names of two syllables or more (addressAt's prefixIn).
      if (syllableAt(n, 0) == 0 || syllableAt(n, 3) == 0)
        return Error(ErrorCode::kInternal, "a region name shorter than two syllables: " + n);
      pairs->add(n);
    }
  return okStatus();
}

// ---- labels ----------------------------------------------------------------------------------

void UnstructuredPass::Impl::onLabel(std::size_t at, const Label& label, std::size_t label_end) {
  const SV text = text_;
  // A word glued in front ("파일이름", "이메일주소") makes it another thing's label.
  const std::size_t glued_begin = hangulRunStart(text, at);
  if (glued_begin < at && contains(kGluedNotPersonal, text.substr(glued_begin, at - glued_begin)))
    return;
  std::size_t i = label_end;
  // A topic particle (이름은, 주소는) may follow; any other syllable makes the label part of a longer
  // word (이름표, 주소록, 성명서).
  const char32_t next = syllableAt(text, i);
  if (next == U'은' || next == U'는') {
    i += 3;
  } else if (next != 0) {
    return;
  }
  // A qualifier in brackets: 성명(한글), 연락처(휴대폰).
  if (i < text.size() && text[i] == '(') {
    const std::size_t close = text.find(')', i);
    if (close == std::string_view::npos || close - i > 24) return;
    if (text.find('\n', i) < close) return;
    i = close + 1;
  }
  const std::size_t before_sep = i;
  i = skipSpaces(text, i);
  bool strong = false;
  if (i < text.size() && (text[i] == ':' || text[i] == '\t')) {
    strong = true;
    ++i;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  }
  const bool spaced = i > before_sep;
  // A label inside a compound noun, before a space, is no label: "교육담당자 양성" (training the
  // people in charge), "민원인 부담" — only a colon or a tab makes "보호자성명" one.
  if (!strong && glued_begin < at) return;
  if (!spaced && !strong) {
    // "생년월일850312": a date may follow at once; nothing else may.
    if (!(label.field == Field::kBirthDate && i < text.size() && isDigit(text[i]))) return;
  }
  // The field's value ends with its cell or line.
  std::size_t limit = i;
  while (limit < text.size() && limit - i < 200 && text[limit] != '\n' && text[limit] != '\t')
    ++limit;
  switch (label.field) {
    case Field::kName: nameAt(i, strong, false); break;
    case Field::kBirthDate: birthDateAt(i); break;
    case Field::kAddress:
      if (strong) addressAfterLabel(i, limit);
      break;
    case Field::kHealth:
      if (strong) healthAt(i, label.compact, false, true, limit);
      break;
    case Field::kHealthCode: healthAt(i, label.compact, true, strong, limit); break;
    case Field::kAge: ageAt(i, strong); break;
    case Field::kSex: sexAt(i); break;
    case Field::kNone: break;
  }
}

void UnstructuredPass::Impl::nameAt(std::size_t value, bool strong, bool cell) {
  const SV text = text_;
  if (!cell && inHeaderRow(value)) return;
  const re2::StringPiece input(text.data() + value, std::min<std::size_t>(text.size() - value, 64));
  re2::StringPiece g[2];
  if (!name_->Match(input, 0, input.size(), RE2::ANCHOR_START, g, 2)) return;
  const re2::StringPiece run = g[1];
  // Where the name ends: before a non-Hangul character, or before 님, 씨, 입니다, 이며, 이고.
  const std::size_t run_begin = static_cast<std::size_t>(run.data() - text.data());
  if (run_begin > value + 40) return;
  const std::size_t syllables = run.size() / 3;
  // The longest reading first: "김민수님" is 김민수 with an honorific, "홍길동의" 홍길동 with a particle.
  for (std::size_t n = std::min<std::size_t>(syllables, 5); n >= 2; --n) {
    const std::size_t end = run_begin + n * 3;
    bool ok = syllableAt(text, end) == 0;
    for (SV ending : kNameEndings) {
      if (ok) break;
      ok = text.substr(end, ending.size()) == ending && syllableAt(text, end + ending.size()) == 0;
    }
    if (!ok) continue;
    const SV name = text.substr(run_begin, n * 3);
    if (isPlaceholderName(name)) {
      placeholders_.push_back(line(run_begin));
      return;
    }
    // Another field's label is no name ("담당자 이메일: …", "신청인 연락처").
    if (startsWithLabel(name)) return;
    const NameCheck check = checkName(name);
    if (check.verdict == NameVerdict::kNotAName) {
      // A department (복지정책과) is not read again without its last syllable.
      static constexpr SV kOffices[] = {"과", "팀", "실", "국", "부", "처", "청"};
      if (n >= 3 && contains(kOffices, name.substr(name.size() - 3))) return;
      continue;
    }
    // A shorter reading (the longer one failed) must pass the surname gate: "총무과" is no "총무".
    if (n < std::min<std::size_t>(syllables, 5) && check.verdict != NameVerdict::kName) return;
    const SV kept = name.substr(0, check.length);
    Confidence level = Confidence::kHigh;
    if (check.verdict == NameVerdict::kRareSurname) {
      if (!strong && !cell) return;
      level = Confidence::kLow;
    } else if (!strong && !cell) {
      level = Confidence::kMedium;
    }
    add(RuleId::kPersonName, level, run_begin, run_begin + kept.size(), maskName(kept),
        std::string(kept), Basis::kLabel);
    return;
  }
}

void UnstructuredPass::Impl::birthDateAt(std::size_t value) {
  const SV text = text_;
  if (value >= text.size() || !isDigit(text[value])) return;
  re2::StringPiece input(text.data() + value, std::min<std::size_t>(text.size() - value, 40));
  if (!date_->Match(input, 0, input.size(), RE2::ANCHOR_START, nullptr, 0)) return;
  const auto date = readBirthDate(text, value, today_);
  if (!date) return;
  add(RuleId::kBirthDate, Confidence::kHigh, value, date->end, maskBirthDate(date->date),
      canonicalDate(date->date), Basis::kLabel);
}

void UnstructuredPass::Impl::healthAt(std::size_t value, SV label, bool code, bool strong,
                                      std::size_t limit) {
  const SV text = text_;
  if (value >= limit || inHeaderRow(value)) return;
  re2::StringPiece input(text.data() + value, limit - value);
  re2::StringPiece got;
  if (code) {
    if (!RE2::PartialMatch(input, *kcd_, &got) || got.data() != input.data()) return;
  } else {
    if (!strong || !RE2::PartialMatch(input, *health_, &got) || got.data() != input.data()) return;
    // A field's value ends before the next field on its line ("진단명: 우울증, 연락처: …").
    SV v(got.data(), got.size());
    for (SV stop : {SV(","), SV(";"), SV("  "), SV(" / "), SV("|")}) v = v.substr(0, v.find(stop));
    while (!v.empty() && (v.back() == ' ' || v.back() == '.')) v.remove_suffix(1);
    if (v.empty() || contains(kBlankValues, v)) return;
    // A header row read as label and value ("진단명\t연락처"): the value is another field's label.
    if (startsWithLabel(v) || headerField(v) != Field::kNone) return;
    // A label that holds no value but the next label ("진단명: 성명").
    got = re2::StringPiece(v.data(), v.size());
  }
  const std::size_t begin = static_cast<std::size_t>(got.data() - text.data());
  const SV v = text.substr(begin, got.size());
  add(RuleId::kSensitiveHealth, Confidence::kLow, begin, begin + v.size(), maskField(label),
      std::string(label) + ":" + withoutSpaces(v), Basis::kLabel, Need::kIdentifierRaises);
}

void UnstructuredPass::Impl::ageAt(std::size_t value, bool strong) {
  (void)strong;
  const SV text = text_;
  if (value >= text.size() || inHeaderRow(value)) return;
  re2::StringPiece input(text.data() + value, std::min<std::size_t>(text.size() - value, 16));
  re2::StringPiece digits;
  if (!RE2::PartialMatch(input, *age_, &digits) || (digits.data() - input.data()) > 6) return;
  if (input.data() != text.data() + value) return;
  int age = 0;
  for (char ch : SV(digits.data(), digits.size())) age = age * 10 + (ch - '0');
  if (age > 120) return;
  const std::size_t begin = static_cast<std::size_t>(digits.data() - text.data());
  add(RuleId::kAgeSex, Confidence::kHigh, begin, begin + digits.size(), "나이: **",
      "age:" + std::to_string(age), Basis::kLabel, Need::kIdentifierOnly);
}

void UnstructuredPass::Impl::sexAt(std::size_t value) {
  const SV text = text_;
  if (value >= text.size() || inHeaderRow(value)) return;
  re2::StringPiece input(text.data() + value, std::min<std::size_t>(text.size() - value, 16));
  re2::StringPiece word;
  if (!RE2::PartialMatch(input, *sex_, &word) || word.data() != input.data()) return;
  const SV w(word.data(), word.size());
  const bool male = w.starts_with("남") || w == "M" || w == "m" || w == "Male" || w == "male";
  add(RuleId::kAgeSex, Confidence::kHigh, value, value + w.size(), "성별: *",
      male ? "sex:M" : "sex:F", Basis::kLabel, Need::kIdentifierOnly);
}

void UnstructuredPass::Impl::addressAfterLabel(std::size_t value, std::size_t limit) {
  // The address that starts here is a person's (a signal); one without a 시·군·구 is read here.
  signals_.push_back({value, limit});
  const SV text = text_;
  const re2::StringPiece input(text.data() + value, limit - value);
  re2::StringPiece groups[3];
  if (!road_only_->Match(input, 0, input.size(), RE2::ANCHOR_START, groups, 3)) return;
  const re2::StringPiece road = groups[1];
  const re2::StringPiece number = groups[2];
  const std::size_t number_begin = static_cast<std::size_t>(number.data() - text.data());
  const std::size_t end = number_begin + number.size();
  if (!addressEndOk(text, end) || isGenericRoadWord(SV(road.data(), road.size()))) return;
  // A 시·군·구 address here is the digit pass's; this reading is for the bare road.
  add(RuleId::kKrAddress, Confidence::kMedium, value, end,
      maskAddress(text.substr(value, end - value), number_begin - value),
      withoutSpaces(text.substr(value, end - value)), Basis::kLabel);
}

// ---- addresses and dates behind digits ---------------------------------------------------------

void UnstructuredPass::Impl::digitRuns() {
  const SV text = text_;
  const auto& bits = *digit_bits_;
  std::uint64_t carry = 0;  // bit 63 of the previous word
  std::size_t covered = 0;  // end of the last address found: its own digits are not looked at
  for (std::size_t w = 0; w < bits.size(); ++w) {
    const std::uint64_t d = bits[w];
    std::uint64_t starts = d & ~((d << 1) | carry);
    carry = d >> 63;
    for (; starts != 0; starts &= starts - 1) {
      const std::size_t s = w * 64 + static_cast<std::size_t>(__builtin_ctzll(starts));
      if (s >= text.size()) return;
      if (s < 3 || s < covered) continue;
      // What stands right before the number (at most two spaces between).
      std::size_t p = s;
      if (text[p - 1] == ' ') --p;
      if (p >= 1 && text[p - 1] == ' ') --p;
      if (p < 3) continue;
      const auto last = static_cast<unsigned char>(text[p - 1]);
      if (last < 0x80) {
        // An English birth-date label ends in b, h, e, y or a full stop (DOB, birth, birthdate,
        // birthday, D.O.B.), before a colon or space.
        std::size_t q = p;
        while (q > 0 && (text[q - 1] == ':' || text[q - 1] == ' ' || text[q - 1] == '\t')) --q;
        const char c = q > 0 ? static_cast<char>(text[q - 1] | 0x20) : 0;
        if (c == 'b' || c == 'h' || c == 'e' || c == 'y' || c == '.') asciiBirthDateBefore(s);
        continue;
      }
      const char32_t before = syllableAt(text, p - 3);
      switch (before) {
        case U'로':
        case U'길':
          addressAt(s, true);
          break;
        case U'동':
        case U'리':
        case U'가':
          addressAt(s, false);
          break;
        case U'하':  // 지하 40
          if (p >= 6 && syllableAt(text, p - 6) == U'지') addressAt(s, true);
          break;
        case U'산':  // 횡계리 산 12-3
          addressAt(s, false);
          break;
        case U'만': {  // 만 34세
          std::size_t e = s;
          while (e < text.size() && isDigit(text[e])) ++e;
          const std::size_t after = skipSpaces(text, e);
          if (e - s <= 3 && (syllableAt(text, after) == U'세')) {
            int age = 0;
            for (std::size_t i = s; i < e; ++i) age = age * 10 + (text[i] - '0');
            if (age <= 120)
              add(RuleId::kAgeSex, Confidence::kHigh, s, e, "나이: **", "age:" + std::to_string(age),
                  Basis::kKeyword, Need::kIdentifierOnly);
          }
          break;
        }
        default:
          break;
      }
      if (!items_.empty() && items_.back().finding.rule == RuleId::kKrAddress &&
          items_.back().finding.end > s)
        covered = items_.back().finding.end;
    }
  }
}

void UnstructuredPass::Impl::addressAt(std::size_t number_begin, bool road) {
  const SV text = text_;
  // A 시·군·구 name ends in 구, 군 or 시 (세종 too): without one in the 120 bytes before the
  // number there is no address to match, and prose ("신청자가 3명") stops here.
  std::size_t from = number_begin > 120 ? number_begin - 120 : 0;
  const auto* u = reinterpret_cast<const unsigned char*>(text.data());
  while (from < number_begin && utf8::isContinuation(u[from])) ++from;
  bool district = false;
  for (std::size_t i = from; i + 3 <= number_begin && !district; ++i) {
    if (u[i] != 0xEA && u[i] != 0xEC) continue;
    const SV c = text.substr(i, 3);
    district = c == "구" || c == "군" || c == "시";
  }
  if (!district) return;
  std::size_t to = number_begin;
  while (to < text.size() && to - number_begin < 16 && (isDigit(text[to]) || text[to] == '-')) ++to;
  // The number's own end: a 가지번호 ends with a digit.
  while (to > number_begin && text[to - 1] == '-') --to;
  if (!road) {
    const std::size_t b = skipSpaces(text, to);
    if (text.substr(b, 6) == "번지") to = b + 6;
  }
  re2::StringPiece whole;
  const re2::StringPiece window(text.data() + from, to - from);
  if (!(road ? *road_end_ : *jibun_end_).Match(window, 0, window.size(), RE2::UNANCHORED, &whole, 1))
    return;
  // The candidate begins at its first syllable (the pattern's guard is one character before it).
  std::size_t begin = static_cast<std::size_t>(whole.data() - text.data());
  while (begin < number_begin && syllableAt(text, begin) == 0) ++begin;
  std::size_t end = static_cast<std::size_t>(whole.data() + whole.size() - text.data());
  if (!addressEndOk(text, end)) return;
  // Its parts, read back: the 시·도 (a longest name after which a 시·군·구 follows), the 시·군·구.
  const auto prefixIn = [&](std::size_t at, const std::unordered_set<SV>& set,
                            const SyllablePairFilter& pairs) -> std::size_t {
    std::size_t best = 0;
    // Every name is two syllables or more: two that begin none end the search at once.
    if (!pairs.mayHold(text.substr(at, 6))) return 0;
    for (std::size_t n = 3; n <= 21 && at + n <= number_begin; n += 3) {
      if (syllableAt(text, at + n - 3) == 0) break;
      if (set.count(text.substr(at, n)) != 0) best = n;
    }
    return best;
  };
  std::size_t sido = prefixIn(begin, sido_set_, sido_pairs_);
  std::size_t sgg_at = begin;
  if (sido > 0) {
    const std::size_t after = skipSpaces(text, begin + sido);
    if (prefixIn(after, sigungu_set_, sigungu_pairs_) > 0)
      sgg_at = after;
    else
      sido = 0;  // 세종특별자치시 stands where a 시·군·구 would
  }
  const std::size_t sgg_len = prefixIn(sgg_at, sigungu_set_, sigungu_pairs_);
  const std::string sgg(text.substr(sgg_at, sgg_len));
  if (road) {
    // The road word right before the number (지하 passed over).
    std::size_t e = number_begin;
    while (e > begin && text[e - 1] == ' ') --e;
    if (e >= begin + 6 && text.substr(e - 6, 6) == "지하") e -= 6;
    while (e > begin && text[e - 1] == ' ') --e;
    std::size_t b = e;
    while (b > begin && text[b - 1] != ' ') --b;
    if (isGenericRoadWord(text.substr(b, e - b))) return;
  }
  // The 상세주소 and 참고항목 after the number: a 동·호 is a dwelling.
  re2::StringPiece tail;
  const re2::StringPiece rest(text.data() + end, std::min<std::size_t>(text.size() - end, 80));
  bool dwelling = false;
  if (tail_->Match(rest, 0, rest.size(), RE2::ANCHOR_START, &tail, 1) && !tail.empty()) {
    const std::size_t tail_end = end + tail.size();
    const SV detail(tail.data(), tail.size());
    if (addressEndOk(text, tail_end) || detail.ends_with(")")) {
      // A 호 (unit) in the detail: a dwelling (the pattern's group 2; read without its capture pass).
      const std::size_t unit = detail.find("호");
      dwelling = unit != SV::npos && unit > 0 && isDigit(detail[unit - 1]) &&
                 detail.substr(0, detail.find('(')).find("호") == unit;
      end = tail_end;
      while (end > begin && text[end - 1] == ' ') --end;
    }
  }
  if (officeFollows(text, end) || letterheadLine(text, begin, end)) return;
  const bool with_sido = sido > 0 || sejong_.count(sgg) != 0;
  const bool ambiguous = !with_sido && krGazetteer().ambiguous_sigungu.count(sgg) != 0;
  Confidence level = ambiguous ? Confidence::kLow : Confidence::kMedium;
  if (dwelling) level = Confidence::kHigh;
  const SV address = text.substr(begin, end - begin);
  const bool counted = countOnly(RuleId::kKrAddress);
  add(RuleId::kKrAddress, level, begin, end,
      counted ? std::string() : maskAddress(address, number_begin - begin),
      counted ? std::string() : withoutSpaces(text.substr(begin, to - begin)), Basis::kFormat,
      Need::kSignalRaises);
  address_begins_.push_back(begin);
}

void UnstructuredPass::Impl::asciiBirthDateBefore(std::size_t number_begin) {
  const SV text = text_;
  std::size_t p = number_begin;
  while (p > 0 && (text[p - 1] == ' ' || text[p - 1] == ':' || text[p - 1] == '\t')) --p;
  const auto endsWith = [&](SV label) {
    if (label.size() > p) return false;
    for (std::size_t i = 0; i < label.size(); ++i) {
      char ch = text[p - label.size() + i];
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
      if (ch != label[i]) return false;
    }
    return true;
  };
  for (SV label : {SV("date of birth"), SV("birth date"), SV("birthdate"), SV("birthday"),
                   SV("d.o.b."), SV("d.o.b"), SV("dob")}) {
    if (!endsWith(label)) continue;
    const std::size_t label_begin = p - label.size();
    if (label_begin > 0 && isAsciiLetter(text[label_begin - 1])) return;
    birthDateAt(number_begin);
    return;
  }
}

// ---- tables ----------------------------------------------------------------------------------

Field UnstructuredPass::Impl::headerField(SV header) {
  std::string key = asciiLower(compact(header));
  while (!key.empty() && (key.back() == '\r' || key.back() == '"')) key.pop_back();
  if (!key.empty() && key.front() == '"') key.erase(0, 1);
  if (auto it = headers_.find(key); it != headers_.end()) return it->second;
  // "성명(한글)", "주소(도로명)": the label before the qualifier.
  if (const std::size_t paren = key.find('('); paren != std::string::npos && paren > 0)
    if (auto it = headers_.find(key.substr(0, paren)); it != headers_.end()) return it->second;
  return Field::kNone;
}

void UnstructuredPass::Impl::cell(Field field, SV header, std::size_t begin, std::size_t end) {
  const SV text = text_;
  while (begin < end && (text[begin] == ' ' || text[begin] == '"')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '"' || text[end - 1] == '\r')) --end;
  if (begin >= end) return;
  const SV value = text.substr(begin, end - begin);
  switch (field) {
    case Field::kName: {
      // The cell is the name: 2-5 syllables (an honorific after it allowed), nothing else.
      if (value.size() > 18 || value.size() % 3 != 0) return;
      for (std::size_t i = begin; i < end; i += 3)
        if (syllableAt(text, i) == 0) return;
      if (isPlaceholderName(value)) {
        placeholders_.push_back(line(begin));
        return;
      }
      if (startsWithLabel(value)) return;
      const NameCheck check = checkName(value);
      if (check.verdict == NameVerdict::kNotAName) return;
      const SV kept = value.substr(0, check.length);
      const bool counted = countOnly(RuleId::kPersonName);
      add(RuleId::kPersonName,
          check.verdict == NameVerdict::kName ? Confidence::kHigh : Confidence::kLow, begin,
          begin + kept.size(), counted ? std::string() : maskName(kept),
          counted ? std::string() : std::string(kept), Basis::kLabel);
      break;
    }
    case Field::kAddress: {
      signals_.push_back({begin, end});
      const auto found = std::lower_bound(address_begins_.begin(), address_begins_.end(), begin);
      if (found != address_begins_.end() && *found < end) return;
      // Read in full by the digit pass when it has a 시·군·구; a bare road and number is read here.
      re2::StringPiece g[3];
      const re2::StringPiece input(value.data(), value.size());
      if (!road_only_->Match(input, 0, input.size(), RE2::ANCHOR_START, g, 3)) return;
      const std::size_t number_begin = static_cast<std::size_t>(g[2].data() - text.data());
      const std::size_t number_end = number_begin + g[2].size();
      if (!addressEndOk(text, number_end) || isGenericRoadWord(SV(g[1].data(), g[1].size()))) return;
      add(RuleId::kKrAddress, Confidence::kMedium, begin, end,
          maskAddress(value, number_begin - begin), withoutSpaces(value), Basis::kLabel);
      break;
    }
    case Field::kBirthDate: {
      const auto date = readBirthDate(text, begin, today_);
      // The cell holds the date alone ("1974. 2. 14." keeps its last full stop).
      if (!date) return;
      std::size_t rest = skipSpaces(text, date->end);
      if (rest < end && text[rest] == '.') rest = skipSpaces(text, rest + 1);
      if (rest < end) return;
      add(RuleId::kBirthDate, Confidence::kHigh, begin, date->end, maskBirthDate(date->date),
          canonicalDate(date->date), Basis::kLabel);
      break;
    }
    case Field::kHealth:
    case Field::kHealthCode: {
      if (contains(kBlankValues, value)) return;
      if (field == Field::kHealthCode) {
        re2::StringPiece got;
        const re2::StringPiece input(value.data(), value.size());
        if (!RE2::PartialMatch(input, *kcd_, &got) || got.data() != input.data()) return;
      }
      const std::string label = compact(header);
      add(RuleId::kSensitiveHealth, Confidence::kLow, begin, end, maskField(label),
          label + ":" + withoutSpaces(value), Basis::kLabel, Need::kIdentifierRaises);
      break;
    }
    case Field::kAge: {
      std::size_t i = begin;
      int age = 0;
      while (i < end && i - begin < 3 && isDigit(text[i])) age = age * 10 + (text[i++] - '0');
      if (i == begin || (i < end && text.substr(i, end - i) != "세" && text.substr(i, end - i) != "살"))
        return;
      if (age > 120) return;
      add(RuleId::kAgeSex, Confidence::kHigh, begin, i, "나이: **", "age:" + std::to_string(age),
          Basis::kLabel, Need::kIdentifierOnly);
      break;
    }
    case Field::kSex: {
      static constexpr SV kMale[] = {"남", "남성", "남자", "M", "m", "Male", "male"};
      static constexpr SV kFemale[] = {"여", "여성", "여자", "F", "f", "Female", "female"};
      const bool male = contains(kMale, value);
      if (!male && !contains(kFemale, value)) return;
      add(RuleId::kAgeSex, Confidence::kHigh, begin, end, "성별: *", male ? "sex:M" : "sex:F",
          Basis::kLabel, Need::kIdentifierOnly);
      break;
    }
    case Field::kNone:
      break;
  }
}

void UnstructuredPass::Impl::tables() {
  const SV text = text_;
  if (structure_ != nullptr && !structure_->allHeaders().empty()) {
    // A table with a known structure (CSV, TSV, spreadsheets): cells of the columns that name a
    // field, below the header row.
    const std::string all(structure_->allHeaders());
    auto cached = header_cache_.find(all);
    if (cached == header_cache_.end()) {
      // Headers are compared without spaces ("성   명") and ASCII case (Name, DOB).
      const std::string key = asciiLower(compact(all));
      bool any = false;
      for (const auto& [header, field] : headers_)
        if (key.find(header) != std::string::npos) any = true;
      if (header_cache_.size() > 256) header_cache_.clear();
      cached = header_cache_.emplace(all, any ? Field::kName : Field::kNone).first;
    }
    if (cached->second == Field::kNone) return;
    const char delimiter = structure_->cellDelimiter() != 0 ? structure_->cellDelimiter() : '\t';
    std::vector<Field> fields;  // by column index, filled as headers are asked for
    std::vector<std::string_view> names;
    std::vector<std::uint8_t> known;  // (not vector<bool>: asked for every cell)
    // A window that continues the text begins inside a row (in the overlap the window before
    // reported): columns are counted from the first whole row.
    std::size_t line = 0;
    if (continues_) {
      const std::size_t nl = text.find('\n');
      line = nl == std::string_view::npos ? text.size() : nl + 1;
    }
    bool past_header = continues_;  // the header row is the table's first: asked until passed
    while (line < text.size()) {
      std::size_t eol = text.find('\n', line);
      if (eol == std::string_view::npos) eol = text.size();
      past_header = past_header || !structure_->inHeaderRow((*to_original_)(line));
      if (past_header) {
        std::size_t column = 0;
        for (std::size_t c = line; c <= eol; ++column) {
          std::size_t e = c;
          if (e < eol && text[e] == '"') {
            // A quoted cell: to its closing quote.
            ++e;
            while (e < eol && !(text[e] == '"' && (e + 1 >= eol || text[e + 1] != '"'))) e += text[e] == '"' ? 2 : 1;
          }
          while (e < eol && text[e] != delimiter && text[e] != '\t') ++e;
          if (column >= known.size()) {
            known.resize(column + 1, 0);
            fields.resize(column + 1, Field::kNone);
            names.resize(column + 1);
          }
          if (!known[column]) {
            known[column] = 1;
            names[column] = structure_->columnHeader((*to_original_)(c));
            fields[column] = headerField(names[column]);
          }
          if (fields[column] != Field::kNone) cell(fields[column], names[column], c, e);
          c = e + 1;
        }
      }
      line = eol + 1;
    }
    return;
  }
  // Rows of tab-separated cells without a known structure (HWP, DOCX and HWPX tables, one row a
  // line): the block's first line is its header.
  if (std::memchr(text.data(), '\t', text.size()) == nullptr) {
    carried_fields_.clear();
    return;
  }
  std::size_t line = 0;
  std::vector<Field> fields;
  std::vector<std::string> names;
  bool in_block = false;
  if (continues_) {
    // The first line is the end of a row the window before read; a block open there goes on.
    const std::size_t nl = text.find('\n');
    line = nl == std::string_view::npos ? text.size() : nl + 1;
    if (!carried_fields_.empty()) {
      in_block = true;
      fields = carried_fields_;
      names = carried_names_;
    }
  }
  while (line < text.size()) {
    std::size_t eol = text.find('\n', line);
    if (eol == std::string_view::npos) eol = text.size();
    const SV row = text.substr(line, eol - line);
    const bool tabbed = row.find('\t') != std::string_view::npos;
    if (!tabbed) {
      in_block = false;
    } else if (!in_block) {
      in_block = true;
      fields.clear();
      names.clear();
      bool any = false;
      for (std::size_t c = 0; c <= row.size();) {
        std::size_t e = row.find('\t', c);
        if (e == std::string_view::npos) e = row.size();
        names.emplace_back(row.substr(c, e - c));
        fields.push_back(headerField(names.back()));
        any |= fields.back() != Field::kNone;
        c = e + 1;
      }
      if (!any) fields.clear();
      // A first line whose name column has a name-shaped cell below it is the block's header row:
      // its labels stand over columns, not before values ("이름\t국어" is no name 국어).
      if (!fields.empty()) confirmHeader(line, eol, fields);
    } else if (!fields.empty()) {
      std::size_t column = 0;
      for (std::size_t c = 0; c <= row.size() && column < fields.size(); ++column) {
        std::size_t e = row.find('\t', c);
        if (e == std::string_view::npos) e = row.size();
        if (fields[column] != Field::kNone) cell(fields[column], names[column], line + c, line + e);
        c = e + 1;
      }
    }
    line = eol + 1;
  }
  // The block still open at the end of this window continues in the next one.
  if (in_block && !fields.empty()) {
    carried_fields_ = fields;
    carried_names_ = names;
  } else {
    carried_fields_.clear();
    carried_names_.clear();
  }
}

void UnstructuredPass::Impl::confirmHeader(std::size_t line_begin, std::size_t line_end,
                                           const std::vector<Field>& fields) {
  const SV text = text_;
  if (line_end >= text.size()) return;
  std::size_t next_end = text.find('\n', line_end + 1);
  if (next_end == std::string_view::npos) next_end = text.size();
  const SV next = text.substr(line_end + 1, next_end - line_end - 1);
  std::size_t column = 0;
  for (std::size_t c = 0; c <= next.size() && column < fields.size(); ++column) {
    std::size_t e = next.find('\t', c);
    if (e == std::string_view::npos) e = next.size();
    SV v = next.substr(c, e - c);
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\r')) v.remove_suffix(1);
    if (fields[column] == Field::kName && !v.empty()) {
      // A name, a rare or masked one too (이O수, 김○○): what a name column holds.
      const bool masked = v.size() >= 5 && syllableAt(v, 0) != 0 &&
                          (v.find('O') != SV::npos || v.find("○") != SV::npos || v.find('*') != SV::npos);
      if (masked || checkName(v).verdict != NameVerdict::kNotAName) {
        header_lines_.push_back({line_begin, line_end});
        return;
      }
    }
    c = e + 1;
  }
}

// ---- records ---------------------------------------------------------------------------------

UnstructuredPass::Impl::Span UnstructuredPass::Impl::record(std::size_t at) const {
  const SV text = text_;
  const auto lineStart = [&](std::size_t i) {
    const std::size_t nl = i == 0 ? std::string_view::npos : text.rfind('\n', i - 1);
    return nl == std::string_view::npos ? std::size_t{0} : nl + 1;
  };
  const auto lineEnd = [&](std::size_t i) {
    const std::size_t nl = text.find('\n', i);
    return nl == std::string_view::npos ? text.size() : nl;
  };
  const auto blank = [&](std::size_t b, std::size_t e) {
    for (std::size_t i = b; i < e; ++i)
      if (text[i] != ' ' && text[i] != '\t' && text[i] != '\r') return false;
    return true;
  };
  std::size_t begin = lineStart(at), end = lineEnd(at);
  // A table row, or a line of tab-separated cells, is its own record.
  if (table_ || text.substr(begin, end - begin).find('\t') != std::string_view::npos)
    return {begin, end};
  // Otherwise the block of non-blank lines around it (a form, a paragraph), a few lines each way.
  for (int n = 0; n < 6 && begin > 0; ++n) {
    const std::size_t prev = lineStart(begin - 1);
    if (blank(prev, begin - 1) || at - prev > 600) break;
    begin = prev;
  }
  for (int n = 0; n < 6 && end < text.size(); ++n) {
    const std::size_t next = lineEnd(end + 1);
    if (blank(end + 1, next) || next - at > 600) break;
    end = next;
  }
  return {begin, end};
}

void UnstructuredPass::Impl::sortItems() {
  // The items come in runs that are each mostly in order (labels, digit runs, table cells), and a
  // register's window holds tens of thousands: their order is taken from packed 64-bit keys
  // (begin, then higher confidence, then index), checked for order before any sort.
  const std::size_t n = items_.size();
  order_.resize(n);
  std::size_t last_begin = 0;
  for (const Item& item : items_) last_begin = std::max(last_begin, item.finding.begin);
  if (n < (std::size_t{1} << 24) && last_begin < (std::size_t{1} << 32)) {
    keys_.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
      const UnstructuredFinding& f = items_[i].finding;
      keys_[i] = static_cast<std::uint64_t>(f.begin) << 32 |
                 static_cast<std::uint64_t>(255 - static_cast<int>(f.confidence)) << 24 | i;
    }
    if (!std::is_sorted(keys_.begin(), keys_.end())) std::sort(keys_.begin(), keys_.end());
    for (std::size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint32_t>(keys_[i] & 0xFFFFFF);
    return;
  }
  for (std::size_t i = 0; i < n; ++i) order_[i] = static_cast<std::uint32_t>(i);
  std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t x, std::uint32_t y) {
    const UnstructuredFinding& a = items_[x].finding;
    const UnstructuredFinding& b = items_[y].finding;
    if (a.begin != b.begin) return a.begin < b.begin;
    return a.confidence > b.confidence;
  });
}

void UnstructuredPass::Impl::escalate(std::vector<UnstructuredFinding>& out) {
  // Everything below is sorted and searched: a register's window holds thousands of values.
  const auto byBegin = [](const auto& a, const auto& b) { return a.begin < b.begin; };
  std::sort(identifiers_.begin(), identifiers_.end(), byBegin);
  std::sort(signals_.begin(), signals_.end(), byBegin);
  std::sort(placeholders_.begin(), placeholders_.end(), byBegin);
  std::sort(header_lines_.begin(), header_lines_.end(), byBegin);
  std::vector<std::size_t>& reach = reach_;  // the farthest end up to each identifier
  reach.resize(identifiers_.size());
  for (std::size_t i = 0; i < identifiers_.size(); ++i)
    reach[i] = std::max(identifiers_[i].end, i > 0 ? reach[i - 1] : 0);
  const auto overlapsIdentifier = [&](std::size_t b, std::size_t e) {
    const auto it = std::lower_bound(identifiers_.begin(), identifiers_.end(), e,
                                     [](const IdentifierSpan& id, std::size_t v) { return id.begin < v; });
    const auto n = static_cast<std::size_t>(it - identifiers_.begin());
    return n > 0 && reach[n - 1] > b;
  };
  // One reading per span: the better of two overlapping ones stays. The items are sorted by index
  // (an item holds two strings: moving them costs more than the comparisons).
  sortItems();
  std::vector<Item>& kept = kept_;
  kept.clear();
  kept.reserve(items_.size());
  for (std::uint32_t index : order_) {
    Item& item = items_[index];
    const UnstructuredFinding& f = item.finding;
    // The numeric rules' values keep their spans (a birth date inside a resident number).
    if (overlapsIdentifier(f.begin, f.end)) continue;
    if (!kept.empty() && kept.back().finding.end > f.begin) {
      if (f.confidence > kept.back().finding.confidence) kept.back() = std::move(item);
      continue;
    }
    kept.push_back(std::move(item));
  }
  // Direct identifiers: the numeric rules' reported values, names, and addresses (in order).
  // Only items that depend on their record need them (a register of names alone does not).
  const bool needed = std::any_of(kept.begin(), kept.end(),
                                  [](const Item& item) { return item.need != Need::kNothing; });
  std::vector<Id>& ids = ids_;
  ids.clear();
  if (needed) ids.reserve(identifiers_.size() + kept.size());
  for (const IdentifierSpan& id : identifiers_) {
    if (!needed) break;
    if (id.confidence < Confidence::kMedium) continue;
    switch (id.rule) {
      case RuleId::kKrRrn:
      case RuleId::kKrFrn:
      case RuleId::kKrPassport:
      case RuleId::kKrDriverLicense:
      case RuleId::kKrPhone:
      case RuleId::kKrHealthInsurance:
      case RuleId::kEmail:
        ids.push_back({id.begin, id.end, true});
        break;
      default:
        break;
    }
  }
  const auto numeric_end = static_cast<std::ptrdiff_t>(ids.size());
  for (const Item& item : kept) {
    if (!needed) break;
    const UnstructuredFinding& f = item.finding;
    if (f.confidence < Confidence::kMedium) continue;
    if (f.rule == RuleId::kPersonName) ids.push_back({f.begin, f.end, true});
    if (f.rule == RuleId::kKrAddress) ids.push_back({f.begin, f.end, false});
  }
  // Two runs, each in order (identifiers_ is sorted above; kept is in begin order).
  std::inplace_merge(ids.begin(), ids.begin() + numeric_end, ids.end(), byBegin);
  const auto holds = [&](const Span& r, const UnstructuredFinding& self, bool person_only) {
    auto it = std::lower_bound(ids.begin(), ids.end(), r.begin,
                               [](const Id& id, std::size_t v) { return id.begin < v; });
    for (; it != ids.end() && it->begin < r.end; ++it) {
      if (it->begin == self.begin && it->end == self.end) continue;
      if (person_only && !it->person) continue;
      if (it->end <= r.end) return true;
    }
    return false;
  };
  const auto within = [](const std::vector<Span>& spans, std::size_t at, std::size_t before) {
    // A span that begins at most `before` bytes ahead of `at` and holds it.
    auto it = std::upper_bound(spans.begin(), spans.end(), at,
                               [](std::size_t v, const Span& s) { return v < s.begin; });
    for (int n = 0; n < 4 && it != spans.begin(); ++n) {
      --it;
      if (at >= it->begin && at < it->end && at - it->begin <= before) return true;
    }
    return false;
  };
  for (Item& item : kept) {
    UnstructuredFinding& f = item.finding;
    if (within(placeholders_, f.begin, static_cast<std::size_t>(-1))) continue;  // sample data
    if (within(header_lines_, f.begin, static_cast<std::size_t>(-1))) continue;  // a header row
    if (item.need != Need::kNothing) {
      const Span r = record(f.begin);
      switch (item.need) {
        case Need::kNothing:
          break;
        case Need::kSignalRaises: {
          const bool signal = within(signals_, f.begin, 12);
          if (signal) f.basis = basisBit(Basis::kLabel);
          if (signal || holds(r, f, true)) f.confidence = Confidence::kHigh;
          break;
        }
        case Need::kIdentifierRaises:
          f.confidence = holds(r, f, false) ? Confidence::kHigh : Confidence::kLow;
          break;
        case Need::kIdentifierOnly:
          if (!holds(r, f, false)) continue;
          f.confidence = Confidence::kHigh;
          break;
      }
    }
    out.push_back(std::move(f));
  }
}

void UnstructuredPass::Impl::run(const Input& input, std::vector<UnstructuredFinding>& out) {
  text_ = input.text;
  structure_ = input.structure;
  to_original_ = &input.to_original;
  digit_bits_ = input.digit_bits;
  table_ = structure_ != nullptr && !structure_->allHeaders().empty();
  items_.clear();
  signals_.clear();
  placeholders_.clear();
  header_lines_.clear();
  address_begins_.clear();
  identifiers_ = input.identifiers;
  continues_ = input.continues;
  count_only_ = input.count_only_rules;
  if (!continues_) carried_fields_.clear();

  hits_.clear();
  trigger_->find(text_, hits_);
  std::size_t done = 0;  // a label inside one already read is not read again ("보호자 성명")
  for (const LabelTrigger::Hit& hit : hits_) {
    if (hit.offset < done) continue;
    for (int l : labels_of_literal_[static_cast<std::size_t>(hit.literal)]) {
      const Label& label = labels_[static_cast<std::size_t>(l)];
      // The label in full, spaces allowed between its syllables (spaced form labels).
      std::size_t i = hit.offset;
      bool matched = true;
      for (std::size_t s = 0; s < label.syllables.size() && matched; ++s) {
        if (s > 0) {
          std::size_t j = i;
          while (j < text_.size() && j - i < 3 && text_[j] == ' ') ++j;
          i = j;
        }
        matched = text_.substr(i, 3) == label.syllables[s];
        i += 3;
      }
      if (!matched) continue;
      onLabel(hit.offset, label, i);
      done = i;
      break;
    }
  }
  if (digit_bits_ != nullptr) digitRuns();
  tables();
  escalate(out);
}

UnstructuredPass::UnstructuredPass(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UnstructuredPass::~UnstructuredPass() = default;

Result<std::unique_ptr<UnstructuredPass>> UnstructuredPass::create(CivilDate today) {
  auto impl = std::make_unique<Impl>(today);
  JAMUL_RETURN_IF_ERROR(impl->compile());
  return std::unique_ptr<UnstructuredPass>(new UnstructuredPass(std::move(impl)));
}

void UnstructuredPass::run(const Input& input, std::vector<UnstructuredFinding>& out) {
  impl_->run(input, out);
}

}  // namespace jamul::scanner::detect
