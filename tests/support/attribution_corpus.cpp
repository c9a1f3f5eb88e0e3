// SPDX-License-Identifier: Apache-2.0
// The sentences, labels and layouts below were written for this generator (issue 13); names and
// numbers come from synth's random generators, never from real records.
#include "support/attribution_corpus.h"

#include <algorithm>
#include <set>

#include "jamul/scanner/rule_catalog.h"
#include "support/synthetic_phrases.h"
#include "support/synthetic_values.h"

namespace jamul::test {
namespace {

using scanner::RuleId;
using synth::Item;
using synth::Rng;
using SV = std::string_view;

// --- labels ---------------------------------------------------------------------------------------
// What people write in front of a value of each kind; the label is always the value's own.
constexpr SV kRrnLabels[] = {"주민등록번호", "주민번호", "주민등록번호:", "주민번호 :", "주민등록번호는"};
constexpr SV kFrnLabels[] = {"외국인등록번호", "외국인번호:", "외국인등록번호는"};
constexpr SV kMobileLabels[] = {"휴대전화", "휴대폰", "연락처", "핸드폰번호:", "H.P", "휴대전화번호는"};
constexpr SV kLandlineLabels[] = {"자택 전화번호", "자택전화", "직장전화:", "전화번호", "Tel.",
                                  "전화번호는"};
constexpr SV kAccountLabels[] = {"환불계좌", "입금계좌", "급여계좌", "계좌번호", "계좌", "환불계좌는"};
constexpr SV kCardLabels[] = {"카드번호", "신용카드 번호", "결제카드:", "카드번호는"};
constexpr SV kPassportLabels[] = {"여권번호", "여권 번호:", "Passport No.", "여권번호는"};
constexpr SV kLicenceLabels[] = {"운전면허번호", "면허번호:", "운전면허번호는"};
constexpr SV kHealthLabels[] = {"건강보험증번호", "보험증번호:", "건강보험증번호는"};
constexpr SV kBrnLabels[] = {"사업자등록번호", "사업자번호:"};
constexpr SV kCrnLabels[] = {"법인등록번호", "법인등록번호:"};
constexpr SV kEmailLabels[] = {"이메일", "전자우편:", "E-mail", "이메일 주소는"};
constexpr SV kIpv4Labels[] = {"접속IP", "접속 아이피", "IP 주소:"};
constexpr SV kIpv6Labels[] = {"IPv6 주소", "접속 IPv6:"};

// Column headers of tables.
constexpr SV kRrnHeaders[] = {"주민등록번호", "주민번호"};
constexpr SV kFrnHeaders[] = {"외국인등록번호"};
constexpr SV kMobileHeaders[] = {"연락처", "휴대전화", "휴대폰번호"};
constexpr SV kLandlineHeaders[] = {"자택전화", "전화번호", "직장전화"};
constexpr SV kAccountHeaders[] = {"계좌번호", "환불계좌", "입금계좌"};
constexpr SV kBankHeaders[] = {"은행", "은행명", "거래은행"};
constexpr SV kCardHeaders[] = {"카드번호", "결제카드"};
constexpr SV kPassportHeaders[] = {"여권번호"};
constexpr SV kLicenceHeaders[] = {"운전면허번호", "면허번호"};
constexpr SV kHealthHeaders[] = {"건강보험증번호"};
constexpr SV kBrnHeaders[] = {"사업자등록번호"};
constexpr SV kEmailHeaders[] = {"이메일", "E-mail"};
constexpr SV kIpv4Headers[] = {"접속IP"};

// Labels of numbers that are not personal data and that no rule knows as a keyword: the value
// is labelled, just not by a word the detector knows.
constexpr SV kRecordLabels[] = {"처리번호", "민원번호", "회원번호", "요청번호", "관리코드"};
constexpr SV kTimeLabels[] = {"로그 시각", "처리 시각", "접수 일시", "등록일시", "로그 시각:"};

// Sentences with keywords of some rule but no value: what sits between a value and another's label.
constexpr SV kNeighbourLines[] = {
    "민원 처리 현황을 부서별로 정리하여 보고합니다.",
    "환불 계좌 정보는 본인 확인 후 변경할 수 있습니다.",
    "연락처가 바뀐 경우 즉시 알려 주시기 바랍니다.",
    "주민등록번호 뒷자리는 가림 처리하여 보관합니다.",
    "입금 계좌와 예금주가 일치하는지 확인하였습니다.",
    "은행 점검 시간에는 이체가 지연될 수 있습니다.",
    "카드 결제 내역은 다음 달에 청구됩니다.",
    "여권 사본은 제출 후 즉시 반환합니다.",
    "통장 사본과 신분증 사본을 함께 제출하였습니다.",
    "전화 상담은 평일 오전에만 가능합니다.",
};
constexpr SV kNeutralLines[] = {
    "위와 같이 처리 결과를 보고합니다.",
    "추가 서류는 다음 주까지 보완하기로 하였다.",
    "담당자 검토 후 결재를 올릴 예정이다.",
    "현장 확인 결과 특이 사항은 없었다.",
    "처리 기한 내에 회신하였다.",
    "관련 부서와 협의를 마쳤다.",
};
constexpr SV kHeadings[] = {"□ 신청인 정보", "[민원인 정보]", "1. 신청 내용", "■ 환불 처리 내역",
                            "○ 인적 사항", "[처리 결과]"};
constexpr SV kSeparators[] = {" ", ": ", " : ", " "};

struct Field {
  RuleId rule;
  std::string label;    // text before the value, with its separator ("주민번호: ")
  std::string value;    // the planted value
  std::string trailer;  // text after the value ("", " 예금주 김철수", ...)
};

std::string labelWithSeparator(Rng& rng, SV label) {
  if (label.ends_with(":") || label.ends_with("는")) return std::string(label) + " ";
  return std::string(label) + std::string(rng.pick(kSeparators));
}

SV pickLabel(Rng& rng, RuleId rule, bool mobile) {
  switch (rule) {
    case RuleId::kKrRrn: return rng.pick(kRrnLabels);
    case RuleId::kKrFrn: return rng.pick(kFrnLabels);
    case RuleId::kKrPhone: return mobile ? rng.pick(kMobileLabels) : rng.pick(kLandlineLabels);
    case RuleId::kKrBankAccount: return rng.pick(kAccountLabels);
    case RuleId::kCardNumber: return rng.pick(kCardLabels);
    case RuleId::kKrPassport: return rng.pick(kPassportLabels);
    case RuleId::kKrDriverLicense: return rng.pick(kLicenceLabels);
    case RuleId::kKrHealthInsurance: return rng.pick(kHealthLabels);
    case RuleId::kKrBrn: return rng.pick(kBrnLabels);
    case RuleId::kKrCrn: return rng.pick(kCrnLabels);
    case RuleId::kEmail: return rng.pick(kEmailLabels);
    case RuleId::kIpv4: return rng.pick(kIpv4Labels);
    case RuleId::kIpv6: return rng.pick(kIpv6Labels);
    case RuleId::kPassword: return "비밀번호";
    case RuleId::kKrAddress:
    case RuleId::kPersonName:
    case RuleId::kBirthDate:
    case RuleId::kSensitiveHealth:
    case RuleId::kAgeSex:
      break;  // never drawn here: the unstructured rules have their own generator
  }
  return "";
}

// Rules drawn for a record's fields: the shapes (phones, RRNs, accounts) most often.
constexpr RuleId kFieldRules[] = {
    RuleId::kKrPhone,     RuleId::kKrPhone,     RuleId::kKrPhone,          RuleId::kKrRrn,
    RuleId::kKrRrn,       RuleId::kKrBankAccount, RuleId::kKrBankAccount, RuleId::kKrBankAccount,
    RuleId::kEmail,       RuleId::kCardNumber,  RuleId::kKrPassport,       RuleId::kKrFrn,
    RuleId::kKrDriverLicense, RuleId::kKrHealthInsurance, RuleId::kKrBrn, RuleId::kKrCrn,
    RuleId::kIpv4,        RuleId::kIpv6,        RuleId::kPassword};

class Builder {
 public:
  Builder(std::uint64_t seed, std::uint64_t index, AttributionLayout layout)
      : rng_(synth::mixSeed(seed, index)), layout_(layout) {
    doc_.layout = layout;
    doc_.name = std::string(rng_.pick(kStems)) + "_" + std::to_string(index);
  }

  AttributionDocument build() {
    switch (layout_) {
      case AttributionLayout::kForm: form(); break;
      case AttributionLayout::kProse: prose(false); break;
      case AttributionLayout::kLongLine: prose(true); break;
      case AttributionLayout::kLog: log(); break;
      case AttributionLayout::kTable: table(); break;
    }
    return std::move(doc_);
  }

 private:
  static constexpr SV kStems[] = {"민원처리현황", "환불신청", "인사기록", "회원명부", "접수대장",
                                  "처리결과보고", "계좌변경", "개인정보점검"};

  // --- values ---------------------------------------------------------------------------------------
  // A value of `rule` not yet used in this document (distinct by digits, as the detector counts).
  Item value(RuleId rule, bool& mobile, std::string& bank) {
    for (;;) {
      Item item;
      std::size_t bank_index = 0;
      mobile = false;
      switch (rule) {
        case RuleId::kKrRrn: item = synth::makeRrn(rng_); break;
        case RuleId::kKrFrn: item = synth::makeFrn(rng_); break;
        case RuleId::kKrPhone:
          mobile = rng_.chance(0.45);
          item = mobile ? synth::makeMobile(rng_) : synth::makeLandline(rng_);
          break;
        case RuleId::kKrBankAccount:
          item = synth::makeAccount(rng_, bank_index);
          bank = std::string(rng_.pick(scanner::bankCatalog()[bank_index].names));
          break;
        case RuleId::kCardNumber: item = synth::makeCard(rng_); break;
        case RuleId::kKrPassport: item = synth::makePassport(rng_); break;
        case RuleId::kKrDriverLicense: item = synth::makeDriverLicense(rng_); break;
        case RuleId::kKrHealthInsurance: item = synth::makeHealthInsurance(rng_); break;
        case RuleId::kKrBrn: item = synth::makeBrn(rng_); break;
        case RuleId::kKrCrn: item = synth::makeCrn(rng_); break;
        case RuleId::kEmail: item = synth::makeEmail(rng_); break;
        case RuleId::kIpv4: item = synth::makeIpv4(rng_); break;
        case RuleId::kIpv6: item = synth::makeIpv6(rng_); break;
        case RuleId::kPassword:
          item.rule = rule;
          item.text = synth::makePasswordValue(rng_);
          item.key = "password:" + item.text;
          break;
        case RuleId::kKrAddress:
        case RuleId::kPersonName:
        case RuleId::kBirthDate:
        case RuleId::kSensitiveHealth:
        case RuleId::kAgeSex:
          continue;  // never drawn here (kFieldRules holds none of them)
      }
      if (item.text.find("HP") != std::string::npos) continue;  // "HP" is a phone keyword
      if (keys_.insert(item.key).second) return item;
    }
  }

  Field field(RuleId rule) {
    bool mobile = false;
    std::string bank;
    Item item = value(rule, mobile, bank);
    Field f{rule, {}, item.text, {}};
    if (rule == RuleId::kPassword) {
      f.label = "";
      f.value = std::string(rng_.chance(0.5) ? "비밀번호: " : "비밀번호 : ") + item.text;
      return f;
    }
    const SV label = pickLabel(rng_, rule, mobile);
    if (rule == RuleId::kKrBankAccount) {
      // "환불계좌 신한은행 1002-…", "신한은행 계좌 1002-…", "계좌번호: 1002-… (신한은행)"
      switch (rng_.below(4)) {
        case 0:
        case 1: f.label = std::string(label) + " " + bank + " "; break;
        case 2: f.label = bank + " 계좌 "; break;
        default:
          f.label = labelWithSeparator(rng_, label);
          f.trailer = " (" + bank + ")";
          break;
      }
      if (f.trailer.empty() && rng_.chance(0.5))
        f.trailer = rng_.chance(0.5) ? " 예금주 " + name_ : " (예금주 " + name_ + ")";
      return f;
    }
    f.label = labelWithSeparator(rng_, label);
    return f;
  }

  // A trap with a label of its own: a compact timestamp after "로그 시각", a number after a label
  // the detector does not know ("처리번호"), or one of synth's labelled traps (주문번호, 바코드, ...).
  void trapLine(std::string& line) {
    const std::uint64_t kind = rng_.below(10);
    std::string label, text, name;
    if (kind < 4) {
      text = timestamp(rng_.chance(0.5));
      label = std::string(rng_.pick(kTimeLabels)) + " ";
      name = "log timestamp";
    } else if (kind < 6) {
      text = recordNumber();
      label = std::string(rng_.pick(kRecordLabels)) + " ";
      name = "record number";
    } else {
      static constexpr synth::TrapKind kKinds[] = {
          synth::TrapKind::kOrderNumber, synth::TrapKind::kReceiptNumber,
          synth::TrapKind::kTracking,    synth::TrapKind::kIsbn,
          synth::TrapKind::kFax,         synth::TrapKind::kSerialNumber};
      for (;;) {
        const Item item = synth::makeTrap(rng_, rng_.pick(kKinds), label, false);
        if (label.empty() || !keys_.insert("trap:" + item.text).second) continue;
        text = item.text;
        name = item.kind;
        break;
      }
    }
    line += label;
    addTrap(line, name, text);
  }

  std::string timestamp(bool seconds) {
    for (;;) {
      std::string t = std::to_string(rng_.range(2019, 2025));
      const auto two = [&](int lo, int hi) {
        const int v = rng_.range(lo, hi);
        return std::string(v < 10 ? "0" : "") + std::to_string(v);
      };
      t += two(1, 12) + two(1, 28) + two(0, 23) + two(0, 59);
      if (seconds) t += two(0, 59);
      if (keys_.insert("trap:" + t).second) return t;
    }
  }

  // 10-14 digits, no check digit of any rule on purpose, not starting with 0 (a phone) or with a
  // date and a sex digit (an RRN).
  std::string recordNumber() {
    for (;;) {
      std::string d = std::to_string(rng_.range(1, 9));
      const int n = rng_.range(10, 14);
      while (static_cast<int>(d.size()) < n) d.push_back(static_cast<char>('0' + rng_.below(10)));
      if (d.size() == 13) continue;  // leave 13 digits to the registration-number tests
      if (!keys_.insert("trap:" + d).second) continue;
      return d;
    }
  }

  // --- writing ---------------------------------------------------------------------------------------
  void addValue(std::string& line, RuleId rule, const std::string& text) {
    planted_at_.push_back({rule, text, doc_.text.size() + line.size()});
    line += text;
  }
  void addTrap(std::string& line, const std::string& kind, const std::string& text) {
    traps_at_.push_back({kind, text, doc_.text.size() + line.size()});
    line += text;
  }
  void writeLine(const std::string& line) {
    doc_.text += line;
    doc_.text += '\n';
  }
  void writeField(std::string& line, const Field& f) {
    line += f.label;
    addValue(line, f.rule, f.value);
    line += f.trailer;
  }
  void filler() {
    const std::uint64_t k = rng_.below(10);
    if (k < 5) {
      writeLine(std::string(rng_.pick(kNeighbourLines)));
    } else if (k < 8) {
      writeLine(std::string(rng_.pick(kNeutralLines)));
    } else {
      writeLine(std::string(rng_.pick(synth::koreanPhrases().plain)));
    }
  }
  void finish() {
    doc_.planted = std::move(planted_at_);
    doc_.traps = std::move(traps_at_);
  }

  std::vector<RuleId> recordRules(int min, int max) {
    std::vector<RuleId> rules;
    const int n = rng_.range(min, max);
    while (static_cast<int>(rules.size()) < n) rules.push_back(rng_.pick(kFieldRules));
    return rules;
  }

  // Lines of "label value": a record's fields in random order, with neighbour sentences and
  // labelled traps between them.
  void form() {
    const int records = rng_.range(2, 6);
    for (int r = 0; r < records; ++r) {
      name_ = synth::koreanName(rng_);
      if (rng_.chance(0.5)) writeLine(std::string(rng_.pick(kHeadings)));
      if (rng_.chance(0.6)) writeLine("성명: " + name_);
      for (RuleId rule : recordRules(3, 7)) {
        std::string line;
        if (rng_.chance(0.2)) line += "- ";
        writeField(line, field(rule));
        writeLine(line);
        if (rng_.chance(0.35)) filler();
        if (rng_.chance(0.25)) {
          std::string trap;
          trapLine(trap);
          writeLine(trap);
        }
      }
      writeLine("");
    }
    finish();
  }

  // Sentences holding one or two labelled values each, several to a paragraph; with `one_line`, the
  // whole document is one paragraph of several kilobytes.
  void prose(bool one_line) {
    const int records = one_line ? rng_.range(8, 16) : rng_.range(3, 6);
    std::string line;
    for (int r = 0; r < records; ++r) {
      name_ = synth::koreanName(rng_);
      const std::vector<RuleId> rules = recordRules(2, 5);
      for (std::size_t i = 0; i < rules.size();) {
        const bool pair = i + 1 < rules.size() && rng_.chance(0.5);
        const Field a = field(rules[i]);
        switch (rng_.below(4)) {
          case 0: line += name_ + " 님의 "; break;
          case 1: line += "민원인 " + name_ + "의 "; break;
          case 2: line += "확인 결과 "; break;
          default: break;
        }
        writeField(line, a);
        if (pair) {
          line += rng_.chance(0.5) ? ", " : "이며 ";
          writeField(line, field(rules[i + 1]));
        }
        static constexpr SV kEnds[] = {"입니다. ", "로 확인되었습니다. ", " 확인. ", "이고, ",
                                       "(으)로 등록하였습니다. "};
        line += rng_.pick(kEnds);
        if (rng_.chance(0.3)) {
          line += std::string(rng_.pick(kNeighbourLines)) + " ";
        }
        if (rng_.chance(0.2)) {
          trapLine(line);
          line += " 기준입니다. ";
        }
        i += pair ? 2 : 1;
        if (!one_line && rng_.chance(0.3)) {
          writeLine(line);
          line.clear();
        }
      }
      if (!one_line) {
        writeLine(line);
        line.clear();
        if (rng_.chance(0.5)) filler();
      }
    }
    if (!line.empty()) writeLine(line);
    finish();
  }

  // Log lines: a date and time, a level, then events with labelled values and compact timestamps.
  void log() {
    const int lines = rng_.range(20, 45);
    for (int i = 0; i < lines; ++i) {
      name_ = synth::koreanName(rng_);
      std::string line = "2022-0" + std::to_string(rng_.range(1, 9)) + "-1" +
                         std::to_string(rng_.range(0, 9)) + " 0" + std::to_string(rng_.range(0, 9)) +
                         ":" + std::to_string(rng_.range(10, 59)) + ":" +
                         std::to_string(rng_.range(10, 59)) + " [INFO] ";
      switch (rng_.below(5)) {
        case 0:
          trapLine(line);
          line += " ";
          writeField(line, field(RuleId::kKrBankAccount));
          break;
        case 1: {
          writeField(line, field(rng_.pick(kFieldRules)));
          line += " 처리 완료 ";
          trapLine(line);
          break;
        }
        case 2:
          line += "계좌 인증 요청 수신";
          break;
        case 3: {
          writeField(line, field(rng_.pick(kFieldRules)));
          line += ", ";
          writeField(line, field(rng_.pick(kFieldRules)));
          break;
        }
        default:
          trapLine(line);
          line += " 상태 정상";
          break;
      }
      writeLine(line);
    }
    finish();
  }

  // A register: a header row, then records. Columns mix identifiers with a bank and an account, so
  // that another column's account header and bank name stand beside every RRN and phone.
  void table() {
    struct Column {
      std::string header;
      RuleId rule;
      bool is_value;  // false: 번호, 성명, 은행, 접수일시, 비고
      int kind;       // for non-values: 0 번호, 1 성명, 2 은행, 3 접수일시, 4 비고
      bool mobile;    // phones: mobile or landline column
    };
    std::vector<Column> columns;
    columns.push_back({"번호", RuleId::kKrRrn, false, 0, false});
    columns.push_back({"성명", RuleId::kKrRrn, false, 1, false});
    std::vector<RuleId> rules = {RuleId::kKrRrn, RuleId::kKrPhone, RuleId::kKrBankAccount};
    static constexpr RuleId kExtra[] = {RuleId::kKrPhone,  RuleId::kEmail,     RuleId::kCardNumber,
                                        RuleId::kKrPassport, RuleId::kKrDriverLicense,
                                        RuleId::kKrHealthInsurance, RuleId::kKrBrn, RuleId::kKrFrn,
                                        RuleId::kIpv4};
    const int extra = rng_.range(0, 3);
    for (int i = 0; i < extra; ++i) {
      const RuleId r = rng_.pick(kExtra);
      if (std::count(rules.begin(), rules.end(), r) < (r == RuleId::kKrPhone ? 2 : 1))
        rules.push_back(r);
    }
    // Shuffle (Fisher-Yates with our own Rng).
    for (std::size_t i = rules.size(); i > 1; --i) std::swap(rules[i - 1], rules[rng_.below(i)]);
    bool mobile_taken = false;
    for (RuleId r : rules) {
      if (r == RuleId::kKrBankAccount) {
        const bool bank_first = rng_.chance(0.6);
        const Column bank{std::string(rng_.pick(kBankHeaders)), r, false, 2, false};
        const Column account{std::string(rng_.pick(kAccountHeaders)), r, true, 0, false};
        if (bank_first) columns.push_back(bank);
        columns.push_back(account);
        if (!bank_first) columns.push_back(bank);
        continue;
      }
      Column c{"", r, true, 0, false};
      switch (r) {
        case RuleId::kKrRrn: c.header = rng_.pick(kRrnHeaders); break;
        case RuleId::kKrFrn: c.header = rng_.pick(kFrnHeaders); break;
        case RuleId::kKrPhone:
          c.mobile = !mobile_taken;
          mobile_taken = true;
          c.header = c.mobile ? rng_.pick(kMobileHeaders) : rng_.pick(kLandlineHeaders);
          break;
        case RuleId::kEmail: c.header = rng_.pick(kEmailHeaders); break;
        case RuleId::kCardNumber: c.header = rng_.pick(kCardHeaders); break;
        case RuleId::kKrPassport: c.header = rng_.pick(kPassportHeaders); break;
        case RuleId::kKrDriverLicense: c.header = rng_.pick(kLicenceHeaders); break;
        case RuleId::kKrHealthInsurance: c.header = rng_.pick(kHealthHeaders); break;
        case RuleId::kKrBrn: c.header = rng_.pick(kBrnHeaders); break;
        case RuleId::kIpv4: c.header = rng_.pick(kIpv4Headers); break;
        default: c.header = "비고"; break;
      }
      columns.push_back(c);
    }
    if (rng_.chance(0.5)) columns.push_back({"접수일시", RuleId::kKrRrn, false, 3, false});
    if (rng_.chance(0.4)) columns.push_back({"비고", RuleId::kKrRrn, false, 4, false});

    doc_.cells.emplace_back();
    for (const Column& c : columns) doc_.cells.back().push_back(c.header);
    const int rows = rng_.range(3, 24);
    for (int r = 1; r <= rows; ++r) {
      std::vector<std::string> row;
      std::string bank;
      // The account first, so that the row's bank cell names its bank.
      std::string account;
      for (const Column& c : columns) {
        if (c.is_value && c.rule == RuleId::kKrBankAccount) {
          bool mobile = false;
          account = value(RuleId::kKrBankAccount, mobile, bank).text;
        }
      }
      for (std::size_t col = 0; col < columns.size(); ++col) {
        const Column& c = columns[col];
        if (!c.is_value) {
          switch (c.kind) {
            case 0: row.push_back(std::to_string(r)); break;
            case 1: row.push_back(synth::koreanName(rng_)); break;
            case 2: row.push_back(bank); break;
            case 3: {
              row.push_back(timestamp(true));
              traps_by_cell_.push_back({static_cast<std::size_t>(r), col});
              break;
            }
            default: row.push_back(rng_.chance(0.5) ? "" : std::string(rng_.pick(kNeutralLines)));
          }
          continue;
        }
        std::string text;
        if (c.rule == RuleId::kKrBankAccount) {
          text = account;
        } else if (c.rule == RuleId::kKrPhone) {
          for (;;) {
            const Item item = c.mobile ? synth::makeMobile(rng_) : synth::makeLandline(rng_);
            if (keys_.insert(item.key).second) {
              text = item.text;
              break;
            }
          }
        } else {
          bool mobile = false;
          std::string unused;
          text = value(c.rule, mobile, unused).text;
        }
        row.push_back(text);
        doc_.table_values.push_back({static_cast<std::size_t>(r), col, c.rule});
      }
      doc_.cells.push_back(std::move(row));
    }
    // The TSV text and the offsets of the planted cells.
    std::vector<std::vector<std::size_t>> offsets;
    for (const auto& row : doc_.cells) {
      offsets.emplace_back();
      for (std::size_t c = 0; c < row.size(); ++c) {
        if (c > 0) doc_.text += '\t';
        offsets.back().push_back(doc_.text.size());
        doc_.text += row[c];
      }
      doc_.text += '\n';
    }
    for (const TableValue& v : doc_.table_values)
      planted_at_.push_back({v.rule, doc_.cells[v.row][v.column], offsets[v.row][v.column]});
    for (const auto& [r, c] : traps_by_cell_)
      traps_at_.push_back({"log timestamp", doc_.cells[r][c], offsets[r][c]});
    std::sort(planted_at_.begin(), planted_at_.end(),
              [](const PlantedValue& a, const PlantedValue& b) { return a.offset < b.offset; });
    finish();
  }

  Rng rng_;
  AttributionLayout layout_;
  AttributionDocument doc_;
  std::string name_;
  std::set<std::string> keys_;
  std::vector<PlantedValue> planted_at_;
  std::vector<TrapValue> traps_at_;
  std::vector<std::pair<std::size_t, std::size_t>> traps_by_cell_;
};

}  // namespace

std::string_view attributionLayoutName(AttributionLayout layout) {
  switch (layout) {
    case AttributionLayout::kForm: return "form";
    case AttributionLayout::kProse: return "prose";
    case AttributionLayout::kLongLine: return "long-line";
    case AttributionLayout::kLog: return "log";
    case AttributionLayout::kTable: return "table";
  }
  return "form";
}

AttributionDocument AttributionCorpus::next() {
  static constexpr AttributionLayout kLayouts[] = {
      AttributionLayout::kForm, AttributionLayout::kProse, AttributionLayout::kLongLine,
      AttributionLayout::kLog, AttributionLayout::kTable};
  Rng pick(synth::mixSeed(seed_ ^ 0x5A17ull, index_));
  return next(kLayouts[pick.below(std::size(kLayouts))]);
}

AttributionDocument AttributionCorpus::next(AttributionLayout layout) {
  Builder builder(seed_, index_++, layout);
  return builder.build();
}

}  // namespace jamul::test
