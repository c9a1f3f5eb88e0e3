// SPDX-License-Identifier: Apache-2.0
#pragma once

// What the integration suites share: running the real `jamul` binary and reading its JSON Lines.

// property_tree includes the deprecated <boost/bind.hpp>, which asks for this to stay quiet.
#define BOOST_BIND_GLOBAL_PLACEHOLDERS
#include <boost/property_tree/json_parser.hpp>
#include <boost/property_tree/ptree.hpp>
#include <boost/test/unit_test.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/process.h"

namespace jamul::test {

inline ProcessResult jamul(const std::vector<std::string>& args,
                           const ProcessOptions& options = {}) {
  std::vector<std::string> argv = {jamulBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  return runProcess(argv, options);
}

// Parses JSON Lines; every line must be a JSON object.
inline std::vector<boost::property_tree::ptree> jsonLines(const std::string& out) {
  std::vector<boost::property_tree::ptree> objects;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    std::istringstream in(line);
    boost::property_tree::ptree tree;
    boost::property_tree::read_json(in, tree);
    objects.push_back(tree);
  }
  return objects;
}

inline const boost::property_tree::ptree& summaryOf(
    const std::vector<boost::property_tree::ptree>& lines) {
  BOOST_REQUIRE(!lines.empty());
  return lines.back().get_child("summary");
}

}  // namespace jamul::test
