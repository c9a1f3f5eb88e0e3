// SPDX-License-Identifier: Apache-2.0
#include "support/synthetic_corpus.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <deque>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "jamul/scanner/rule_catalog.h"
#include "support/synthetic_phrases.h"
#include "support/synthetic_values.h"

namespace jamul::test {
namespace {

using scanner::RuleId;
using synth::Item;
using synth::Phrases;
using synth::Rng;
using synth::ruleBit;
using synth::RuleMask;
using synth::TrapKind;

// --- the context model ---------------------------------------------------------------------------
// The detector looks for keywords within ±100 characters of a candidate (detector.cpp); we look a
// little further so that rounding at the window's edge cannot matter.
constexpr std::uint64_t kWindow = 110;
// A keyword of a value's own rule counts for it only this close (the detector's reach is 100).
constexpr std::uint64_t kLabelReach = 90;
constexpr std::uint64_t kFar = std::uint64_t{1} << 40;

// Rules whose candidates are numbers: the shared negative labels (주문번호, 바코드, ...) apply to
// them (DETECTION.md §2.4).
constexpr RuleMask kNumericRules =
    ruleBit(RuleId::kKrRrn) | ruleBit(RuleId::kKrFrn) | ruleBit(RuleId::kKrPassport) |
    ruleBit(RuleId::kKrDriverLicense) | ruleBit(RuleId::kKrPhone) | ruleBit(RuleId::kCardNumber) |
    ruleBit(RuleId::kKrBankAccount) | ruleBit(RuleId::kKrHealthInsurance) |
    ruleBit(RuleId::kKrBrn) | ruleBit(RuleId::kKrCrn);

bool isContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }
bool isAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
unsigned char asciiLower(unsigned char c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

// Code points in UTF-8 `s`: bytes that are not continuation bytes (10xxxxxx), eight at a time.
std::uint64_t charCount(std::string_view s) {
  std::uint64_t n = 0;
  std::size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    std::uint64_t x;
    std::memcpy(&x, s.data() + i, 8);
    const std::uint64_t continuation = x & ~(x << 1) & 0x8080808080808080ull;
    n += 8 - (((continuation >> 7) * 0x0101010101010101ull) >> 56);
  }
  for (; i < s.size(); ++i) n += isContinuation(static_cast<unsigned char>(s[i])) ? 0 : 1;
  return n;
}

// A keyword found in the text, in document-wide character positions.
struct Hit {
  std::uint64_t begin = 0, end = 0;
  RuleMask positive = 0;  // keyword of these rules (bank names count for accounts)
  RuleMask negative = 0;  // negative label for these rules
};

// Finds the rule catalogue's keywords the way the detector's KeywordIndex does: leftmost-longest,
// ASCII letters without regard to case, ASCII-edged keywords not touching other ASCII letters
// (plural "s" allowed). Built once from the public catalogue; immutable.
class KeywordModel {
 public:
  static const KeywordModel& instance() {
    static const KeywordModel model;
    return model;
  }

  void find(std::string_view text, std::uint64_t char_base, std::vector<Hit>& out) const {
    scan(text, char_base, [&](const Hit& h) {
      out.push_back(h);
      return true;
    });
  }

  // True if `text` holds any keyword.
  bool any(std::string_view text) const {
    bool found = false;
    scan(text, 0, [&](const Hit&) {
      found = true;
      return false;
    });
    return found;
  }

 private:
  // Calls visit(hit) for each keyword in order while it returns true.
  template <typename Visit>
  void scan(std::string_view text, std::uint64_t char_base, Visit visit) const {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    std::uint64_t chars = char_base;
    std::size_t i = 0;
    while (i < n) {
      const Entry* best = nullptr;
      const std::uint32_t cp = firstCodePoint(p + i, n - i);
      if (const std::int32_t b = cp < bucket_of_.size() ? bucket_of_[cp] : -1; b >= 0) {
        for (std::uint16_t index : buckets_[static_cast<std::size_t>(b)]) {
          if (matches(entries_[index].bytes, p + i, n - i)) {
            best = &entries_[index];
            break;  // buckets are sorted longest first
          }
        }
      }
      if (best == nullptr) {
        ++i;
        while (i < n && isContinuation(p[i])) ++i;
        ++chars;
        continue;
      }
      const std::size_t e = i + best->bytes.size();
      const std::uint64_t len = charCount(best->bytes);
      bool ok = !(best->ascii_start && i > 0 && isAsciiAlpha(p[i - 1]));
      if (ok && best->ascii_end && e < n && isAsciiAlpha(p[e])) {
        ok = asciiLower(p[e]) == 's' && (e + 1 >= n || !isAsciiAlpha(p[e + 1]));
      }
      if (ok && !visit(Hit{chars, chars + len, best->positive, best->negative})) return;
      i = e;
      chars += len;
    }
  }

  struct Entry {
    std::string bytes;  // ASCII lower-cased
    RuleMask positive = 0;
    RuleMask negative = 0;
    bool ascii_start = false;
    bool ascii_end = false;
  };

  KeywordModel() {
    std::unordered_map<std::string, std::size_t> index;
    const auto add = [&](std::string_view keyword, RuleMask positive, RuleMask negative) {
      if (keyword.empty()) return;
      std::string key(keyword);
      for (char& c : key) c = static_cast<char>(asciiLower(static_cast<unsigned char>(c)));
      auto [it, inserted] = index.emplace(key, entries_.size());
      if (inserted) {
        entries_.push_back({key, 0, 0, isAsciiAlpha(static_cast<unsigned char>(key.front())),
                            isAsciiAlpha(static_cast<unsigned char>(key.back()))});
      }
      entries_[it->second].positive |= positive;
      entries_[it->second].negative |= negative;
    };
    for (const scanner::RuleInfo& rule : scanner::ruleCatalog()) {
      for (std::string_view k : rule.keywords) add(k, ruleBit(rule.id), 0);
      for (std::string_view k : rule.negative_keywords) add(k, 0, ruleBit(rule.id));
    }
    for (std::string_view k : scanner::negativeKeywords()) add(k, 0, kNumericRules);
    for (const scanner::BankInfo& bank : scanner::bankCatalog())
      for (std::string_view k : bank.names) add(k, ruleBit(RuleId::kKrBankAccount), 0);
    // Keywords by their first code point (all are in the BMP), longest first.
    bucket_of_.assign(0x10000, -1);
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      const auto* b = reinterpret_cast<const unsigned char*>(entries_[i].bytes.data());
      const std::uint32_t cp = firstCodePoint(b, entries_[i].bytes.size());
      if (bucket_of_[cp] < 0) {
        bucket_of_[cp] = static_cast<std::int32_t>(buckets_.size());
        buckets_.emplace_back();
      }
      buckets_[static_cast<std::size_t>(bucket_of_[cp])].push_back(static_cast<std::uint16_t>(i));
    }
    for (auto& list : buckets_) {
      std::stable_sort(list.begin(), list.end(), [&](std::uint16_t a, std::uint16_t b) {
        return entries_[a].bytes.size() > entries_[b].bytes.size();
      });
    }
  }

  // The first code point of p[0..n), ASCII lower-cased (0 for a stray continuation byte).
  static std::uint32_t firstCodePoint(const unsigned char* p, std::size_t n) {
    const unsigned char c = p[0];
    if (c < 0x80) return asciiLower(c);
    const int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (len == 1 || static_cast<std::size_t>(len) > n) return 0;
    std::uint32_t cp = c & (0x7F >> len);
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (p[k] & 0x3F);
    return cp;
  }

  static bool matches(const std::string& keyword, const unsigned char* p, std::size_t n) {
    if (keyword.size() > n) return false;
    for (std::size_t k = 0; k < keyword.size(); ++k)
      if (asciiLower(p[k]) != static_cast<unsigned char>(keyword[k])) return false;
    return true;
  }

  std::vector<Entry> entries_;
  std::vector<std::int32_t> bucket_of_;  // first code point -> index into buckets_, or -1
  std::vector<std::vector<std::uint16_t>> buckets_;
};

// What decides whether a planted value keeps its confidence, or a trap stays unreported, given the
// keywords around it (DETECTION.md §3.14 and the detector's tie-breaks). Conservative: "fails"
// means "cannot vouch for the outcome", and the caller draws another line.
struct Placement {
  const Item* item = nullptr;
  std::uint64_t begin = 0, end = 0;  // characters
  bool header = false;  // table cell under a header that is a keyword of its rule (or, for a trap,
                        // a negative label): distance 0, nothing is nearer
  // Planted values: weighted distance of the nearest keyword of its own rule, and whether one is
  // within kLabelReach.
  std::uint64_t own = kFar;
  bool own_near = false;
  // Traps: weighted distance of the nearest negative label per rule, and the rules whose negative
  // label sits directly before it (within 12 characters: detector.cpp kDirectLabelChars).
  std::array<std::uint64_t, scanner::kRuleCount> negative{};
  RuleMask direct = 0;
};

bool constrained(const Item& item) {
  return item.planted ? item.needs_label || item.negative_sensitive || item.hard_rivals != 0 ||
                            item.soft_rivals != 0
                      : item.exposure != 0;
}

// Weighted distance as the detector computes it: keywords after a value count double (+4).
std::uint64_t weighted(const Hit& h, std::uint64_t begin, std::uint64_t end) {
  return h.end <= begin ? begin - h.end : 2 * (h.begin - end) + 4;
}
bool inWindow(const Hit& h, std::uint64_t begin, std::uint64_t end, std::uint64_t reach) {
  if (h.begin < end && h.end > begin) return false;  // inside the value itself
  return h.end <= begin ? begin - h.end <= reach : h.begin - end <= reach;
}

template <typename F>
void forEachRule(RuleMask mask, F f) {
  for (std::size_t r = 0; r < scanner::kRuleCount; ++r)
    if (mask & (RuleMask{1} << r)) f(r);
}

// Folds the keywords of `hits` that describe the value itself (its own keyword, its labels) into
// `p`. Called once per segment that comes within reach.
void note(Placement& p, std::span<const Hit> hits) {
  if (p.header) {
    p.own = 0;
    p.own_near = true;
  }
  const Item& it = *p.item;
  for (const Hit& h : hits) {
    if (!inWindow(h, p.begin, p.end, kWindow)) continue;
    const std::uint64_t d = weighted(h, p.begin, p.end);
    if (it.planted) {
      // Credit only keywords well inside the detector's window (rivals and negative labels count
      // from further away): the model errs on the side of refusing a placement.
      if (!(h.positive & ruleBit(it.rule)) || !inWindow(h, p.begin, p.end, kLabelReach)) continue;
      p.own = std::min(p.own, d);
      p.own_near = true;
    } else {
      forEachRule(h.negative & it.exposure, [&](std::size_t r) {
        p.negative[r] = std::min(p.negative[r], d);
        if (h.end <= p.begin && p.begin - h.end <= 12) p.direct |= RuleMask{1} << r;
      });
    }
  }
}

bool acceptable(const Placement& p, std::span<const Hit> hits) {
  const Item& it = *p.item;
  if (!it.planted) {
    // A keyword of a rule the trap could pass for raises it to medium or above, unless a negative
    // label sits directly before it and is strictly nearer than that keyword (detector.cpp
    // score()).
    if (p.header) return true;
    for (const Hit& h : hits) {
      if (!(h.positive & it.exposure) || !inWindow(h, p.begin, p.end, kWindow)) continue;
      const std::uint64_t d = weighted(h, p.begin, p.end);
      bool ok = true;
      forEachRule(h.positive & it.exposure, [&](std::size_t r) {
        if (!((p.direct >> r) & 1) || !(d > p.negative[r] + 1)) ok = false;
      });
      if (!ok) return false;
    }
    return true;
  }
  const RuleMask own = ruleBit(it.rule);
  for (const Hit& h : hits) {
    if (!inWindow(h, p.begin, p.end, kWindow)) continue;
    const std::uint64_t d = weighted(h, p.begin, p.end);
    // A negative label counts unless a keyword of the rule is nearer (detector.cpp, score()).
    if (it.negative_sensitive && (h.negative & own) && !(p.own + 1 < d)) return false;
    // A rival whose keyword is near may reach high; only a nearer own keyword at high wins the tie.
    if ((h.positive & it.hard_rivals) && !(it.high_with_label && p.own < d)) return false;
    if ((h.positive & it.soft_rivals) && !(p.own < d)) return false;
  }
  return true;
}

// --- segments and the document writer ------------------------------------------------------------
struct LocalItem {
  Item item;
  std::size_t offset = 0;  // bytes into Segment::text
  bool header = false;
};

// A piece of a document that is accepted or re-drawn as a whole: a sentence, a form line, a table
// row, a log line.
struct Segment {
  std::string text;
  std::vector<LocalItem> items;
};

// Appends segments to a document and records their values, refusing a segment that would change
// the outcome of a value near it (or of its own values). Keywords are looked up only around values
// that the model constrains, lazily, so a benchmark document with one value in 200 lines is scanned
// for a few percent of its text.
class Writer {
 public:
  explicit Writer(SyntheticDocument& doc) : doc_(doc) {}

  std::size_t size() const { return doc_.text.size(); }

  // Appends `seg` if its values are distinct and the context model vouches for every value near it;
  // otherwise writes nothing and returns false.
  bool commit(const Segment& seg) {
    for (std::size_t i = 0; i < seg.items.size(); ++i) {
      if (used_.contains(seg.items[i].item.key)) return false;
      for (std::size_t j = 0; j < i; ++j)
        if (seg.items[j].item.key == seg.items[i].item.key) return false;
    }

    const std::uint64_t seg_begin = chars_;
    const std::uint64_t seg_end = seg_begin + charCount(seg.text);
    while (!open_.empty() && open_.front().placement.end + kWindow <= seg_begin) open_.pop_front();
    while (recent_.size() > 1 && recent_.front().char_end + 2 * kWindow < seg_begin)
      recent_.pop_front();

    // Only values whose outcome keywords can change are tracked (not e-mails, passwords, IPv6).
    std::vector<Placement> local;
    for (const LocalItem& li : seg.items) {
      if (!constrained(li.item)) continue;
      Placement p;
      p.item = &li.item;
      p.begin = seg_begin + charCount(std::string_view(seg.text).substr(0, li.offset));
      p.end = p.begin + charCount(li.item.text);
      p.header = li.header;
      p.negative.fill(kFar);
      local.push_back(p);
    }
    const bool check = !local.empty() || !open_.empty();
    std::vector<Hit> seg_hits;
    if (check) KeywordModel::instance().find(seg.text, seg_begin, seg_hits);

    // Values placed earlier whose window reaches into this segment.
    std::vector<Placement> updated;
    for (const OpenItem& o : open_) {
      Placement p = o.placement;
      p.item = &o.item;
      note(p, seg_hits);
      if (!acceptable(p, seg_hits)) return false;
      updated.push_back(p);
    }
    // This segment's values, against everything within reach.
    if (!local.empty()) {
      std::vector<Hit> around;
      std::uint64_t from = seg_begin;
      for (const Placement& p : local) from = std::min(from, p.begin);
      for (Recent& r : recent_) {
        if (r.char_end + kWindow < from) continue;
        if (!r.scanned) {
          KeywordModel::instance().find(
              std::string_view(doc_.text).substr(r.byte_begin, r.byte_end - r.byte_begin),
              r.char_begin, r.hits);
          r.scanned = true;
        }
        around.insert(around.end(), r.hits.begin(), r.hits.end());
      }
      around.insert(around.end(), seg_hits.begin(), seg_hits.end());
      for (Placement& p : local) {
        note(p, around);
        if (p.item->planted && p.item->needs_label && !p.own_near) return false;
        if (!acceptable(p, around)) return false;
      }
    }

    // Accepted: write it down.
    const std::size_t base = doc_.text.size();
    doc_.text += seg.text;
    for (const LocalItem& li : seg.items) {
      used_.insert(li.item.key);
      if (li.item.planted) {
        doc_.planted.push_back({li.item.rule, li.item.text, base + li.offset});
      } else {
        doc_.traps.push_back({li.item.kind, li.item.text, base + li.offset});
      }
    }
    for (std::size_t i = 0; i < open_.size(); ++i) {
      open_[i].placement = updated[i];
      open_[i].placement.item = nullptr;
    }
    for (const Placement& p : local) {
      OpenItem o{*p.item, p};
      o.placement.item = nullptr;
      open_.push_back(std::move(o));
    }
    recent_.push_back({base, doc_.text.size(), seg_begin, seg_end, check, std::move(seg_hits)});
    chars_ = seg_end;
    return true;
  }

 private:
  // A constrained value whose window still reaches past the end of the text: later segments are
  // checked against it.
  struct OpenItem {
    Item item;
    Placement placement;
  };
  // A committed segment within reach of the next values, with its keywords once looked up.
  struct Recent {
    std::size_t byte_begin, byte_end;
    std::uint64_t char_begin, char_end;
    bool scanned;
    std::vector<Hit> hits;
  };

  SyntheticDocument& doc_;
  std::unordered_set<std::string> used_;
  std::deque<OpenItem> open_;
  std::deque<Recent> recent_;
  std::uint64_t chars_ = 0;
};

// --- weights -------------------------------------------------------------------------------------
struct Weighted {
  RuleId rule;
  int weight;
};
constexpr Weighted kProseRules[] = {
    {RuleId::kKrRrn, 12},        {RuleId::kKrFrn, 5},
    {RuleId::kKrPassport, 6},    {RuleId::kKrDriverLicense, 6},
    {RuleId::kKrPhone, 15},      {RuleId::kCardNumber, 7},
    {RuleId::kKrBankAccount, 8}, {RuleId::kKrHealthInsurance, 5},
    {RuleId::kKrBrn, 6},         {RuleId::kKrCrn, 5},
    {RuleId::kEmail, 9},         {RuleId::kIpv4, 4},
    {RuleId::kIpv6, 2},          {RuleId::kPassword, 4},
};
constexpr Weighted kLogRules[] = {
    {RuleId::kEmail, 30},   {RuleId::kIpv4, 25}, {RuleId::kIpv6, 18},      {RuleId::kKrPhone, 10},
    {RuleId::kPassword, 8}, {RuleId::kKrRrn, 5}, {RuleId::kCardNumber, 5},
};
constexpr Weighted kConfigRules[] = {
    {RuleId::kPassword, 40}, {RuleId::kEmail, 25}, {RuleId::kIpv4, 20},
    {RuleId::kKrPhone, 10},  {RuleId::kIpv6, 5},
};

struct WeightedTrap {
  TrapKind kind;
  int weight;
};
constexpr WeightedTrap kTextTraps[] = {
    {TrapKind::kEan13, 6},          {TrapKind::kOrderNumber, 8},  {TrapKind::kReceiptNumber, 6},
    {TrapKind::kDocumentNumber, 4}, {TrapKind::kTimestamp, 4},    {TrapKind::kCompactTimestamp, 5},
    {TrapKind::kDate, 4},           {TrapKind::kTracking, 5},     {TrapKind::kModelCode, 3},
    {TrapKind::kPartCode, 4},       {TrapKind::kMasked, 8},       {TrapKind::kIsbn, 4},
    {TrapKind::kAmount, 4},         {TrapKind::kVersion, 3},      {TrapKind::kFax, 5},
    {TrapKind::kBusinessNumber, 4}, {TrapKind::kTollFree, 2},     {TrapKind::kStatute, 4},
    {TrapKind::kPostalCode, 3},     {TrapKind::kSerialNumber, 5},
};
constexpr WeightedTrap kLogTraps[] = {
    {TrapKind::kCompactTimestamp, 8}, {TrapKind::kVersion, 6},
    {TrapKind::kMacAddress, 6},       {TrapKind::kLoopback, 3},
    {TrapKind::kOrderNumber, 5},      {TrapKind::kTracking, 3},
    {TrapKind::kMasked, 6},           {TrapKind::kSerialNumber, 4},
    {TrapKind::kTimestamp, 2},        {TrapKind::kEan13, 2},
};
constexpr WeightedTrap kConfigTraps[] = {
    {TrapKind::kCompactTimestamp, 6}, {TrapKind::kVersion, 6}, {TrapKind::kSerialNumber, 4},
    {TrapKind::kMasked, 2},           {TrapKind::kFax, 2},     {TrapKind::kMacAddress, 2},
};

template <typename T>
const T& pickWeighted(Rng& rng, std::span<const T> items) {
  int total = 0;
  for (const T& t : items) total += t.weight;
  int r = static_cast<int>(rng.below(static_cast<std::uint64_t>(total)));
  for (const T& t : items) {
    if (r < t.weight) return t;
    r -= t.weight;
  }
  return items.back();
}

// --- tables --------------------------------------------------------------------------------------
enum class Col : std::uint8_t {
  kSeq,
  kName,
  kEnName,
  kDept,
  kDate,
  kDateTime,
  kAmount,
  kStatus,
  kNote,
  kAddress,
  kNationality,
  kCompany,
  kItem,
  // personal data, under a header that is a keyword of the rule
  kRrn,
  kFrn,
  kMobile,
  kPhone,
  kEmail,
  kBank,
  kAccount,
  kCard,
  kBrn,
  kCrn,
  kPassport,
  kDl,
  kHealth,
  kIp,
  // hard negatives, under a header that is a negative label
  kOrderNo,
  kBarcode,
  kTracking,
  kReceipt,
  kSerial,
  kPostal,
  kModel,
};

struct Column {
  Col type;
  std::string_view header;
};

constexpr Column kThemeMinwon[] = {{Col::kSeq, "번호"},        {Col::kReceipt, "접수번호"},
                                   {Col::kName, "성명"},       {Col::kRrn, "주민등록번호"},
                                   {Col::kMobile, "연락처"},   {Col::kEmail, "이메일"},
                                   {Col::kAddress, "주소"},    {Col::kDate, "접수일"},
                                   {Col::kStatus, "처리상태"}, {Col::kNote, "비고"}};
constexpr Column kThemePayees[] = {{Col::kSeq, "연번"},         {Col::kName, "성명"},
                                   {Col::kRrn, "주민번호"},     {Col::kBank, "은행"},
                                   {Col::kAccount, "계좌번호"}, {Col::kAmount, "지급액"},
                                   {Col::kNote, "비고"}};
constexpr Column kThemeOrders[] = {{Col::kOrderNo, "주문번호"},  {Col::kDateTime, "주문일시"},
                                   {Col::kName, "수령인"},       {Col::kMobile, "휴대폰"},
                                   {Col::kAddress, "배송지"},    {Col::kPostal, "우편번호"},
                                   {Col::kTracking, "송장번호"}, {Col::kItem, "상품명"},
                                   {Col::kBarcode, "바코드"},    {Col::kAmount, "금액"}};
constexpr Column kThemeVendors[] = {{Col::kSeq, "번호"},           {Col::kCompany, "업체명"},
                                    {Col::kBrn, "사업자등록번호"}, {Col::kCrn, "법인등록번호"},
                                    {Col::kName, "담당자"},        {Col::kPhone, "전화번호"},
                                    {Col::kEmail, "이메일"},       {Col::kAddress, "소재지"}};
constexpr Column kThemeAccess[] = {{Col::kDateTime, "접속일시"}, {Col::kName, "사용자"},
                                   {Col::kDept, "부서"},         {Col::kIp, "접속IP"},
                                   {Col::kStatus, "결과"},       {Col::kNote, "비고"}};
constexpr Column kThemeForeign[] = {{Col::kSeq, "번호"},          {Col::kEnName, "성명(영문)"},
                                    {Col::kNationality, "국적"},  {Col::kFrn, "외국인등록번호"},
                                    {Col::kPassport, "여권번호"}, {Col::kMobile, "연락처"},
                                    {Col::kNote, "비고"}};
constexpr Column kThemeDrivers[] = {{Col::kSeq, "번호"},        {Col::kName, "성명"},
                                    {Col::kDept, "소속"},       {Col::kDl, "운전면허번호"},
                                    {Col::kMobile, "휴대전화"}, {Col::kNote, "비고"}};
constexpr Column kThemeHealth[] = {
    {Col::kSeq, "번호"},      {Col::kName, "성명"},   {Col::kHealth, "건강보험증번호"},
    {Col::kMobile, "연락처"}, {Col::kDate, "검진일"}, {Col::kNote, "비고"}};
constexpr Column kThemeCards[] = {{Col::kDateTime, "사용일시"}, {Col::kCard, "카드번호"},
                                  {Col::kCompany, "가맹점"},    {Col::kAmount, "금액"},
                                  {Col::kName, "사용자"},       {Col::kNote, "비고"}};
constexpr Column kThemeAssets[] = {{Col::kSerial, "관리번호"}, {Col::kItem, "품명"},
                                   {Col::kModel, "모델명"},    {Col::kDept, "사용부서"},
                                   {Col::kDate, "취득일"},     {Col::kAmount, "취득가액"}};
constexpr Column kThemeEnContacts[] = {{Col::kSeq, "No"},          {Col::kEnName, "Name"},
                                       {Col::kMobile, "Phone"},    {Col::kEmail, "Email"},
                                       {Col::kDept, "Department"}, {Col::kNote, "Note"}};
constexpr Column kThemeEnPayees[] = {{Col::kEnName, "Name"},
                                     {Col::kBank, "Bank"},
                                     {Col::kAccount, "Account number"},
                                     {Col::kAmount, "Amount"},
                                     {Col::kNote, "Note"}};
constexpr Column kThemeEnVendors[] = {{Col::kCompany, "Vendor"},
                                      {Col::kBrn, "Business registration number"},
                                      {Col::kPhone, "Phone"},
                                      {Col::kEmail, "E-mail"},
                                      {Col::kDate, "Registered"}};
constexpr Column kThemeEnAccess[] = {{Col::kDateTime, "Time"},
                                     {Col::kEnName, "User"},
                                     {Col::kIp, "IP address"},
                                     {Col::kStatus, "Result"}};

struct Theme {
  std::span<const Column> columns;
  bool english;
  std::string_view stem;  // file name
};
constexpr Theme kThemes[] = {
    {kThemeMinwon, false, "민원접수_목록"},    {kThemePayees, false, "지급대상자_명단"},
    {kThemeOrders, false, "주문배송_내역"},    {kThemeVendors, false, "업체현황"},
    {kThemeAccess, false, "접속기록"},         {kThemeForeign, false, "외국인근로자_현황"},
    {kThemeDrivers, false, "운전원_명단"},     {kThemeHealth, false, "건강검진_대상자"},
    {kThemeCards, false, "법인카드_사용내역"}, {kThemeAssets, false, "물품관리대장"},
    {kThemeMinwon, false, "민원처리_현황"},    {kThemePayees, false, "수당지급_명단"},
    {kThemeEnContacts, true, "contacts"},      {kThemeEnPayees, true, "payees"},
    {kThemeEnVendors, true, "vendors"},        {kThemeEnAccess, true, "access_list"},
};

bool isPiiColumn(Col c) { return c >= Col::kRrn && c <= Col::kIp && c != Col::kBank; }
bool isTrapColumn(Col c) { return c >= Col::kOrderNo; }

// --- small formatting helpers --------------------------------------------------------------------
std::string pad2(int v) {
  v %= 100;
  return {static_cast<char>('0' + v / 10), static_cast<char>('0' + v % 10)};
}

std::string withCommas(std::uint64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
    s.insert(static_cast<std::size_t>(i), ",");
  return s;
}

// A wall clock for log lines, advancing by whole seconds.
struct Clock {
  int year = 2024, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  void advance(int seconds) {
    second += seconds;
    minute += second / 60;
    second %= 60;
    hour += minute / 60;
    minute %= 60;
    while (hour >= 24) {
      hour -= 24;
      static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
      const int days = month == 2 && leap ? 29 : kDays[month - 1];
      if (++day > days) {
        day = 1;
        if (++month > 12) {
          month = 1;
          ++year;
        }
      }
    }
  }
  std::string date(char sep) const {
    return std::to_string(year) + sep + pad2(month) + sep + pad2(day);
  }
  std::string time() const { return pad2(hour) + ":" + pad2(minute) + ":" + pad2(second); }
};

// --- the document builder ------------------------------------------------------------------------
class Builder {
 public:
  Builder(Rng& rng, const CorpusOptions& options, SyntheticDocument& doc)
      : rng_(rng), options_(options), writer_(doc) {}

  void build(DocumentKind kind, std::size_t target) {
    target_ = target;
    english_ = (kind == DocumentKind::kProse || kind == DocumentKind::kForm) &&
               rng_.chance(options_.english_share);
    eol_ = (kind != DocumentKind::kLog && kind != DocumentKind::kConfig && rng_.chance(0.25))
               ? "\r\n"
               : "\n";
    switch (kind) {
      case DocumentKind::kProse:
        prose();
        break;
      case DocumentKind::kForm:
        form();
        break;
      case DocumentKind::kCsv:
        table(',');
        break;
      case DocumentKind::kTsv:
        table('\t');
        break;
      case DocumentKind::kLog:
        log();
        break;
      case DocumentKind::kConfig:
        config();
        break;
    }
  }

  bool english() const { return english_; }
  // The file-name stem the content suggests (tables), or empty.
  std::string_view stem() const { return stem_; }

 private:
  const synth::LanguagePhrases& phrases() const {
    return english_ ? synth::englishPhrases() : synth::koreanPhrases();
  }
  bool full() const { return writer_.size() >= target_; }

  // Emits one segment made by `make(seg, with_items)`. After a few refusals the segment is made
  // without values; as a last resort a keyword-free plain line is written.
  template <typename Make>
  void emit(Make make, std::string_view fallback) {
    for (int attempt = 0; attempt < 10; ++attempt) {
      Segment seg;
      make(seg, attempt < 6);
      if (writer_.commit(seg)) return;
    }
    Segment plain;
    plain.text = std::string(fallback);
    if (!writer_.commit(plain)) {
      plain.text = eol_;
      writer_.commit(plain);  // cannot fail: no values, no keywords
    }
  }

  std::string plainLine() { return std::string(rng_.pick(phrases().plain)) + eol_; }

  // --- placeholders ------------------------------------------------------------------------------
  std::string koName() {
    for (;;) {
      std::string n = synth::koreanName(rng_);
      if (!KeywordModel::instance().any(n)) return n;
    }
  }
  std::string enName() {
    for (;;) {
      std::string n = synth::englishName(rng_);
      if (!KeywordModel::instance().any(n)) return n;
    }
  }
  std::string koDate() {
    const int y = rng_.range(2019, 2026), m = rng_.range(1, 12), d = rng_.range(1, 28);
    switch (rng_.below(4)) {
      case 0:
        return std::to_string(y) + ". " + std::to_string(m) + ". " + std::to_string(d) + ".";
      case 1:
        return std::to_string(m) + "월 " + std::to_string(d) + "일";
      case 2:
        return std::to_string(y) + "년 " + std::to_string(m) + "월 " + std::to_string(d) + "일";
      default:
        return std::to_string(y) + "-" + pad2(m) + "-" + pad2(d);
    }
  }
  std::string enDate() {
    static constexpr std::string_view kMonths[] = {"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};
    const int y = rng_.range(2019, 2026), d = rng_.range(1, 28);
    const std::string month(rng_.pick(kMonths));
    return rng_.chance(0.5) ? month + " " + std::to_string(d) + ", " + std::to_string(y)
                            : std::to_string(d) + " " + month + " " + std::to_string(y);
  }
  std::string koAmount() {
    switch (rng_.below(3)) {
      case 0:
        return withCommas((rng_.below(9999) + 1) * 1000) + "원";
      case 1:
        return std::to_string(rng_.range(1, 9999)) + "만 원";
      default:
        return std::to_string(rng_.range(1, 99)) + "억 " + std::to_string(rng_.range(1, 9)) +
               "천만 원";
    }
  }

  // Appends `tmpl` to `seg`, expanding placeholders; {v} becomes `label` + the item's text.
  void expand(std::string_view tmpl, Segment& seg, const Item* item = nullptr,
              std::string_view label = {}, std::string_view bank = {}) {
    std::size_t i = 0;
    while (i < tmpl.size()) {
      const std::size_t open = tmpl.find('{', i);
      if (open == std::string_view::npos) {
        seg.text.append(tmpl.substr(i));
        break;
      }
      const std::size_t close = tmpl.find('}', open);
      if (close == std::string_view::npos) {
        seg.text.append(tmpl.substr(i));
        break;
      }
      seg.text.append(tmpl.substr(i, open - i));
      const std::string_view name = tmpl.substr(open + 1, close - open - 1);
      i = close + 1;
      if (name == "v" && item != nullptr) {
        seg.text.append(label);
        seg.items.push_back({*item, seg.text.size(), false});
        seg.text.append(item->text);
      } else {
        seg.text.append(fill(name, bank));
      }
    }
  }

  std::string fill(std::string_view name, std::string_view bank) {
    const auto& ph = phrases();
    if (name == "name") return koName();
    if (name == "en_name") return enName();
    if (name == "org") return std::string(rng_.pick(ph.orgs));
    if (name == "dept") return std::string(rng_.pick(ph.depts));
    if (name == "place") return std::string(rng_.pick(ph.places));
    if (name == "topic") return std::string(rng_.pick(ph.topics));
    if (name == "company") return std::string(rng_.pick(synth::companies()));
    if (name == "bank") return std::string(bank);
    if (name == "date") return english_ ? enDate() : koDate();
    if (name == "en_date") return enDate();
    if (name == "time") return pad2(rng_.range(9, 18)) + ":" + (rng_.chance(0.5) ? "00" : "30");
    if (name == "n") return std::to_string(rng_.range(2, 40));
    if (name == "nn") return withCommas(rng_.below(9900) + 100);
    if (name == "amount")
      return english_ ? "KRW " + withCommas((rng_.below(99999) + 1) * 1000) : koAmount();
    if (name == "en_amount") return "KRW " + withCommas((rng_.below(99999) + 1) * 1000);
    if (name == "pct") return std::to_string(rng_.range(3, 98)) + (rng_.chance(0.3) ? ".5%" : "%");
    if (name == "year") return std::to_string(rng_.range(2019, 2026)) + (english_ ? "" : "년");
    if (name == "address") {
      Segment tmp;
      expand(rng_.pick(synth::koreanAddresses()), tmp);
      return tmp.text;
    }
    return "{" + std::string(name) + "}";
  }

  // --- values ------------------------------------------------------------------------------------
  // A planted value of `rule`; for accounts `bank` is set to the bank name to write with it.
  Item value(RuleId rule, std::string& bank, bool allow_landline = true) {
    bank.clear();
    switch (rule) {
      case RuleId::kKrRrn:
        return synth::makeRrn(rng_);
      case RuleId::kKrFrn:
        return synth::makeFrn(rng_);
      case RuleId::kKrPassport:
        return synth::makePassport(rng_);
      case RuleId::kKrDriverLicense:
        return synth::makeDriverLicense(rng_);
      case RuleId::kKrPhone:
        return allow_landline && rng_.chance(0.3) ? synth::makeLandline(rng_)
                                                  : synth::makeMobile(rng_);
      case RuleId::kCardNumber:
        return synth::makeCard(rng_);
      case RuleId::kKrBankAccount: {
        std::size_t index = 0;
        Item item = synth::makeAccount(rng_, index);
        bank = scanner::bankCatalog()[index].names.front();
        return item;
      }
      case RuleId::kKrHealthInsurance:
        return synth::makeHealthInsurance(rng_);
      case RuleId::kKrBrn:
        return synth::makeBrn(rng_);
      case RuleId::kKrCrn:
        return synth::makeCrn(rng_);
      case RuleId::kEmail:
        return synth::makeEmail(rng_);
      case RuleId::kIpv4:
        return synth::makeIpv4(rng_);
      case RuleId::kIpv6:
        return synth::makeIpv6(rng_);
      case RuleId::kPassword:
        return password(english_ ? "password" : "비밀번호");
      case RuleId::kKrAddress:
      case RuleId::kPersonName:
      case RuleId::kBirthDate:
      case RuleId::kSensitiveHealth:
      case RuleId::kAgeSex:
        break;  // never drawn here: the unstructured rules have their own generator
    }
    return synth::makeEmail(rng_);
  }

  // A password planted as the span the rule matches: keyword, separator, value.
  Item password(std::string_view keyword) {
    static constexpr std::string_view kSeps[] = {": ", ": ", ":", " : ", "=", " = "};
    const std::string value = synth::makePasswordValue(rng_);
    Item item;
    item.planted = true;
    item.rule = RuleId::kPassword;
    item.text = std::string(keyword) + std::string(rng_.pick(kSeps)) + value;
    item.key = "password:" + value;
    return item;
  }

  std::string_view passwordKeyword() {
    static constexpr std::string_view kKo[] = {"비밀번호", "비밀번호", "패스워드", "비번"};
    static constexpr std::string_view kEn[] = {"password", "Password", "PASSWORD"};
    return english_ ? rng_.pick(kEn) : rng_.pick(kKo);
  }

  Item trap(TrapKind kind, std::string& label) {
    return synth::makeTrap(rng_, kind, label, english_);
  }

  // A sentence with a planted value of `rule`: behind its keyword when it needs one, otherwise
  // labelled about half of the time (an unlabelled mobile or e-mail is as common as a labelled
  // one).
  void valueSentence(Segment& seg, RuleId rule) {
    std::string bank;
    Item item = rule == RuleId::kPassword ? password(passwordKeyword()) : value(rule, bank);
    const Phrases bare = synth::valueSentences(rule, english_, false);
    const bool labelled = item.needs_label || bare.empty() || rng_.chance(0.55);
    const Phrases templates = synth::valueSentences(rule, english_, labelled);
    expand(rng_.pick(templates), seg, &item, {}, bank);
  }

  // A fragment that ends on a value ("연락처 010-1234-5678") gets a full stop, as in real prose:
  // otherwise the next sentence may start with digits that a pattern joins to this value across
  // the space. Not after a password, whose value would take the stop in.
  static void endFragment(Segment& seg) {
    if (seg.text.empty() || !std::isalnum(static_cast<unsigned char>(seg.text.back()))) return;
    for (const LocalItem& li : seg.items)
      if (li.item.planted && li.item.rule == RuleId::kPassword) return;
    seg.text += '.';
  }

  void trapSentence(Segment& seg, std::span<const WeightedTrap> kinds) {
    std::string label;
    const Item item = trap(pickWeighted(rng_, kinds).kind, label);
    expand(rng_.pick(phrases().trap), seg, &item, label);
  }

  // --- prose -------------------------------------------------------------------------------------
  // Paragraphs of two to six sentences; each sentence carries a value with probability pii_rate,
  // else a trap with probability trap_rate, else it is filler.
  void prose() {
    Segment title;
    expand(rng_.pick(phrases().titles), title);
    title.text += eol_;
    title.text += eol_;
    writer_.commit(title);
    while (!full()) {
      if (rng_.chance(0.12)) {
        Segment heading;
        heading.text = std::string(rng_.pick(phrases().headings)) + eol_;
        writer_.commit(heading);
      }
      const int sentences = rng_.range(2, 6);
      for (int s = 0; s < sentences; ++s) {
        const bool last = s + 1 == sentences;
        const std::string end = last ? (rng_.chance(0.5) ? eol_ + eol_ : eol_) : " ";
        emit(
            [&](Segment& seg, bool with_items) {
              if (with_items && rng_.chance(options_.pii_rate)) {
                valueSentence(seg, pickWeighted<Weighted>(rng_, kProseRules).rule);
                endFragment(seg);
              } else if (with_items && rng_.chance(options_.trap_rate)) {
                trapSentence(seg, kTextTraps);
                endFragment(seg);
              } else {
                expand(rng_.pick(phrases().filler), seg);
                if (!options_.cp949_only && rng_.chance(0.15))
                  seg.text += " " + std::string(rng_.pick(synth::emojis()));
              }
              seg.text += end;
            },
            std::string(rng_.pick(phrases().plain)) + end);
      }
    }
  }

  // --- forms -------------------------------------------------------------------------------------
  std::string fieldPrefix(std::string_view label) {
    switch (rng_.below(6)) {
      case 0:
        return "- " + std::string(label) + ": ";
      case 1:
        return "□ " + std::string(label) + ": ";
      case 2:
        return std::string(label) + " : ";
      default:
        return std::string(label) + ": ";
    }
  }

  // The label a form puts before a trap that carries none of its own.
  std::string_view trapFieldLabel(const Item& item) {
    const std::string& k = item.kind;
    if (k == "masked") {
      if (item.text.find('@') != std::string::npos) return english_ ? "Email" : "이메일";
      if (item.text.starts_with("010")) return english_ ? "Phone" : "연락처";
      if (item.text.find("-****-****-") != std::string::npos)
        return english_ ? "Card number" : "카드번호";
      return english_ ? "RRN" : "주민등록번호";
    }
    if (k == "timestamp") return english_ ? "Created" : "등록일시";
    if (k == "date") return english_ ? "Date" : "신청일";
    if (k == "amount") return english_ ? "Amount" : item.text.ends_with("원") ? "금액" : "수량";
    if (k == "version") return english_ ? "Version" : "버전";
    if (k == "statute") return english_ ? "Legal basis" : "근거";
    if (k == "model code") return english_ ? "Model" : "모델";
    return english_ ? "Reference" : "참고";
  }

  // One "label: value" line: a value under a keyword label (sometimes a neutral one such as 비고
  // when the value needs none), a trap under its own negative label, or an ordinary field.
  void formField(Segment& seg, bool with_items) {
    if (with_items && rng_.chance(options_.pii_rate)) {
      const RuleId rule = pickWeighted<Weighted>(rng_, kProseRules).rule;
      if (rule == RuleId::kPassword) {
        // "□ 임시 비밀번호: Qw3r!x9": the planted span starts at the keyword.
        const std::string_view label = rng_.pick(synth::formLabels(rule, english_, true));
        const std::string_view keyword = english_ ? "Password" : "비밀번호";
        const std::string prefix = fieldPrefix(label);
        const std::size_t at = prefix.rfind(keyword);
        const std::string value = synth::makePasswordValue(rng_);
        Item item;
        item.rule = RuleId::kPassword;
        item.key = "password:" + value;
        item.text = prefix.substr(at) + value;
        seg.text = prefix.substr(0, at);
        seg.items.push_back({item, seg.text.size(), false});
        seg.text += item.text;
        seg.text += eol_;
        return;
      }
      std::string bank;
      Item item = value(rule, bank);
      const bool labelled = item.needs_label || rng_.chance(0.8);
      std::string_view label = rng_.pick(synth::formLabels(rule, english_, labelled));
      if (rule == RuleId::kKrPhone && item.needs_label) {
        // A fixed line under a fixed-line label (휴대폰 would be odd; both are keywords).
        static constexpr std::string_view kKo[] = {"전화번호", "자택 전화", "연락처",
                                                   "사무실 전화"};
        static constexpr std::string_view kEn[] = {"Tel.", "Phone", "Office phone"};
        label = english_ ? rng_.pick(kEn) : rng_.pick(kKo);
      }
      seg.text = fieldPrefix(label);
      if (!bank.empty() && rng_.chance(0.6)) seg.text += bank + " ";
      seg.items.push_back({item, seg.text.size(), false});
      seg.text += item.text;
    } else if (with_items && rng_.chance(options_.trap_rate)) {
      std::string label;
      const Item item =
          trap(pickWeighted(rng_, std::span<const WeightedTrap>(kTextTraps)).kind, label);
      if (!label.empty()) {
        // The trap's own label is the field label ("주문번호: ..."), right before the value.
        while (!label.empty() && (label.back() == ' ' || label.back() == ':')) label.pop_back();
        seg.text = fieldPrefix(label);
      } else {
        seg.text = fieldPrefix(trapFieldLabel(item));
      }
      seg.items.push_back({item, seg.text.size(), false});
      seg.text += item.text;
    } else {
      const synth::FormField& f = rng_.pick(synth::neutralFormFields(english_));
      seg.text = fieldPrefix(f.label);
      expand(f.value, seg);
    }
    seg.text += eol_;
  }

  void form() {
    Segment head;
    expand(rng_.pick(phrases().titles), head);
    head.text += eol_ + eol_;
    writer_.commit(head);
    while (!full()) {
      const std::uint64_t r = rng_.below(100);
      if (r < 8) {
        Segment heading;
        heading.text = eol_ + std::string(rng_.pick(phrases().headings)) + eol_;
        writer_.commit(heading);
      } else if (r < 18) {
        emit(
            [&](Segment& seg, bool) {
              seg.text = english_ ? "* " : "※ ";
              expand(rng_.pick(phrases().filler), seg);
              seg.text += eol_;
            },
            plainLine());
      } else {
        emit([&](Segment& seg, bool with_items) { formField(seg, with_items); }, plainLine());
      }
    }
  }

  // --- tables ------------------------------------------------------------------------------------
  std::string cell(Col col, std::size_t row) {
    switch (col) {
      case Col::kSeq:
        return std::to_string(row);
      case Col::kName:
        return koName();
      case Col::kEnName:
        return enName();
      case Col::kDept:
        return std::string(rng_.pick(phrases().depts));
      case Col::kDate: {
        const std::string d = std::to_string(rng_.range(2019, 2026)) + "-" +
                              pad2(rng_.range(1, 12)) + "-" + pad2(rng_.range(1, 28));
        if (rng_.chance(0.3)) return d.substr(0, 4) + "." + d.substr(5, 2) + "." + d.substr(8);
        return d;
      }
      case Col::kDateTime: {
        Clock c;
        c.year = rng_.range(2019, 2026);
        c.month = rng_.range(1, 12);
        c.day = rng_.range(1, 28);
        c.advance(static_cast<int>(rng_.below(86400)));
        return c.date('-') + " " + c.time();
      }
      case Col::kAmount:
        return withCommas((rng_.below(9999) + 1) * 100);
      case Col::kStatus: {
        static constexpr std::string_view kKo[] = {"완료", "처리중", "반려", "보완요청",
                                                   "완료", "성공",   "실패"};
        static constexpr std::string_view kEn[] = {"done", "open", "rejected", "ok", "failed"};
        return std::string(english_ ? rng_.pick(kEn) : rng_.pick(kKo));
      }
      case Col::kNote: {
        static constexpr std::string_view kKo[] = {
            "",          "",          "",          "재방문 예정",
            "서류 보완", "우편 발송", "본인 수령", "대리 신청, 위임장 첨부"};
        static constexpr std::string_view kEn[] = {"",         "", "", "follow up", "sent by post",
                                                   "in person"};
        return std::string(english_ ? rng_.pick(kEn) : rng_.pick(kKo));
      }
      case Col::kAddress: {
        Segment tmp;
        expand(rng_.pick(synth::koreanAddresses()), tmp);
        return tmp.text;
      }
      case Col::kNationality: {
        static constexpr std::string_view kNations[] = {
            "베트남", "중국", "필리핀", "우즈베키스탄", "네팔", "캄보디아", "인도네시아", "미국"};
        return std::string(rng_.pick(kNations));
      }
      case Col::kCompany:
        return std::string(rng_.pick(synth::companies()));
      case Col::kItem: {
        static constexpr std::string_view kItems[] = {"복사용지 A4", "토너 카트리지", "노트북",
                                                      "모니터 27형", "사무용 의자",   "외장 하드",
                                                      "생수 2L",     "손소독제"};
        return std::string(rng_.pick(kItems));
      }
      default:
        return {};
    }
  }

  static RuleId ruleOf(Col c) {
    switch (c) {
      case Col::kRrn:
        return RuleId::kKrRrn;
      case Col::kFrn:
        return RuleId::kKrFrn;
      case Col::kMobile:
      case Col::kPhone:
        return RuleId::kKrPhone;
      case Col::kEmail:
        return RuleId::kEmail;
      case Col::kAccount:
        return RuleId::kKrBankAccount;
      case Col::kCard:
        return RuleId::kCardNumber;
      case Col::kBrn:
        return RuleId::kKrBrn;
      case Col::kCrn:
        return RuleId::kKrCrn;
      case Col::kPassport:
        return RuleId::kKrPassport;
      case Col::kDl:
        return RuleId::kKrDriverLicense;
      case Col::kHealth:
        return RuleId::kKrHealthInsurance;
      default:
        return RuleId::kIpv4;
    }
  }

  static TrapKind trapOf(Col c) {
    switch (c) {
      case Col::kOrderNo:
        return TrapKind::kOrderNumber;
      case Col::kBarcode:
        return TrapKind::kEan13;
      case Col::kTracking:
        return TrapKind::kTracking;
      case Col::kReceipt:
        return TrapKind::kReceiptNumber;
      case Col::kSerial:
        return TrapKind::kSerialNumber;
      case Col::kPostal:
        return TrapKind::kPostalCode;
      default:
        return TrapKind::kPartCode;
    }
  }

  // Masked forms people keep in registers instead of the value (§2.5): hard negatives.
  std::optional<Item> masked(Col col) {
    switch (col) {
      case Col::kRrn:
        return synth::makeMasked(rng_, synth::MaskedForm::kRegistration);
      case Col::kMobile:
      case Col::kPhone:
        return synth::makeMasked(rng_, synth::MaskedForm::kPhone);
      case Col::kCard:
        return synth::makeMasked(rng_, synth::MaskedForm::kCard);
      case Col::kEmail:
        return synth::makeMasked(rng_, synth::MaskedForm::kEmail);
      default:
        return std::nullopt;
    }
  }

  // Writes one field; `item` (may be null) is recorded at the field's value.
  void field(Segment& seg, char delim, const std::string& text, const Item* item, bool header) {
    const bool needs_quotes = delim == ',' && (text.find_first_of(",\"\n") != std::string::npos);
    const bool quoted = needs_quotes || (delim == ',' && !text.empty() && rng_.chance(0.08));
    if (quoted) seg.text += '"';
    if (item != nullptr) seg.items.push_back({*item, seg.text.size(), header});
    if (quoted) {
      for (char c : text) {
        if (c == '"') seg.text += '"';
        seg.text += c;
      }
      seg.text += '"';
    } else {
      seg.text += text;
    }
  }

  // A CSV/TSV register: a header row, then rows in which about pii_rate of the rows carry one to
  // three values, each under a header that is a keyword of its rule (the strongest context, §2.4);
  // the other personal-data cells are empty or masked. Trap columns (주문번호, 바코드, ...) sit
  // under negative labels. The bank column is filled only beside an account, as its context.
  void table(char delim) {
    const Theme& theme = rng_.pick(kThemes);
    english_ = theme.english;
    stem_ = theme.stem;
    const std::span<const Column> cols = theme.columns;
    Segment header;
    for (std::size_t c = 0; c < cols.size(); ++c) {
      if (c > 0) header.text += delim;
      field(header, delim, std::string(cols[c].header), nullptr, false);
    }
    header.text += eol_;
    writer_.commit(header);

    std::vector<std::size_t> pii;
    for (std::size_t c = 0; c < cols.size(); ++c)
      if (isPiiColumn(cols[c].type)) pii.push_back(c);
    std::size_t row = 1;
    while (!full()) {
      emit(
          [&](Segment& seg, bool with_items) {
            std::vector<bool> fill(cols.size(), false);
            if (with_items && !pii.empty() && rng_.chance(options_.pii_rate)) {
              const int n = rng_.range(1, static_cast<int>(std::min<std::size_t>(3, pii.size())));
              for (int k = 0; k < n; ++k) fill[pii[rng_.below(pii.size())]] = true;
            }
            std::vector<std::string> texts(cols.size());
            std::vector<std::optional<Item>> items(cols.size());
            std::vector<bool> headered(cols.size(), false);
            std::string bank;  // the bank of this row's account: its context (§3.7)
            for (std::size_t c = 0; c < cols.size(); ++c) {
              const Col col = cols[c].type;
              if (col == Col::kBank) continue;
              if (isPiiColumn(col)) {
                if (fill[c]) {
                  std::string this_bank;
                  items[c] = value(ruleOf(col), this_bank, col != Col::kMobile);
                  if (!this_bank.empty()) bank = this_bank;
                  headered[c] = true;
                } else if (with_items && rng_.chance(options_.trap_rate)) {
                  items[c] = masked(col);
                }
                if (items[c]) texts[c] = items[c]->text;
              } else if (isTrapColumn(col)) {
                if (with_items && rng_.chance(options_.trap_rate)) {
                  std::string label;
                  items[c] = trap(trapOf(col), label);
                  texts[c] = items[c]->text;
                  headered[c] = true;  // its column header is a negative label (distance 0)
                }
              } else {
                texts[c] = cell(col, row);
              }
            }
            for (std::size_t c = 0; c < cols.size(); ++c) {
              if (cols[c].type == Col::kBank) texts[c] = bank;
              if (c > 0) seg.text += delim;
              field(seg, delim, texts[c], items[c] ? &*items[c] : nullptr, headered[c]);
            }
            seg.text += eol_;
          },
          std::string(cols.size() - 1, delim) + eol_);
      ++row;
    }
  }

  // --- logs --------------------------------------------------------------------------------------
  // Application logs: one timestamped line per segment; values appear as key=value pairs the way
  // web applications log them (user=…, client_ip=…, password=… in a debug line).
  void log() {
    static constexpr std::string_view kLevels[] = {"INFO", "INFO",  "INFO", "INFO",
                                                   "INFO", "DEBUG", "WARN", "ERROR"};
    static constexpr std::string_view kThreads[] = {"http-nio-8080-exec-3", "scheduler-1", "main",
                                                    "worker-7", "batch-2"};
    static constexpr std::string_view kLoggers[] = {"k.g.minwon.AuthService",
                                                    "k.g.minwon.FileController",
                                                    "k.g.common.MailSender", "k.g.batch.StatJob"};
    static constexpr std::string_view kFiller[] = {
        "GC pause {n}ms",
        "scheduler: job stat_daily finished in {nn} ms",
        "cache hit ratio 0.{n}",
        "request completed status=200 elapsed={n}ms",
        "db pool active={n} idle={n}",
        "민원 목록 조회 page={n} size=20",
        "file upload completed size={nn}KB",
        "session expired after {n} minutes of inactivity",
        "health check ok",
        "batch 민원 통계 집계 완료 ({nn}건)",
        "template rendered in {n}ms",
        "retrying connection to db01.internal ({n}/5)",
        "report export started format=xlsx rows={nn}",
    };
    static constexpr std::string_view kTrapMessages[] = {
        "event detail: {v}",
        "processed {v}",
        "record {v} archived",
        "lookup key {v} not found",
    };
    const int style = static_cast<int>(rng_.below(3));
    Clock clock;
    clock.year = rng_.range(2019, 2026);
    clock.month = rng_.range(1, 12);
    clock.day = rng_.range(1, 28);
    clock.advance(static_cast<int>(rng_.below(86400)));
    while (!full()) {
      clock.advance(rng_.range(0, 40));
      std::string prefix;
      const std::string_view level = rng_.pick(kLevels);
      if (style == 0) {
        prefix = clock.date('-') + " " + clock.time() + "." + std::to_string(rng_.range(100, 999)) +
                 " " + std::string(level) + " [" + std::string(rng_.pick(kThreads)) + "] " +
                 std::string(rng_.pick(kLoggers)) + " - ";
      } else if (style == 1) {
        prefix = "[" + clock.date('-') + "T" + clock.time() + "+09:00] " + std::string(level) + " ";
      } else {
        prefix = clock.date('/') + " " + clock.time() + " [" + std::string(level) + "] " +
                 std::to_string(rng_.range(1000, 9999)) + "#0: ";
      }
      emit(
          [&](Segment& seg, bool with_items) {
            seg.text = prefix;
            if (with_items && rng_.chance(options_.pii_rate)) {
              logValue(seg, pickWeighted<Weighted>(rng_, kLogRules).rule);
            } else if (with_items && rng_.chance(options_.trap_rate)) {
              std::string label;
              const Item item =
                  trap(pickWeighted(rng_, std::span<const WeightedTrap>(kLogTraps)).kind, label);
              if (item.kind == "loopback") {
                seg.text += "listening on [";
                seg.items.push_back({item, seg.text.size(), false});
                seg.text += item.text + "]:" + std::to_string(rng_.range(1024, 9999));
              } else if (item.kind == "version") {
                expand("agent version {v} started", seg, &item);
              } else {
                expand(rng_.pick(kTrapMessages), seg, &item, label);
              }
            } else {
              expand(rng_.pick(kFiller), seg);
            }
            seg.text += eol_;
          },
          prefix + "heartbeat" + eol_);
    }
  }

  void logValue(Segment& seg, RuleId rule) {
    std::string bank;
    switch (rule) {
      case RuleId::kEmail: {
        static constexpr std::string_view kT[] = {"login success user={v}", "메일 발송 완료 to={v}",
                                                  "account locked for {v} after {n} failures",
                                                  "user={v} action=download file=report_{n}.xlsx"};
        const Item item = value(rule, bank);
        expand(rng_.pick(kT), seg, &item);
        return;
      }
      case RuleId::kIpv4: {
        static constexpr std::string_view kT[] = {
            "login success client_ip={v}", "접속IP={v} 로그인 성공", "remote IP: {v}",
            "blocked request from IP {v}", "src_ip={v} dst_port=443"};
        const Item item = value(rule, bank);
        expand(rng_.pick(kT), seg, &item);
        return;
      }
      case RuleId::kIpv6: {
        const Item item = value(rule, bank);
        switch (rng_.below(3)) {
          case 0:
            expand("client={v} GET /minwon/list 200", seg, &item);
            break;
          case 1:
            seg.text += "connection from [";
            seg.items.push_back({item, seg.text.size(), false});
            seg.text += item.text + "]:" + std::to_string(rng_.range(1024, 65000));
            break;
          default:
            expand("peer {v} closed connection", seg, &item);
            break;
        }
        return;
      }
      case RuleId::kKrPhone: {
        const Item item = synth::makeMobile(rng_);
        expand(rng_.chance(0.5) ? "SMS sent to {v} result=OK" : "sms.send phone={v}", seg, &item);
        return;
      }
      case RuleId::kPassword: {
        static constexpr std::string_view kKeys[] = {"password", "passwd", "pwd"};
        const std::string_view key = rng_.pick(kKeys);
        Item item = password(key);
        item.text = std::string(key) + "=" + item.key.substr(9);
        expand("auth params user=admin {v} remember=false", seg, &item);
        return;
      }
      case RuleId::kKrRrn: {
        const Item item = value(rule, bank);
        expand("본인확인 요청 rrn={v} result=OK", seg, &item);
        return;
      }
      default: {
        Item item = synth::makeCard(rng_);
        expand("payment approved card={v} amount={nn}", seg, &item);
        return;
      }
    }
  }

  // --- configs -----------------------------------------------------------------------------------
  // Configuration files in four dialects (INI, Java properties, YAML, .env). Passwords are planted
  // from the keyword inside the key ("DB_PASSWORD=…" is matched from "PASSWORD").
  void config() {
    const int style = static_cast<int>(rng_.below(4));  // ini, properties, yaml, env
    static constexpr std::string_view kSections[] = {"database", "mail",    "server",
                                                     "security", "logging", "storage"};
    static constexpr std::string_view kNeutral[][2] = {
        {"host", "db01.internal"},
        {"port", "5432"},
        {"timeout", "30"},
        {"pool_size", "20"},
        {"log_level", "INFO"},
        {"charset", "UTF-8"},
        {"upload_dir", "/data/upload"},
        {"max_file_size", "10485760"},
        {"retry", "3"},
        {"cache_ttl", "3600"},
        {"enable_ssl", "true"},
        {"smtp_host", "smtp.korea.kr"},
        {"base_url", "https://minwon.example.go.kr"},
        {"thread_count", "8"},
        {"locale", "ko_KR"},
    };
    const auto key = [&](std::string_view k) {
      std::string out(k);
      if (style == 1) out = "app." + std::string(rng_.pick(kSections)) + "." + out;
      if (style == 3)
        for (char& c : out)
          c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c == '.' ? '_' : c;
      return out;
    };
    const auto assign = [&](std::string_view k) {
      if (style == 2) return "  " + std::string(k) + ": ";
      if (style == 0) return std::string(k) + " = ";
      return std::string(k) + "=";
    };
    Segment head;
    head.text = "# " + std::string(rng_.pick(synth::koreanPhrases().topics)) + " 설정" + eol_;
    writer_.commit(head);
    while (!full()) {
      const std::uint64_t r = rng_.below(100);
      if (r < 8) {
        Segment s;
        const std::string section(rng_.pick(kSections));
        s.text = style == 0   ? eol_ + "[" + section + "]" + eol_
                 : style == 2 ? section + ":" + eol_
                              : eol_ + "# " + section + eol_;
        writer_.commit(s);
        continue;
      }
      if (r < 14) {
        Segment s;
        s.text = "# updated " + koDate() + eol_;
        writer_.commit(s);
        continue;
      }
      emit(
          [&](Segment& seg, bool with_items) {
            if (with_items && rng_.chance(options_.pii_rate)) {
              configValue(seg, pickWeighted<Weighted>(rng_, kConfigRules).rule, key, assign);
            } else if (with_items && rng_.chance(options_.trap_rate)) {
              configTrap(seg, key, assign);
            } else {
              const auto& kv = rng_.pick(kNeutral);
              seg.text = assign(key(kv[0])) + std::string(kv[1]);
            }
            seg.text += eol_;
          },
          "# -" + eol_);
    }
  }

  template <typename Key, typename Assign>
  void configValue(Segment& seg, RuleId rule, Key key, Assign assign) {
    std::string bank;
    switch (rule) {
      case RuleId::kPassword: {
        // The rule's match starts at the keyword inside the key ("DB_PASSWORD=..." at "PASSWORD").
        static constexpr std::string_view kKeys[] = {"password", "db_password", "admin_pwd",
                                                     "smtp_passwd", "password"};
        const std::string full_key = key(rng_.pick(kKeys));
        std::string lower = full_key;
        for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
        std::size_t at = lower.rfind("password");
        if (at == std::string::npos) at = lower.rfind("passwd");
        if (at == std::string::npos) at = lower.rfind("pwd");
        const std::string line = assign(full_key);
        const std::size_t key_at = line.find(full_key);
        const std::string value = synth::makePasswordValue(rng_);
        Item item;
        item.rule = RuleId::kPassword;
        item.key = "password:" + value;
        item.text = line.substr(key_at + at) + value;
        seg.text = line.substr(0, key_at + at);
        seg.items.push_back({item, seg.text.size(), false});
        seg.text += item.text;
        return;
      }
      case RuleId::kEmail: {
        static constexpr std::string_view kKeys[] = {"admin_email", "mail_from", "notify_to"};
        seg.text = assign(key(rng_.pick(kKeys)));
        break;
      }
      case RuleId::kIpv4: {
        static constexpr std::string_view kKeys[] = {"allow_ip", "server_ip", "gateway_ip"};
        seg.text = assign(key(rng_.pick(kKeys)));
        break;
      }
      case RuleId::kKrPhone: {
        seg.text = assign(key("contact_phone"));
        break;
      }
      default:
        seg.text = assign(key("bind_ipv6"));
        break;
    }
    Item item = rule == RuleId::kKrPhone ? synth::makeMobile(rng_) : value(rule, bank);
    seg.items.push_back({item, seg.text.size(), false});
    seg.text += item.text;
  }

  template <typename Key, typename Assign>
  void configTrap(Segment& seg, Key key, Assign assign) {
    const std::uint64_t r = rng_.below(10);
    if (r < 3) {
      // A password that is not one: a mask or a template placeholder.
      static constexpr std::string_view kFake[] = {"********",        "${DB_PASS}", "<password>",
                                                   "%SMTP_PASSWORD%", "xxxxxxxx",   "${SECRET}"};
      const std::string line = assign(key("password"));
      std::string lower = line;
      for (char& c : lower) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
      const std::size_t at = lower.rfind("password");
      Item item;
      item.planted = false;
      item.kind = "password placeholder";
      item.text = line.substr(at) + std::string(rng_.pick(kFake));
      item.key = "trap:" + item.text;
      seg.text = line.substr(0, at);
      seg.items.push_back({item, seg.text.size(), false});
      seg.text += item.text;
      return;
    }
    std::string label;
    const Item item =
        trap(pickWeighted(rng_, std::span<const WeightedTrap>(kConfigTraps)).kind, label);
    std::string_view k = "reference";
    if (item.kind == "timestamp") k = "build_date";
    if (item.kind == "version") k = "version";
    if (item.kind == "serial number") k = "serial";
    if (item.kind == "fax") k = "fax";
    if (item.kind == "mac address") k = "mac";
    if (item.kind == "masked") k = "masked_sample";
    seg.text = assign(key(k));
    seg.items.push_back({item, seg.text.size(), false});
    seg.text += item.text;
  }

  Rng& rng_;
  const CorpusOptions& options_;
  Writer writer_;
  std::size_t target_ = 0;
  bool english_ = false;
  std::string eol_ = "\n";
  std::string_view stem_;
};

std::string_view extension(DocumentKind kind, Rng& rng) {
  switch (kind) {
    case DocumentKind::kProse:
      return rng.chance(0.8) ? ".txt" : ".md";
    case DocumentKind::kForm:
      return ".txt";
    case DocumentKind::kCsv:
      return ".csv";
    case DocumentKind::kTsv:
      return ".tsv";
    case DocumentKind::kLog:
      return ".log";
    case DocumentKind::kConfig: {
      static constexpr std::string_view kExt[] = {".conf", ".ini", ".properties", ".yml", ".env"};
      return rng.pick(kExt);
    }
  }
  return ".txt";
}

}  // namespace

std::string_view documentKindName(DocumentKind kind) {
  switch (kind) {
    case DocumentKind::kProse:
      return "prose";
    case DocumentKind::kForm:
      return "form";
    case DocumentKind::kCsv:
      return "csv";
    case DocumentKind::kTsv:
      return "tsv";
    case DocumentKind::kLog:
      return "log";
    case DocumentKind::kConfig:
      return "config";
  }
  return "prose";
}

SyntheticCorpus::SyntheticCorpus(std::uint64_t seed, CorpusOptions options)
    : seed_(seed), options_(std::move(options)) {}

SyntheticDocument SyntheticCorpus::next() {
  static constexpr DocumentKind kAll[] = {DocumentKind::kProse, DocumentKind::kForm,
                                          DocumentKind::kCsv,   DocumentKind::kTsv,
                                          DocumentKind::kLog,   DocumentKind::kConfig};
  Rng pick(synth::mixSeed(seed_, index_ ^ 0xA5A5A5A5ull));
  const DocumentKind kind =
      options_.kinds.empty() ? pick.pick(kAll) : options_.kinds[pick.below(options_.kinds.size())];
  const double factor = 0.5 + static_cast<double>(pick.below(1001)) / 1000.0;
  return next(kind, static_cast<std::size_t>(static_cast<double>(options_.target_bytes) * factor));
}

SyntheticDocument SyntheticCorpus::next(DocumentKind kind, std::size_t target_bytes) {
  Rng rng(synth::mixSeed(seed_, index_));
  SyntheticDocument doc;
  doc.kind = kind;
  doc.text.reserve(target_bytes + 1024);
  Builder builder(rng, options_, doc);
  builder.build(kind, target_bytes);
  const auto stems = synth::fileStems(builder.english(), static_cast<int>(kind));
  char number[16];
  std::snprintf(number, sizeof number, "_%04llu", static_cast<unsigned long long>(index_));
  const std::string_view stem = builder.stem().empty() ? rng.pick(stems) : builder.stem();
  doc.name = std::string(stem) + number + std::string(extension(kind, rng));
  ++index_;
  return doc;
}

}  // namespace jamul::test
