// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reference checks: the check digits and number structures of the identifiers the synthetic corpus
// generates (synthetic_values.h), written for the tests from the public specifications, apart from
// the detector's validators (scanner/src/detect/validators.h). The generator makes its values and
// tells them from decoys with these, so that a bug in the detector's checksums shows up as
// missed or extra findings instead of being copied into the expected answers; and
// tests/scanner/reference_checks_test.cpp runs both on many generated values, so a bug in either
// shows (issue 14).
//
// Inputs are ASCII digit strings of the length each function names, separators removed.
//
// Pure functions; thread-safe.

#include <cstdint>
#include <optional>
#include <string_view>

namespace jamul::test::reference {

// True if year-month-day is a day of the proleptic Gregorian calendar.
bool realDate(int year, int month, int day);

struct BirthDate {
  int year = 0;
  int month = 0;
  int day = 0;
};
// The birth date in the first 7 digits of a resident or foreigner registration number: YYMMDD, the
// century from the 7th digit; nullopt when that is not a real date.
std::optional<BirthDate> registrationBirthDate(std::string_view digits13);

// The check-digit schemes of the numbers the corpus writes.
enum class CheckDigit {
  kResidentRegistration,   // 주민등록번호: after 12 digits
  kForeignerPlus2,         // the "+2" variant of older 외국인등록번호: after 12 digits
  kBusinessRegistration,   // 사업자등록번호: after 9 digits
  kCorporateRegistration,  // 법인등록번호: after 12 digits
  kEan13,                  // EAN-13 and ISBN-13: after 12 digits
  kLuhn,                   // card numbers: after any number of digits
};

// The digit that `scheme` appends to `payload`.
int checkDigit(CheckDigit scheme, std::string_view payload);
// True if `digits` (at least one) ends in the check digit of the digits before it.
bool endsInCheckDigit(CheckDigit scheme, std::string_view digits);

// Whether the parts of a 10-digit business registration number are possible: office code 101 or
// more, type code not 00, serial not 0000.
bool brnPartsPossible(std::string_view digits10);
// Whether digits 5-6 of a 13-digit corporate registration number are a corporate type code.
bool crnTypeCode(std::string_view digits13);

// The card brand whose issuer range and length `digits` fit ("visa", "mastercard", "amex",
// "diners", "jcb", "discover", "unionpay", "maestro", "uatp", "korean domestic"), or nullopt.
std::optional<std::string_view> cardBrand(std::string_view digits);

}  // namespace jamul::test::reference
