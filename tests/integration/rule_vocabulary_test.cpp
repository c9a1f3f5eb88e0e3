// SPDX-License-Identifier: Apache-2.0
// The console validates policies against protocol::knownRuleVocabulary() without linking the
// scanner: the list must be the scanner's catalogue, in the same order, or a policy the console
// accepts would be refused by every agent (issue 17).
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "jamul/protocol/policy.h"
#include "jamul/scanner/rule.h"

BOOST_AUTO_TEST_SUITE(rule_vocabulary)

BOOST_AUTO_TEST_CASE(the_protocols_rule_ids_are_the_scanners_catalogue) {
  std::vector<std::string> scanner_ids;
  for (jamul::scanner::RuleId rule : jamul::scanner::kAllRules)
    scanner_ids.emplace_back(jamul::scanner::ruleName(rule));
  std::vector<std::string> protocol_ids;
  for (std::string_view id : jamul::protocol::knownRuleVocabulary().rules)
    protocol_ids.emplace_back(id);
  BOOST_TEST(protocol_ids == scanner_ids, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_SUITE_END()
