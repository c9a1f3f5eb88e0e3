// SPDX-License-Identifier: Apache-2.0
// LabelTrigger: every occurrence of every literal is found, nothing else, the same with and without
// the vector instructions, at every alignment and at the ends of the text.

#include "detect/label_trigger.h"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace jamul::scanner::detect {
namespace {

const std::vector<std::string> kLiterals = {"성명", "이름", "주소", "생년", "예금", "성 명", "주  소",
                                            "장애", "진단", "나이"};

// Every (offset, literal) where a literal begins, by comparing at every offset.
std::vector<std::pair<std::size_t, int>> naive(const std::string& text) {
  std::vector<std::pair<std::size_t, int>> out;
  for (std::size_t i = 0; i < text.size(); ++i)
    for (std::size_t l = 0; l < kLiterals.size(); ++l)
      if (text.compare(i, kLiterals[l].size(), kLiterals[l]) == 0) out.emplace_back(i, static_cast<int>(l));
  return out;
}

std::vector<std::pair<std::size_t, int>> asPairs(const std::vector<LabelTrigger::Hit>& hits) {
  std::vector<std::pair<std::size_t, int>> out;
  for (const auto& h : hits) out.emplace_back(h.offset, h.literal);
  return out;
}

BOOST_AUTO_TEST_SUITE(label_trigger)

BOOST_AUTO_TEST_CASE(finds_every_literal_and_nothing_else_in_both_implementations) {
  const LabelTrigger trigger(kLiterals);
  // Text made of the literals' own syllables and near misses, shuffled by a fixed generator, so
  // that fingerprints collide often and literals straddle the 32-byte blocks.
  const std::vector<std::string> pieces = {"성", "명", "이", "름", "주", "소", "생", "년", "예", "금",
                                           " ", "  ", "장", "애", "진", "단", "나", "a", "1", "\n",
                                           "성명", "주  소", "성 명", "가", "힣", ":"};
  std::uint64_t state = 20261207;
  int found = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text;
    const std::size_t pieces_n = 1 + round % 97;
    for (std::size_t i = 0; i < pieces_n; ++i) {
      state = state * 6364136223846793005ull + 1442695040888963407ull;
      text += pieces[(state >> 33) % pieces.size()];
    }
    std::vector<LabelTrigger::Hit> fast, portable;
    trigger.find(text, fast);
    trigger.findPortable(text, portable);
    const auto want = naive(text);
    BOOST_TEST_REQUIRE((asPairs(fast) == want), "text: " << text);
    BOOST_TEST_REQUIRE((asPairs(portable) == want), "text: " << text);
    found += static_cast<int>(want.size());
  }
  BOOST_TEST(found > 500);  // the text held many literals: the comparison meant something
}

BOOST_AUTO_TEST_CASE(literals_at_the_very_start_and_end_of_long_text) {
  const LabelTrigger trigger(kLiterals);
  std::string text = "성명";
  text += std::string(1000, 'x');
  text += "나이";
  std::vector<LabelTrigger::Hit> hits;
  trigger.find(text, hits);
  BOOST_TEST_REQUIRE(hits.size() == 2u);
  BOOST_TEST(hits[0].offset == 0u);
  BOOST_TEST(trigger.literal(hits[0].literal) == "성명");
  BOOST_TEST(hits[1].offset == text.size() - 6);
  BOOST_TEST(trigger.literal(hits[1].literal) == "나이");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::detect
