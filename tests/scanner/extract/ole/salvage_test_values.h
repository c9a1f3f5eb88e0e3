// SPDX-License-Identifier: Apache-2.0
#pragma once

// Values for the issue 12 tests of damaged compound files: distinct synthetic resident
// registration numbers (random, valid check digits, nobody's) and a count of those a text holds.

#include <set>
#include <string>
#include <vector>

#include "support/synthetic_values.h"

namespace jamul::testing {

// `n` distinct synthetic resident registration numbers, "dddddd-ddddddd".
inline std::vector<std::string> syntheticRrns(std::size_t n, std::uint64_t seed = 12) {
  test::synth::Rng rng(seed);
  std::set<std::string> seen;
  std::vector<std::string> out;
  while (out.size() < n) {
    const std::string d = test::synth::digitsOf(test::synth::makeRrn(rng).text);
    if (seen.insert(d).second) out.push_back(d.substr(0, 6) + "-" + d.substr(6));
  }
  return out;
}

// How many of `values` occur in `text`.
inline std::size_t countFound(const std::string& text, const std::vector<std::string>& values) {
  std::size_t n = 0;
  for (const std::string& v : values) n += text.find(v) != std::string::npos ? 1 : 0;
  return n;
}

}  // namespace jamul::testing
