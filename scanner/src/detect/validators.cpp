// SPDX-License-Identifier: Apache-2.0
#include "detect/validators.h"

#include "jamul/common/check.h"

namespace jamul::scanner::detect {
namespace {

int digitAt(std::string_view s, std::size_t i) { return s[i] - '0'; }

int number(std::string_view s, std::size_t pos, std::size_t len) {
  int n = 0;
  for (std::size_t i = pos; i < pos + len; ++i) n = n * 10 + digitAt(s, i);
  return n;
}

bool startsWithRange(std::string_view digits, int width, int lo, int hi) {
  if (digits.size() < static_cast<std::size_t>(width)) return false;
  const int v = number(digits, 0, static_cast<std::size_t>(width));
  return v >= lo && v <= hi;
}

}  // namespace

bool isValidDate(int year, int month, int day) {
  if (month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days = (month == 2 && leap) ? 29 : kDays[month - 1];
  return day <= days;
}

std::optional<CivilDate> registrationBirthDate(std::string_view d) {
  JAMUL_CHECK(d.size() == 13);
  int century = 0;
  switch (d[6]) {
    case '1': case '2': case '5': case '6': century = 1900; break;
    case '3': case '4': case '7': case '8': century = 2000; break;
    case '9': case '0': century = 1800; break;
    default: return std::nullopt;
  }
  const CivilDate date{century + number(d, 0, 2), number(d, 2, 2), number(d, 4, 2)};
  if (!isValidDate(date.year, date.month, date.day)) return std::nullopt;
  return date;
}

namespace {
int registrationWeightedSum(std::string_view d) {
  static constexpr int kWeights[12] = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += digitAt(d, i) * kWeights[i];
  return sum;
}
}  // namespace

bool rrnChecksumOk(std::string_view d) {
  JAMUL_CHECK(d.size() == 13);
  return (11 - registrationWeightedSum(d) % 11) % 10 == digitAt(d, 12);
}

bool frnPlus2ChecksumOk(std::string_view d) {
  JAMUL_CHECK(d.size() == 13);
  return (13 - registrationWeightedSum(d) % 11) % 10 == digitAt(d, 12);
}

bool brnChecksumOk(std::string_view d) {
  JAMUL_CHECK(d.size() == 10);
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (std::size_t i = 0; i < 9; ++i) sum += digitAt(d, i) * kWeights[i];
  sum += digitAt(d, 8) * 5 / 10;
  return (10 - sum % 10) % 10 == digitAt(d, 9);
}

bool brnComponentsOk(std::string_view d) {
  JAMUL_CHECK(d.size() == 10);
  return number(d, 0, 3) >= 101 && number(d, 3, 2) != 0 && number(d, 5, 4) != 0;
}

bool crnChecksumOk(std::string_view d) {
  JAMUL_CHECK(d.size() == 13);
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += digitAt(d, i) * (i % 2 == 0 ? 1 : 2);
  return (10 - sum % 10) % 10 == digitAt(d, 12);
}

bool crnTypeCodeOk(std::string_view d) {
  JAMUL_CHECK(d.size() == 13);
  const int t = number(d, 4, 2);
  return (t >= 11 && t <= 15) || t == 21 || t == 22 || (t >= 31 && t <= 53) || t == 71 ||
         (t >= 81 && t <= 86);
}

bool luhnOk(std::string_view d) {
  int sum = 0;
  bool twice = false;
  for (std::size_t i = d.size(); i-- > 0;) {
    int v = digitAt(d, i);
    if (twice) {
      v *= 2;
      if (v > 9) v -= 9;
    }
    sum += v;
    twice = !twice;
  }
  return !d.empty() && sum % 10 == 0;
}

bool ean13Ok(std::string_view d) {
  JAMUL_CHECK(d.size() == 13);
  int sum = 0;
  for (std::size_t i = 0; i < 12; ++i) sum += digitAt(d, i) * (i % 2 == 0 ? 1 : 3);
  return (10 - sum % 10) % 10 == digitAt(d, 12);
}

std::optional<CardNetwork> cardNetwork(std::string_view d) {
  const std::size_t n = d.size();
  if (n < 14 || n > 19) return std::nullopt;
  // Ranges from [ORACLE-IIN] (incl. Mastercard 2221-2720), [GIST-IIN] (UnionPay 16-19 digits) and
  // [KAKAOBANK-BIN] (9: Korean domestic-only cards, 16 digits).
  if (d[0] == '4') return n == 16 || n == 19 ? std::optional(CardNetwork::kVisa) : std::nullopt;
  if (startsWithRange(d, 2, 51, 55) || startsWithRange(d, 4, 2221, 2720))
    return n == 16 ? std::optional(CardNetwork::kMastercard) : std::nullopt;
  if (startsWithRange(d, 2, 34, 34) || startsWithRange(d, 2, 37, 37))
    return n == 15 ? std::optional(CardNetwork::kAmex) : std::nullopt;
  if (startsWithRange(d, 3, 300, 305) || startsWithRange(d, 4, 3095, 3095) ||
      startsWithRange(d, 2, 36, 36) || startsWithRange(d, 2, 38, 39))
    return n == 14 || n == 16 ? std::optional(CardNetwork::kDiners) : std::nullopt;
  if (startsWithRange(d, 4, 3528, 3589))
    return n == 16 ? std::optional(CardNetwork::kJcb) : std::nullopt;
  if (startsWithRange(d, 4, 6011, 6011) || startsWithRange(d, 3, 644, 649) ||
      startsWithRange(d, 2, 65, 65))
    return n >= 16 ? std::optional(CardNetwork::kDiscover) : std::nullopt;
  if (startsWithRange(d, 2, 62, 62))
    return n >= 16 ? std::optional(CardNetwork::kUnionPay) : std::nullopt;
  // Maestro/Dankort: 50, 56-58, 63, 67 (e.g. 5019 Dankort, 6304, 6759).
  if (startsWithRange(d, 2, 50, 50) || startsWithRange(d, 2, 56, 58) ||
      startsWithRange(d, 2, 63, 63) || startsWithRange(d, 2, 67, 67))
    return n >= 16 ? std::optional(CardNetwork::kMaestro) : std::nullopt;
  if (d[0] == '1') return n == 15 ? std::optional(CardNetwork::kUatp) : std::nullopt;
  if (d[0] == '9') return n == 16 ? std::optional(CardNetwork::kKoreanDomestic) : std::nullopt;
  return std::nullopt;
}

bool allSameDigit(std::string_view d) {
  for (char c : d)
    if (c != d.front()) return false;
  return true;
}

bool isCompactTimestamp(std::string_view d) {
  if (d.size() != 12 && d.size() != 14) return false;
  const auto num = [&](std::size_t at, std::size_t n) {
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) v = v * 10 + (d[i] - '0');
    return v;
  };
  const int year = num(0, 4);
  if (year < 1970 || year > 2099 || !isValidDate(year, num(4, 2), num(6, 2))) return false;
  if (num(8, 2) > 23 || num(10, 2) > 59) return false;
  return d.size() == 12 || num(12, 2) <= 59;
}

}  // namespace jamul::scanner::detect
