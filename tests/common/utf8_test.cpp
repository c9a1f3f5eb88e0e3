// SPDX-License-Identifier: Apache-2.0
#include "jamul/common/utf8.h"

#include <boost/test/unit_test.hpp>

namespace jamul {
namespace {

BOOST_AUTO_TEST_SUITE(utf8_helpers)

BOOST_AUTO_TEST_CASE(validation_follows_rfc_3629) {
  BOOST_TEST(utf8::isValid("한글 ASCII \xF0\x9F\x98\x80"));
  BOOST_TEST(!utf8::isValid("\xC0\xAF"));          // overlong '/'
  BOOST_TEST(!utf8::isValid("\xED\xA0\x80"));      // UTF-16 surrogate
  BOOST_TEST(!utf8::isValid("\xF4\x90\x80\x80"));  // above U+10FFFF
  BOOST_TEST(!utf8::isValid("\xE1\x80"));          // truncated
  BOOST_TEST(utf8::sequenceLength("한") == 3u);
  BOOST_TEST(utf8::sequenceLength("\x80") == 0u);
}

BOOST_AUTO_TEST_CASE(lossy_repair_and_encoding) {
  BOOST_TEST(utf8::toValidLossy("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  std::string out;
  utf8::append(out, U'A');
  utf8::append(out, U'\u00E9');
  utf8::append(out, U'\uD55C');
  utf8::append(out, U'\U0001F600');
  BOOST_TEST(out == "A\u00E9\uD55C\U0001F600");
}

BOOST_AUTO_TEST_SUITE_END()

}  // namespace
}  // namespace jamul
