// SPDX-License-Identifier: Apache-2.0
// The data-driven rule test: every example of every rule in the catalogue (rule_catalog.cpp) runs
// through the Detector, which must report that rule exactly as the example says (or not at all).

#include <boost/test/unit_test.hpp>

#include "jamul/scanner/rule_catalog.h"
#include "support/detector_fixture.h"

namespace jamul::scanner {
namespace {

BOOST_AUTO_TEST_SUITE(rule_examples)

BOOST_AUTO_TEST_CASE(every_catalogue_example_gives_its_expected_result) {
  Detector detector = test::makeTestDetector();
  int checked = 0;
  for (const RuleInfo& rule : ruleCatalog()) {
    BOOST_TEST_CONTEXT("rule " << ruleName(rule.id)) {
      BOOST_TEST(!rule.examples.empty());
      for (const RuleExample& example : rule.examples) {
        BOOST_TEST_CONTEXT("example \"" << example.text << "\"") {
          int count = 0;
          std::optional<Confidence> best;
          for (const Match& m : test::detectAll(detector, example.text)) {
            if (m.rule != rule.id) continue;
            ++count;
            if (!best || m.confidence > *best) best = m.confidence;
          }
          if (!example.expected) {
            BOOST_TEST(count == 0);
          } else {
            BOOST_TEST(count == example.count);
            BOOST_TEST((best && *best == *example.expected),
                       "expected " << confidenceName(*example.expected) << ", got "
                                   << (best ? confidenceName(*best) : "nothing"));
          }
          ++checked;
        }
      }
    }
  }
  BOOST_TEST(checked > 200);
}

BOOST_AUTO_TEST_CASE(every_rule_has_positive_and_negative_examples) {
  for (const RuleInfo& rule : ruleCatalog()) {
    BOOST_TEST_CONTEXT("rule " << ruleName(rule.id)) {
      bool positive = false, negative = false;
      for (const RuleExample& e : rule.examples) (e.expected ? positive : negative) = true;
      BOOST_TEST(positive);
      BOOST_TEST(negative);
    }
  }
}

BOOST_AUTO_TEST_CASE(catalogue_is_in_rule_id_order_with_stable_names) {
  const auto catalog = ruleCatalog();
  BOOST_TEST(catalog.size() == kRuleCount);
  for (std::size_t i = 0; i < catalog.size(); ++i) {
    BOOST_TEST(ruleIndex(catalog[i].id) == i);
    BOOST_TEST(ruleFromName(ruleName(catalog[i].id)) == catalog[i].id);
  }
  BOOST_TEST(ruleName(RuleId::kKrRrn) == "kr_rrn");
  BOOST_TEST(ruleName(RuleId::kPassword) == "password");
  BOOST_TEST(!ruleFromName("nope"));
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner
