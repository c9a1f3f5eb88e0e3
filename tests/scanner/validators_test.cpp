// SPDX-License-Identifier: Apache-2.0
// Checksums and dates against the vectors of DETECTION.md §3 (sources cited there).

#include "detect/validators.h"

#include <boost/test/unit_test.hpp>

namespace jamul::scanner::detect {
namespace {

BOOST_AUTO_TEST_SUITE(validators)

BOOST_AUTO_TEST_CASE(calendar_dates) {
  BOOST_TEST(isValidDate(2000, 2, 29));   // divisible by 400
  BOOST_TEST(!isValidDate(1900, 2, 29));  // divisible by 100 only
  BOOST_TEST(isValidDate(2024, 2, 29));
  BOOST_TEST(!isValidDate(2023, 2, 29));
  BOOST_TEST(!isValidDate(1996, 2, 31));
  BOOST_TEST(!isValidDate(1996, 4, 31));
  BOOST_TEST(!isValidDate(1996, 13, 1));
  BOOST_TEST(!isValidDate(1996, 1, 0));
  const auto d = registrationBirthDate("0509122000019");
  BOOST_REQUIRE(d.has_value());
  BOOST_TEST(d->year == 1905);
  BOOST_TEST(registrationBirthDate("0101013000000")->year == 2001);
  BOOST_TEST(registrationBirthDate("9710139019902")->year == 1897);
  BOOST_TEST(!registrationBirthDate("9602311021413").has_value());
}

BOOST_AUTO_TEST_CASE(registration_numbers) {
  // [PRESIDIO-RRN-TEST], [STDNUM-RRN-TEST], [KOKR-ID]
  for (const char* ok : {"9601211021413", "0509122000019", "0001011000002", "8804112238459"})
    BOOST_TEST(rrnChecksumOk(ok), ok);
  for (const char* bad : {"9601211234567", "0005053637892", "9710139019903"})
    BOOST_TEST(!rrnChecksumOk(bad), bad);
  // [PRESIDIO-FRN-TEST]: "+2" variant only.
  BOOST_TEST(frnPlus2ChecksumOk("9111245678906"));
  BOOST_TEST(!rrnChecksumOk("9111245678906"));
  BOOST_TEST(frnPlus2ChecksumOk("0509126000012"));
  // [KOKR-ID]: RRN formula only.
  BOOST_TEST(rrnChecksumOk("0101015010105"));
  BOOST_TEST(!frnPlus2ChecksumOk("0101015010105"));
}

BOOST_AUTO_TEST_CASE(business_and_corporate_numbers) {
  for (const char* ok : {"1048656659", "1048213138", "1168200276", "2098206382", "2118608983",
                         "3178111175", "2208869974", "1304717700", "1248100998", "1208147521"})
    BOOST_TEST(brnChecksumOk(ok), ok);
  BOOST_TEST(!brnChecksumOk("1048656658"));
  BOOST_TEST(!brnChecksumOk("1234567890"));
  BOOST_TEST(brnComponentsOk("2118608983"));
  BOOST_TEST(!brnComponentsOk("1008608983"));  // office code below 101
  BOOST_TEST(!brnComponentsOk("2110008983"));  // type code 00
  BOOST_TEST(!brnComponentsOk("2118600003"));  // serial 0000
  // [BRN-PUBLIC], [KOREAN-PII-CORP-D003]; the Luhn-style variant would reject both.
  BOOST_TEST(crnChecksumOk("1301110006246"));
  BOOST_TEST(crnChecksumOk("1912110006639"));
  BOOST_TEST(!crnChecksumOk("1301110006247"));
  BOOST_TEST(crnTypeCodeOk("1301110006246"));
  BOOST_TEST(!crnTypeCodeOk("1301010006246"));  // type 10
  BOOST_TEST(!crnTypeCodeOk("1301300006246"));  // type 30 (the pattern admits 30; code does not)
}

BOOST_AUTO_TEST_CASE(issue_13_compact_timestamps) {
  BOOST_TEST(isCompactTimestamp("202205020739"));
  BOOST_TEST(isCompactTimestamp("20220502073912"));
  BOOST_TEST(isCompactTimestamp("19991231235959"));
  BOOST_TEST(!isCompactTimestamp("202213020739"));    // month 13
  BOOST_TEST(!isCompactTimestamp("202202300739"));    // 30 February
  BOOST_TEST(!isCompactTimestamp("202205022460"));    // 24:60
  BOOST_TEST(!isCompactTimestamp("20220502073960"));  // second 60
  BOOST_TEST(!isCompactTimestamp("110436387740"));    // an account: year 1104
  BOOST_TEST(!isCompactTimestamp("2022050207391"));   // 13 digits
}

BOOST_AUTO_TEST_CASE(cards_and_barcodes) {
  BOOST_TEST(luhnOk("4012888888881881"));
  BOOST_TEST(!luhnOk("4012888888881882"));
  BOOST_TEST(luhnOk("371449635398431"));
  BOOST_TEST((cardNetwork("4111111111111111") == CardNetwork::kVisa));
  BOOST_TEST((cardNetwork("2221001234567896") == CardNetwork::kMastercard));
  BOOST_TEST((cardNetwork("2720991234567890") == CardNetwork::kMastercard));
  BOOST_TEST(!cardNetwork("2721001234567890").has_value());
  BOOST_TEST((cardNetwork("371449635398431") == CardNetwork::kAmex));
  BOOST_TEST(!cardNetwork("3714496353984311").has_value());  // AmEx is 15 digits
  BOOST_TEST((cardNetwork("30569309025904") == CardNetwork::kDiners));
  BOOST_TEST((cardNetwork("3528000700000000") == CardNetwork::kJcb));
  BOOST_TEST((cardNetwork("9410123456789010") == CardNetwork::kKoreanDomestic));
  BOOST_TEST((cardNetwork("122000000000003") == CardNetwork::kUatp));
  BOOST_TEST(!cardNetwork("7012888888881883").has_value());
  BOOST_TEST(ean13Ok("8801231567896"));
  BOOST_TEST(!ean13Ok("8801231567897"));
  BOOST_TEST(allSameDigit("0000000000000"));
  BOOST_TEST(!allSameDigit("0000000000001"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::detect
