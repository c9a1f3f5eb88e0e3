// SPDX-License-Identifier: Apache-2.0
// FindingBasis: the stable names and bits of why a value was reported, and how occurrences of one
// value fold into one finding.

#include "jamul/scanner/finding_basis.h"

#include <boost/test/unit_test.hpp>

namespace jamul::scanner {
namespace {

constexpr BasisSet kChecksum = basisBit(Basis::kChecksum);
constexpr BasisSet kLabel = basisBit(Basis::kLabel);
constexpr BasisSet kKeyword = basisBit(Basis::kKeyword);
constexpr BasisSet kFormat = basisBit(Basis::kFormat);
constexpr BasisSet kRepaired = basisBit(Basis::kRepaired);

int fold(BasisSet a, BasisSet b) { return foldBasis(a, b); }

BOOST_AUTO_TEST_SUITE(finding_basis)

// The bits are stored in inventories and the names are API: neither may change.
BOOST_AUTO_TEST_CASE(names_and_bits_are_stable) {
  const std::pair<Basis, std::string_view> expected[] = {{Basis::kChecksum, "checksum"},
                                                         {Basis::kLabel, "label"},
                                                         {Basis::kKeyword, "keyword"},
                                                         {Basis::kFormat, "format"},
                                                         {Basis::kRepaired, "repaired"}};
  BasisSet bit = 1;
  for (std::size_t i = 0; i < kBasisCount; ++i, bit = static_cast<BasisSet>(bit << 1)) {
    BOOST_TEST((kAllBases[i] == expected[i].first));
    BOOST_TEST(static_cast<int>(basisBit(kAllBases[i])) == static_cast<int>(bit));
    BOOST_TEST(basisName(kAllBases[i]) == expected[i].second);
    BOOST_TEST((basisFromName(expected[i].second) == kAllBases[i]));
  }
  BOOST_TEST(!basisFromName("luhn").has_value());
  BOOST_TEST(!basisFromName("").has_value());
}

BOOST_AUTO_TEST_CASE(folding_unites_facts_and_keeps_the_strongest_context) {
  // The value's own facts: any occurrence that showed them.
  BOOST_TEST(fold(kChecksum | kFormat, kFormat) == (kChecksum | kFormat));
  BOOST_TEST(fold(kFormat | kRepaired, kChecksum | kFormat) == (kChecksum | kFormat | kRepaired));
  // Context: label over keyword over format, one of them.
  BOOST_TEST(fold(kChecksum | kFormat, kChecksum | kLabel) == (kChecksum | kLabel));
  BOOST_TEST(fold(kKeyword, kLabel) == kLabel);
  BOOST_TEST(fold(kFormat, kKeyword) == kKeyword);
  // Order does not matter; an unknown side adds nothing.
  BOOST_TEST(fold(kLabel, kKeyword | kChecksum) == fold(kKeyword | kChecksum, kLabel));
  BOOST_TEST(fold(0, kKeyword | kChecksum) == (kKeyword | kChecksum));
  BOOST_TEST(fold(0, 0) == 0);
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
