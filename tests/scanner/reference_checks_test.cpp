// SPDX-License-Identifier: Apache-2.0
// The synthetic corpus's reference checks (tests/support/reference_checks.h) against the detector's
// validators (scanner/src/detect/validators.h). The two are written apart; on the published vectors
// the reference must be right on its own, and on many generated numbers the two must agree, so that
// a bug in either shows here rather than in the accuracy figures (issue 14).

#include "support/reference_checks.h"

#include <boost/test/unit_test.hpp>
#include <string>

#include "detect/validators.h"
#include "support/synthetic_values.h"

namespace jamul::test::reference {
namespace {

namespace detect = scanner::detect;
using synth::Rng;

constexpr int kDraws = 20000;

std::string randomDigits(Rng& rng, std::size_t n) {
  std::string s(n, '0');
  for (char& c : s) c = static_cast<char>('0' + rng.below(10));
  return s;
}

char digitChar(int d) { return static_cast<char>('0' + d); }

// `payload` completed by `check`, or, one time in two, by another digit: half of the numbers
// checked are valid, half are not.
std::string completed(Rng& rng, const std::string& payload, int check) {
  const int wrong = (check + 1 + static_cast<int>(rng.below(9))) % 10;
  return payload + digitChar(rng.chance(0.5) ? check : wrong);
}

std::string_view networkName(detect::CardNetwork n) {
  switch (n) {
    case detect::CardNetwork::kVisa:
      return "visa";
    case detect::CardNetwork::kMastercard:
      return "mastercard";
    case detect::CardNetwork::kAmex:
      return "amex";
    case detect::CardNetwork::kDiners:
      return "diners";
    case detect::CardNetwork::kJcb:
      return "jcb";
    case detect::CardNetwork::kDiscover:
      return "discover";
    case detect::CardNetwork::kUnionPay:
      return "unionpay";
    case detect::CardNetwork::kMaestro:
      return "maestro";
    case detect::CardNetwork::kUatp:
      return "uatp";
    case detect::CardNetwork::kKoreanDomestic:
      return "korean domestic";
  }
  return "?";
}

BOOST_AUTO_TEST_SUITE(reference_checks)

BOOST_AUTO_TEST_CASE(published_vectors) {
  // Luhn: the worked example usually cited for ISO/IEC 7812-1 Annex B, and public test card
  // numbers (DETECTION.md §3.6).
  BOOST_TEST(checkDigit(CheckDigit::kLuhn, "7992739871") == 3);
  for (const char* card : {"79927398713", "4111111111111111", "5555555555554444", "371449635398431",
                           "30569309025904", "6011000400000000"})
    BOOST_TEST(endsInCheckDigit(CheckDigit::kLuhn, card), card);
  BOOST_TEST(!endsInCheckDigit(CheckDigit::kLuhn, "4012888888881882"));
  // EAN-13 and ISBN-13 (GS1 General Specifications §7.9).
  BOOST_TEST(checkDigit(CheckDigit::kEan13, "400638133393") == 1);
  BOOST_TEST(checkDigit(CheckDigit::kEan13, "978030640615") == 7);
  // Registration numbers (DETECTION.md §3.1, §3.2).
  for (const char* rrn : {"9601211021413", "0509122000019", "8804112238459", "9001011234568"})
    BOOST_TEST(endsInCheckDigit(CheckDigit::kResidentRegistration, rrn), rrn);
  BOOST_TEST(!endsInCheckDigit(CheckDigit::kResidentRegistration, "9601211234567"));
  BOOST_TEST(endsInCheckDigit(CheckDigit::kForeignerPlus2, "9111245678906"));
  BOOST_TEST(!endsInCheckDigit(CheckDigit::kResidentRegistration, "9111245678906"));
  BOOST_TEST(registrationBirthDate("0509122000019")->year == 1905);
  BOOST_TEST(registrationBirthDate("0101013000000")->year == 2001);
  BOOST_TEST(registrationBirthDate("9710139019902")->year == 1897);
  BOOST_TEST(!registrationBirthDate("9602311021413").has_value());
  // Business and corporate registration numbers (§3.9, §3.10).
  for (const char* brn : {"1048656659", "1048213138", "2098206382", "1304717700"})
    BOOST_TEST(endsInCheckDigit(CheckDigit::kBusinessRegistration, brn), brn);
  BOOST_TEST(!endsInCheckDigit(CheckDigit::kBusinessRegistration, "1048656658"));
  for (const char* parts : {"1008608983", "2110008983", "2118600003"})
    BOOST_TEST(!brnPartsPossible(parts), parts);
  for (const char* crn : {"1301110006246", "1912110006639"}) {
    BOOST_TEST(endsInCheckDigit(CheckDigit::kCorporateRegistration, crn), crn);
    BOOST_TEST(crnTypeCode(crn), crn);
  }
  // Dates.
  BOOST_TEST(realDate(2000, 2, 29));
  BOOST_TEST(!realDate(1900, 2, 29));
  BOOST_TEST(!realDate(2023, 4, 31));
}

// Each scheme with the detector's check of the same numbers, and the payload length it takes
// (0: any, 1-19 digits).
struct Scheme {
  CheckDigit scheme;
  bool (*detector_ok)(std::string_view);
  std::size_t payload;
  const char* name;
};
const Scheme kSchemes[] = {
    {CheckDigit::kResidentRegistration, detect::rrnChecksumOk, 12, "RRN"},
    {CheckDigit::kForeignerPlus2, detect::frnPlus2ChecksumOk, 12, "FRN +2"},
    {CheckDigit::kBusinessRegistration, detect::brnChecksumOk, 9, "BRN"},
    {CheckDigit::kCorporateRegistration, detect::crnChecksumOk, 12, "CRN"},
    {CheckDigit::kEan13, detect::ean13Ok, 12, "EAN-13"},
    {CheckDigit::kLuhn, detect::luhnOk, 0, "Luhn"},
};

BOOST_AUTO_TEST_CASE(check_digits_agree_on_generated_numbers) {
  Rng rng(0x14C4EC5);
  for (const Scheme& s : kSchemes) {
    int valid = 0;
    for (int i = 0; i < kDraws; ++i) {
      const std::string payload = randomDigits(rng, s.payload != 0 ? s.payload : 1 + rng.below(19));
      const std::string number = completed(rng, payload, checkDigit(s.scheme, payload));
      const bool ok = s.detector_ok(number);
      BOOST_TEST(ok == endsInCheckDigit(s.scheme, number), s.name << " " << number);
      valid += ok ? 1 : 0;
    }
    // Both answers were exercised: about half of the completed numbers are valid.
    BOOST_TEST(valid > kDraws / 3, s.name);
    BOOST_TEST(valid < kDraws * 2 / 3, s.name);
  }
  // Luhn over numbers of any length, most of them invalid.
  for (int i = 0; i < kDraws; ++i) {
    const std::string bare = randomDigits(rng, 1 + rng.below(20));
    BOOST_TEST(detect::luhnOk(bare) == endsInCheckDigit(CheckDigit::kLuhn, bare), bare);
  }
}

BOOST_AUTO_TEST_CASE(number_parts_agree) {
  Rng rng(0x9A475);
  for (int i = 0; i < kDraws; ++i) {
    // BRN parts near their edges (office code 100/101, type 00, serial 0000) as often as not.
    std::string brn = randomDigits(rng, 10);
    if (rng.chance(0.2)) brn.replace(0, 3, rng.chance(0.5) ? "100" : "101");
    if (rng.chance(0.2)) brn.replace(3, 2, "00");
    if (rng.chance(0.2)) brn.replace(5, 4, "0000");
    BOOST_TEST(detect::brnComponentsOk(brn) == brnPartsPossible(brn), brn);
    const std::string crn = randomDigits(rng, 13);
    BOOST_TEST(detect::crnTypeCodeOk(crn) == crnTypeCode(crn), crn);
  }
}

BOOST_AUTO_TEST_CASE(dates_and_birth_dates_agree) {
  for (int year = 1799; year <= 2101; ++year)
    for (int month = 0; month <= 13; ++month)
      for (int day = 0; day <= 32; ++day)
        BOOST_TEST(detect::isValidDate(year, month, day) == realDate(year, month, day),
                   year << "-" << month << "-" << day);
  Rng rng(0xB1A7D);
  int real = 0;
  for (int i = 0; i < kDraws; ++i) {
    // Months 00-19 and days 00-39: real dates and near misses.
    std::string d = randomDigits(rng, 13);
    d[2] = rng.chance(0.7) ? '0' : '1';
    d[4] = static_cast<char>('0' + rng.range(0, 3));
    const auto mine = registrationBirthDate(d);
    const auto theirs = detect::registrationBirthDate(d);
    BOOST_REQUIRE_MESSAGE(mine.has_value() == theirs.has_value(), d);
    if (!mine) continue;
    ++real;
    BOOST_TEST(mine->year == theirs->year, d);
    BOOST_TEST(mine->month == theirs->month, d);
    BOOST_TEST(mine->day == theirs->day, d);
  }
  BOOST_TEST(real > kDraws / 4);
}

BOOST_AUTO_TEST_CASE(card_brands_agree) {
  // Prefixes on both sides of every range edge, and random ones.
  static constexpr const char* kPrefixes[] = {
      "4",    "3",    "5",    "50",   "51",   "55",   "56",   "58",   "59",   "2220", "2221",
      "2720", "2721", "33",   "34",   "35",   "36",   "37",   "38",   "39",   "299",  "300",
      "305",  "306",  "3094", "3095", "3096", "3527", "3528", "3589", "3590", "6010", "6011",
      "6012", "643",  "644",  "649",  "650",  "65",   "61",   "62",   "63",   "64",   "66",
      "67",   "68",   "1",    "0",    "9",    "8",    "7"};
  Rng rng(0xCA4D);
  int cards = 0;
  for (int i = 0; i < kDraws; ++i) {
    std::string d = rng.chance(0.8) ? std::string(rng.pick(kPrefixes)) : "";
    const std::size_t length = 12 + rng.below(9);  // 12-20
    if (d.size() < length) d += randomDigits(rng, length - d.size());
    const auto mine = cardBrand(d);
    const auto theirs = detect::cardNetwork(d);
    BOOST_REQUIRE_MESSAGE(mine.has_value() == theirs.has_value(), d);
    if (!mine) continue;
    ++cards;
    BOOST_TEST(*mine == networkName(*theirs), d);
  }
  BOOST_TEST(cards > kDraws / 10);  // about one in seven: most lengths fit no brand
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::test::reference
