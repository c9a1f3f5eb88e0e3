// SPDX-License-Identifier: Apache-2.0
#include "detect/rule_logic.h"

#include <arpa/inet.h>

#include <algorithm>
#include <array>
#include <cstring>

#include "detect/keyword_index.h"
#include "jamul/common/check.h"
#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner::detect {
namespace {

constexpr std::string_view kTlds[] = {
#include "detect/tld_list.inc"
};

bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }
bool isAsciiAlpha(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }
bool isAlnum(unsigned char c) { return isDigit(c) || isAsciiAlpha(c); }
bool isHex(unsigned char c) { return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }

unsigned char at(std::string_view text, std::size_t i) {
  return static_cast<unsigned char>(text[i]);
}

std::string digitsOf(std::string_view s) {
  std::string d;
  d.reserve(s.size());
  for (char c : s)
    if (isDigit(static_cast<unsigned char>(c))) d.push_back(c);
  return d;
}

// True if every non-digit of `s` is the same character; sets `count` to how many there are.
bool uniformSeparators(std::string_view s, int& count) {
  count = 0;
  char sep = 0;
  for (char c : s) {
    if (isDigit(static_cast<unsigned char>(c))) continue;
    if (count > 0 && c != sep) return false;
    sep = c;
    ++count;
  }
  return true;
}

// Digit-group lengths of `s`, split at any non-digit run.
std::vector<int> groupLengths(std::string_view s) {
  std::vector<int> groups;
  int run = 0;
  for (char c : s) {
    if (isDigit(static_cast<unsigned char>(c))) {
      ++run;
    } else if (run > 0) {
      groups.push_back(run);
      run = 0;
    }
  }
  if (run > 0) groups.push_back(run);
  return groups;
}

enum class Guard { kNone, kDigit, kDigitOrPlus, kAlnum, kEmail, kIpv4, kIpv6, kAlpha };

Guard leadingGuard(RuleId rule, int variant) {
  switch (rule) {
    case RuleId::kKrPhone: return Guard::kDigitOrPlus;
    case RuleId::kKrPassport: return Guard::kAlnum;
    case RuleId::kKrDriverLicense: return variant == 1 ? Guard::kNone : Guard::kDigit;
    case RuleId::kEmail: return Guard::kEmail;
    case RuleId::kIpv4: return Guard::kIpv4;
    case RuleId::kIpv6: return Guard::kIpv6;
    case RuleId::kPassword: return Guard::kAlpha;
    default: return Guard::kDigit;
  }
}

// True if the character at text[i] may precede a candidate under `guard` (the pattern's leading
// guard, re-checked because a window start lets '^' match mid-text).
bool leadingOk(Guard guard, std::string_view text, std::size_t begin) {
  if (begin == 0 || guard == Guard::kNone) return true;
  const unsigned char c = at(text, begin - 1);
  // "140142-0419327": a number right after "digit-" or "digit." continues a longer one.
  if ((guard == Guard::kDigit || guard == Guard::kDigitOrPlus) && (c == '-' || c == '.') &&
      begin >= 2 && isDigit(at(text, begin - 2)))
    return false;
  switch (guard) {
    case Guard::kDigit: return !isDigit(c);
    case Guard::kDigitOrPlus: return !isDigit(c) && c != '+';
    case Guard::kAlnum: return !isAlnum(c);
    case Guard::kEmail:
      return !isAlnum(c) && c != '.' && c != '_' && c != '%' && c != '+' && c != '-';
    case Guard::kIpv4: return !isDigit(c) && c != '.';
    case Guard::kIpv6: return !isAlnum(c) && c != ':' && c != '.';
    case Guard::kAlpha: return !isAsciiAlpha(c);
    case Guard::kNone: return true;
  }
  return true;
}

// The trailing guard (DETECTION.md §2.2: RE2 has no lookahead, so it is checked here).
bool trailingOk(RuleId rule, std::string_view text, std::size_t end) {
  if (end >= text.size()) return true;
  const unsigned char c = at(text, end);
  const bool dot_digit = c == '.' && end + 1 < text.size() && isDigit(at(text, end + 1));
  const bool dash_digit = c == '-' && end + 1 < text.size() && isDigit(at(text, end + 1));
  switch (rule) {
    case RuleId::kKrPassport: return !isAlnum(c);
    case RuleId::kEmail: return !isAlnum(c) && c != '-';
    case RuleId::kIpv4: return !isDigit(c) && !dot_digit;
    case RuleId::kIpv6: return !isHex(c) && c != ':' && !dot_digit;
    case RuleId::kPassword: return true;
    default: return !isDigit(c) && !dot_digit && !dash_digit;  // the number does not go on
  }
}

std::optional<Confidence> lower(Confidence c) {
  switch (c) {
    case Confidence::kHigh: return Confidence::kMedium;
    case Confidence::kMedium: return Confidence::kLow;
    case Confidence::kLow: return std::nullopt;
  }
  return std::nullopt;
}

// Region names of pre-2014 licences and their numeric codes (DETECTION.md §3.4 [RIMS-CODES]).
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kLicenceRegions = {{
    {"서울", "11"}, {"부산", "12"}, {"경기", "13"}, {"강원", "14"}, {"충북", "15"}, {"충남", "16"},
    {"전북", "17"}, {"전남", "18"}, {"경북", "19"}, {"경남", "20"}, {"제주", "21"}, {"대구", "22"},
    {"인천", "23"}, {"광주", "24"}, {"대전", "25"}, {"울산", "26"},
}};

// Phone numbers: the national form (leading 0) of a match that may start with "+82" or "+82 (0)".
std::string nationalNumber(std::string_view match) {
  std::string all = digitsOf(match);
  if (!match.empty() && match.front() == '+') {
    std::string rest = all.substr(2);  // country code 82 (the pattern requires it)
    if (match.find("(0)") != std::string_view::npos && !rest.empty() && rest.front() == '0')
      rest.erase(0, 1);
    return "0" + rest;
  }
  return all;
}

// Digits in front of the subscriber part: 01X, 02, 0XY, 070, 050, 050X.
std::size_t phonePrefixLength(std::string_view national) {
  if (national.size() >= 2 && national[1] == '2') return 2;
  if (national.size() == 12 && national.substr(0, 3) == "050") return 4;
  return 3;
}

}  // namespace

RuleLogic::RuleLogic(CivilDate today) : today_(today) {
  tlds_.reserve(std::size(kTlds));
  for (std::string_view t : kTlds) tlds_.insert(t);
}

int RuleLogic::priority(RuleId rule) {
  // Specific, checksummed identifiers first; context-only shapes (account, health card) last.
  switch (rule) {
    case RuleId::kPassword: return 0;
    case RuleId::kEmail: return 1;
    case RuleId::kKrRrn: return 2;
    case RuleId::kKrFrn: return 3;
    case RuleId::kKrCrn: return 4;
    case RuleId::kCardNumber: return 5;
    case RuleId::kKrBrn: return 6;
    case RuleId::kKrDriverLicense: return 7;
    case RuleId::kKrPassport: return 8;
    case RuleId::kKrPhone: return 9;
    case RuleId::kKrHealthInsurance: return 10;
    case RuleId::kKrBankAccount: return 11;
    case RuleId::kIpv4: return 12;
    case RuleId::kIpv6: return 13;
  }
  return 99;
}

std::optional<Candidate> RuleLogic::inspect(RuleId rule, int variant, std::string_view text,
                                            std::size_t begin, std::size_t end) const {
  if (!leadingOk(leadingGuard(rule, variant), text, begin) || !trailingOk(rule, text, end))
    return std::nullopt;
  const std::string_view match = text.substr(begin, end - begin);
  std::optional<Candidate> c;
  int separators = 0;
  switch (rule) {
    case RuleId::kKrRrn:
    case RuleId::kKrFrn: {
      const std::string d = digitsOf(match);
      if (d.size() != 13) return std::nullopt;
      c = inspectRegistration(rule, d, d.size() != match.size());
      break;
    }
    case RuleId::kKrCrn: {
      std::string d = digitsOf(match);
      if (d.size() != 13 || !crnChecksumOk(d) || !crnTypeCodeOk(d)) return std::nullopt;
      c = Candidate{};
      if (d.size() != match.size()) c->flags |= kSeparated;
      // An RRN/FRN with a real birth date and a passing check digit is left to those rules.
      if (const auto date = registrationBirthDate(d); date && *date <= today_) {
        const char s = d[6];
        const bool foreign = s >= '5' && s <= '8';
        const bool pass = foreign ? (rrnChecksumOk(d) || frnPlus2ChecksumOk(d))
                                  : (rrnChecksumOk(d) || *date >= kRandomRrnTailsFrom);
        if (s >= '1' && s <= '8' && pass) c->flags |= kRrnLike;
      }
      c->canonical = std::move(d);
      break;
    }
    case RuleId::kKrPassport: {
      c = Candidate{};
      if (variant == 0) c->flags |= kNewForm;
      c->canonical = std::string(match);
      for (char& ch : c->canonical)
        if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - ('a' - 'A'));
      break;
    }
    case RuleId::kKrDriverLicense: {
      std::string d = digitsOf(match);
      c = Candidate{};
      if (variant == 1) {
        std::string_view code;
        for (const auto& [name, num] : kLicenceRegions)
          if (match.substr(0, name.size()) == name) code = num;
        if (code.empty() || d.size() != 10) return std::nullopt;
        const std::string_view digits_part = match.substr(6);  // after the two-syllable name
        const std::string_view groups = digits_part.substr(digits_part.find_first_not_of(' '));
        if (!uniformSeparators(groups, separators) || (separators != 0 && separators != 2))
          return std::nullopt;
        c->flags |= kRegionName | kSeparated;
        c->canonical = std::string(code) + d;
      } else {
        if (d.size() != 12) return std::nullopt;
        if (!uniformSeparators(match, separators) || (separators != 0 && separators != 3))
          return std::nullopt;
        if (separators > 0) c->flags |= kSeparated;
        c->canonical = std::move(d);
      }
      break;
    }
    case RuleId::kKrPhone:
      c = inspectPhone(variant, match);
      break;
    case RuleId::kCardNumber:
      c = inspectCard(match);
      break;
    case RuleId::kKrBankAccount: {
      std::string d = digitsOf(match);
      if (d.size() < 10 || d.size() > 14 || allSameDigit(d)) return std::nullopt;
      // The pattern counts digits; the layouts (KFTC CMS table) have at most five groups of at
      // most nine digits.
      const std::vector<int> groups = groupLengths(match);
      if (groups.size() > 1 &&
          (groups.size() > 5 || *std::max_element(groups.begin(), groups.end()) > 9))
        return std::nullopt;
      c = Candidate{};
      if (d.size() != match.size()) c->flags |= kSeparated;
      c->canonical = std::move(d);
      break;
    }
    case RuleId::kKrHealthInsurance: {
      std::string d = digitsOf(match);
      if (d.size() != 11 || allSameDigit(d)) return std::nullopt;
      c = Candidate{};
      c->canonical = std::move(d);
      break;
    }
    case RuleId::kKrBrn: {
      std::string d = digitsOf(match);
      if (d.size() != 10 || !brnChecksumOk(d) || !brnComponentsOk(d)) return std::nullopt;
      c = Candidate{};
      if (d.size() != match.size()) c->flags |= kSeparated;
      c->canonical = std::move(d);
      break;
    }
    case RuleId::kEmail:
      c = inspectEmail(match);
      break;
    case RuleId::kIpv4:
      c = Candidate{};
      c->canonical = std::string(match);
      break;
    case RuleId::kIpv6:
      c = inspectIpv6(match);
      break;
    case RuleId::kPassword:
      c = inspectPassword(match);
      break;
  }
  if (!c) return std::nullopt;
  c->rule = rule;
  c->variant = static_cast<std::uint8_t>(variant);
  c->begin = begin;
  c->end = end;
  return c;
}

std::optional<Candidate> RuleLogic::inspectRegistration(RuleId rule, std::string_view d,
                                                        bool separated) const {
  const auto date = registrationBirthDate(d);
  if (!date || *date > today_) return std::nullopt;  // no such day, or born in the future
  Candidate c;
  if (separated) c.flags |= kSeparated;
  if (rule == RuleId::kKrRrn) {
    if (rrnChecksumOk(d)) c.flags |= kChecksumOk;
    if (*date >= kRandomRrnTailsFrom) c.flags |= kRandomTail;
  } else if (rrnChecksumOk(d) || frnPlus2ChecksumOk(d)) {
    // Both foreigner check-digit formulas are in public use (DETECTION.md §3.2).
    c.flags |= kChecksumOk;
  }
  if (!separated && (d.substr(0, 3) == "880" || d.substr(0, 3) == "881") && ean13Ok(d))
    c.flags |= kEanLike;
  if (crnChecksumOk(d) && crnTypeCodeOk(d)) c.flags |= kCrnLike;
  c.canonical = std::string(d);
  return c;
}

std::optional<Candidate> RuleLogic::inspectPhone(int variant, std::string_view match) const {
  const std::string national = nationalNumber(match);
  const std::size_t n = national.size();
  if (n < 9 || national[0] != '0') return std::nullopt;
  Candidate c;
  if (variant == 0) {
    const char x = national[2];  // 01X
    if (x == '0' ? n != 11 : (n != 10 && n != 11)) return std::nullopt;
    c.flags |= kMobile;
  } else if (national[1] == '2') {
    if (n != 9 && n != 10) return std::nullopt;
  } else if (national.substr(0, 3) == "070") {
    if (n != 11) return std::nullopt;
  } else if (national.substr(0, 3) == "050") {
    if (n != 11 && n != 12) return std::nullopt;
  } else if (n != 10 && n != 11) {
    return std::nullopt;
  }
  // Subscriber numbers never start with 0 (a 0 there means another number run into this one).
  if (national[phonePrefixLength(national)] == '0') return std::nullopt;
  for (char ch : match)
    if (!isDigit(static_cast<unsigned char>(ch)) && ch != '+' && ch != '(' && ch != ')')
      c.flags |= kSeparated;
  c.canonical = national;
  return c;
}

std::optional<Candidate> RuleLogic::inspectCard(std::string_view match) const {
  std::string d = digitsOf(match);
  int separators = 0;
  if (!uniformSeparators(match, separators)) return std::nullopt;
  Candidate c;
  if (separators > 0) {
    // The grouping printed on cards: 4-4-4-4 (and 4-4-4-4-x for 17-19 digits), 4-6-5, 4-6-4.
    const std::vector<int> g = groupLengths(match);
    const bool ok = (g.size() == 4 && g[0] == 4 && g[1] == 4 && g[2] == 4 && g[3] == 4) ||
                    (g.size() == 5 && g[0] == 4 && g[1] == 4 && g[2] == 4 && g[3] == 4) ||
                    (g.size() == 3 && g[0] == 4 && g[1] == 6 && (g[2] == 5 || g[2] == 4));
    if (!ok) return std::nullopt;
    c.flags |= kSeparated;
  }
  const auto network = cardNetwork(d);
  if (!network || allSameDigit(d)) return std::nullopt;
  if (!luhnOk(d)) {
    // Some UnionPay numbers are issued without a valid Luhn digit [GIST-IIN].
    if (*network != CardNetwork::kUnionPay) return std::nullopt;
    c.flags |= kLuhnFailed;
  }
  if (d.size() > 16) c.flags |= kLongCard;
  c.canonical = std::move(d);
  return c;
}

std::optional<Candidate> RuleLogic::inspectEmail(std::string_view match) const {
  const std::size_t at_sign = match.find('@');
  const std::string_view local = match.substr(0, at_sign);
  if (local.empty() || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return std::nullopt;
  const std::string lower = asciiLower(match);
  const std::string_view tld = std::string_view(lower).substr(lower.rfind('.') + 1);
  if (tld.substr(0, 4) != "xn--" && !tlds_.contains(tld)) return std::nullopt;
  Candidate c;
  c.canonical = lower;
  return c;
}

std::optional<Candidate> RuleLogic::inspectIpv6(std::string_view match) const {
  const std::string address(match.substr(0, match.find('%')));
  unsigned char bytes[16];
  if (inet_pton(AF_INET6, address.c_str(), bytes) != 1) return std::nullopt;
  int groups = 0;
  bool in_group = false;
  bool has_digit = false;
  for (char ch : address) {
    has_digit |= isDigit(static_cast<unsigned char>(ch));
    const bool hex = isHex(static_cast<unsigned char>(ch));
    if (hex && !in_group) ++groups;
    in_group = hex;
  }
  Candidate c;
  static constexpr unsigned char kLoopback[16] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1};
  static constexpr unsigned char kUnspecified[16] = {};
  const bool special =
      std::memcmp(bytes, kLoopback, 16) == 0 || std::memcmp(bytes, kUnspecified, 16) == 0;
  if (special) c.flags |= kSpecialAddress;
  // "be::ef", "add::dead" in source code parse as addresses; real ones have digits or many groups.
  if (!special && !has_digit && groups < 4) return std::nullopt;
  char canonical[INET6_ADDRSTRLEN];
  if (inet_ntop(AF_INET6, bytes, canonical, sizeof canonical) == nullptr) return std::nullopt;
  c.canonical = canonical;
  return c;
}

std::optional<Candidate> RuleLogic::inspectPassword(std::string_view match) const {
  const std::size_t sep = match.find_first_of(":=");
  JAMUL_CHECK(sep != std::string_view::npos);
  std::string_view value = match.substr(sep + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  if (value.size() < 4) return std::nullopt;
  // A mask ("********", "xxxx") or a template placeholder ("${DB_PASS}", "<password>", "%PW%") is
  // not a password.
  const bool one_char = std::all_of(value.begin(), value.end(),
                                    [&](char ch) { return ch == value.front(); });
  const char first = value.front();
  const char last = value.back();
  const bool placeholder = (first == '$' && (value.size() < 2 || value[1] == '{')) ||
                           (first == '<' && last == '>') || (first == '{' && last == '}') ||
                           (first == '%' && last == '%');
  if (one_char || placeholder) return std::nullopt;
  Candidate c;
  c.canonical = std::string(value);
  return c;
}

std::optional<Confidence> RuleLogic::score(const Candidate& c, const Evidence& ev) const {
  using C = Confidence;
  const bool kw = ev.positive;
  const bool sep = (c.flags & kSeparated) != 0;
  std::optional<C> level;
  // A value OCR misread and OcrReading repaired counts only when something confirms the repair: a
  // check digit (RRN/FRN with a passing one, a card's Luhn, BRN and CRN checks, an e-mail's real
  // top-level domain, an MRZ check digit) or a label of its rule.
  if (c.flags & kRepaired) {
    bool checked = false;
    switch (c.rule) {
      case RuleId::kKrRrn:
      case RuleId::kKrFrn: checked = (c.flags & kChecksumOk) != 0; break;
      case RuleId::kCardNumber: checked = (c.flags & kLuhnFailed) == 0; break;
      case RuleId::kKrBrn:
      case RuleId::kKrCrn:
      case RuleId::kEmail: checked = true; break;
      case RuleId::kKrPassport: checked = (c.flags & kMrz) != 0; break;
      default: break;
    }
    if (!checked && !kw) return std::nullopt;
  }
  switch (c.rule) {
    case RuleId::kKrRrn:
    case RuleId::kKrFrn: {
      const bool pass = (c.flags & (kChecksumOk | kRandomTail)) != 0;
      // DETECTION.md §3.10 "D-003": a failed RRN that is a valid CRN is a CRN.
      if (!pass && (c.flags & kCrnLike) && !kw) return std::nullopt;
      if (kw || (sep && pass)) {
        level = C::kHigh;
      } else if (sep || pass) {
        level = C::kMedium;
      } else {
        level = C::kLow;
      }
      if ((c.flags & kEanLike) && !kw) level = lower(*level);
      break;
    }
    case RuleId::kKrCrn:
      if ((c.flags & kRrnLike) && !kw) return std::nullopt;
      level = kw ? C::kHigh : sep ? C::kMedium : C::kLow;
      break;
    case RuleId::kKrPassport:
      if (kw || (c.flags & kMrz)) {
        level = C::kHigh;
      } else if (c.flags & kNewForm) {
        level = C::kLow;
      }
      break;
    case RuleId::kKrDriverLicense:
      // Twelve bare digits are as often a timestamp: they need a keyword that labels them (in
      // their column header, or right before them), not one somewhere in the paragraph.
      if ((c.flags & kRegionName) || (kw && (sep || ev.positive_direct))) {
        level = C::kHigh;
      } else if (sep) {
        level = C::kLow;
      }
      break;
    case RuleId::kKrPhone:
      if (c.flags & kMobile) {
        level = kw ? C::kHigh : C::kMedium;
      } else {
        level = kw ? C::kMedium : C::kLow;
      }
      break;
    case RuleId::kCardNumber:
      if ((c.flags & (kLongCard | kLuhnFailed)) && !kw) return std::nullopt;
      level = kw ? C::kHigh : sep ? C::kMedium : C::kLow;
      break;
    case RuleId::kKrBankAccount: {
      if (!kw) return std::nullopt;
      level = C::kMedium;
      if (ev.bank >= 0) {
        // A named bank whose layout (length + known prefix) the number fits (DETECTION.md §3.7).
        const BankInfo& bank = bankCatalog()[static_cast<std::size_t>(ev.bank)];
        for (const AccountLayout& layout : bank.layouts) {
          if (static_cast<std::size_t>(layout.length) != c.canonical.size()) continue;
          const bool prefix_ok =
              layout.prefixes.empty() ||
              std::any_of(layout.prefixes.begin(), layout.prefixes.end(),
                          [&](std::string_view p) { return c.canonical.starts_with(p); });
          if (prefix_ok) level = C::kHigh;
        }
      }
      break;
    }
    case RuleId::kKrHealthInsurance:
      if (kw) level = C::kMedium;
      break;
    case RuleId::kKrBrn:
      if (sep) {
        level = kw ? C::kHigh : C::kMedium;
      } else if (kw) {
        level = C::kMedium;
      }
      break;
    case RuleId::kEmail:
    case RuleId::kPassword:
      level = C::kHigh;
      break;
    case RuleId::kIpv4:
      if (kw) level = C::kHigh;
      break;
    case RuleId::kIpv6:
      level = (c.flags & kSpecialAddress) ? C::kLow : kw ? C::kHigh : C::kMedium;
      break;
  }
  if (!level) return std::nullopt;
  // A negative label ("주문번호", "팩스") counts only when no keyword of the rule is nearer.
  if (ev.negative && !(ev.positive && ev.positive_distance <= ev.negative_distance)) {
    level = lower(*level);
    if (level && ev.negative_direct) level = C::kLow;
  }
  return level;
}

std::string RuleLogic::mask(const Candidate& c, std::string_view text) {
  const std::string_view match = text.substr(c.begin, c.end - c.begin);
  std::string out;
  out.reserve(match.size());
  // Keeps the digits whose index (among the match's digits) `keep` accepts; masks the others.
  const auto mask_digits = [&](auto keep) {
    const std::size_t total = digitsOf(match).size();
    std::size_t i = 0;
    for (char ch : match) {
      if (isDigit(static_cast<unsigned char>(ch))) {
        out.push_back(keep(i, total) ? ch : '*');
        ++i;
      } else {
        out.push_back(ch);
      }
    }
  };
  switch (c.rule) {
    case RuleId::kKrRrn:
    case RuleId::kKrFrn:
      mask_digits([](std::size_t i, std::size_t) { return i < 7; });  // birth date + sex digit
      break;
    case RuleId::kKrCrn:
      mask_digits([](std::size_t i, std::size_t) { return i < 6; });
      break;
    case RuleId::kKrDriverLicense: {
      const std::size_t keep = (c.flags & kRegionName) ? 2 : 4;  // region + year
      mask_digits([keep](std::size_t i, std::size_t) { return i < keep; });
      break;
    }
    case RuleId::kKrPhone: {
      std::size_t prefix = phonePrefixLength(c.canonical);
      if (!match.empty() && match.front() == '+')
        prefix = prefix - 1 + 2 + (match.find("(0)") != std::string_view::npos ? 1 : 0);
      mask_digits([prefix](std::size_t i, std::size_t n) { return i < prefix || i + 4 >= n; });
      break;
    }
    case RuleId::kCardNumber:
      mask_digits([](std::size_t i, std::size_t n) { return i < 4 || i + 4 >= n; });
      break;
    case RuleId::kKrBankAccount:
      mask_digits([](std::size_t i, std::size_t n) { return i < 3 || i + 2 >= n; });
      break;
    case RuleId::kKrHealthInsurance:
      mask_digits([](std::size_t i, std::size_t) { return i < 2; });
      break;
    case RuleId::kKrBrn:
      mask_digits([](std::size_t i, std::size_t) { return i < 5; });  // office + type code
      break;
    case RuleId::kKrPassport:
      out = std::string(match.substr(0, 2)) + std::string(match.size() - 2, '*');
      break;
    case RuleId::kEmail:
      out = std::string(match.substr(0, 1)) + "***" + std::string(match.substr(match.find('@')));
      break;
    case RuleId::kIpv4: {
      int dots = 0;
      for (char ch : match) {
        if (ch == '.') ++dots;
        out.push_back(dots >= 2 && isDigit(static_cast<unsigned char>(ch)) ? '*' : ch);
      }
      break;
    }
    case RuleId::kIpv6: {
      int colons = 0;
      for (char ch : match) {
        if (ch == ':') ++colons;
        out.push_back(colons >= 2 && isAlnum(static_cast<unsigned char>(ch)) ? '*' : ch);
      }
      break;
    }
    case RuleId::kPassword: {
      std::size_t value = match.find_first_of(":=") + 1;
      while (value < match.size() && (match[value] == ' ' || match[value] == '\t')) ++value;
      out = std::string(match.substr(0, value)) + "****";  // fixed width: hides the length too
      break;
    }
  }
  return out;
}

}  // namespace jamul::scanner::detect
