// SPDX-License-Identifier: Apache-2.0
#include "detect/keyword_index.h"

#include <boost/test/unit_test.hpp>

#include "jamul/scanner/rule_catalog.h"

namespace jamul::scanner::detect {
namespace {

std::vector<KeywordHit> findAll(const KeywordIndex& index, std::string_view text) {
  std::vector<KeywordHit> hits;
  index.find(text, 0, text.size(), hits);
  return hits;
}

BOOST_AUTO_TEST_SUITE(keyword_index)

BOOST_AUTO_TEST_CASE(longest_keyword_wins_over_the_ones_inside_it) {
  auto index = KeywordIndex::create();
  BOOST_REQUIRE(index.ok());
  auto hits = findAll(**index, "주민등록번호는");
  BOOST_REQUIRE(hits.size() == 1u);
  BOOST_TEST((hits[0].classes & positiveBit(RuleId::kKrRrn)) != 0u);
  BOOST_TEST((hits[0].classes & positiveBit(RuleId::kKrBrn)) == 0u);  // "등록번호" inside it
  hits = findAll(**index, "대표전화");
  BOOST_REQUIRE(hits.size() == 1u);
  BOOST_TEST((hits[0].classes & negativeBit(RuleId::kKrPhone)) != 0u);
  BOOST_TEST((hits[0].classes & positiveBit(RuleId::kKrPhone)) == 0u);
}

BOOST_AUTO_TEST_CASE(ascii_keywords_are_words_in_any_case) {
  auto index = KeywordIndex::create();
  BOOST_REQUIRE(index.ok());
  BOOST_TEST(findAll(**index, "SHIPPING").empty());
  auto hits = findAll(**index, "접속 ip: 1.2.3.4 and IP주소");
  BOOST_REQUIRE(hits.size() == 2u);
  BOOST_TEST((hits[0].classes & positiveBit(RuleId::kIpv4)) != 0u);
  hits = findAll(**index, "Credit Cards accepted");
  BOOST_REQUIRE(hits.size() == 1u);  // plural "s" still counts
  BOOST_TEST((hits[0].classes & positiveBit(RuleId::kCardNumber)) != 0u);
}

BOOST_AUTO_TEST_CASE(negative_labels_and_bank_names) {
  auto index = KeywordIndex::create();
  BOOST_REQUIRE(index.ok());
  auto hits = findAll(**index, "주문번호");
  BOOST_REQUIRE(hits.size() == 1u);
  BOOST_TEST((hits[0].classes & negativeBit(RuleId::kKrRrn)) != 0u);
  BOOST_TEST((hits[0].classes & negativeBit(RuleId::kEmail)) == 0u);  // not a numeric rule
  hits = findAll(**index, "카카오뱅크");
  BOOST_REQUIRE(hits.size() == 1u);
  BOOST_REQUIRE(hits[0].bank >= 0);
  BOOST_TEST(bankCatalog()[static_cast<std::size_t>(hits[0].bank)].name == "카카오뱅크");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::detect
