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

// True if the character before text[begin] lets a candidate start there (the pattern's leading
// guard, checked again because a window's start lets '^' match mid-text).
bool leadingOk(Boundary boundary, std::string_view text, std::size_t begin) {
  if (begin == 0 || boundary == Boundary::kNone) return true;
  const unsigned char c = at(text, begin - 1);
  // "140142-0419327": a number right after "digit-" or "digit." continues a longer one.
  if ((boundary == Boundary::kNumber || boundary == Boundary::kNumberOrPlus) &&
      (c == '-' || c == '.') && begin >= 2 && isDigit(at(text, begin - 2)))
    return false;
  switch (boundary) {
    case Boundary::kNumber:
      return !isDigit(c);
    case Boundary::kNumberOrPlus:
      return !isDigit(c) && c != '+';
    case Boundary::kAlnum:
      return !isAlnum(c);
    case Boundary::kEmail:
      return !isAlnum(c) && c != '.' && c != '_' && c != '%' && c != '+' && c != '-';
    case Boundary::kIpv4:
      return !isDigit(c) && c != '.';
    case Boundary::kIpv6:
      return !isAlnum(c) && c != ':' && c != '.';
    case Boundary::kLetter:
      return !isAsciiAlpha(c);
    case Boundary::kNone:
      return true;
  }
  return true;
}

// True if the character at text[end] lets a candidate end there (DETECTION.md §2.2: RE2 has no
// lookahead, so the trailing guard is checked here).
bool trailingOk(Boundary boundary, std::string_view text, std::size_t end) {
  if (end >= text.size() || boundary == Boundary::kNone) return true;
  const unsigned char c = at(text, end);
  const bool dot_digit = c == '.' && end + 1 < text.size() && isDigit(at(text, end + 1));
  const bool dash_digit = c == '-' && end + 1 < text.size() && isDigit(at(text, end + 1));
  switch (boundary) {
    case Boundary::kAlnum:
    case Boundary::kLetter:
      return !isAlnum(c);
    case Boundary::kEmail:
      return !isAlnum(c) && c != '-';
    case Boundary::kIpv4:
      return !isDigit(c) && !dot_digit;
    case Boundary::kIpv6:
      return !isHex(c) && c != ':' && !dot_digit;
    case Boundary::kNumber:
    case Boundary::kNumberOrPlus:
      return !isDigit(c) && !dot_digit && !dash_digit;
    case Boundary::kNone:
      return true;
  }
  return true;
}

std::optional<Confidence> lower(Confidence c) {
  switch (c) {
    case Confidence::kHigh:
      return Confidence::kMedium;
    case Confidence::kMedium:
      return Confidence::kLow;
    case Confidence::kLow:
      return std::nullopt;
  }
  return std::nullopt;
}

// Region names of pre-2014 licences and their numeric codes (DETECTION.md §3.4 [RIMS-CODES]).
constexpr std::array<std::pair<std::string_view, std::string_view>, 16> kLicenceRegions = {{
    {"서울", "11"},
    {"부산", "12"},
    {"경기", "13"},
    {"강원", "14"},
    {"충북", "15"},
    {"충남", "16"},
    {"전북", "17"},
    {"전남", "18"},
    {"경북", "19"},
    {"경남", "20"},
    {"제주", "21"},
    {"대구", "22"},
    {"인천", "23"},
    {"광주", "24"},
    {"대전", "25"},
    {"울산", "26"},
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

// --- What each rule does: inspect (phase 1), score (phase 2) and mask, one function each ---------

// What inspecting needs beyond the match: today's date (no one is born in the future) and the real
// top-level domains.
struct Facts {
  CivilDate today;
  const std::unordered_set<std::string_view>& tlds;
};

using Inspect = std::optional<Candidate> (*)(const Facts& facts, RuleId rule, int variant,
                                             std::string_view match);
using Score = std::optional<Confidence> (*)(const Candidate& c, const Evidence& ev);
using Mask = void (*)(const Candidate& c, std::string_view match, std::string& out);

using C = Confidence;

std::optional<Candidate> inspectRegistration(const Facts& facts, RuleId rule, int,
                                             std::string_view match) {
  const std::string d = digitsOf(match);
  if (d.size() != 13) return std::nullopt;
  const auto date = registrationBirthDate(d);
  if (!date || *date > facts.today) return std::nullopt;  // no such day, or born in the future
  Candidate c;
  if (d.size() != match.size()) c.flags |= kSeparated;
  if (rule == RuleId::kKrRrn) {
    if (rrnChecksumOk(d)) c.flags |= kChecksumOk;
    if (*date >= kRandomRrnTailsFrom) c.flags |= kRandomTail;
  } else if (rrnChecksumOk(d) || frnPlus2ChecksumOk(d)) {
    // Both foreigner check-digit formulas are in public use (DETECTION.md §3.2).
    c.flags |= kChecksumOk;
  }
  if (d.size() == match.size() && (d.substr(0, 3) == "880" || d.substr(0, 3) == "881") &&
      ean13Ok(d))
    c.flags |= kEanLike;
  if (crnChecksumOk(d) && crnTypeCodeOk(d)) c.flags |= kCrnLike;
  c.canonical = d;
  return c;
}

std::optional<Candidate> inspectCrn(const Facts& facts, RuleId, int, std::string_view match) {
  std::string d = digitsOf(match);
  if (d.size() != 13 || !crnChecksumOk(d) || !crnTypeCodeOk(d)) return std::nullopt;
  Candidate c;
  if (d.size() != match.size()) c.flags |= kSeparated;
  // An RRN/FRN with a real birth date and a passing check digit is left to those rules.
  if (const auto date = registrationBirthDate(d); date && *date <= facts.today) {
    const char s = d[6];
    const bool foreign = s >= '5' && s <= '8';
    const bool pass = foreign ? (rrnChecksumOk(d) || frnPlus2ChecksumOk(d))
                              : (rrnChecksumOk(d) || *date >= kRandomRrnTailsFrom);
    if (s >= '1' && s <= '8' && pass) c.flags |= kRrnLike;
  }
  c.canonical = std::move(d);
  return c;
}

std::optional<Candidate> inspectPassport(const Facts&, RuleId, int variant,
                                         std::string_view match) {
  Candidate c;
  if (variant == 0) c.flags |= kNewForm;
  c.canonical = std::string(match);
  for (char& ch : c.canonical)
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - ('a' - 'A'));
  return c;
}

std::optional<Candidate> inspectDriverLicense(const Facts&, RuleId, int variant,
                                              std::string_view match) {
  std::string d = digitsOf(match);
  Candidate c;
  int separators = 0;
  if (variant == 1) {
    std::string_view code;
    for (const auto& [name, num] : kLicenceRegions)
      if (match.substr(0, name.size()) == name) code = num;
    if (code.empty() || d.size() != 10) return std::nullopt;
    const std::string_view digits_part = match.substr(6);  // after the two-syllable name
    const std::string_view groups = digits_part.substr(digits_part.find_first_not_of(' '));
    if (!uniformSeparators(groups, separators) || (separators != 0 && separators != 2))
      return std::nullopt;
    c.flags |= kRegionName | kSeparated;
    c.canonical = std::string(code) + d;
    return c;
  }
  if (d.size() != 12) return std::nullopt;
  if (!uniformSeparators(match, separators) || (separators != 0 && separators != 3))
    return std::nullopt;
  if (separators > 0) c.flags |= kSeparated;
  c.canonical = std::move(d);
  return c;
}

std::optional<Candidate> inspectPhone(const Facts&, RuleId, int variant, std::string_view match) {
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

std::optional<Candidate> inspectCard(const Facts&, RuleId, int, std::string_view match) {
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

std::optional<Candidate> inspectBankAccount(const Facts&, RuleId, int, std::string_view match) {
  std::string d = digitsOf(match);
  if (d.size() < 10 || d.size() > 14 || allSameDigit(d)) return std::nullopt;
  // The pattern counts digits; the layouts (KFTC CMS table) have at most five groups of at most
  // nine digits.
  const std::vector<int> groups = groupLengths(match);
  if (groups.size() > 1 &&
      (groups.size() > 5 || *std::max_element(groups.begin(), groups.end()) > 9))
    return std::nullopt;
  Candidate c;
  if (d.size() != match.size()) c.flags |= kSeparated;
  c.canonical = std::move(d);
  return c;
}

std::optional<Candidate> inspectHealthInsurance(const Facts&, RuleId, int, std::string_view match) {
  std::string d = digitsOf(match);
  if (d.size() != 11 || allSameDigit(d)) return std::nullopt;
  Candidate c;
  c.canonical = std::move(d);
  return c;
}

std::optional<Candidate> inspectBrn(const Facts&, RuleId, int, std::string_view match) {
  std::string d = digitsOf(match);
  if (d.size() != 10 || !brnChecksumOk(d) || !brnComponentsOk(d)) return std::nullopt;
  Candidate c;
  if (d.size() != match.size()) c.flags |= kSeparated;
  c.canonical = std::move(d);
  return c;
}

std::optional<Candidate> inspectEmail(const Facts& facts, RuleId, int, std::string_view match) {
  const std::size_t at_sign = match.find('@');
  const std::string_view local = match.substr(0, at_sign);
  if (local.empty() || local.front() == '.' || local.back() == '.' ||
      local.find("..") != std::string_view::npos)
    return std::nullopt;
  const std::string lower = asciiLower(match);
  const std::string_view tld = std::string_view(lower).substr(lower.rfind('.') + 1);
  if (tld.substr(0, 4) != "xn--" && !facts.tlds.contains(tld)) return std::nullopt;
  Candidate c;
  c.canonical = lower;
  return c;
}

std::optional<Candidate> inspectIpv4(const Facts&, RuleId, int, std::string_view match) {
  Candidate c;
  c.canonical = std::string(match);
  return c;
}

std::optional<Candidate> inspectIpv6(const Facts&, RuleId, int, std::string_view match) {
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

std::optional<Candidate> inspectPassword(const Facts&, RuleId, int, std::string_view match) {
  const std::size_t sep = match.find_first_of(":=");
  JAMUL_CHECK(sep != std::string_view::npos);
  std::string_view value = match.substr(sep + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  if (value.size() < 4) return std::nullopt;
  // A mask ("********", "xxxx") or a template placeholder ("${DB_PASS}", "<password>", "%PW%") is
  // not a password.
  const bool one_char =
      std::all_of(value.begin(), value.end(), [&](char ch) { return ch == value.front(); });
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

// The confidence matrix of DETECTION.md §3.14, as amended (rule_catalog.cpp says it per rule).

std::optional<Confidence> scoreRegistration(const Candidate& c, const Evidence& ev) {
  const bool kw = ev.positive, sep = (c.flags & kSeparated) != 0;
  const bool pass = (c.flags & (kChecksumOk | kRandomTail)) != 0;
  // DETECTION.md §3.10 "D-003": a failed RRN that is a valid CRN is a CRN.
  if (!pass && (c.flags & kCrnLike) && !kw) return std::nullopt;
  std::optional<C> level = kw || (sep && pass) ? C::kHigh : sep || pass ? C::kMedium : C::kLow;
  if ((c.flags & kEanLike) && !kw) level = lower(*level);
  return level;
}

std::optional<Confidence> scoreCrn(const Candidate& c, const Evidence& ev) {
  if ((c.flags & kRrnLike) && !ev.positive) return std::nullopt;
  return ev.positive ? C::kHigh : (c.flags & kSeparated) ? C::kMedium : C::kLow;
}

std::optional<Confidence> scorePassport(const Candidate& c, const Evidence& ev) {
  if (ev.positive || (c.flags & kMrz)) return C::kHigh;
  if (c.flags & kNewForm) return C::kLow;
  return std::nullopt;
}

std::optional<Confidence> scoreDriverLicense(const Candidate& c, const Evidence& ev) {
  const bool sep = (c.flags & kSeparated) != 0;
  // Twelve bare digits are as often a timestamp: they need a keyword that labels them (in their
  // column header, or right before them), not one somewhere in the paragraph.
  if ((c.flags & kRegionName) || (ev.positive && (sep || ev.positive_direct))) return C::kHigh;
  if (sep) return C::kLow;
  return std::nullopt;
}

std::optional<Confidence> scorePhone(const Candidate& c, const Evidence& ev) {
  if (c.flags & kMobile) return ev.positive ? C::kHigh : C::kMedium;
  return ev.positive ? C::kMedium : C::kLow;
}

std::optional<Confidence> scoreCard(const Candidate& c, const Evidence& ev) {
  if ((c.flags & (kLongCard | kLuhnFailed)) && !ev.positive) return std::nullopt;
  return ev.positive ? C::kHigh : (c.flags & kSeparated) ? C::kMedium : C::kLow;
}

std::optional<Confidence> scoreBankAccount(const Candidate& c, const Evidence& ev) {
  if (!ev.positive) return std::nullopt;
  if (ev.bank < 0) return C::kMedium;
  // A named bank whose layout (length + known prefix) the number fits (DETECTION.md §3.7).
  const BankInfo& bank = bankCatalog()[static_cast<std::size_t>(ev.bank)];
  for (const AccountLayout& layout : bank.layouts) {
    if (static_cast<std::size_t>(layout.length) != c.canonical.size()) continue;
    if (layout.prefixes.empty() ||
        std::any_of(layout.prefixes.begin(), layout.prefixes.end(),
                    [&](std::string_view p) { return c.canonical.starts_with(p); }))
      return C::kHigh;
  }
  return C::kMedium;
}

std::optional<Confidence> scoreHealthInsurance(const Candidate&, const Evidence& ev) {
  if (ev.positive) return C::kMedium;
  return std::nullopt;
}

std::optional<Confidence> scoreBrn(const Candidate& c, const Evidence& ev) {
  if (c.flags & kSeparated) return ev.positive ? C::kHigh : C::kMedium;
  if (ev.positive) return C::kMedium;
  return std::nullopt;
}

std::optional<Confidence> scoreWhenValid(const Candidate&, const Evidence&) { return C::kHigh; }

std::optional<Confidence> scoreIpv4(const Candidate&, const Evidence& ev) {
  if (ev.positive) return C::kHigh;
  return std::nullopt;
}

std::optional<Confidence> scoreIpv6(const Candidate& c, const Evidence& ev) {
  return (c.flags & kSpecialAddress) ? C::kLow : ev.positive ? C::kHigh : C::kMedium;
}

// Masks: what a person may see of a value.

// Keeps the digits whose index (among the match's digits) `keep(index, count)` accepts; masks the
// others.
template <typename Keep>
void maskDigits(std::string_view match, std::string& out, Keep keep) {
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
}

// The first `n` digits stay (birth date and sex digit, office and type code, ...).
template <std::size_t n>
void maskAfterDigits(const Candidate&, std::string_view match, std::string& out) {
  maskDigits(match, out, [](std::size_t i, std::size_t) { return i < n; });
}

// The first `lead` and the last `tail` digits stay.
template <std::size_t lead, std::size_t tail>
void maskMiddleDigits(const Candidate&, std::string_view match, std::string& out) {
  maskDigits(match, out,
             [](std::size_t i, std::size_t total) { return i < lead || i + tail >= total; });
}

void maskDriverLicense(const Candidate& c, std::string_view match, std::string& out) {
  const std::size_t keep = (c.flags & kRegionName) ? 2 : 4;  // region + year
  maskDigits(match, out, [keep](std::size_t i, std::size_t) { return i < keep; });
}

void maskPhone(const Candidate& c, std::string_view match, std::string& out) {
  std::size_t prefix = phonePrefixLength(c.canonical);
  if (!match.empty() && match.front() == '+')
    prefix = prefix - 1 + 2 + (match.find("(0)") != std::string_view::npos ? 1 : 0);
  maskDigits(match, out,
             [prefix](std::size_t i, std::size_t n) { return i < prefix || i + 4 >= n; });
}

void maskPassport(const Candidate&, std::string_view match, std::string& out) {
  out = std::string(match.substr(0, 2)) + std::string(match.size() - 2, '*');
}

void maskEmail(const Candidate&, std::string_view match, std::string& out) {
  out = std::string(match.substr(0, 1)) + "***" + std::string(match.substr(match.find('@')));
}

void maskIpv4(const Candidate&, std::string_view match, std::string& out) {
  int dots = 0;
  for (char ch : match) {
    if (ch == '.') ++dots;
    out.push_back(dots >= 2 && isDigit(static_cast<unsigned char>(ch)) ? '*' : ch);
  }
}

void maskIpv6(const Candidate&, std::string_view match, std::string& out) {
  int colons = 0;
  for (char ch : match) {
    if (ch == ':') ++colons;
    out.push_back(colons >= 2 && isAlnum(static_cast<unsigned char>(ch)) ? '*' : ch);
  }
}

void maskPassword(const Candidate&, std::string_view match, std::string& out) {
  std::size_t value = match.find_first_of(":=") + 1;
  while (value < match.size() && (match[value] == ' ' || match[value] == '\t')) ++value;
  out = std::string(match.substr(0, value)) + "****";  // fixed width: hides the length too
}

// The unstructured rules (issue 18) are found, scored and masked by the unstructured pass
// (unstructured_pass.h): their patterns never reach the RE2::Set, so these are never called with
// one of their candidates; they keep the table complete and say "nothing" if they were.
std::optional<Candidate> notInspectedHere(const Facts&, RuleId, int, std::string_view) {
  return std::nullopt;
}
std::optional<Confidence> notScoredHere(const Candidate&, const Evidence&) { return std::nullopt; }
void maskWholly(const Candidate&, std::string_view, std::string& out) { out = "***"; }

// Every rule's three functions, in RuleId order (checked below). The rule's facts (priority,
// boundaries, context needs, OCR repair check) are in its catalogue entry (RuleInfo::traits).
struct Behaviour {
  RuleId id;
  Inspect inspect;
  Score score;
  Mask mask;
};

constexpr std::array<Behaviour, kRuleCount> kBehaviours = {{
    {RuleId::kKrRrn, inspectRegistration, scoreRegistration, maskAfterDigits<7>},
    {RuleId::kKrFrn, inspectRegistration, scoreRegistration, maskAfterDigits<7>},
    {RuleId::kKrPassport, inspectPassport, scorePassport, maskPassport},
    {RuleId::kKrDriverLicense, inspectDriverLicense, scoreDriverLicense, maskDriverLicense},
    {RuleId::kKrPhone, inspectPhone, scorePhone, maskPhone},
    {RuleId::kCardNumber, inspectCard, scoreCard, maskMiddleDigits<4, 4>},
    {RuleId::kKrBankAccount, inspectBankAccount, scoreBankAccount, maskMiddleDigits<3, 2>},
    {RuleId::kKrHealthInsurance, inspectHealthInsurance, scoreHealthInsurance, maskAfterDigits<2>},
    {RuleId::kKrBrn, inspectBrn, scoreBrn, maskAfterDigits<5>},  // office + type code
    {RuleId::kKrCrn, inspectCrn, scoreCrn, maskAfterDigits<6>},
    {RuleId::kEmail, inspectEmail, scoreWhenValid, maskEmail},
    {RuleId::kIpv4, inspectIpv4, scoreIpv4, maskIpv4},
    {RuleId::kIpv6, inspectIpv6, scoreIpv6, maskIpv6},
    {RuleId::kPassword, inspectPassword, scoreWhenValid, maskPassword},
    {RuleId::kKrAddress, notInspectedHere, notScoredHere, maskWholly},
    {RuleId::kPersonName, notInspectedHere, notScoredHere, maskWholly},
    {RuleId::kBirthDate, notInspectedHere, notScoredHere, maskWholly},
    {RuleId::kSensitiveHealth, notInspectedHere, notScoredHere, maskWholly},
    {RuleId::kAgeSex, notInspectedHere, notScoredHere, maskWholly},
}};

constexpr bool inRuleOrder() {
  for (std::size_t i = 0; i < kBehaviours.size(); ++i)
    if (ruleIndex(kBehaviours[i].id) != i) return false;
  return true;
}
static_assert(inRuleOrder(), "kBehaviours lists every rule once, in RuleId order");

const RuleTraits& traitsOf(RuleId rule) { return ruleCatalog()[ruleIndex(rule)].traits; }

// Whether the value confirms itself by its rule's own check: a check digit, Luhn, a validation
// strong enough alone, an MRZ check digit. Such a value needs no label when OCR misread it and
// OcrReading repaired it, and its basis says kChecksum.
bool selfConfirmed(const Candidate& c) {
  switch (traitsOf(c.rule).repair) {
    case RepairCheck::kCheckDigit:
      return (c.flags & kChecksumOk) != 0;
    case RepairCheck::kLuhn:
      return (c.flags & kLuhnFailed) == 0;
    case RepairCheck::kValidated:
      return true;
    case RepairCheck::kMrz:
      return (c.flags & kMrz) != 0;
    case RepairCheck::kLabelOnly:
      return false;
  }
  return false;
}

}  // namespace

RuleLogic::RuleLogic(CivilDate today) : today_(today) {
  tlds_.reserve(std::size(kTlds));
  for (std::string_view t : kTlds) tlds_.insert(t);
}

int RuleLogic::priority(RuleId rule) { return traitsOf(rule).priority; }

std::optional<Candidate> RuleLogic::inspect(RuleId rule, int variant, std::string_view text,
                                            std::size_t begin, std::size_t end) const {
  const RuleTraits& traits = traitsOf(rule);
  if (!leadingOk(traits.leadingOf(variant), text, begin) || !trailingOk(traits.trailing, text, end))
    return std::nullopt;
  const Facts facts{today_, tlds_};
  std::optional<Candidate> c =
      kBehaviours[ruleIndex(rule)].inspect(facts, rule, variant, text.substr(begin, end - begin));
  if (!c) return std::nullopt;
  c->rule = rule;
  c->variant = static_cast<std::uint8_t>(variant);
  c->begin = begin;
  c->end = end;
  return c;
}

std::optional<Confidence> RuleLogic::score(const Candidate& c, const Evidence& ev) const {
  // A value OCR misread and OcrReading repaired counts only when something confirms the repair: a
  // check digit, a strong validation, or a label of its rule.
  if ((c.flags & kRepaired) && !selfConfirmed(c) && !ev.positive) return std::nullopt;
  std::optional<Confidence> level = kBehaviours[ruleIndex(c.rule)].score(c, ev);
  if (!level) return std::nullopt;
  // A negative label ("주문번호", "팩스") counts only when no keyword of the rule is nearer.
  if (ev.negative && !(ev.positive && ev.positive_distance <= ev.negative_distance)) {
    level = lower(*level);
    if (level && ev.negative_direct) level = Confidence::kLow;
  }
  return level;
}

BasisSet RuleLogic::basis(const Candidate& c, const Evidence& ev) {
  BasisSet basis = 0;
  if (selfConfirmed(c)) basis |= basisBit(Basis::kChecksum);
  // The context is told as one of three, strongest first: the person reading it wants to know
  // whether the value stood under its own label, merely near a word of its kind, or neither.
  if (ev.own || ev.positive_direct || traitsOf(c.rule).label_in_pattern)
    basis |= basisBit(Basis::kLabel);
  else if (ev.positive)
    basis |= basisBit(Basis::kKeyword);
  else
    basis |= basisBit(Basis::kFormat);
  if (c.flags & kRepaired) basis |= basisBit(Basis::kRepaired);
  return basis;
}

std::string RuleLogic::mask(const Candidate& c, std::string_view text) {
  const std::string_view match = text.substr(c.begin, c.end - c.begin);
  std::string out;
  out.reserve(match.size());
  kBehaviours[ruleIndex(c.rule)].mask(c, match, out);
  return out;
}

}  // namespace jamul::scanner::detect
