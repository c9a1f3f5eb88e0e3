// SPDX-License-Identifier: Apache-2.0
#include "support/reference_checks.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

// Written from the public algorithms (sources below and in ../shared/DETECTION.md §3), not from
// scanner/src/detect: where a rule has two usual formulations, this file takes the other one, so
// that the two implementations share no code and few habits.

namespace jamul::test::reference {
namespace {

int digit(std::string_view s, std::size_t i) { return s[i] - '0'; }

int numberAt(std::string_view s, std::size_t pos, std::size_t len) {
  int n = 0;
  for (char c : s.substr(pos, len)) n = n * 10 + (c - '0');
  return n;
}

// The check digit that brings a weighted sum to a multiple of 10.
int tenComplement(int sum) { return (10 - sum % 10) % 10; }

}  // namespace

bool realDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  const std::chrono::year_month_day date{std::chrono::year{year},
                                         std::chrono::month{static_cast<unsigned>(month)},
                                         std::chrono::day{static_cast<unsigned>(day)}};
  return date.ok();
}

// 주민등록번호 / 외국인등록번호: the 7th digit gives sex and century (9, 0: 1800s; 1, 2 and for
// foreigners 5, 6: 1900s; 3, 4 and 7, 8: 2000s) [WIKI-RRN][STDNUM-RRN].
std::optional<BirthDate> registrationBirthDate(std::string_view d) {
  static constexpr int kCentury[10] = {1800, 1900, 1900, 2000, 2000, 1900, 1900, 2000, 2000, 1800};
  const BirthDate date{kCentury[digit(d, 6)] + numberAt(d, 0, 2), numberAt(d, 2, 2),
                       numberAt(d, 4, 2)};
  if (!realDate(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

namespace {

// Weights 2,3,...,9,2,3,4,5 on the first 12 digits: i mod 8 + 2. C = (11 - S mod 11) mod 10;
// the foreigner "+2" variant C = (13 - S mod 11) mod 10 [EGOV-NUM] (DETECTION.md §3.1, §3.2).
int registrationCheckDigit(std::string_view d, bool foreigner_plus2) {
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += digit(d, i) * static_cast<int>(i % 8 + 2);
  return ((foreigner_plus2 ? 13 : 11) - sum % 11) % 10;
}

// ISO/IEC 7812-1 Annex B (Luhn): from the rightmost digit leftwards, every second digit is doubled
// and the digits of the product summed; here through a table of those doubled digit sums, counting
// positions from the left by the parity of the length.
constexpr int kDoubledDigitSum[10] = {0, 2, 4, 6, 8, 1, 3, 5, 7, 9};

int luhnSum(std::string_view digits, bool rightmost_doubled) {
  int sum = 0;
  const std::size_t n = digits.size();
  for (std::size_t i = 0; i < n; ++i) {
    const bool doubled = ((n - 1 - i) % 2 == 0) == rightmost_doubled;
    sum += doubled ? kDoubledDigitSum[digit(digits, i)] : digit(digits, i);
  }
  return sum;
}

int luhnCheckDigit(std::string_view payload) {
  // The check digit will stand right of the payload, so the payload's last digit is doubled.
  return tenComplement(luhnSum(payload, true));
}

// GS1 General Specifications §7.9.1: weights 3 and 1 alternate from the digit left of the check
// digit leftwards.
int ean13CheckDigit(std::string_view d) {
  int sum = 0;
  for (std::size_t from_right = 1; from_right <= 12; ++from_right)
    sum += digit(d, 12 - from_right) * (from_right % 2 == 1 ? 3 : 1);
  return tenComplement(sum);
}

// 국세청 사업자등록번호 검증: weights 1,3,7,1,3,7,1,3 on digits 1-8, then the 9th digit times 5
// counted by the sum of its two digits (tens + units) [EGOV-NUM][PRESIDIO-BRN] (DETECTION.md
// §3.9, where the same sum is written d9*5 + floor(d9*5/10)).
int brnCheckDigit(std::string_view d) {
  static constexpr int kWeights[8] = {1, 3, 7, 1, 3, 7, 1, 3};
  int sum = 0;
  for (std::size_t i = 0; i < 8; ++i) sum += digit(d, i) * kWeights[i];
  const int product = digit(d, 8) * 5;
  sum += product / 10 + product % 10;
  return tenComplement(sum);
}

// 법인등록번호: weights 1,2 alternating on digits 1-12, plain products (no digit sums)
// [EGOV-NUM][DUKGUN-CRN] (DETECTION.md §3.10).
int crnCheckDigit(std::string_view d) {
  int odd = 0, even = 0;
  for (std::size_t i = 0; i < 12; i += 2) odd += digit(d, i);
  for (std::size_t i = 1; i < 12; i += 2) even += digit(d, i);
  return tenComplement(odd + 2 * even);
}

}  // namespace

int checkDigit(CheckDigit scheme, std::string_view payload) {
  switch (scheme) {
    case CheckDigit::kResidentRegistration:
      return registrationCheckDigit(payload, false);
    case CheckDigit::kForeignerPlus2:
      return registrationCheckDigit(payload, true);
    case CheckDigit::kBusinessRegistration:
      return brnCheckDigit(payload);
    case CheckDigit::kCorporateRegistration:
      return crnCheckDigit(payload);
    case CheckDigit::kEan13:
      return ean13CheckDigit(payload);
    case CheckDigit::kLuhn:
      return luhnCheckDigit(payload);
  }
  std::abort();
}

bool endsInCheckDigit(CheckDigit scheme, std::string_view digits) {
  if (digits.empty()) return false;
  const std::string_view payload = digits.substr(0, digits.size() - 1);
  return checkDigit(scheme, payload) == digit(digits, digits.size() - 1);
}

// Office code 101-999, type code 01-99, serial 0001-9999 [STDNUM-BRN][NTS-TYPES].
bool brnPartsPossible(std::string_view d) {
  return numberAt(d, 0, 3) >= 101 && numberAt(d, 3, 2) >= 1 && numberAt(d, 5, 4) >= 1;
}

// Type codes of 대법원 규칙 「법인 및 재외국민의 부동산등기용등록번호 부여에 관한 규칙」 별표 3:
// commercial companies 11-15, civil-law corporations 21-22, special-law corporations 31-53, others
// 71, foreign corporations 81-86 [PRESIDIO-ISSUE2177].
bool crnTypeCode(std::string_view d) {
  struct Range {
    int lo, hi;
  };
  static constexpr Range kCodes[] = {{11, 15}, {21, 22}, {31, 53}, {71, 71}, {81, 86}};
  const int code = numberAt(d, 4, 2);
  return std::any_of(std::begin(kCodes), std::end(kCodes),
                     [code](const Range& r) { return code >= r.lo && code <= r.hi; });
}

// Issuer identification ranges and card lengths (ISO/IEC 7812 IINs as the brands publish them)
// [ORACLE-IIN][GIST-IIN]; 9 with 16 digits: Korean domestic-only cards [KAKAOBANK-BIN]; Maestro and
// UATP as most public IIN lists give them (DETECTION.md §3.6). The ranges do not overlap: the one
// whose prefix fits decides, and a length it does not allow makes the number no card.
std::optional<std::string_view> cardBrand(std::string_view d) {
  struct Brand {
    int lo, hi;  // prefix range, inclusive
    int width;   // digits of the prefix
    int min_len, max_len;
    int alt_len;  // a second allowed length outside [min_len, max_len], or 0
    std::string_view name;
  };
  static constexpr Brand kBrands[] = {
      {4, 4, 1, 16, 16, 19, "visa"},
      {51, 55, 2, 16, 16, 0, "mastercard"},
      {2221, 2720, 4, 16, 16, 0, "mastercard"},
      {34, 34, 2, 15, 15, 0, "amex"},
      {37, 37, 2, 15, 15, 0, "amex"},
      {300, 305, 3, 14, 14, 16, "diners"},
      {3095, 3095, 4, 14, 14, 16, "diners"},
      {36, 36, 2, 14, 14, 16, "diners"},
      {38, 39, 2, 14, 14, 16, "diners"},
      {3528, 3589, 4, 16, 16, 0, "jcb"},
      {6011, 6011, 4, 16, 19, 0, "discover"},
      {644, 649, 3, 16, 19, 0, "discover"},
      {65, 65, 2, 16, 19, 0, "discover"},
      {62, 62, 2, 16, 19, 0, "unionpay"},
      {50, 50, 2, 16, 19, 0, "maestro"},
      {56, 58, 2, 16, 19, 0, "maestro"},
      {63, 63, 2, 16, 19, 0, "maestro"},
      {67, 67, 2, 16, 19, 0, "maestro"},
      {1, 1, 1, 15, 15, 0, "uatp"},
      {9, 9, 1, 16, 16, 0, "korean domestic"},
  };
  const int len = static_cast<int>(d.size());
  if (len < 14 || len > 19) return std::nullopt;  // no brand issues shorter or longer numbers
  for (const Brand& b : kBrands) {
    const int prefix = numberAt(d, 0, static_cast<std::size_t>(b.width));
    if (prefix < b.lo || prefix > b.hi) continue;
    if ((len >= b.min_len && len <= b.max_len) || len == b.alt_len) return b.name;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace jamul::test::reference
