// SPDX-License-Identifier: Apache-2.0
#include "detect/normalizer.h"

#include <boost/test/unit_test.hpp>

namespace jamul::scanner::detect {
namespace {

BOOST_AUTO_TEST_SUITE(normalizer)

BOOST_AUTO_TEST_CASE(text_without_look_alikes_is_returned_without_a_copy) {
  Normalizer n;
  const std::string text = "주민번호 900101-1234568 “인용” · 끝";
  const std::string_view out = n.normalize(text);
  BOOST_TEST(n.identity());
  BOOST_TEST(out.data() == text.data());
  BOOST_TEST(n.toOriginal(5) == 5u);
}

BOOST_AUTO_TEST_CASE(look_alikes_become_ascii_and_offsets_map_back) {
  Normalizer n;
  // Full-width digits and hyphen, en dash, ideographic and no-break spaces, full-width @ and .,
  // Arabic-Indic and mathematical digits, soft hyphen, minus sign.
  const std::string text =
      "가 ９６０１２１－１０２１４１３ a–b\u3000c\u00A0d ｈｏｎｇ＠ｎａｖｅｒ．ｃｏｍ \u0663\u06F4 "
      "\U0001D7D7 x\u00ADy 1\u22122";
  const std::string_view out = n.normalize(text);
  BOOST_TEST(!n.identity());
  BOOST_TEST(out == "가 960121-1021413 a-b c d hong@naver.com 34 9 x-y 1-2");
  // Every normalised character boundary maps to the matching original boundary.
  const std::size_t norm_digits = out.find("960121");
  BOOST_TEST(n.toOriginal(norm_digits) == text.find("９"));
  BOOST_TEST(n.toOriginal(norm_digits + 1) == text.find("６"));
  const std::size_t norm_end = out.find(" a-b");
  BOOST_TEST(n.toOriginal(norm_end) == text.find(" a–b"));
  BOOST_TEST(n.toOriginal(out.size()) == text.size());
  BOOST_TEST(n.toOriginal(0) == 0u);
}

BOOST_AUTO_TEST_CASE(lookalike_lead_bytes_without_a_mapping_are_kept) {
  Normalizer n;
  const std::string text = "\u2018인용\u2019 \u00B7 \U0001F600 \u3001";  // quotes, middle dot, emoji
  BOOST_TEST(n.normalize(text) == text);
  BOOST_TEST(n.identity());
  std::size_t length = 0;
  BOOST_TEST(normalizedAscii("\xEF\xBC", length) == 0);  // truncated sequence
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul::scanner::detect
