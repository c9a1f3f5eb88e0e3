// SPDX-License-Identifier: Apache-2.0
#pragma once

// Validators: the pure checks behind each rule (DETECTION.md §3): calendar dates with century,
// checksums (RRN, FRN, BRN, CRN, Luhn, EAN-13) and issuer ranges. Inputs are ASCII digit strings with
// separators already removed; every function REQUIRES the documented length and digits only.
//
// Pure functions; thread-safe.

#include <compare>
#include <cstdint>
#include <optional>
#include <string_view>

namespace jamul::scanner::detect {

struct CivilDate {
  int year = 0;
  int month = 0;
  int day = 0;
  auto operator<=>(const CivilDate&) const = default;
};

// True if year-month-day is a real Gregorian date (month lengths, leap years).
bool isValidDate(int year, int month, int day);

// The birth date encoded in a 13-digit RRN/FRN: YYMMDD with the century from digit 7
// (1,2,5,6 -> 1900s; 3,4,7,8 -> 2000s; 9,0 -> 1800s). std::nullopt if the date is not a real date.
std::optional<CivilDate> registrationBirthDate(std::string_view digits13);

// RRN check digit: weights 2..9,2..5 on digits 1-12, C = (11 - S mod 11) mod 10 [PRESIDIO-RRN].
bool rrnChecksumOk(std::string_view digits13);
// Foreigner "+2" variant: C = (13 - S mod 11) mod 10 [EGOV-NUM][PRESIDIO-FRN].
bool frnPlus2ChecksumOk(std::string_view digits13);

// The day from which new RRNs carry a random tail without a valid check digit [MOEF-2020].
inline constexpr CivilDate kRandomRrnTailsFrom{2020, 10, 5};

// BRN: weights 1,3,7,1,3,7,1,3,5 on digits 1-9, plus floor(d9*5/10); C = (10 - S mod 10) mod 10
// [EGOV-NUM][PRESIDIO-BRN].
bool brnChecksumOk(std::string_view digits10);
// BRN components [STDNUM-BRN]: office code >= 101, type code != 00, serial != 0000.
bool brnComponentsOk(std::string_view digits10);

// CRN: weights 1,2,1,2,... on digits 1-12 (plain products), D = (10 - S mod 10) mod 10 [EGOV-NUM].
bool crnChecksumOk(std::string_view digits13);
// CRN corporate type code, digits 5-6: 11-15, 21-22, 31-53, 71, 81-86 [PRESIDIO-ISSUE2177].
bool crnTypeCodeOk(std::string_view digits13);

// Luhn (mod 10) over all digits.
bool luhnOk(std::string_view digits);
// EAN-13: weights 1,3 alternating over 12 digits, check = (10 - S mod 10) mod 10.
bool ean13Ok(std::string_view digits13);

enum class CardNetwork : std::uint8_t {
  kVisa, kMastercard, kAmex, kDiners, kJcb, kDiscover, kUnionPay, kMaestro, kUatp, kKoreanDomestic,
};
// The card network whose IIN range and length `digits` fit [ORACLE-IIN][KAKAOBANK-BIN]; std::nullopt
// if none does. Korean domestic-only cards start with 9 and have 16 digits.
std::optional<CardNetwork> cardNetwork(std::string_view digits);

// True if `digits` (12 or 14 digits) reads as a compact date and time YYYYMMDDhhmm[ss] between
// 1970 and 2099: what logs and exports write for a moment, not an identifier (issue 13).
bool isCompactTimestamp(std::string_view digits);

// True if every character of `digits` is the same digit ("0000000000000").
bool allSameDigit(std::string_view digits);

}  // namespace jamul::scanner::detect
