// SPDX-License-Identifier: Apache-2.0
#include "support/synthetic_values.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <tuple>

#include "jamul/scanner/rule_catalog.h"
#include "support/reference_checks.h"

namespace jamul::test::synth {
namespace {

using scanner::RuleId;

std::uint64_t splitmix(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

char digitChar(int d) { return static_cast<char>('0' + d); }
int digitAt(std::string_view s, std::size_t i) { return s[i] - '0'; }

std::string randomDigits(Rng& rng, int n) {
  std::string s;
  s.reserve(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) s.push_back(digitChar(static_cast<int>(rng.below(10))));
  return s;
}

// `n` digits, the first of them not 0.
std::string randomNumber(Rng& rng, int n) {
  std::string s = randomDigits(rng, n);
  s[0] = digitChar(rng.range(1, 9));
  return s;
}

std::string twoDigits(int v) {
  v %= 100;
  return {digitChar(v / 10), digitChar(v % 10)};
}

// Splits `digits` into groups of the given sizes joined by `sep` (sep 0: no separator).
std::string groupedBy(std::string_view digits, std::span<const int> sizes, char sep) {
  std::string out;
  std::size_t pos = 0;
  for (int size : sizes) {
    if (pos > 0 && sep != 0) out.push_back(sep);
    out.append(digits.substr(pos, static_cast<std::size_t>(size)));
    pos += static_cast<std::size_t>(size);
  }
  return out;
}

std::string grouped(std::string_view digits, std::initializer_list<int> sizes, char sep) {
  return groupedBy(digits, std::span<const int>(sizes.begin(), sizes.size()), sep);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

struct Date {
  int year, month, day;
};

Date randomDate(Rng& rng, int from_year, int to_year) {
  for (;;) {
    const Date d{rng.range(from_year, to_year), rng.range(1, 12), rng.range(1, 31)};
    if (reference::realDate(d.year, d.month, d.day)) return d;
  }
}

bool before(const Date& a, const Date& b) {
  return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
}

// A 13-digit number whose first six digits are a real date and whose 7th digit is 1-8: something
// the RRN or FRN rule would take for a registration number.
bool registrationShaped(std::string_view d) {
  if (d.size() != 13 || d[6] < '1' || d[6] > '8') return false;
  return reference::registrationBirthDate(d).has_value();
}

using reference::CheckDigit;

// The digit `scheme` appends to `payload`, as a character.
char checkChar(CheckDigit scheme, std::string_view payload) {
  return digitChar(reference::checkDigit(scheme, payload));
}

constexpr RuleMask kAccountBit = ruleBit(RuleId::kKrBankAccount);
// Rules that could take a run of digits for one of theirs (phones need a leading 0, passports a
// letter): what a numeric trap is exposed to.
constexpr RuleMask kDigitRules =
    ruleBit(RuleId::kKrRrn) | ruleBit(RuleId::kKrFrn) | ruleBit(RuleId::kKrDriverLicense) |
    ruleBit(RuleId::kCardNumber) | ruleBit(RuleId::kKrBankAccount) |
    ruleBit(RuleId::kKrHealthInsurance) | ruleBit(RuleId::kKrBrn) | ruleBit(RuleId::kKrCrn);

Item planted(RuleId rule, std::string text) {
  Item item;
  item.planted = true;
  item.rule = rule;
  item.key = std::string(scanner::ruleName(rule)) + ":" + digitsOf(text);
  item.text = std::move(text);
  return item;
}

// Name syllables. Common Korean surnames and given-name syllables; combinations are random, so no
// name belongs to anyone in particular.
constexpr std::string_view kSurnames[] = {
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권",
    "황", "안", "송", "류", "홍", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노",
    "하", "곽", "성", "차", "주", "우", "구", "민", "나", "진", "엄", "채", "원", "천", "방",
    "공", "현", "함", "변", "염", "여", "추", "도", "석", "선", "설", "마", "길", "연", "위"};
constexpr std::string_view kGiven[] = {
    "민", "준", "서", "연", "지", "우", "현", "수", "은", "영", "하", "윤", "도", "예", "시",
    "진", "재", "경", "미", "정", "희", "태", "원", "동", "혁", "주", "아", "나", "다", "유",
    "채", "린", "빈", "혜", "승", "훈", "석", "용", "철", "숙", "순", "옥", "남", "광", "기",
    "종", "규", "범", "찬", "결", "온", "솔", "별", "람", "율", "건", "인", "선", "혼", "완"};
constexpr std::string_view kSurnamesEn[] = {
    "Kim", "Lee",  "Park", "Choi",  "Jung", "Kang", "Cho",  "Yoon", "Jang", "Lim",  "Han",  "Oh",
    "Seo", "Shin", "Kwon", "Hwang", "Ahn",  "Song", "Ryu",  "Hong", "Ko",   "Moon", "Yang", "Son",
    "Bae", "Baek", "Heo",  "Nam",   "Noh",  "Ha",   "Kwak", "Sung", "Cha",  "Joo",  "Woo",  "Min"};
constexpr std::string_view kGivenEn[] = {
    "min",  "jun",  "seo", "yeon", "ji",    "woo",  "hyun", "su",    "eun", "young",
    "ha",   "yoon", "do",  "ye",   "si",    "jin",  "jae",  "kyung", "mi",  "jung",
    "hee",  "tae",  "won", "dong", "hyuk",  "ju",   "a",    "na",    "da",  "yu",
    "chae", "rin",  "bin", "hye",  "seung", "hoon", "seok", "yong",  "gyu"};

std::string capitalized(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------------------------------
Rng::Rng(std::uint64_t seed) {
  std::uint64_t x = seed;
  for (auto& s : s_) s = splitmix(x);
}

std::uint64_t Rng::next() {
  const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
  const std::uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = rotl(s_[3], 45);
  return result;
}

std::uint64_t Rng::below(std::uint64_t n) { return next() % n; }

int Rng::range(int lo, int hi) {
  return lo + static_cast<int>(below(static_cast<std::uint64_t>(hi - lo + 1)));
}

bool Rng::chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

std::uint64_t mixSeed(std::uint64_t seed, std::uint64_t stream) {
  std::uint64_t x = seed ^ (stream * 0xD1B54A32D192ED03ull);
  splitmix(x);
  return splitmix(x);
}

std::string digitsOf(std::string_view s) {
  std::string d;
  for (char c : s)
    if (c >= '0' && c <= '9') d.push_back(c);
  return d;
}

bool isbn13Ok(std::string_view d) {
  return d.size() == 13 && reference::endsInCheckDigit(reference::CheckDigit::kEan13, d);
}

std::string koreanName(Rng& rng) {
  std::string name(rng.pick(kSurnames));
  const int given = rng.chance(0.9) ? 2 : rng.chance(0.5) ? 1 : 3;
  for (int i = 0; i < given; ++i) name += rng.pick(kGiven);
  return name;
}

std::string englishName(Rng& rng) {
  std::string given = capitalized(std::string(rng.pick(kGivenEn)));
  given += rng.pick(kGivenEn);
  return given + " " + std::string(rng.pick(kSurnamesEn));
}

std::string emailLocalPart(Rng& rng) {
  const std::string surname = lower(rng.pick(kSurnamesEn));
  const std::string a(rng.pick(kGivenEn));
  const std::string b(rng.pick(kGivenEn));
  std::string local;
  switch (rng.below(6)) {
    case 0:
      local = a + b + "." + surname;
      break;
    case 1:
      local = surname + "." + a + b;
      break;
    case 2:
      local = surname + a.substr(0, 1) + b.substr(0, 1) + std::to_string(rng.range(70, 99));
      break;
    case 3:
      local = a + "_" + b + std::to_string(rng.range(1, 999));
      break;
    case 4:
      local = surname + a + b;
      break;
    default:
      local = a.substr(0, 1) + b.substr(0, 1) + surname + std::to_string(rng.range(1000, 9999));
      break;
  }
  return local;
}

// --- registration numbers (DETECTION.md §3.1, §3.2) ----------------------------------------------
namespace {

// A 13-digit RRN/FRN. `pass` (out): whether the detector counts its check as passed (a valid check
// digit, or for RRNs a birth date from 2020-10-05 on, when tails became random).
std::string registrationDigits(Rng& rng, bool foreign, bool& pass) {
  static constexpr Date kReform{2020, 10, 5};
  for (;;) {
    Date birth{};
    bool random_tail = false;
    if (!foreign && rng.chance(0.15)) {
      do birth = randomDate(rng, 2020, 2025);
      while (before(birth, kReform));
      random_tail = true;
    } else {
      do birth = randomDate(rng, foreign ? 1950 : 1935, 2019);
      while (!before(birth, kReform));
    }
    const bool male = rng.chance(0.5);
    int s = birth.year < 2000 ? (male ? 1 : 2) : (male ? 3 : 4);
    if (foreign) s += 4;
    std::string d = twoDigits(birth.year) + twoDigits(birth.month) + twoDigits(birth.day);
    d.push_back(digitChar(s));
    if (random_tail) {
      d += randomDigits(rng, 6);
      pass = true;
    } else {
      d += twoDigits(rng.range(0, 95));  // region (<= 95 for numbers issued with a check digit)
      d += randomDigits(rng, 3);
      const bool plus2 = foreign && rng.chance(0.5);
      const int check = reference::checkDigit(
          plus2 ? CheckDigit::kForeignerPlus2 : CheckDigit::kResidentRegistration, d);
      pass = rng.chance(0.85);
      int digit = check;
      if (!pass) {
        // A wrong check digit that also fails the other foreigner formula.
        const int other = reference::checkDigit(
            plus2 ? CheckDigit::kResidentRegistration : CheckDigit::kForeignerPlus2, d);
        do digit = static_cast<int>(rng.below(10));
        while (digit == check || (foreign && digit == other));
      }
      d.push_back(digitChar(digit));
    }
    // Not also a corporate number, not an EAN-13 of a Korean product (both lower an RRN's score).
    if (reference::endsInCheckDigit(CheckDigit::kCorporateRegistration, d) &&
        reference::crnTypeCode(d))
      continue;
    if ((d.starts_with("880") || d.starts_with("881")) &&
        reference::endsInCheckDigit(CheckDigit::kEan13, d))
      continue;
    return d;
  }
}

Item registration(Rng& rng, bool foreign) {
  bool pass = false;
  const std::string d = registrationDigits(rng, foreign, pass);
  std::string text;
  const std::uint64_t form = rng.below(100);
  const bool bare = form < 18;
  if (bare) {
    text = d;
  } else if (form < 22) {
    text = d.substr(0, 6) + " - " + d.substr(6);
  } else {
    text = d.substr(0, 6) + "-" + d.substr(6);
  }
  Item item = planted(foreign ? RuleId::kKrFrn : RuleId::kKrRrn, text);
  item.needs_label = bare && !pass;  // bare with a failing check is low without a keyword
  item.hard_rivals = kAccountBit;    // 13 digits: an account with a bank name could outrank it
  item.negative_sensitive = true;
  return item;
}

}  // namespace

Item makeRrn(Rng& rng) { return registration(rng, false); }
Item makeFrn(Rng& rng) { return registration(rng, true); }

// --- phones (§3.5) -------------------------------------------------------------------------------
// Mobiles in the spellings people use: hyphens, none, spaces, dots, +82 and (010). The middle
// block never starts with 0 or 1 (the detector rejects a 0 there: another number ran into it).
Item makeMobile(Rng& rng) {
  std::string national;
  if (rng.chance(0.88)) {
    national = "010" + std::to_string(rng.range(2, 9)) + randomDigits(rng, 7);
  } else {
    static constexpr std::string_view kLegacy[] = {"011", "016", "017", "018", "019"};
    national = std::string(rng.pick(kLegacy)) + std::to_string(rng.range(2, 9)) +
               randomDigits(rng, rng.chance(0.5) ? 6 : 7);
  }
  const std::size_t mid = national.size() - 7;  // middle block: 3 or 4 digits
  const std::string a = national.substr(0, 3), b = national.substr(3, mid),
                    c = national.substr(3 + mid);
  std::string text;
  const std::uint64_t form = rng.below(100);
  if (form < 52) {
    text = a + "-" + b + "-" + c;
  } else if (form < 62) {
    text = national;
  } else if (form < 70) {
    text = a + " " + b + " " + c;
  } else if (form < 78) {
    text = a + "." + b + "." + c;
  } else if (form < 86) {
    text = "+82 " + a.substr(1) + "-" + b + "-" + c;
  } else if (form < 92) {
    text = "+82-" + a.substr(1) + "-" + b + "-" + c;
  } else {
    text = "(" + a + ")" + b + "-" + c;
  }
  Item item = planted(RuleId::kKrPhone, text);
  item.key = "kr_phone:" + national;
  item.hard_rivals = kAccountBit;
  item.soft_rivals = ruleBit(RuleId::kKrHealthInsurance);
  item.negative_sensitive = true;
  return item;
}

Item makeLandline(Rng& rng) {
  static constexpr std::string_view kAreas[] = {"02",  "02",  "02",  "031", "031", "032", "033",
                                                "041", "042", "043", "044", "051", "052", "053",
                                                "054", "055", "061", "062", "063", "064", "070"};
  std::string area(rng.pick(kAreas));
  std::string middle;
  if (rng.chance(0.08)) {
    area = "050" + std::to_string(rng.range(2, 8));  // personal numbers 0502-0508: 4-4
    middle = std::to_string(rng.range(1, 9)) + randomDigits(rng, 3);
  } else if (area == "070") {
    middle = std::to_string(rng.range(2, 9)) + randomDigits(rng, 3);
  } else {
    middle = std::to_string(rng.range(2, 9)) + randomDigits(rng, rng.chance(0.5) ? 2 : 3);
  }
  const std::string last = randomDigits(rng, 4);
  std::string text;
  const std::uint64_t form = rng.below(100);
  if (form < 70) {
    text = area + "-" + middle + "-" + last;
  } else if (form < 80) {
    text = area + middle + last;
  } else if (form < 90) {
    text = "(" + area + ")" + middle + "-" + last;
  } else {
    text = area + "." + middle + "." + last;
  }
  Item item = planted(RuleId::kKrPhone, text);
  item.key = "kr_phone:" + area + middle + last;
  item.needs_label = true;
  item.high_with_label = false;  // fixed lines: medium with a keyword (§3.14)
  item.hard_rivals = kAccountBit;
  item.soft_rivals = ruleBit(RuleId::kKrHealthInsurance);
  item.negative_sensitive = true;
  return item;
}

// --- cards (§3.6) --------------------------------------------------------------------------------
// Issuer ranges the detector knows (Visa, Mastercard 51-55 and 2221-2720, Korean domestic 9, JCB,
// UnionPay, AmEx), completed with a Luhn digit; unformatted ones only behind a card keyword.
Item makeCard(Rng& rng) {
  std::string payload;
  bool amex = false;
  switch (rng.below(9)) {
    case 0:
    case 1:
      payload = "4" + randomDigits(rng, 14);
      break;  // Visa
    case 2:
      payload = "5" + std::to_string(rng.range(1, 5)) + randomDigits(rng, 13);
      break;
    case 3:
      payload = std::to_string(rng.range(2221, 2720)) + randomDigits(rng, 11);
      break;
    case 4:
    case 5:
      payload = "9" + randomDigits(rng, 14);
      break;  // Korean domestic-only
    case 6:
      payload = std::to_string(rng.range(3528, 3589)) + randomDigits(rng, 11);
      break;  // JCB
    case 7:
      payload = "62" + randomDigits(rng, 13);
      break;  // UnionPay
    default:
      payload = (rng.chance(0.5) ? "34" : "37") + randomDigits(rng, 12);
      amex = true;
      break;
  }
  const std::string d = payload + checkChar(CheckDigit::kLuhn, payload);
  std::string text;
  const std::uint64_t form = rng.below(100);
  const bool bare = form < 22;
  const char sep = form < 72 ? '-' : ' ';
  if (bare) {
    text = d;
  } else if (amex) {
    text = grouped(d, {4, 6, 5}, sep);
  } else {
    text = grouped(d, {4, 4, 4, 4}, sep);
  }
  Item item = planted(RuleId::kCardNumber, text);
  item.needs_label = bare;  // unformatted: low without a keyword
  item.negative_sensitive = true;
  return item;
}

// --- bank accounts (§3.7) ------------------------------------------------------------------------
namespace {

// Groupings people write for each length (KFTC templates and common variants).
constexpr int k10a[] = {3, 3, 4}, k10b[] = {3, 2, 5}, k10c[] = {4, 6};
constexpr int k11a[] = {3, 2, 5, 1}, k11b[] = {3, 4, 4}, k11c[] = {3, 2, 6};
constexpr int k12a[] = {3, 3, 6}, k12b[] = {4, 4, 4}, k12c[] = {3, 2, 6, 1}, k12d[] = {4, 2, 5, 1},
              k12e[] = {3, 6, 3};
constexpr int k13a[] = {4, 3, 6}, k13b[] = {3, 4, 4, 2}, k13c[] = {4, 2, 7}, k13d[] = {3, 3, 7};
constexpr int k14a[] = {3, 6, 2, 2, 1}, k14b[] = {4, 2, 7, 1}, k14c[] = {3, 7, 1, 3},
              k14d[] = {3, 2, 9}, k14e[] = {6, 2, 6};

std::span<const int> groupingFor(Rng& rng, std::string_view bank, int length) {
  // The bank's own template where the KFTC table gives one (DETECTION.md §3.7).
  if (bank == "신한은행" && length == 12) return k12a;
  if (bank == "토스뱅크" && length == 12) return k12b;
  if (bank == "IBK기업은행" && length == 12) return k12c;
  if (bank == "IBK기업은행" && length == 14) return k14a;
  if (bank == "NH농협은행" && length == 12) return k12d;
  if (bank == "NH농협은행" && length == 13) return k13b;
  if (bank == "하나은행" && length == 12) return k12e;
  if (bank == "우리은행" && length == 13) return k13a;
  if (bank == "카카오뱅크" && length == 13) return k13c;
  if (bank == "케이뱅크" && length == 13) return k13d;
  if (bank == "KB국민은행" && length == 14) return k14b;
  if (bank == "KDB산업은행" && length == 14) return k14c;
  if (bank == "SC제일은행" && length == 14) return k14d;
  if (bank == "우체국" && length == 14) return k14e;
  switch (length) {
    case 10: {
      static constexpr std::span<const int> g[] = {k10a, k10b, k10c};
      return rng.pick(g);
    }
    case 11: {
      static constexpr std::span<const int> g[] = {k11a, k11b, k11c};
      return rng.pick(g);
    }
    case 12: {
      static constexpr std::span<const int> g[] = {k12a, k12b, k12c, k12d, k12e};
      return rng.pick(g);
    }
    case 13: {
      static constexpr std::span<const int> g[] = {k13a, k13b, k13c, k13d};
      return rng.pick(g);
    }
    // 3-2-9 is SC제일's own template (above), not a generic grouping.
    default: {
      static constexpr std::span<const int> g[] = {k14a, k14b, k14c, k14e};
      return rng.pick(g);
    }
  }
}

bool isDriverLicenceRegion(std::string_view d) {
  const int r = digitAt(d, 0) * 10 + digitAt(d, 1);
  return (r >= 11 && r <= 26) || r == 28;
}

}  // namespace

// An account number in one of its bank's layouts (length and known prefix, bankCatalog()), so that
// with the bank's name nearby the detector can score it high.
Item makeAccount(Rng& rng, std::size_t& bank_index) {
  const auto banks = scanner::bankCatalog();
  for (;;) {
    bank_index = static_cast<std::size_t>(rng.below(banks.size()));
    const scanner::BankInfo& bank = banks[bank_index];
    const scanner::AccountLayout& layout = rng.pick(bank.layouts);
    std::string d;
    if (!layout.prefixes.empty()) d = std::string(rng.pick(layout.prefixes));
    d += randomDigits(rng, layout.length - static_cast<int>(d.size()));
    const std::uint64_t form = rng.below(100);
    const bool bare = form < 20;
    // Digits that another rule would take for its own (DETECTION.md §3.7 "FP traps") are re-drawn:
    // this generator plants accounts, not ambiguous numbers.
    if (d[0] == '0' || d.find_first_not_of(d[0]) == std::string::npos) continue;
    if (d.size() == 10 && reference::endsInCheckDigit(CheckDigit::kBusinessRegistration, d) &&
        reference::brnPartsPossible(d))
      continue;
    if (d.size() == 13 && reference::endsInCheckDigit(CheckDigit::kCorporateRegistration, d) &&
        reference::crnTypeCode(d))
      continue;
    if (d.size() == 13 && bare && registrationShaped(d)) continue;
    if (d.size() == 12 && bare && isDriverLicenceRegion(d)) continue;
    if (reference::cardBrand(d) && reference::endsInCheckDigit(CheckDigit::kLuhn, d)) continue;
    std::string text =
        bare ? d : groupedBy(d, groupingFor(rng, bank.name, layout.length), form < 95 ? '-' : ' ');
    Item item = planted(RuleId::kKrBankAccount, std::move(text));
    item.needs_label = true;
    item.high_with_label = false;  // high only when the nearest bank name's layout fits
    item.soft_rivals = ruleBit(RuleId::kKrHealthInsurance);
    item.negative_sensitive = true;
    return item;
  }
}

// --- health insurance (§3.8) ---------------------------------------------------------------------
// 11 digits with no public structure; never starting with 0, so that it is not also a phone.
Item makeHealthInsurance(Rng& rng) {
  const std::string d = std::to_string(rng.range(1, 7)) + randomDigits(rng, 10);
  Item item =
      planted(RuleId::kKrHealthInsurance, rng.chance(0.2) ? d.substr(0, 1) + "-" + d.substr(1) : d);
  item.needs_label = true;
  item.high_with_label = false;
  item.hard_rivals = kAccountBit;
  item.negative_sensitive = true;
  return item;
}

// --- BRN, CRN (§3.9, §3.10) ----------------------------------------------------------------------
// Office code 101-999, a type code weighted towards individuals (01-79), a serial that is not 0000
// and the check digit: what brnChecksumOk and brnComponentsOk accept.
Item makeBrn(Rng& rng) {
  int type = 0;
  const std::uint64_t t = rng.below(10);
  if (t < 7) {
    type = rng.range(1, 79);
  } else if (t < 9) {
    static constexpr int kCorporate[] = {81, 86, 87, 88};
    type = rng.pick(kCorporate);
  } else {
    type = rng.range(82, 99);
  }
  std::string d = std::to_string(rng.range(101, 999)) + twoDigits(type) +
                  std::to_string(rng.range(1, 9)) + randomDigits(rng, 3);
  d.push_back(checkChar(CheckDigit::kBusinessRegistration, d));
  const std::uint64_t form = rng.below(100);
  const bool bare = form < 20;
  std::string text = bare ? d : grouped(d, {3, 2, 5}, form < 95 ? '-' : ' ');
  Item item = planted(RuleId::kKrBrn, std::move(text));
  item.needs_label = bare;
  item.high_with_label = !bare;  // bare with a keyword: medium
  item.hard_rivals = kAccountBit;
  item.negative_sensitive = true;
  return item;
}

Item makeCrn(Rng& rng) {
  // Registry office codes (법원 등기소) and corporate type codes (대법원 규칙 별표 3).
  static constexpr std::string_view kOffices[] = {"1101", "1201", "1301", "1311", "1344", "1350",
                                                  "1358", "1401", "1501", "1601", "1701", "1801",
                                                  "1901", "2001", "2101", "2301", "2401", "2501",
                                                  "2601", "2801", "1146", "1147", "1149", "2841"};
  static constexpr int kTypes[] = {11, 11, 11, 11, 12, 13, 14, 15, 21, 22,
                                   31, 32, 33, 41, 42, 43, 51, 71, 81, 84};
  // The serial starts with 0 (as nearly all do), so the 7th digit is 0 and no RRN/FRN rule can
  // mistake the number for a birth date with a sex digit.
  std::string d =
      std::string(rng.pick(kOffices)) + twoDigits(rng.pick(kTypes)) + "0" + randomDigits(rng, 5);
  d.push_back(checkChar(CheckDigit::kCorporateRegistration, d));
  const bool bare = rng.chance(0.15);
  Item item = planted(RuleId::kKrCrn, bare ? d : d.substr(0, 6) + "-" + d.substr(6));
  item.needs_label = bare;
  item.hard_rivals = kAccountBit;
  item.negative_sensitive = true;
  return item;
}

// --- passport, driver's licence (§3.3, §3.4) -----------------------------------------------------
Item makePassport(Rng& rng) {
  static constexpr char kPrefixes[] = {'M', 'M', 'M', 'M', 'M', 'M', 'S', 'R', 'G', 'O', 'D'};
  std::string text(1, rng.pick(kPrefixes));
  if (rng.chance(0.55)) {
    text += randomDigits(rng, 3);
    text.push_back(static_cast<char>('A' + rng.below(26)));
    text += randomDigits(rng, 4);
  } else {
    text += randomDigits(rng, 8);
  }
  Item item = planted(RuleId::kKrPassport, text);
  item.key = "kr_passport:" + text;
  item.needs_label = true;
  item.negative_sensitive = true;
  return item;
}

Item makeDriverLicense(Rng& rng) {
  static constexpr std::string_view kRegionNames[] = {
      "서울", "부산", "경기", "강원", "충북", "충남", "전북", "전남",
      "경북", "경남", "제주", "대구", "인천", "광주", "대전", "울산"};
  const std::string year = twoDigits(rng.chance(0.7) ? rng.range(70, 99) : rng.range(0, 13));
  const std::string serial = randomDigits(rng, 6), last = randomDigits(rng, 2);
  if (rng.chance(0.15)) {
    // Pre-2014 form with the region name: high on its own (§3.4).
    const std::size_t region = static_cast<std::size_t>(rng.below(std::size(kRegionNames)));
    const char sep = rng.chance(0.8) ? '-' : ' ';
    std::string text = std::string(kRegionNames[region]) + (rng.chance(0.8) ? " " : "") + year +
                       sep + serial + sep + last;
    Item item = planted(RuleId::kKrDriverLicense, text);
    item.key = "kr_driver_license:" + std::to_string(11 + region) + year + serial + last;
    item.hard_rivals = kAccountBit;  // its 10 digits fit some banks' layouts
    item.negative_sensitive = true;
    return item;
  }
  static constexpr int kCodes[] = {11, 12, 13, 14, 15, 16, 17, 18, 19,
                                   20, 21, 22, 23, 24, 25, 26, 28};
  const std::string d = std::to_string(rng.pick(kCodes)) + year + serial + last;
  const std::uint64_t form = rng.below(100);
  std::string text = form < 60   ? grouped(d, {2, 2, 6, 2}, '-')
                     : form < 85 ? d
                                 : grouped(d, {2, 2, 6, 2}, ' ');
  Item item = planted(RuleId::kKrDriverLicense, std::move(text));
  item.needs_label = true;
  item.hard_rivals = kAccountBit;
  item.negative_sensitive = true;
  return item;
}

// --- e-mail, IP (§3.11, §3.12) -------------------------------------------------------------------
Item makeEmail(Rng& rng) {
  static constexpr std::string_view kDomains[] = {
      "naver.com",    "naver.com",   "daum.net",     "hanmail.net", "gmail.com",   "nate.com",
      "kakao.com",    "korea.kr",    "korea.kr",     "seoul.go.kr", "mois.go.kr",  "busan.go.kr",
      "gg.go.kr",     "snu.ac.kr",   "yonsei.ac.kr", "outlook.com", "hotmail.com", "icloud.com",
      "minwon.or.kr", "daegu.go.kr", "sen.go.kr",    "kakao.com"};
  std::string text = emailLocalPart(rng) + "@" + std::string(rng.pick(kDomains));
  Item item = planted(scanner::RuleId::kEmail, text);
  item.key = "email:" + lower(text);
  return item;
}

Item makeIpv4(Rng& rng) {
  std::string text;
  switch (rng.below(5)) {
    case 0:
      text = "10." + std::to_string(rng.range(0, 255)) + "." + std::to_string(rng.range(0, 255));
      break;
    case 1:
      text = "192.168." + std::to_string(rng.range(0, 255));
      break;
    case 2:
      text = "172." + std::to_string(rng.range(16, 31)) + "." + std::to_string(rng.range(0, 255));
      break;
    default: {
      static constexpr int kFirst[] = {1,   14,  27,  39,  49,  58,  59,  61,  106,
                                       110, 112, 114, 115, 118, 121, 125, 175, 180,
                                       182, 203, 210, 211, 218, 220, 221, 222};
      text = std::to_string(rng.pick(kFirst)) + "." + std::to_string(rng.range(0, 255)) + "." +
             std::to_string(rng.range(0, 255));
      break;
    }
  }
  text += "." + std::to_string(rng.range(1, 254));
  Item item = planted(scanner::RuleId::kIpv4, text);
  item.key = "ipv4:" + text;
  item.needs_label = true;
  return item;
}

Item makeIpv6(Rng& rng) {
  const auto hex = [&](bool zeros) {
    char buf[8];
    const unsigned v = static_cast<unsigned>(rng.below(0x10000));
    std::snprintf(buf, sizeof buf, zeros ? "%04x" : "%x", v);
    return std::string(buf);
  };
  static constexpr std::string_view kPrefixes[] = {
      "2001:db8", "2001:2d8", "2001:e60", "2400:cb00", "2406:da12", "2404:6800", "2001:4860"};
  std::string text;
  switch (rng.below(4)) {
    case 0:  // full form with leading zeros
      text = "2001:0" + hex(false).substr(0, 3);
      for (int i = 0; i < 6; ++i) text += ":" + hex(true);
      break;
    case 1: {  // compressed global
      text = std::string(rng.pick(kPrefixes)) + ":" + hex(false) + "::" + hex(false) + ":" +
             hex(false);
      break;
    }
    case 2:  // link-local, sometimes with a zone
      text = "fe80::" + hex(false) + ":" + hex(false) + ":" + hex(false) + ":" + hex(false);
      if (rng.chance(0.4)) text += rng.chance(0.5) ? "%eth0" : "%ens192";
      break;
    default:
      text = std::string(rng.pick(kPrefixes)) + ":" + hex(false) + ":" + hex(false) + ":" +
             hex(false) + "::" + hex(false);
      break;
  }
  // A real address has a digit somewhere (the rule rejects all-letter groups like "be::ef").
  if (digitsOf(text).empty()) text += ":1";
  Item item = planted(scanner::RuleId::kIpv6, text);
  item.key = "ipv6:" + lower(text);
  return item;
}

std::string makePasswordValue(Rng& rng) {
  static constexpr std::string_view kWords[] = {"Spring", "Minwon", "Seoul", "Admin",  "Hangang",
                                                "Tiger",  "Green",  "Blue",  "Office", "Korea"};
  static constexpr char kSymbols[] = {'!', '#', '$', '%', '^', '&', '*', '_', '+', '~', '?'};
  static constexpr char kAlnum[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  std::string value;
  if (rng.chance(0.5)) {
    value = std::string(rng.pick(kWords)) + std::to_string(rng.range(10, 9999));
    value.push_back(rng.pick(kSymbols));
  } else {
    const int n = rng.range(8, 14);
    for (int i = 0; i < n; ++i) value.push_back(kAlnum[rng.below(sizeof kAlnum - 1)]);
    value[static_cast<std::size_t>(rng.range(1, n - 1))] = rng.pick(kSymbols);
  }
  return value;
}

// --- traps ---------------------------------------------------------------------------------------
namespace {

Item trap(std::string kind, std::string text) {
  Item item;
  item.planted = false;
  item.kind = std::move(kind);
  item.key = "trap:" + text;
  item.text = std::move(text);
  return item;
}

std::string dateDigits(Rng& rng, int from, int to) {
  const Date d = randomDate(rng, from, to);
  return std::to_string(d.year) + twoDigits(d.month) + twoDigits(d.day);
}

std::string timeDigits(Rng& rng, bool seconds) {
  std::string t = twoDigits(rng.range(0, 23)) + twoDigits(rng.range(0, 59));
  if (seconds) t += twoDigits(rng.range(0, 59));
  return t;
}

}  // namespace

Item makeMasked(Rng& rng, MaskedForm form) {
  switch (form) {
    case MaskedForm::kRegistration: {
      const Date d = randomDate(rng, 1950, 2005);
      const int s = (d.year < 2000 ? 1 : 3) + static_cast<int>(rng.below(2));
      const std::string yymmdd = twoDigits(d.year) + twoDigits(d.month) + twoDigits(d.day);
      return trap("masked", yymmdd + "-" + digitChar(s) + (rng.chance(0.8) ? "******" : "xxxxxx"));
    }
    case MaskedForm::kPhone: {
      if (rng.chance(0.5)) return trap("masked", "010-****-" + randomDigits(rng, 4));
      const std::string a = randomDigits(rng, 1), b = randomDigits(rng, 2);
      return trap("masked", "010-" + std::to_string(rng.range(2, 9)) + a + "**-" + b + "**");
    }
    case MaskedForm::kCard: {
      static constexpr std::string_view kIin[] = {"4111", "5521", "9410", "3714", "4906", "5310"};
      return trap("masked", std::string(rng.pick(kIin)) + "-****-****-" + randomDigits(rng, 4));
    }
    case MaskedForm::kEmail: {
      static constexpr std::string_view kDomains[] = {"naver.com", "daum.net", "korea.kr",
                                                      "gmail.com"};
      const std::string local = emailLocalPart(rng);
      return trap("masked",
                  local.substr(0, 1 + rng.below(2)) + "***@" + std::string(rng.pick(kDomains)));
    }
  }
  return trap("masked", "***");
}

namespace {
Item trapOfKind(Rng& rng, TrapKind kind, std::string& label, bool english) {
  label.clear();
  switch (kind) {
    case TrapKind::kEan13: {
      std::string d = "880" + randomDigits(rng, 9);
      d.push_back(checkChar(CheckDigit::kEan13, d));
      static constexpr std::string_view kKo[] = {"바코드 ", "바코드: ", "상품 바코드 ",
                                                 "바코드번호 "};
      static constexpr std::string_view kEn[] = {"Barcode ", "barcode: ", "EAN barcode "};
      // Some without a label: an 880… number that passes the EAN-13 check is down-ranked on its
      // own (DETECTION.md §3.1), as long as no RRN keyword is near.
      if (rng.chance(0.7)) label = english ? rng.pick(kEn) : rng.pick(kKo);
      return trap("ean13", d);
    }
    case TrapKind::kOrderNumber: {
      std::string d;
      const std::uint64_t shape = rng.below(10);
      if (shape < 3) {
        // YYMMDD-NNNNNNN: a real date and a "sex digit"; an RRN by shape.
        d = dateDigits(rng, 2019, 2026).substr(2) + "-" + std::to_string(rng.range(1, 4)) +
            randomDigits(rng, 6);
      } else if (shape < 5) {
        d = dateDigits(rng, 2019, 2026).substr(2) + std::to_string(rng.range(1, 4)) +
            randomDigits(rng, 6);
      } else if (shape < 7) {
        d = dateDigits(rng, 2019, 2026) + randomDigits(rng, rng.range(2, 8));
      } else {
        d = randomNumber(rng, rng.range(10, 16));
      }
      static constexpr std::string_view kKo[] = {"주문번호 ", "주문번호: ", "주문 번호 ",
                                                 "주문번호는 "};
      static constexpr std::string_view kEn[] = {"Order No. ", "order number ", "Order no: "};
      label = english ? rng.pick(kEn) : rng.pick(kKo);
      return trap("order number", d);
    }
    case TrapKind::kReceiptNumber: {
      const std::string d =
          rng.chance(0.5) ? dateDigits(rng, 2019, 2026).substr(0, 4) + "-" + randomNumber(rng, 6)
                          : dateDigits(rng, 2019, 2026).substr(2) + "-" +
                                std::to_string(rng.range(1, 4)) + randomDigits(rng, 6);
      static constexpr std::string_view kKo[] = {"접수번호 ", "접수번호: ", "민원접수번호 "};
      static constexpr std::string_view kEn[] = {"Invoice No. ", "invoice "};
      label = english ? rng.pick(kEn) : rng.pick(kKo);
      return trap("receipt number", d);
    }
    case TrapKind::kDocumentNumber: {
      const std::string year = std::to_string(rng.range(2015, 2026));
      const std::string serial = twoDigits(rng.range(0, 9)) + randomDigits(rng, 3);
      if (english) {
        label = "Document No. ";
        return trap("document number", year + "-" + serial);
      }
      label = rng.chance(0.5) ? "문서번호 " : "문서번호: ";
      return trap("document number", "제" + year + "-" + serial + "호");
    }
    case TrapKind::kTimestamp: {
      const std::string d = dateDigits(rng, 2019, 2026);
      const std::string t = timeDigits(rng, true);
      return trap("timestamp", d.substr(0, 4) + "-" + d.substr(4, 2) + "-" + d.substr(6) + " " +
                                   t.substr(0, 2) + ":" + t.substr(2, 2) + ":" + t.substr(4));
    }
    case TrapKind::kCompactTimestamp: {
      const bool seconds = rng.chance(0.5);
      Item item = trap("timestamp", dateDigits(rng, 2019, 2026) + timeDigits(rng, seconds));
      // 14 digits: an account by length; 12 digits: also a driver's licence (region 20, 경남).
      item.exposure = ruleBit(RuleId::kKrBankAccount);
      if (!seconds) item.exposure |= ruleBit(RuleId::kKrDriverLicense);
      return item;
    }
    case TrapKind::kDate: {
      const std::string d = dateDigits(rng, 2015, 2026);
      const std::string y = d.substr(0, 4), m = d.substr(4, 2), dd = d.substr(6);
      const int mi = std::stoi(m), di = std::stoi(dd);
      static constexpr std::string_view kMonths[] = {
          "January", "February", "March",     "April",   "May",      "June",
          "July",    "August",   "September", "October", "November", "December"};
      if (english) {
        return trap("date", rng.chance(0.5)
                                ? std::string(kMonths[mi - 1]) + " " + std::to_string(di) + ", " + y
                                : y + "." + m + "." + dd);
      }
      switch (rng.below(3)) {
        case 0:
          return trap("date", y + "." + m + "." + dd);
        case 1:
          return trap("date", y + "년 " + std::to_string(mi) + "월 " + std::to_string(di) + "일");
        default:
          return trap("date", y + ". " + std::to_string(mi) + ". " + std::to_string(di) + ".");
      }
    }
    case TrapKind::kTracking: {
      static constexpr std::string_view kKo[] = {"송장번호 ", "운송장 번호 ", "운송장 ",
                                                 "송장번호: "};
      static constexpr std::string_view kEn[] = {"Tracking No. ", "tracking number "};
      label = english ? rng.pick(kEn) : rng.pick(kKo);
      if (rng.chance(0.3))
        return trap("tracking number", grouped(randomNumber(rng, 12), {4, 4, 4}, '-'));
      return trap("tracking number", randomNumber(rng, rng.range(10, 13)));
    }
    case TrapKind::kModelCode: {
      static constexpr std::string_view kMakers[] = {"SM", "LG", "NT", "KT", "HP", "SL", "DW"};
      std::string code =
          std::string(rng.pick(kMakers)) + "-" + static_cast<char>('A' + rng.below(26)) +
          std::to_string(rng.range(100, 999)) + static_cast<char>('A' + rng.below(26));
      if (code.starts_with("HP")) code[0] = 'S';  // "HP" is a phone keyword (H.P)
      return trap("model code", code);
    }
    case TrapKind::kPartCode: {
      static constexpr char kLetters[] = {'M', 'S', 'R', 'G', 'O', 'D'};
      const std::string code = std::string(1, rng.pick(kLetters)) +
                               dateDigits(rng, 2015, 2026).substr(2) + twoDigits(rng.range(1, 99));
      static constexpr std::string_view kKo[] = {"부품번호 ", "모델명 ", "제품번호 ", "품번 "};
      static constexpr std::string_view kEn[] = {"Model No. ", "part SKU "};
      label = english ? rng.pick(kEn) : rng.pick(kKo);
      return trap("part code", code);
    }
    case TrapKind::kMasked: {
      static constexpr MaskedForm kForms[] = {MaskedForm::kRegistration, MaskedForm::kRegistration,
                                              MaskedForm::kPhone,        MaskedForm::kPhone,
                                              MaskedForm::kCard,         MaskedForm::kEmail};
      return makeMasked(rng, rng.pick(kForms));
    }
    case TrapKind::kIsbn: {
      std::string d = rng.chance(0.6) ? "97889" : "97911";
      d += randomDigits(rng, 7);
      d.push_back(checkChar(CheckDigit::kEan13, d));
      label = "ISBN ";
      const int publisher = d.starts_with("97889") ? 4 : 3;
      return trap("isbn", d.substr(0, 3) + "-" + d.substr(3, 2) + "-" +
                              d.substr(5, static_cast<std::size_t>(publisher)) + "-" +
                              d.substr(5 + static_cast<std::size_t>(publisher),
                                       static_cast<std::size_t>(7 - publisher)) +
                              "-" + d.substr(12));
    }
    case TrapKind::kAmount: {
      const auto withCommas = [](std::uint64_t v) {
        std::string s = std::to_string(v);
        for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3)
          s.insert(static_cast<std::size_t>(i), ",");
        return s;
      };
      const std::uint64_t v =
          rng.below(100) < 70 ? (rng.below(99999) + 1) * 1000 : rng.below(99999) + 100;
      if (english) return trap("amount", "KRW " + withCommas(v));
      static constexpr std::string_view kUnits[] = {"원", "원", "원", "개", "명", "건", "부"};
      return trap("amount", withCommas(v) + std::string(rng.pick(kUnits)));
    }
    case TrapKind::kVersion: {
      switch (rng.below(3)) {
        case 0:
          return trap("version", "v10.0." + std::to_string(rng.range(17000, 22631)) + "." +
                                     std::to_string(rng.range(1, 4000)));
        case 1:
          return trap("version", std::to_string(rng.range(1, 9)) + "." +
                                     std::to_string(rng.range(0, 30)) + "." +
                                     std::to_string(rng.range(0, 99)));
        default:
          return trap("version", "v" + std::to_string(rng.range(1, 5)) + "." +
                                     std::to_string(rng.range(0, 20)) + "." +
                                     std::to_string(rng.range(1000, 9999)) + "." +
                                     std::to_string(rng.range(1, 300)));
      }
    }
    case TrapKind::kFax: {
      static constexpr std::string_view kAreas[] = {"02",  "02",  "031", "032",
                                                    "042", "051", "053", "062"};
      const std::string area(rng.pick(kAreas));
      const bool long_middle = rng.chance(0.4);
      const std::string number = area + "-" + std::to_string(rng.range(2, 9)) +
                                 randomDigits(rng, long_middle ? 3 : 2) + "-" +
                                 randomDigits(rng, 4);
      static constexpr std::string_view kKo[] = {"팩스 ", "팩스: ", "FAX ", "팩스번호 "};
      static constexpr std::string_view kEn[] = {"Fax ", "FAX: ", "fax "};
      label = english ? rng.pick(kEn) : rng.pick(kKo);
      return trap("fax", number);
    }
    case TrapKind::kBusinessNumber: {
      static constexpr std::string_view kPrefixes[] = {"1588", "1544", "1577", "1566",
                                                       "1600", "1899", "1644"};
      static constexpr std::string_view kKo[] = {"대표번호 ", "고객센터 ", "대표전화 "};
      label = english ? "call center " : rng.pick(kKo);
      return trap("business number", std::string(rng.pick(kPrefixes)) + "-" + randomDigits(rng, 4));
    }
    case TrapKind::kTollFree: {
      Item item = trap("toll-free", "080-" + std::to_string(rng.range(2, 9)) +
                                        randomDigits(rng, 2) + "-" + randomDigits(rng, 4));
      label = english ? "toll-free " : "수신자부담 ";
      item.exposure = ruleBit(RuleId::kKrBankAccount);  // 10 digits
      return item;
    }
    case TrapKind::kStatute: {
      std::string s = "제" + std::to_string(rng.range(2, 80)) + "조";
      if (rng.chance(0.4)) s += "의" + std::to_string(rng.range(2, 5));
      if (rng.chance(0.4)) s += " 제" + std::to_string(rng.range(1, 9)) + "항";
      if (english)
        s = "Article " + std::to_string(rng.range(2, 80)) + "(" + std::to_string(rng.range(1, 9)) +
            ")";
      return trap("statute", s);
    }
    case TrapKind::kPostalCode: {
      label = english ? "ZIP " : (rng.chance(0.5) ? "우편번호 " : "우편번호: ");
      return trap("postal code", twoDigits(rng.range(1, 63)) + randomDigits(rng, 3));
    }
    case TrapKind::kSerialNumber: {
      static constexpr std::string_view kKo[] = {"일련번호 ", "관리번호 ",
                                                 "일련번호: ", "관리번호: "};
      static constexpr std::string_view kEn[] = {"Serial No. ", "serial number "};
      label = english ? rng.pick(kEn) : rng.pick(kKo);
      return trap("serial number", randomNumber(rng, rng.chance(0.5) ? 10 : 11));
    }
    case TrapKind::kMacAddress: {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string mac;
      for (int i = 0; i < 6; ++i) {
        if (i > 0) mac.push_back(':');
        mac.push_back(kHex[rng.below(16)]);
        mac.push_back(kHex[rng.below(16)]);
      }
      label = "MAC ";
      return trap("mac address", mac);
    }
    case TrapKind::kLoopback:
      return trap("loopback", rng.chance(0.5) ? "::1" : "0:0:0:0:0:0:0:1");
  }
  return trap("amount", "0원");
}

}  // namespace

Item makeTrap(Rng& rng, TrapKind kind, std::string& label, bool english) {
  Item item = trapOfKind(rng, kind, label, english);
  // The rules whose candidates the trap's characters could form: a keyword of one of them nearby
  // makes the trap reportable unless its negative label is nearer (synthetic_corpus.cpp).
  switch (kind) {
    case TrapKind::kEan13:
      item.exposure =
          ruleBit(RuleId::kKrRrn) | ruleBit(RuleId::kKrFrn) | ruleBit(RuleId::kKrCrn) | kAccountBit;
      break;
    case TrapKind::kOrderNumber:
    case TrapKind::kReceiptNumber:
    case TrapKind::kTracking:
    case TrapKind::kSerialNumber:
      item.exposure = kDigitRules;
      break;
    case TrapKind::kIsbn:
      item.exposure = kAccountBit;
      break;
    case TrapKind::kPartCode:
      item.exposure = ruleBit(RuleId::kKrPassport);
      break;
    case TrapKind::kFax:
      // 팩스 labels the phone rule only; 10 digits or more are also an account by length.
      item.exposure = ruleBit(RuleId::kKrPhone) | kAccountBit;
      break;
    default:
      break;  // set by trapOfKind where the shape needs it (timestamps, toll-free)
  }
  return item;
}

}  // namespace jamul::test::synth
